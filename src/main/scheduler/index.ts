// The scheduler as the core composes it: what the `schedules` contract namespace needs (checking
// and planning schedules, previews, run now, who runs the schedules) and the loop that fires
// them, started by the processes that run schedules (the app, `testdesk serve`, `testdesk
// scheduler`). Runs and reports are reached through the contract, events through the core's bus.
import { TestDeskError } from '../../shared/api/errors'
import type {
  CreateScheduleInput,
  Occurrence,
  Schedule,
  ScheduleExecution,
  SchedulePreview,
  SchedulerStatus,
  UpdateScheduleInput,
} from '../../shared/model/schedules'
import type { RunProgress } from '../../shared/model/progress'
import { isFinishedRun } from '../../shared/model/states'
import { describeRecurrence, recurrenceRules, zonedIso, type RecurrenceRule } from '../../shared/zoned-time'
import type { Store } from '../store'
import type { StoredSchedule } from '../store/schedules'
import { systemClock, type Clock } from './clock'
import { SchedulerLoop, SCHEDULER_LEASE, type LoopOptions } from './loop'
import type { DesktopNotifier, NotifyOptions } from './notify'
import { Occurrences } from './occurrences'
import { runsPort, type ContractDispatcher, type EventPort, type RunsPort } from './ports'
import { checkRecurrence, occurrenceNote, plannerFor, RULE_DEFAULTS } from './recurrence'

export type { DesktopNotifier } from './notify'

export interface SchedulerServiceOptions {
  store: Store
  /** The core's dispatcher (a function: the core builds it after this service). */
  dispatcher: () => ContractDispatcher
  events: EventPort
  databasePath: string
  clock?: Clock
  notify?: NotifyOptions
  /** Closes runs whose process died (the runner's start-up recovery), when this process takes the schedules over. */
  recoverRuns?: () => void
  /** Loop timings (tests shorten them). */
  timings?: Pick<LoopOptions, 'graceMs' | 'maxSleepMs' | 'leaseTtlMs' | 'renewEveryMs'>
}

export interface StartOptions {
  kind: string
  /** The app's desktop notifications; other processes have none. */
  desktop?: DesktopNotifier
  log?: (message: string) => void
}

/** The machine's zone, in which `local_time` is shown unless a caller names another. */
export function localTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

const RECURRENCE_KEYS = [
  'scheduled_datetime', 'timezone', 'repeat_type', 'repeat_interval', 'repeat_unit', 'cron_expression', 'repeat_days_of_week',
  'repeat_day_of_month', 'repeat_month_end', 'repeat_end_date', 'max_occurrences', 'is_enabled', 'status',
] as const


export class SchedulerService {
  readonly clock: Clock
  private readonly runs: RunsPort
  private readonly occurrences: Occurrences
  private loop: SchedulerLoop | null = null
  private desktop: DesktopNotifier | null = null
  private log: (message: string) => void = () => undefined
  private readonly unsubscribe: () => void
  private readonly endings = new Set<Promise<void>>()

  constructor(private readonly options: SchedulerServiceOptions) {
    this.clock = options.clock ?? systemClock
    this.runs = runsPort(options.dispatcher)
    this.occurrences = new Occurrences({
      store: options.store,
      runs: this.runs,
      events: options.events,
      clock: this.clock,
      notify: options.notify ?? {},
      desktop: () => this.desktop,
      log: (message) => this.log(message),
    })
    // Whichever process ran it ends the occurrence of a run as soon as the run ends.
    this.unsubscribe = options.events.subscribe((name, payload) => {
      if (name !== 'runs.onProgress') return
      const progress = payload as RunProgress
      if (!isFinishedRun(progress.status)) return
      const ending: Promise<void> = this.occurrences
        .runEnded(progress.run_id, progress.message)
        .catch((error) => this.log(`Could not end the occurrence of run ${progress.run_id}: ${String(error)}`))
        .finally(() => this.endings.delete(ending))
      this.endings.add(ending)
    })
  }

