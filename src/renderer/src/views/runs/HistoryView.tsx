// A test's history: its last executions (status, duration, run, when) with pass rate, flaky
// rate, and a chart of duration and pass rate over time (uPlot: small, fast, kept up), the
// chart's numbers also in the table below it for those who cannot see it; each row opens its result.
import { useEffect, useId, useState } from 'react'
import type { TestCaseHistory } from '../../../../shared/api/results'
import { formatDuration } from '../../../../shared/run-wording'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { historySeries } from './history-series'
import { errorText } from './run-format'
import { TrendChart } from './TrendChart'

const LIMIT = 50

export function HistoryView({ testId }: { testId: string }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const id = useId()
  const [history, setHistory] = useState<TestCaseHistory | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    client.history.forTestCase({ test_case_id: testId, limit: LIMIT }).then(setHistory, (e) => setError(errorText(e)))
  }, [client, testId])

  async function openResult(resultId: string | null, runId: string | null) {
    if (!resultId || !runId) return
    try {
      const result = await client.results.get({ id: resultId })
      store.getState().navigate(route('runs', runId, 'results', result.test_run_item_id))
    } catch (e) {
      setError(errorText(e))
    }
  }

  if (error) return <div className="pane" data-region><p role="alert">{error}</p></div>
  if (!history) return <p className="loading">Loading…</p>
  const stats = history.statistics
  return (
    <div className="pane scroll" data-region>
      <div className="run-head">
        <h1>History of {history.test_case_name}</h1>
        <button type="button" onClick={() => store.getState().navigate(route('runs'))}>All runs</button>
      </div>
      <dl className="counts" aria-label="Statistics">
        <div><dt>Executions</dt><dd>{stats.total_executions}</dd></div>
        <div><dt>Pass rate</dt><dd data-testid="pass-rate">{stats.overall_pass_rate}%</dd></div>
        <div><dt>Flaky rate</dt><dd>{stats.flaky_rate}%</dd></div>
        <div><dt>Mean duration</dt><dd>{formatDuration(Math.round(stats.avg_duration_ms))}</dd></div>
      </dl>
      {history.history.length === 0 ? (
        <p className="empty">This test has not run yet.</p>
      ) : (
        <>
          <TrendChart series={historySeries(history.history)} label={`Duration and pass rate of the last ${history.history.length} executions`} />
          <table className="list-table" aria-labelledby={`${id}-execs`}>
            <caption id={`${id}-execs`} className="visually-hidden">Executions, newest first</caption>
            <thead>
              <tr><th scope="col">When</th><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Attempt</th><th scope="col">Duration</th><th scope="col">Message</th></tr>
            </thead>
            <tbody>
              {history.history.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.executed_at).toLocaleString()}</td>
                  <th scope="row">
                    {e.test_run_result_id && e.test_run_id ? (
                      <button type="button" className="link" onClick={() => void openResult(e.test_run_result_id, e.test_run_id)}>{e.run_name ?? 'Result'}</button>
                    ) : (e.run_name ?? '—')}
                  </th>
                  <td className={`status-${e.status}`}>{e.status}</td>
                  <td>{e.retry_attempt + 1}</td>
                  <td>{formatDuration(e.duration_ms)}</td>
                  <td className="message-cell">{e.error_message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
