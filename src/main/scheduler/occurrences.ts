// What happens to one occurrence once it is due: a run created with the schedule's configuration
// (through the contract) and started, the occurrence ending with the run's outcome, its reports
// written and its notifications sent. Ending is a compare-and-set on the occurrence's status, so
// when two processes both see a run end (the one that ran it, the one holding the schedules) only
// one of them writes the outcome and notifies.
import { TestDeskError } from '../../shared/api/errors'
import type { RawInputOf } from '../../shared/api/contract'
import type { Api } from '../../shared/api'
import type { TestRun } from '../../shared/model/execution'
import type { ScheduleExecution, ScheduleExecutionStatus } from '../../shared/model/schedules'
import { isFinishedRun } from '../../shared/model/states'
import type { Store } from '../store'
import { UNFINISHED_EXECUTION, type StoredSchedule } from '../store/schedules'
import type { Clock } from './clock'
import { messageFor, sendEmail, sendWebhook, showDesktop, wantsNotification, type DesktopNotifier, type NotificationRecord, type NotifyOptions } from './notify'
import type { EventPort, RunsPort } from './ports'

export interface OccurrenceDeps {
  store: Store
  runs: RunsPort
  events: EventPort
  clock: Clock
  notify: NotifyOptions
  desktop(): DesktopNotifier | null
  log(message: string): void
}

/** The run input an occurrence of `schedule` creates: its tests, browser, workers, retries, options. */
export function runInputFor(schedule: StoredSchedule, scheduledFor: string): RawInputOf<Api['runs']['create']> {
  const select = schedule.suite_path || schedule.tags.length ? { suite_paths: schedule.suite_path ? [schedule.suite_path] : [], tags: schedule.tags } : undefined
  return {
    project_id: schedule.project_id,
    suite_path: schedule.suite_path,
    suite_name: schedule.suite_name ?? schedule.suite_path?.at(-1) ?? null,
    test_case_ids: schedule.test_case_ids ?? [],
    select,
    scheduled_at: scheduledFor,
    parallel_count: schedule.parallel_count,
    retry_count: schedule.retry_count,
    retry_on_failure: schedule.retry_on_failure,
    browser_name: (schedule.browser_name as 'chromium' | 'firefox' | 'webkit' | null) ?? undefined,
    tags: schedule.tags,
    notes: `Scheduled by "${schedule.schedule_name}" for ${scheduledFor}`,
    options: { ...schedule.run_options, headless: schedule.run_options.headless ?? true, is_scheduled: true },
  }
}

/** An ended run's outcome as an occurrence status: completed only when every test passed. */
export function outcomeOf(run: TestRun): ScheduleExecutionStatus {
  if (run.status === 'cancelled') return 'cancelled'
  if (run.status === 'completed' && run.passed_tests === run.total_tests) return 'completed'
  return 'failed'
}

export class Occurrences {
  /** Notifications and reports still being written, awaited by stop(). */
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(private readonly deps: OccurrenceDeps) {}

  private get store(): Store {
    return this.deps.store
  }

  /** Creates and starts the run of a pending occurrence; a failure to create it ends the occurrence failed. */
  async start(schedule: StoredSchedule, execution: ScheduleExecution): Promise<ScheduleExecution> {
    const created = await this.createRun(schedule, execution.scheduled_for)
    if ('error' in created) return this.end(schedule, execution, null, 'failed', created.error)
    const started = this.store.schedules.updateExecution(execution.id, { test_run_id: created.run.id, status: 'running', executed_at: this.now() }, ['pending'])
    if (!started) return this.store.schedules.execution(execution.id)
    return this.startRun(schedule, started, created.run)
  }