  private get store(): Store {
    return this.options.store
  }

  // ── What the contract shows ────────────────────────────────────────────────────────────

  occurrence(rule: RecurrenceRule, at: string | Date, localZone = localTimezone()): Occurrence {
    return { at: new Date(at).toISOString(), schedule_time: zonedIso(at, rule.timezone), local_time: zonedIso(at, localZone), note: occurrenceNote(rule, new Date(at)) }
  }

  view(schedule: StoredSchedule): Schedule {
    return {
      ...schedule,
      description: describeRecurrence(schedule),
      next_run: schedule.next_execution_at ? this.occurrence(schedule, schedule.next_execution_at) : null,
    }
  }

  // ── Planning ─────────────────────────────────────────────────────────────────────────────

  /** The first occurrence from now on (or from the start, when it is later); null when none is left. */
  private firstFromNow(rule: RecurrenceRule, executionCount = 0, max: number | null = null): Date | null {
    if (max && executionCount >= max) return null
    const now = this.clock.now()
    const start = new Date(rule.scheduled_datetime)
    return plannerFor(rule).atOrAfter(start > now ? start : now)
  }

  private checkOneTime(rule: RecurrenceRule): void {
    if (rule.repeat_type === 'none' && new Date(rule.scheduled_datetime) < this.clock.now()) {
      throw TestDeskError.validation(
        'scheduled_datetime',
        `${rule.scheduled_datetime} is in the past: a one-time schedule needs a time to come (to run its tests at once, use run now)`,
      )
    }
  }

  create(input: CreateScheduleInput): Schedule {
    const rule: RecurrenceRule = { ...RULE_DEFAULTS, ...withoutUndefined(input), scheduled_datetime: input.scheduled_datetime }
    checkRecurrence(rule)
    if (input.next_execution_at === undefined) this.checkOneTime(rule)
    const next = input.next_execution_at !== undefined ? input.next_execution_at : (this.firstFromNow(rule)?.toISOString() ?? null)
    const created = this.store.schedules.create({ ...input, next_execution_at: next, status: next ? 'active' : 'completed' })
    this.changed(created.id, created.next_execution_at)
    return this.view(created)
  }

  update(input: UpdateScheduleInput): Schedule {
    const merged = this.store.schedules.merged(input)
    checkRecurrence(merged)
    const replan = RECURRENCE_KEYS.some((key) => input[key] !== undefined)
    if (input.scheduled_datetime !== undefined && input.next_execution_at === undefined) this.checkOneTime(merged)
    let updated = this.store.schedules.update(input)
    if (input.next_execution_at === undefined && replan && (updated.status === 'active' || updated.status === 'completed')) {
      const next = this.firstFromNow(updated, updated.execution_count, updated.max_occurrences)
      updated = this.store.schedules.plan(updated.id, next?.toISOString() ?? null, next ? 'active' : 'completed')
    }
    this.changed(updated.id, updated.next_execution_at)
    return this.view(updated)
  }

  pause(id: string): Schedule {
    const paused = this.store.schedules.setStatus(id, 'paused')
    this.changed(id, paused.next_execution_at)
    return this.view(paused)
  }

  /** Plans from now: what fell while paused was not missed, it was not wanted. */
  resume(id: string): Schedule {
    const resumed = this.store.schedules.setStatus(id, 'active')
    const next = this.firstFromNow(resumed, resumed.execution_count, resumed.max_occurrences)
    const planned = this.store.schedules.plan(id, next?.toISOString() ?? null, next ? 'active' : 'completed')
    this.changed(id, planned.next_execution_at)
    return this.view(planned)
  }

  deleted(id: string): void {
    this.options.events.emit('schedules.onChanged', { id, deleted: true, next_execution_at: null })
  }

  private changed(id: string, next: string | null): void {
    this.options.events.emit('schedules.onChanged', { id, deleted: false, next_execution_at: next })
    this.loop?.replan()
  }

