// Pause or resume, run now, delete (after a confirmation naming what goes with it).
import { useState } from 'react'
import type { Schedule } from '../../../../shared/model/schedules'
import { Modal } from '../../components/Modal'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'

export function ScheduleActions({ schedule, onChanged, compact = false }: { schedule: Schedule; onChanged(): void; compact?: boolean }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const [confirming, setConfirming] = useState(false)
  const name = schedule.schedule_name
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      store.getState().toast(done)
      onChanged()
    } catch (e) {
      store.getState().toast(messageOf(e), { tone: 'error' })
    }
  }
  const suffix = compact ? ` ${name}` : ''
  const ended = schedule.status === 'completed' || schedule.status === 'cancelled'

  return (
    <span className="buttons inline-actions">
      {schedule.status === 'paused' ? (
        <button type="button" className={compact ? 'link' : ''} aria-label={`Resume${suffix}`} onClick={() => act(() => client.schedules.resume({ id: schedule.id }), `Resumed ${name}`)}>
          Resume
        </button>
      ) : (
        !ended && (
          <button type="button" className={compact ? 'link' : ''} aria-label={`Pause${suffix}`} onClick={() => act(() => client.schedules.pause({ id: schedule.id }), `Paused ${name}: nothing runs until you resume it`)}>
            Pause
          </button>
        )
      )}
      <button type="button" className={compact ? 'link' : ''} aria-label={`Run now${suffix}`} onClick={() => act(() => client.schedules.runNow({ id: schedule.id }), `${name}: run started`)}>
        Run now
      </button>
      <button type="button" className={compact ? 'link danger' : 'danger'} aria-label={`Delete${suffix}`} onClick={() => setConfirming(true)}>
        Delete
      </button>
      {confirming && (
        <Modal title={`Delete schedule ${name}?`} description="Its history of occurrences goes with it; the runs it started stay in Runs." onClose={() => setConfirming(false)}>
          <div className="buttons">
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              onClick={() =>
                act(async () => {
                  await client.schedules.delete({ id: schedule.id })
                  setConfirming(false)
                  if (!compact) store.getState().navigate(route('schedules'))
                }, `Deleted ${name}`)
              }
            >
              Delete schedule
            </button>
          </div>
        </Modal>
      )}
    </span>
  )
}
