// One schedule: its actions, its form (saved with Save, since a recurrence half typed should
// not plan runs), and the history of its occurrences. `id` null is a new schedule.
import { useCallback, useEffect, useState } from 'react'
import type { Schedule } from '../../../../shared/model/schedules'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'
import { ScheduleActions } from './ScheduleActions'
import { ScheduleForm } from './ScheduleForm'
import { ScheduleHistory } from './ScheduleHistory'
import { localTime } from './schedule-words'
import { useScheduleEvents } from './useScheduleEvents'

export function ScheduleEditor({ id }: { id: string | null }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const [schedule, setSchedule] = useState<Schedule | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [historyVersion, setHistoryVersion] = useState(0)
  const load = useCallback(() => {
    if (!id) return
    client.schedules.get({ id }).then(
      (s) => {
        setSchedule(s)
        setHistoryVersion((v) => v + 1)
      },
      (e) => setError(messageOf(e)),
    )
  }, [client, id])
  useEffect(load, [load])
  useScheduleEvents(load, id)
  const back = () => store.getState().navigate(route('schedules'))

  if (id && !schedule) return <div className="pane">{error ? <p role="alert">Could not open the schedule: {error}</p> : <p className="loading">Opening the schedule…</p>}</div>

  return (
    <div className="pane scroll schedules" data-region>
      <p>
        <button type="button" className="link" onClick={back}>
          ← All schedules
        </button>
      </p>
      {schedule ? (
        <>
          <div className="doc-title-row">
            <h1>{schedule.schedule_name}</h1>
            <ScheduleActions schedule={schedule} onChanged={load} />
          </div>
          <p className="muted" aria-label="Schedule state">
            {schedule.status === 'active' ? `Next run ${localTime(schedule.next_execution_at)}` : `Status: ${schedule.status}`} · {schedule.execution_count} run
            {schedule.execution_count === 1 ? '' : 's'} so far
          </p>
        </>
      ) : (
        <h1>New schedule</h1>
      )}
      <ScheduleForm
        key={schedule?.updated_at ?? 'new'}
        schedule={schedule}
        onSaved={(saved) => {
          if (!schedule) store.getState().navigate(route('schedules', saved.id), { replace: true })
          else setSchedule(saved)
        }}
      />
      {schedule && <ScheduleHistory scheduleId={schedule.id} version={historyVersion} />}
    </div>
  )
}