  preview(input: { id?: string; count: number; from?: string; local_timezone?: string } & Partial<RecurrenceRule>): SchedulePreview {
    const { id, count, from, local_timezone: localZone = localTimezone(), ...draft } = input
    const base: Partial<RecurrenceRule> = id ? this.store.schedules.get(id) : {}
    const rule = { ...RULE_DEFAULTS, ...base, ...withoutUndefined(draft) } as RecurrenceRule
    if (!rule.scheduled_datetime) throw TestDeskError.validation('scheduled_datetime', 'is required (or give the id of a schedule)')
    checkRecurrence(rule)
    const planner = plannerFor(rule)
    const occurrences: Occurrence[] = []
    const start = from ? new Date(from) : this.clock.now()
    for (let at = planner.atOrAfter(start); at && occurrences.length < Math.min(count, rule.max_occurrences ?? count); at = planner.next(at)) {
      occurrences.push(this.occurrence(rule, at, localZone))
    }
    return { description: describeRecurrence(rule), rules: recurrenceRules(rule), timezone: rule.timezone, local_timezone: localZone, occurrences }
  }

  /** Runs the schedule's tests now, in this process; refused while a run of it still goes. */
  async runNow(id: string): Promise<ScheduleExecution> {
    const schedule = this.store.schedules.get(id)
    const { open, runNames } = await this.occurrences.sweep(id)
    const running = open.find((e) => e.test_run_id)
    if (running) throw TestDeskError.invalidState(`${schedule.schedule_name} is still running ${runNames.get(running.id) ?? 'a run'}: wait for it to end, or stop it`)
    return this.occurrences.runNow(schedule)
  }

  status(): SchedulerStatus {
    if (this.loop) return this.loop.status()
    const lease = this.store.leases.get(SCHEDULER_LEASE)
    const live = lease && lease.expires_at > this.clock.now().toISOString()
    return { running_here: false, holder: live ? { ...lease.holder, expires_at: lease.expires_at } : null, next_wake_at: null }
  }

  /** Plans every schedule again from now (what the benchmark measures; a time zone data update would too). */
  replanAll(): number {
    let planned = 0
    this.store.tx(() => {
      for (const id of this.store.schedules.ids()) {
        const schedule = this.store.schedules.get(id)
        if (schedule.status !== 'active') continue
        const next = this.firstFromNow(schedule, schedule.execution_count, schedule.max_occurrences)
        this.store.schedules.plan(id, next?.toISOString() ?? null, next ? 'active' : 'completed')
        planned++
      }
    })
    this.loop?.replan()
    return planned
  }

  // ── Running the schedules ─────────────────────────────────────────────────────────────────

  /** Starts the loop in this process: it runs the schedules now, or as soon as the process holding them lets go. */
  start(options: StartOptions): SchedulerStatus {
    if (this.loop) return this.loop.status()
    this.desktop = options.desktop ?? null
    if (options.log) this.log = options.log
    this.loop = new SchedulerLoop(
      {
        store: this.store,
        clock: this.clock,
        events: this.options.events,
        occurrences: this.occurrences,
        log: (message) => this.log(message),
        recoverRuns: () => this.options.recoverRuns?.(),
      },
      { kind: options.kind, databasePath: this.options.databasePath, ...this.options.timings },
    )
    this.loop.start()
    return this.loop.status()
  }

  /** Stops the loop (the lease is released, so a waiting process takes over at once). */
  async stop(): Promise<void> {
    const loop = this.loop
    this.loop = null
    await loop?.stop()
  }

  /** Waits for occurrences being ended and notifications going out (before the database closes). */
  async drain(): Promise<void> {
    while (this.endings.size) await Promise.all([...this.endings])
    await this.occurrences.drain()
  }

  async close(): Promise<void> {
    await this.stop()
    await this.drain()
    this.unsubscribe()
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
