// Time as the scheduler sees it, injectable so tests move it by hand: the wall clock (which a
// tester or NTP may change, and which jumps after the machine sleeps), a monotonic clock (which
// does neither), and one-shot timers.
import { performance } from 'node:perf_hooks'

export interface Timer {
  cancel(): void
}

export interface Clock {
  now(): Date
  /** Milliseconds from an arbitrary origin, never going back. */
  monotonic(): number
  /** Calls `callback` once after `ms` (by the monotonic clock). */
  setTimer(callback: () => void, ms: number): Timer
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonic: () => performance.now(),
  setTimer(callback, ms) {
    // Node caps timers at 2^31-1 ms; the scheduler re-arms long before that anyway.
    const handle = setTimeout(callback, Math.max(0, Math.min(ms, 2_147_483_647)))
    handle.unref?.()
    return { cancel: () => clearTimeout(handle) }
  },
}
