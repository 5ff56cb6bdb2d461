// For tests only: a clock moved by hand. `advance` lets time pass (wall and monotonic, firing the
// timers that fall due, in order); `jump` moves only the wall clock, as a clock change or the
// machine waking from sleep does.
import type { Clock, Timer } from './clock'

interface Pending {
  at: number
  callback: () => void
  cancelled: boolean
}

export class FakeClock implements Clock {
  private wall: number
  private mono = 0
  private readonly timers: Pending[] = []

  constructor(start: string | Date) {
    this.wall = new Date(start).getTime()
  }

  now(): Date {
    return new Date(this.wall)
  }

  monotonic(): number {
    return this.mono
  }

  setTimer(callback: () => void, ms: number): Timer {
    const timer: Pending = { at: this.mono + Math.max(0, ms), callback, cancelled: false }
    this.timers.push(timer)
    return { cancel: () => (timer.cancelled = true) }
  }

  /** When the next live timer fires, in wall-clock time (null when none is armed). */
  nextTimerAt(): Date | null {
    const next = this.live().sort((a, b) => a.at - b.at)[0]
    return next ? new Date(this.wall + (next.at - this.mono)) : null
  }

  private live(): Pending[] {
    return this.timers.filter((t) => !t.cancelled)
  }

  /** Lets `ms` pass, firing every timer due on the way (and those they arm) at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms
    for (;;) {
      const next = this.live().filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!next) break
      this.wall += next.at - this.mono
      this.mono = next.at
      next.cancelled = true
      next.callback()
      await settle()
    }
    this.wall += end - this.mono
    this.mono = end
    await settle()
  }

  /** Lets time pass until `at` (wall clock). */
  advanceTo(at: string | Date): Promise<void> {
    return this.advance(new Date(at).getTime() - this.wall)
  }

  /** Moves the wall clock only (a clock change, or waking after sleep), firing nothing. */
  jump(ms: number): void {
    this.wall += ms
  }
}

/** Lets promise chains started by a timer run to their next real wait. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
}
