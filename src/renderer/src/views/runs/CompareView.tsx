// Two runs compared by test: verdicts that changed, tests that got slower, tests in one only.
import { useEffect, useId, useState } from 'react'
import type { TestRun } from '../../../../shared/model/execution'
import { formatDuration, statusLabel } from '../../../../shared/run-wording'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { compareRuns, type ComparedTest, type Comparison } from './compare'
import { errorText } from './run-format'

export function CompareView({ beforeId, afterId }: { beforeId: string; afterId: string }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const id = useId()
  const [data, setData] = useState<{ before: TestRun; after: TestRun; comparison: Comparison } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    ;(async () => {
      const [a, b] = await Promise.all([client.runs.get({ id: beforeId }), client.runs.get({ id: afterId })])
      // The older run is "before", whichever was picked first.
      const [before, after] = a.run_number <= b.run_number ? [a, b] : [b, a]
      const [bi, ai] = await Promise.all([client.runItems.list({ test_run_id: before.id, limit: 10_000 }), client.runItems.list({ test_run_id: after.id, limit: 10_000 })])
      setData({ before, after, comparison: compareRuns(bi.items, ai.items) })
    })().catch((e) => setError(errorText(e)))
  }, [client, beforeId, afterId])
  if (error) return <div className="pane" data-region><p role="alert">{error}</p></div>
  if (!data) return <p className="loading">Loading…</p>
  const { before, after, comparison } = data
  const label = (t: ComparedTest['before']) => (t ? statusLabel(t) : '—')
  const section = (key: string, title: string, tests: ComparedTest[], extra: (t: ComparedTest) => string) => (
    <section aria-labelledby={`${id}-${key}`}>
      <h2 id={`${id}-${key}`}>{title} ({tests.length})</h2>
      {tests.length === 0 ? <p className="muted">None.</p> : (
        <table className="list-table" aria-labelledby={`${id}-${key}`}>
          <thead><tr><th scope="col">Test</th><th scope="col">{before.run_name}</th><th scope="col">{after.run_name}</th><th scope="col">Change</th></tr></thead>
          <tbody>
            {tests.map((t) => (
              <tr key={t.test_case_id}>
                <th scope="row">{t.name}</th>
                <td>{label(t.before)}{t.before ? ` (${formatDuration(t.before.duration_ms)})` : ''}</td>
                <td>{label(t.after)}{t.after ? ` (${formatDuration(t.after.duration_ms)})` : ''}</td>
                <td>{extra(t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
  return (
    <div className="pane scroll" data-region>
      <div className="run-head">
        <h1>{before.run_name} compared with {after.run_name}</h1>
        <button type="button" onClick={() => store.getState().navigate(route('runs'))}>All runs</button>
      </div>
      <p className="muted">{comparison.same} tests kept their verdict and pace.</p>
      {section('changed', 'Verdict changed', comparison.changed, (t) => `${t.before?.status} → ${t.after?.status}`)}
      {section('slower', 'Slower', comparison.slower, (t) => `+${formatDuration(t.slower_ms ?? 0)}`)}
      {section('only-before', `Only in ${before.run_name}`, comparison.only_before, () => 'not in the newer run')}
      {section('only-after', `Only in ${after.run_name}`, comparison.only_after, () => 'new in this run')}
    </div>
  )
}
