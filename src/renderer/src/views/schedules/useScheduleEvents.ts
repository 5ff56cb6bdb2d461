// Reloads what a schedules screen shows when a schedule changes or one of its occurrences fires
// or ends, here or in another process (the CLI, `testdesk scheduler`).
import { useEffect, useRef } from 'react'
import { useApp } from '../../StoreContext'

export function useScheduleEvents(reload: () => void, scheduleId: string | null = null): void {
  const client = useApp((s) => s.client)
  const latest = useRef(reload)
  latest.current = reload
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    // One schedule's screen gets only that schedule's events; the list gets every schedule's.
    // A burst (missed occurrences recorded at start) reloads once.
    const stop = client.subscribe(
      { events: ['schedules.onChanged', 'schedules.onFired', 'schedules.onExecution'], ...(scheduleId ? { filter: { schedule_id: scheduleId } } : {}) },
      () => {
        if (timer) clearTimeout(timer)
        timer = setTimeout(() => latest.current(), 150)
      },
    )
    return () => {
      if (timer) clearTimeout(timer)
      stop()
    }
  }, [client, scheduleId])
}
