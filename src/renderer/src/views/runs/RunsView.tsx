// Runs: the latest test runs of this data folder, newest first, kept current as runs start and
// end. The run builder, live view and results arrive here (see issue 14's place in ../sections).
import { useEffect, useState } from 'react'
import type { TestRun } from '../../../../shared/model/execution'
import { messageOf } from '../../store/docsSlice'
import { useApp } from '../../StoreContext'

export function RunsView() {
  const client = useApp((s) => s.client)
  const active = useApp((s) => s.activeRuns)
  const [runs, setRuns] = useState<TestRun[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    client.runs.list({ limit: 50, sort_by: 'created_at', sort_order: 'desc' }).then(
      (page) => setRuns(page.items),
      (e) => setError(messageOf(e)),
    )
  }, [client, active])
  return (
    <div className="pane scroll" data-region>
      <h1>Runs</h1>
      <p className="muted">Runs started here or with <code>testdesk run</code>, newest first.</p>
      {error && <p role="alert">{error}</p>}
      {runs && runs.length === 0 && <p className="empty">No runs yet. Start one from the command line: <code>testdesk run --suite Demo</code>.</p>}
      {runs && runs.length > 0 && (
        <table className="list-table" aria-label="Runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Passed</th>
              <th scope="col">Failed</th>
              <th scope="col">Tests</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <th scope="row">{run.run_name}</th>
                <td>{run.status}</td>
                <td>{run.passed_tests}</td>
                <td>{run.failed_tests}</td>
                <td>{run.total_tests}</td>
                <td>{run.started_at ? new Date(run.started_at).toLocaleString() : 'not started'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
