// Every occurrence of a schedule, newest first: when it was due, what happened (its run, or
// missed while nothing was running, or skipped), the result and the notifications sent.
import { useEffect, useState } from 'react'
import type { ScheduleExecutionView } from '../../../../shared/model/schedules'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'
import { localTime, resultWords } from './schedule-words'

const TRIGGER_WORDS = { schedule: 'on time', catch_up: 'caught up at start', manual: 'run now' } as const

export function ScheduleHistory({ scheduleId, version }: { scheduleId: string; version: number }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const [items, setItems] = useState<ScheduleExecutionView[] | null>(null)
  const [total, setTotal] = useState(0)
  const [limit, setLimit] = useState(20)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    client.schedules.history({ id: scheduleId, limit }).then(
      (page) => {
        setItems(page.items)
        setTotal(page.total)
      },
      (e) => setError(messageOf(e)),
    )
  }, [client, scheduleId, limit, version])

  return (
    <section aria-labelledby="schedule-history-title">
      <h2 id="schedule-history-title">History ({total})</h2>
      {error && <p role="alert">{error}</p>}
      {items && items.length === 0 && <p className="empty">No occurrence yet.</p>}
      {items && items.length > 0 && (
        <table className="list-table" aria-label="History">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Outcome</th>
              <th scope="col">Run</th>
              <th scope="col">Tests</th>
              <th scope="col">Notifications</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <th scope="row">{localTime(e.scheduled_for)}</th>
                <td>
                  {resultWords(e.status)} <span className="muted">({TRIGGER_WORDS[e.trigger]})</span>
                  {e.error_message && <div className="muted">{e.error_message}</div>}
                </td>
                <td>
                  {e.test_run_id ? (
                    <button type="button" className="link" onClick={() => store.getState().navigate(route('runs', String(e.run_number ?? e.test_run_id)))}>
                      {e.run_name ?? 'Open the run'}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{e.total_tests ? `${e.passed_tests}/${e.total_tests} passed` : '—'}</td>
                <td>{e.notifications.length ? e.notifications.map((n) => `${n.channel} ${n.status}`).join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items && total > items.length && (
        <button type="button" onClick={() => setLimit((l) => Math.min(100, l + 20))} disabled={limit >= 100}>
          Show more
        </button>
      )}
    </section>
  )
}
