// Publishes `system.onChanged` whenever data changed, whoever wrote it: this process, another
// window, or the CLI in another process. The store's revision counters (raised by triggers) are
// read a few times a second, but only while someone listens; reading them is a handful of rows.
import type { Api } from '../../shared/api'
import { CHANGE_KINDS, type ChangeKind } from '../../shared/api/system'
import type { Store } from '../store'
import type { EventBus } from './events'

export const CHANGE_POLL_MS = 250

export function watchChanges(store: Store, events: EventBus<Api>, intervalMs = CHANGE_POLL_MS): () => void {
  let last: Record<string, number> | null = null
  const tick = () => {
    if (!events.size) {
      last = null
      return
    }
    let now: Record<string, number>
    try {
      now = store.revisions.all()
    } catch (error) {
      // The database went away under us (closing): stop quietly rather than log every tick.
      clearInterval(timer)
      if (!/not open|closed/i.test(String(error))) console.error('[testdesk] watching for changes stopped:', error)
      return
    }
    const before = last
    last = now
    if (!before) return
    const kinds = CHANGE_KINDS.filter((kind) => now[kind] !== before[kind])
    if (kinds.length) events.emit('system.onChanged', { kinds, revisions: now as Record<ChangeKind, number> })
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref?.()
  return () => clearInterval(timer)
}