  /**
   * Run now: the run is created first and its occurrence recorded already running, so no other
   * process ever sees it waiting for a run and starts one of its own.
   */
  async runNow(schedule: StoredSchedule): Promise<ScheduleExecution> {
    const at = this.now()
    const created = await this.createRun(schedule, at)
    const base = { schedule_id: schedule.id, scheduled_for: at, trigger: 'manual' as const }
    if ('error' in created) {
      const pending = this.store.schedules.recordExecution({ ...base, status: 'pending' })
      this.fired(schedule, pending)
      return this.end(schedule, pending, null, 'failed', created.error)
    }
    const running = this.store.schedules.recordExecution({ ...base, status: 'running', test_run_id: created.run.id, executed_at: at })
    this.fired(schedule, running)
    return this.startRun(schedule, running, created.run)
  }

  private fired(schedule: StoredSchedule, execution: ScheduleExecution): void {
    this.deps.events.emit('schedules.onFired', { schedule_id: schedule.id, schedule_name: schedule.schedule_name, execution })
  }

  private now(): string {
    return this.deps.clock.now().toISOString()
  }

  private async createRun(schedule: StoredSchedule, scheduledFor: string): Promise<{ run: TestRun } | { error: string }> {
    try {
      return { run: await this.deps.runs.create(runInputFor(schedule, scheduledFor)) }
    } catch (error) {
      const reason = error instanceof TestDeskError && error.issues?.some((i) => i.field === 'select') ? 'no tests match its suite and tags' : describe(error)
      return { error: `Could not create the run: ${reason}` }
    }
  }

  private async startRun(schedule: StoredSchedule, execution: ScheduleExecution, run: TestRun): Promise<ScheduleExecution> {
    this.deps.events.emit('schedules.onExecution', execution)
    try {
      await this.deps.runs.start(run.id)
    } catch (error) {
      const after = await this.deps.runs.get(run.id).catch(() => run)
      return this.end(schedule, execution, after, 'failed', `Could not start ${run.run_name}: ${describe(error)}`)
    }
    this.deps.log(`${schedule.schedule_name}: ${run.run_name} started (${run.total_tests} test${run.total_tests === 1 ? '' : 's'}, occurrence of ${execution.scheduled_for})`)
    return execution
  }

  /** A run ended (an event said so, with why when it did not complete): ends its occurrence, if it has one still open. */
  async runEnded(runId: string, message: string | null = null): Promise<void> {
    const execution = this.store.schedules.executionOfRun(runId)
    if (!execution) return
    if (!UNFINISHED_EXECUTION.includes(execution.status)) {
      // Ended already by the process holding the schedules: listeners here still learn how.
      this.deps.events.emit('schedules.onExecution', execution)
      return
    }
    const run = await this.deps.runs.get(runId).catch(() => null)
    if (!run || !isFinishedRun(run.status)) return
    await this.end(this.store.schedules.get(execution.schedule_id), execution, run, outcomeOf(run), run.status === 'completed' ? null : message)
  }

  /**
   * Looks at every open occurrence of `scheduleId` (or of all schedules): those whose run ended
   * are ended; what stays open is returned, with the names of the runs still going.
   */
  async sweep(scheduleId?: string): Promise<{ open: ScheduleExecution[]; runNames: Map<string, string> }> {
    const open = scheduleId ? this.store.schedules.executionsIn(scheduleId, UNFINISHED_EXECUTION) : this.store.schedules.unfinishedExecutions()
    const still: ScheduleExecution[] = []
    const runNames = new Map<string, string>()
    for (const execution of open) {
      if (!execution.test_run_id) {
        still.push(execution)
        continue
      }
      const run = await this.deps.runs.get(execution.test_run_id).catch(() => null)
      if (!run) {
        await this.end(this.store.schedules.get(execution.schedule_id), execution, null, 'failed', 'Its run was deleted')
      } else if (isFinishedRun(run.status)) {
        await this.end(this.store.schedules.get(execution.schedule_id), execution, run, outcomeOf(run), null)
      } else {
        still.push(execution)
        runNames.set(execution.id, run.run_name)
      }
    }
    return { open: still, runNames }
  }

