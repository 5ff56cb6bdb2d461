// A suite's trend over its last runs (its tests and its sub-suites' only): pass rate and duration
// per run in a chart and, with the same numbers, a table whose rows open the run.
import { useEffect, useId, useMemo, useState } from 'react'
import type { SuiteTrend } from '../../../../shared/api/results'
import { formatDuration } from '../../../../shared/run-wording'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { suiteTrendSeries } from './history-series'
import { errorText } from './run-format'
import { TrendChart } from './TrendChart'

const LIMIT = 30

export function SuiteTrendView({ suiteId }: { suiteId: string | null }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const tree = useApp((s) => s.tree)
  const id = useId()
  const [trend, setTrend] = useState<SuiteTrend | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!store.getState().tree) void store.getState().loadOutline()
  }, [store])
  const suites = useMemo(() => (tree ? [...tree.suitesById.values()].filter((s) => s.parent_id).sort((a, b) => a.path.join('/').localeCompare(b.path.join('/'))) : []), [tree])
  const shown = suiteId ?? suites[0]?.id ?? null

  useEffect(() => {
    if (!shown) return
    let live = true
    setTrend(null)
    setError(null)
    client.history.suiteTrend({ suite_id: shown, limit: LIMIT }).then((t) => live && setTrend(t), (e) => live && setError(errorText(e)))
    return () => {
      live = false
    }
  }, [client, shown])
  const series = useMemo(() => trend && suiteTrendSeries(trend.runs), [trend])

  return (
    <div className="pane scroll" data-region>
      <div className="run-head">
        <h1>Suite trend</h1>
        <button type="button" onClick={() => store.getState().navigate(route('runs'))}>All runs</button>
      </div>
      <div className="toolbar-row">
        <label htmlFor={`${id}-suite`}>Suite</label>
        <select id={`${id}-suite`} value={shown ?? ''} onChange={(e) => store.getState().navigate(route('runs', 'trend', e.target.value), { replace: true })}>
          {suites.map((s) => <option key={s.id} value={s.id}>{s.path.slice(1).join(' / ')}</option>)}
        </select>
      </div>
      {error && <p role="alert">{error}</p>}
      {!shown && tree && <p className="empty">The project has no suites yet.</p>}
      {shown && !trend && !error && <p className="loading">Loading…</p>}
      {trend && (
        <>
          <dl className="counts" aria-label="Statistics">
            <div><dt>Runs</dt><dd>{trend.statistics.runs}</dd></div>
            <div><dt>Pass rate</dt><dd data-testid="suite-pass-rate">{trend.statistics.overall_pass_rate}%</dd></div>
            <div><dt>Flaky rate</dt><dd>{trend.statistics.flaky_rate}%</dd></div>
            <div><dt>Mean duration</dt><dd>{formatDuration(Math.round(trend.statistics.avg_duration_ms))}</dd></div>
          </dl>
          {trend.runs.length === 0 ? (
            <p className="empty">No run has held a test of {trend.suite_name} yet.</p>
          ) : (
            <>
              {series && <TrendChart series={series} label={`Pass rate and duration of ${trend.suite_name} over its last ${trend.runs.length} runs`} />}
              <table className="list-table" aria-labelledby={`${id}-runs`}>
                <caption id={`${id}-runs`} className="visually-hidden">Runs of {trend.suite_name}, newest first</caption>
                <thead>
                  <tr><th scope="col">When</th><th scope="col">Run</th><th scope="col">Pass rate</th><th scope="col">Passed</th><th scope="col">Flaky</th><th scope="col">Duration</th></tr>
                </thead>
                <tbody>
                  {trend.runs.map((r) => (
                    <tr key={r.test_run_id}>
                      <td>{new Date(r.executed_at).toLocaleString()}</td>
                      <th scope="row"><button type="button" className="link" onClick={() => store.getState().navigate(route('runs', r.test_run_id))}>{r.run_name}</button></th>
                      <td>{r.pass_rate}%</td>
                      <td>{r.passed} of {r.tests}</td>
                      <td>{r.flaky}</td>
                      <td>{formatDuration(r.duration_ms)}{r.whole_run ? '' : ' (its tests)'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </div>
  )
}
