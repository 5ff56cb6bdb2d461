// Schedules: regressions that run on this machine at set times, with when each runs next.
import { useEffect, useState } from 'react'
import type { Schedule } from '../../../../shared/model/schedules'
import { messageOf } from '../../store/docsSlice'
import { useApp } from '../../StoreContext'

export function SchedulesView() {
  const client = useApp((s) => s.client)
  const [schedules, setSchedules] = useState<Schedule[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    client.schedules.list({ limit: 100 }).then(
      (page) => setSchedules(page.items),
      (e) => setError(messageOf(e)),
    )
  }, [client])
  return (
    <div className="pane scroll" data-region>
      <h1>Schedules</h1>
      {error && <p role="alert">{error}</p>}
      {schedules && schedules.length === 0 && <p className="empty">No schedules yet.</p>}
      {schedules && schedules.length > 0 && (
        <table className="list-table" aria-label="Schedules">
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              <th scope="col">Status</th>
              <th scope="col">Next run</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.schedule_name}</th>
                <td>{s.status}</td>
                <td>{s.next_execution_at ? new Date(s.next_execution_at).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
