// Keeps a lease of the database for as long as this process does the work it guards: takes it
// (or waits for it while another process holds it), renews it well before it lapses, notices when
// it was lost (the machine slept past its expiry and another process took over), and releases it
// on stop so a waiting process takes over at once. Generic: any once-per-data-directory work.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Lease, LeaseHolder, LeasesRepo } from '../store/leases'
import { localProcessGone } from '../store/process-alive'
import type { Clock, Timer } from './clock'

export interface LeaseKeeperOptions {
  leases: LeasesRepo
  name: string
  /** What this process is (app, serve, scheduler…), shown to processes that find the lease taken. */
  kind: string
  clock: Clock
  /** How long the lease lasts without renewal: how soon another process takes over after a crash. */
  ttlMs?: number
  /** How often it is renewed (and how often a waiting process looks again). */
  renewEveryMs?: number
  /** Whether the holder's process has ended, so the lease can be taken before it expires. */
  isGone?: (lease: Lease) => boolean
  /** This process got the lease. */
  onAcquired(lease: Lease): void
  /** This process lost it (`to` holds it now) or stopped waiting. */
  onLost(to: Lease | null): void
  /** Another process holds it; this one waits. */
  onWaiting?(holder: Lease): void
}

export class LeaseKeeper {
  readonly holder: LeaseHolder
  private timer: Timer | null = null
  private held = false
  private stopped = true
  private lastSeen: Lease | null = null
  private readonly ttlMs: number
  private readonly renewEveryMs: number

  constructor(private readonly options: LeaseKeeperOptions) {
    this.holder = { id: randomUUID(), pid: process.pid, host: hostname(), kind: options.kind }
    this.ttlMs = options.ttlMs ?? 30_000
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.ttlMs / 3)
  }

  get isHeld(): boolean {
    return this.held
  }

  /** The lease as last read: ours, or the holder this process waits for. */
  get lease(): Lease | null {
    return this.lastSeen
  }

  /** Takes the lease or starts waiting for it; true when this process holds it now. */
  start(): boolean {
    this.stopped = false
    this.attempt()
    return this.held
  }

  /**
   * Renews now and says whether this process still holds the lease: called before work that
   * must not run twice, since a timer may be late after the machine slept.
   */
  confirm(): boolean {
    if (!this.held || this.stopped) return false
    const renewed = this.options.leases.renew(this.options.name, this.holder.id, this.ttlMs, this.options.clock.now())
    if (!renewed) this.lose()
    else this.lastSeen = renewed
    return this.held
  }

  /** Looks again at once (another process may just have released it): a read first, a write only if it looks free. */
  poke(): void {
    if (this.stopped || this.held) return
    const lease = this.options.leases.get(this.options.name)
    if (lease && lease.expires_at > this.options.clock.now().toISOString() && !this.isGone(lease)) return
    this.attempt()
  }

  private isGone(lease: Lease): boolean {
    return (this.options.isGone ?? ((l: Lease) => localProcessGone(l.holder.pid, l.holder.host)))(lease)
  }

  stop(): void {
    this.stopped = true
    this.timer?.cancel()
    this.timer = null
    if (this.held) this.options.leases.release(this.options.name, this.holder.id)
    this.held = false
  }

  private attempt(): void {
    const { leases, name, clock } = this.options
    const answer = leases.acquire(name, this.holder, this.ttlMs, clock.now(), (lease) => this.isGone(lease))
    this.lastSeen = answer.lease
    if (answer.held) {
      this.held = true
      this.options.onAcquired(answer.lease)
      this.arm(this.renewEveryMs, () => this.renew())
    } else {
      this.options.onWaiting?.(answer.lease)
      // Look again when it would lapse, or sooner: a holder that exits releases it early.
      const lapse = Date.parse(answer.lease.expires_at) - clock.now().getTime()
      this.arm(Math.max(50, Math.min(this.renewEveryMs, lapse + 50)), () => this.attempt())
    }
  }

  private renew(): void {
    if (this.confirm()) this.arm(this.renewEveryMs, () => this.renew())
  }

  private lose(): void {
    this.held = false
    const now = this.options.leases.get(this.options.name)
    this.lastSeen = now
    this.options.onLost(now)
    if (!this.stopped) this.arm(this.renewEveryMs, () => this.attempt())
  }

  private arm(ms: number, action: () => void): void {
    this.timer?.cancel()
    this.timer = this.options.clock.setTimer(() => {
      this.timer = null
      if (this.stopped) return
      try {
        action()
      } catch (error) {
        // A locked or closing database must not kill the keeper: try again on the next beat.
        console.error(`[testdesk] lease ${this.options.name}:`, error)
        this.arm(this.renewEveryMs, () => (this.held ? this.renew() : this.attempt()))
      }
    }, ms)
  }
}
