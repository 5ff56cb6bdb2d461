// Schedules: regressions that run on this machine at set times. The list says what each runs,
// how it repeats, when it runs next (on this machine's clock) and how it last went; a schedule
// opens into its form (with the next occurrences) and its history.
import { useCallback, useEffect, useState } from 'react'
import type { Schedule } from '../../../../shared/model/schedules'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'
import { ScheduleActions } from './ScheduleActions'
import { ScheduleEditor } from './ScheduleEditor'
import { localTime, resultWords } from './schedule-words'
import { whatItRuns } from './schedule-draft'
import { useScheduleEvents } from './useScheduleEvents'

export function SchedulesView() {
  const id = useApp((s) => (s.route.section === 'schedules' ? s.route.id : null))
  return id ? <ScheduleEditor key={id} id={id === 'new' ? null : id} /> : <ScheduleList />
}

function ScheduleList() {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const [schedules, setSchedules] = useState<Schedule[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    client.schedules.list({ limit: 100, sort_by: 'next_execution_at' }).then(
      (page) => {
        setSchedules(page.items)
        setError(null)
      },
      (e) => setError(messageOf(e)),
    )
  }, [client])
  useEffect(load, [load])
  useScheduleEvents(load)
  const open = (id: string) => store.getState().navigate(route('schedules', id))

  return (
    <div className="pane scroll schedules" data-region>
      <div className="doc-title-row">
        <h1>Schedules</h1>
        <button type="button" className="primary" onClick={() => store.getState().navigate(route('schedules', 'new'))}>
          New schedule
        </button>
      </div>
      <p className="muted">
        Regressions that run on this machine at set times, while the app, <code>testdesk serve</code> or <code>testdesk scheduler</code> is running. Times are shown on this
        machine's clock.
      </p>
      {error && <p role="alert">{error}</p>}
      {schedules && schedules.length === 0 && <p className="empty">No schedules yet: make one with New schedule.</p>}
      {schedules && schedules.length > 0 && (
        <table className="list-table" aria-label="Schedules">
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              <th scope="col">Runs</th>
              <th scope="col">Repeat</th>
              <th scope="col">Next run</th>
              <th scope="col">Last result</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <a
                    href={`/schedules/${encodeURIComponent(s.id)}`}
                    onClick={(e) => {
                      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return
                      e.preventDefault()
                      open(s.id)
                    }}
                  >
                    {s.schedule_name}
                  </a>
                </th>
                <td>{whatItRuns(s)}</td>
                <td>{s.description}</td>
                <td>{s.status === 'active' ? localTime(s.next_execution_at) : s.status}</td>
                <td>
                  {resultWords(s.last_execution_status)}
                  {s.last_executed_at && <span className="muted"> · {localTime(s.last_executed_at)}</span>}
                </td>
                <td>
                  <ScheduleActions schedule={s} onChanged={load} compact />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