  /**
   * Ends an occurrence with `status` unless another process ended it first: reports, the
   * schedule's last outcome, the event, then notifications (in the background).
   */
  async end(schedule: StoredSchedule, execution: ScheduleExecution, run: TestRun | null, status: ScheduleExecutionStatus, error: string | null): Promise<ScheduleExecution> {
    const ended = this.store.schedules.updateExecution(
      execution.id,
      {
        status,
        error_message: error ?? execution.error_message,
        executed_at: execution.executed_at ?? this.deps.clock.now().toISOString(),
        total_tests: run?.total_tests ?? 0,
        passed_tests: run?.passed_tests ?? 0,
        failed_tests: (run?.failed_tests ?? 0) + (run?.no_run_tests ?? 0),
        duration_ms: run?.duration_ms ?? 0,
      },
      UNFINISHED_EXECUTION,
    )
    if (!ended) {
      // Another process ended it first and writes its reports and notifications; listeners here
      // (a CLI waiting on run now) still learn how it ended.
      const current = this.store.schedules.execution(execution.id)
      if (!UNFINISHED_EXECUTION.includes(current.status)) this.deps.events.emit('schedules.onExecution', current)
      return current
    }
    const reportPath = run && status !== 'cancelled' ? await this.writeReports(schedule, run) : null
    const final = (reportPath && this.store.schedules.updateExecution(ended.id, { report_path: reportPath }, [status])) || ended
    this.store.schedules.noteOutcome(schedule.id, final.executed_at!, status)
    this.deps.events.emit('schedules.onExecution', final)
    const counts = run ? `, ${run.passed_tests}/${run.total_tests} passed` : ''
    this.deps.log(`${schedule.schedule_name}: ${run ? `${run.run_name} ` : ''}${status}${counts}${error ? ` (${error})` : ''}${reportPath ? `; report ${reportPath}` : ''}`)
    const previous = this.store.schedules.previousOutcome(schedule.id, final.id)
    if (wantsNotification({ schedule, execution: final, previous })) this.track(this.notify({ schedule, execution: final, run, previous }))
    return final
  }

  private async writeReports(schedule: StoredSchedule, run: TestRun): Promise<string | null> {
    const paths: string[] = []
    for (const format of schedule.report_formats) {
      try {
        paths.push((await this.deps.runs.exportReport({ run_id: run.id, format })).path)
      } catch (error) {
        this.deps.log(`${schedule.schedule_name}: the ${format} report of ${run.run_name} could not be written: ${describe(error)}`)
      }
    }
    const html = schedule.report_formats.indexOf('html')
    return (html >= 0 ? paths[html] : paths[0]) ?? null
  }

  private async notify(outcome: Parameters<typeof messageFor>[0]): Promise<void> {
    const { schedule, execution } = outcome
    const message = messageFor(outcome)
    const sends: Promise<NotificationRecord>[] = []
    const desktop = this.deps.desktop()
    if (schedule.notify_desktop && desktop) sends.push(showDesktop(desktop, message))
    const webhook = schedule.webhook_url ? this.store.schedules.webhookUrl(schedule.id) : null
    if (webhook) sends.push(sendWebhook(webhook, message, this.deps.notify))
    if (schedule.notification_emails?.length) sends.push(sendEmail(this.store.schedulerSettings.smtp(), schedule.notification_emails, message, this.deps.notify))
    for (const sent of await Promise.all(sends)) {
      try {
        this.store.schedules.recordNotification({ ...sent, schedule_execution_id: execution.id })
      } catch {
        // The schedule (and its history) was deleted while the notification went out.
        continue
      }
      this.deps.log(`${schedule.schedule_name}: ${sent.channel} notification to ${sent.target} ${sent.status}${sent.error_message ? ` (${sent.error_message})` : ''}`)
    }
    this.deps.events.emit('schedules.onExecution', this.store.schedules.execution(execution.id))
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error) => this.deps.log(`notification failed: ${describe(error)}`)).finally(() => this.inFlight.delete(tracked))
    this.inFlight.add(tracked)
  }

  /** Waits for reports and notifications still going out. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight])
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
