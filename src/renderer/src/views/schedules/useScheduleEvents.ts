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
    // A burst (missed occurrences recorded at start) reloads once.
    const soon = (id: string) => {
      if (scheduleId && id !== scheduleId) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => latest.current(), 150)
    }
    const offs = [
      client.schedules.onChanged((e) => soon(e.id)),
      client.schedules.onFired((e) => soon(e.schedule_id)),
      client.schedules.onExecution((e) => soon(e.schedule_id)),
    ]
    return () => {
      if (timer) clearTimeout(timer)
      for (const off of offs) off()
    }
  }, [client, scheduleId])
}
