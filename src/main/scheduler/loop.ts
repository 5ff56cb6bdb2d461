// The scheduler loop of a data directory. One process at a time runs it: the one holding the
// `scheduler` lease (the app, `testdesk serve` or `testdesk scheduler`); the others wait and take
// over when it stops or dies. It sleeps until the soonest occurrence is due (at most a minute, so
// sleep and clock changes are noticed soon), wakes earlier when another process changes the
// database, and for each due schedule claims the occurrence (compare-and-set on its
// next_execution_at, under the lease), records what it missed, applies the overlap policy and
// starts the run. Occurrences late by more than the grace period are missed: recorded with their
// time, then the schedule's policy runs the latest once now or skips them, never a burst.
import { watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { ScheduleExecution, ScheduleTrigger, SchedulerStatus } from '../../shared/model/schedules'
import type { Store } from '../store'
import type { NewExecution, StoredSchedule } from '../store/schedules'
import type { Clock, Timer } from './clock'
import { LeaseKeeper } from './lease-keeper'
import type { Occurrences } from './occurrences'
import type { EventPort } from './ports'
import { occurrencesBetween, plannerFor } from './recurrence'

export const SCHEDULER_LEASE = 'scheduler'

/** Missed occurrences listed one by one; earlier ones are summed up in one row. */
export const MISSED_KEPT = 100

export interface LoopOptions {
  /** What this process is, shown to others that find the schedules taken. */
  kind: string
  /** An occurrence up to this late still runs as planned (a slow start, a short sleep). */
  graceMs?: number
  /** The longest sleep: how soon a system sleep or a clock change is noticed at worst. */
  maxSleepMs?: number
  leaseTtlMs?: number
  renewEveryMs?: number
  /** The database file, watched for other processes' changes (none for an in-memory one). */
  databasePath?: string
}

export interface LoopDeps {
  store: Store
  clock: Clock
  events: EventPort
  occurrences: Occurrences
  log(message: string): void
  /** Called on taking the schedules over: runs a dead holder left running are closed first. */
  recoverRuns(): void
}

/** What a due schedule's occurrences up to now come to: missed ones, and the one to run (if any). */
export interface DueOccurrences {
  missed: Date[]
  /** Occurrences missed before those listed, summed up in one row (null count: more than could be counted). */
  earlier: { count: number | null; from: Date } | null
  fire: { at: Date; trigger: ScheduleTrigger } | null
}

export function dueOccurrences(schedule: StoredSchedule, now: Date, graceMs: number, keep = MISSED_KEPT): DueOccurrences {
  const due = new Date(schedule.next_execution_at!)
  const later = occurrencesBetween(schedule, due, now, keep)
  const all = [due, ...later.occurrences]
  let dropped: number | null = later.total === null ? null : later.total - later.occurrences.length
  const latest = all.at(-1)!
  let fire: DueOccurrences['fire'] = null
  if (now.getTime() - latest.getTime() <= graceMs) fire = { at: latest, trigger: 'schedule' }
  else if (schedule.missed_policy === 'run_once') fire = { at: latest, trigger: 'catch_up' }
  const missed = fire ? all.slice(0, -1) : all
  while (missed.length > keep) {
    missed.shift()
    if (dropped !== null) dropped++
  }
  if (dropped === 0) return { missed, earlier: null, fire }
  // The summary row stands at the first missed occurrence, in place of the listed one there.
  if (missed[0]?.getTime() === due.getTime()) missed.shift()
  return { missed, earlier: { count: dropped === null ? null : dropped + 1, from: due }, fire }
}

const iso = (d: Date) => d.toISOString()

export class SchedulerLoop {
  private readonly keeper: LeaseKeeper
  private timer: Timer | null = null
  private nextWake: Date | null = null
  private busy: Promise<void> | null = null
  private again = false
  private stopped = true
  private watcher: FSWatcher | null = null
  private debounce: Timer | null = null
  private dataVersion = 0
  private lastWall = 0
  private lastMono = 0
  private unsubscribe: (() => void) | null = null
  private readonly graceMs: number
  private readonly maxSleepMs: number

  constructor(
    private readonly deps: LoopDeps,
    private readonly options: LoopOptions,
  ) {
    this.graceMs = options.graceMs ?? 5 * 60_000
    this.maxSleepMs = options.maxSleepMs ?? 60_000
    this.keeper = new LeaseKeeper({
      leases: deps.store.leases,
      name: SCHEDULER_LEASE,
      kind: options.kind,
      clock: deps.clock,
      ttlMs: options.leaseTtlMs,
      renewEveryMs: options.renewEveryMs,
      onAcquired: () => {
        deps.log(`Running the schedules of this data directory (${options.kind}, pid ${process.pid})`)
        deps.recoverRuns()
        this.wake('start')
      },
      onLost: (to) => {
        this.disarm()
        deps.log(to ? `The schedules were taken over by ${describeHolder(to.holder)}; standing by` : 'Stopped running the schedules')
      },
      onWaiting: (lease) => deps.log(`${describeHolder(lease.holder)} runs the schedules of this data directory until ${lease.expires_at} at least; standing by`),
    })
  }

  get holderId(): string {
    return this.keeper.holder.id
  }

  start(): boolean {
    this.stopped = false
    this.unsubscribe = this.deps.events.subscribe((name, payload) => {
      // An occurrence ended here: a queued one of its schedule may start now.
      if (name === 'schedules.onExecution' && !['pending', 'running'].includes((payload as ScheduleExecution).status)) this.wake('an occurrence ended')
    })
    this.watchDatabase()
    return this.keeper.start()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    this.watcher?.close()
    this.watcher = null
    this.debounce?.cancel()
    this.disarm()
    await this.busy
    this.keeper.stop()
  }

  /** Plans again soon (a schedule changed in this process). */
  replan(): void {
    this.wake('a schedule changed')
  }

  status(): SchedulerStatus {
    const lease = this.keeper.lease
    return {
      running_here: this.keeper.isHeld,
      holder: lease ? { ...lease.holder, expires_at: lease.expires_at } : null,
      next_wake_at: this.keeper.isHeld && this.nextWake ? iso(this.nextWake) : null,
    }
  }

  private watchDatabase(): void {
    const file = this.options.databasePath
    if (!file || file === ':memory:') return
    this.dataVersion = this.deps.store.dataVersion()
    try {
      // The folder, not the file: SQLite may recreate the -wal file. Events are inotify/FSEvents, not polling.
      this.watcher = watch(dirname(file), (_event, name) => {
        if (!name || !String(name).startsWith(basename(file))) return
        this.debounce?.cancel()
        this.debounce = this.deps.clock.setTimer(() => this.databaseChanged(), 200)
      })
      this.watcher.on('error', () => undefined)
    } catch {
      // No file watching here (a network share): the capped sleep still notices changes within a minute.
    }
  }

  private databaseChanged(): void {
    if (this.stopped) return
    const version = this.deps.store.dataVersion()
    if (version === this.dataVersion) return
    this.dataVersion = version
    if (this.keeper.isHeld) this.wake('another process changed the database')
    else this.keeper.poke()
  }

  private disarm(): void {
    this.timer?.cancel()
    this.timer = null
    this.nextWake = null
  }

  private wake(reason: string): void {
    if (this.stopped || !this.keeper.isHeld) return
    if (this.busy) {
      this.again = true
      return
    }
    this.busy = this.tick()
      .catch((error) => this.deps.log(`Planning failed (${reason}): ${error instanceof Error ? error.stack : String(error)}`))
      .finally(() => {
        this.busy = null
        if (this.again) {
          this.again = false
          this.wake('changes during planning')
        } else if (!this.stopped && this.keeper.isHeld && !this.timer) this.arm()
      })
  }

  private async tick(): Promise<void> {
    this.disarm()
    const now = this.deps.clock.now()
    const mono = this.deps.clock.monotonic()
    if (this.lastMono) {
      const drift = now.getTime() - (this.lastWall + (mono - this.lastMono))
      if (Math.abs(drift) > 2000) {
        this.deps.log(`The clock moved ${drift > 0 ? 'forward' : 'back'} by ${Math.round(Math.abs(drift) / 1000)} s (the computer slept, or its time was changed): planning again`)
      }
    }
    this.lastWall = now.getTime()
    this.lastMono = mono
    if (!this.keeper.confirm()) return
    await this.startQueued()
    for (let round = 0; round < 50 && !this.stopped; round++) {
      const due = this.deps.store.schedules.due(iso(this.deps.clock.now()))
      if (!due.length) break
      for (const schedule of due) await this.handleDue(schedule)
    }
  }

  private arm(): void {
    const next = this.deps.store.schedules.nextDue()
    const now = this.deps.clock.now().getTime()
    const delay = Math.max(0, Math.min(next ? Date.parse(next) - now : Infinity, this.maxSleepMs))
    this.nextWake = new Date(now + delay)
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = null
      this.wake('timer')
    }, delay)
  }

  /** Occurrences waiting for a previous run (overlap: queue) start once nothing of their schedule runs. */
  private async startQueued(): Promise<void> {
    const { open } = await this.deps.occurrences.sweep()
    const running = new Set(open.filter((e) => e.test_run_id).map((e) => e.schedule_id))
    const started = new Set<string>()
    for (const execution of open) {
      if (execution.test_run_id || running.has(execution.schedule_id) || started.has(execution.schedule_id)) continue
      started.add(execution.schedule_id)
      await this.deps.occurrences.start(this.deps.store.schedules.get(execution.schedule_id), execution)
    }
  }

  private async handleDue(schedule: StoredSchedule): Promise<void> {
    const { store, clock, events, log } = this.deps
    const now = clock.now()
    const plan = dueOccurrences(schedule, now, this.graceMs)
    const { open, runNames } = plan.fire ? await this.deps.occurrences.sweep(schedule.id) : { open: [], runNames: new Map<string, string>() }
    const runningNow = open.find((e) => e.test_run_id)
    const waiting = open.find((e) => !e.test_run_id)
    const overlap = plan.fire && open.length ? (schedule.overlap_policy === 'queue' && !waiting ? 'queue' : 'skip') : null
    const ran = !!plan.fire && overlap !== 'skip'
    const count = schedule.execution_count + (ran ? 1 : 0)
    const planner = plannerFor(schedule)
    const next = schedule.max_occurrences && count >= schedule.max_occurrences ? null : planner.next(now)
    const busyWith = runningNow ? (runNames.get(runningNow.id) ?? 'its previous run') : 'an earlier occurrence'

    const recorded = store.tx(() => {
      if (!store.leases.holds(SCHEDULER_LEASE, this.keeper.holder.id, now)) return null
      if (!store.schedules.advance(schedule.id, schedule.next_execution_at!, { next_execution_at: next ? iso(next) : null, status: next ? 'active' : 'completed', ran })) return null
      const rows: NewExecution[] = plan.missed.map((at) => ({ schedule_id: schedule.id, scheduled_for: iso(at), status: 'missed', trigger: 'schedule' }))
      if (plan.earlier) {
        const count = plan.earlier.count === null ? 'More than 10,000' : String(plan.earlier.count)
        rows.unshift({
          schedule_id: schedule.id,
          scheduled_for: iso(plan.earlier.from),
          status: 'missed',
          trigger: 'schedule',
          error_message: `${count} occurrences were missed from ${iso(plan.earlier.from)} on; only the latest ${MISSED_KEPT} are listed one by one`,
        })
      }
      const missed = rows.map((row) => store.schedules.recordExecution(row))
      let fired: ScheduleExecution | null = null
      if (plan.fire) {
        const base = { schedule_id: schedule.id, scheduled_for: iso(plan.fire.at), trigger: plan.fire.trigger }
        fired =
          overlap === 'skip'
            ? store.schedules.recordExecution({ ...base, status: 'skipped', executed_at: iso(now), error_message: `Skipped: ${busyWith} was still running` })
            : store.schedules.recordExecution({ ...base, status: 'pending', error_message: overlap === 'queue' ? `Queued: waits for ${busyWith} to end` : null })
      }
      return { missed, fired }
    })
    if (!recorded) return
    events.emit('schedules.onChanged', { id: schedule.id, deleted: false, next_execution_at: next ? iso(next) : null })
    for (const execution of [...recorded.missed, ...(recorded.fired ? [recorded.fired] : [])]) {
      events.emit('schedules.onFired', { schedule_id: schedule.id, schedule_name: schedule.schedule_name, execution })
    }
    if (plan.missed.length || plan.earlier) {
      const total = plan.missed.length + (plan.earlier ? (plan.earlier.count ?? 10_000) : 0)
      const policy = plan.fire?.trigger === 'catch_up' ? 'running the latest once now' : plan.fire ? 'the latest is on time' : 'policy: skip'
      log(`${schedule.schedule_name}: ${total} occurrence${total === 1 ? '' : 's'} missed while nothing ran the schedules (${policy})`)
    }
    if (!next) log(`${schedule.schedule_name}: completed (no occurrence left${schedule.max_occurrences && count >= schedule.max_occurrences ? `, ${count} of ${schedule.max_occurrences} runs done` : ''})`)
    const fired = recorded.fired
    if (!fired) return
    if (fired.status === 'skipped') log(`${schedule.schedule_name}: occurrence of ${fired.scheduled_for} skipped, ${busyWith} was still running`)
    else if (overlap === 'queue') log(`${schedule.schedule_name}: occurrence of ${fired.scheduled_for} queued behind ${busyWith}`)
    else await this.deps.occurrences.start(schedule, fired)
  }
}

function describeHolder(holder: { kind: string; pid: number; host: string }): string {
  const kinds: Record<string, string> = { app: 'The TestDesk app', serve: '`testdesk serve`', scheduler: '`testdesk scheduler`' }
  return `${kinds[holder.kind] ?? holder.kind} (pid ${holder.pid} on ${holder.host})`
}
