// Schedules, the record of every occurrence (schedule_executions) and the notifications each sent.
// When a schedule runs next is computed by the scheduler; the store keeps it, finds the due ones
// through a partial index, and lets exactly one caller claim an occurrence (compare-and-set on
// next_execution_at). The webhook URL is a secret: rows leave the store with it masked.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type {
  CreateScheduleInput,
  ListSchedulesQuery,
  Schedule,
  ScheduleExecution,
  ScheduleExecutionStatus,
  ScheduleExecutionView,
  ScheduleNotification,
  ScheduleStatus,
  UpdateScheduleInput,
} from '../../shared/model/schedules'
import { isMaskedUrl, maskUrl } from '../../shared/secret-url'
import type { StoreBase } from './base'
import { guarded } from './errors'
import { dateBounds, listOptions, newId, type Row, Where } from './table'

/** A schedule as stored (the scheduler adds its description and next run on the clocks). */
export type StoredSchedule = Omit<Schedule, 'description' | 'next_run'>

const SCHEDULE_FIELDS = [
  'id', 'project_id', 'created_by', 'schedule_name', 'suite_path', 'suite_name', 'test_case_ids', 'tags', 'scheduled_datetime', 'timezone',
  'repeat_type', 'repeat_interval', 'repeat_unit', 'cron_expression', 'repeat_days_of_week', 'repeat_day_of_month', 'repeat_month_end',
  'repeat_end_date', 'max_occurrences', 'status', 'is_enabled', 'parallel_enabled', 'parallel_count', 'retry_on_failure', 'retry_count',
  'browser_name', 'run_options', 'report_formats', 'missed_policy', 'overlap_policy', 'notify_on_completion', 'notify_on_failure',
  'notify_on_status_change', 'notify_desktop', 'notification_emails', 'webhook_url', 'execution_count', 'last_executed_at',
  'last_execution_status', 'next_execution_at', 'created_at', 'updated_at',
] as const satisfies readonly (keyof StoredSchedule)[]

const EXECUTION_FIELDS = [
  'id', 'schedule_id', 'test_run_id', 'scheduled_for', 'executed_at', 'status', 'trigger', 'total_tests', 'passed_tests', 'failed_tests',
  'duration_ms', 'error_message', 'report_path', 'created_at',
] as const satisfies readonly (keyof ScheduleExecution)[]

function pick<T>(row: Row, fields: readonly string[]): T {
  const out: Row = {}
  for (const field of fields) out[field] = row[field] ?? null
  return out as T
}

/** A decoded schedules row → the schedule as shown outside the store (webhook URL masked). */
function rowToSchedule(row: Row): StoredSchedule {
  const schedule = pick<StoredSchedule>(row, SCHEDULE_FIELDS)
  if (schedule.webhook_url) schedule.webhook_url = maskUrl(schedule.webhook_url)
  return schedule
}

export const UNFINISHED_EXECUTION: readonly ScheduleExecutionStatus[] = ['pending', 'running']

export type NewExecution = Pick<ScheduleExecution, 'schedule_id' | 'scheduled_for' | 'status' | 'trigger'> &
  Partial<Omit<ScheduleExecution, 'created_at'>>

export class SchedulesRepo {
  constructor(private readonly s: StoreBase) {}

  private decoded(id: string): Row {
    const row = this.s.t.schedules.get(id)
    if (!row) throw TestDeskError.notFound('Schedule', id)
    return row
  }

  get(id: string): StoredSchedule {
    return rowToSchedule(this.decoded(id))
  }

  private checkRefs(input: Partial<CreateScheduleInput>, projectId: string): void {
    input.test_case_ids?.forEach((id, i) => this.s.assertInProject('testCases', id, projectId, `test_case_ids.${i}`, 'test case'))
    const options = input.run_options
    if (options?.environment_id) this.s.assertInProject('environments', options.environment_id, projectId, 'run_options.environment_id', 'environment')
    if (options?.browser_config_id) {
      this.s.assertInProject('browserConfigs', options.browser_config_id, projectId, 'run_options.browser_config_id', 'browser configuration')
    }
  }

  private static checkSelection(schedule: Pick<CreateScheduleInput, 'suite_path' | 'test_case_ids' | 'tags'>): void {
    if (!schedule.suite_path && !schedule.test_case_ids?.length && !schedule.tags?.length) {
      throw TestDeskError.validation('suite_path', 'give a suite path, test case ids or tags to run')
    }
  }

  /** `input` as validated by the scheduler, with its first occurrence planned. */
  create(input: CreateScheduleInput & { next_execution_at: string | null; status?: ScheduleStatus }): StoredSchedule {
    return this.s.tx(() => {
      const projectId = this.s.projectOrDefault(input.project_id)
      this.checkRefs(input, projectId)
      SchedulesRepo.checkSelection(input)
      const parallelCount = input.parallel_count ?? 1
      const id = guarded(() =>
        this.s.t.schedules.insert({
          ...input,
          project_id: projectId,
          created_by: this.s.localUserId,
          timezone: input.timezone ?? 'UTC',
          parallel_count: parallelCount,
          parallel_enabled: input.parallel_enabled ?? parallelCount > 1,
          retry_on_failure: input.retry_on_failure ?? (input.retry_count ?? 0) > 0,
        }),
      )
      return this.get(id)
    })
  }

  /** The schedule with `input` applied, as it would be stored (for the scheduler to check and plan). */
  merged(input: UpdateScheduleInput): StoredSchedule & { webhook_changed: boolean } {
    const current = this.get(input.id)
    const patch = this.patchOf(input)
    return { ...current, ...(patch as Partial<StoredSchedule>), webhook_changed: patch.webhook_url !== undefined }
  }

  private patchOf(input: UpdateScheduleInput): Row {
    const { id: _id, ...patch } = input as Row & { id: string }
    // The masked URL the tester was shown, sent back unchanged, keeps the stored secret.
    if (typeof patch.webhook_url === 'string' && isMaskedUrl(patch.webhook_url)) delete patch.webhook_url
    for (const key of Object.keys(patch)) if (patch[key] === undefined) delete patch[key]
    return patch
  }

  update(input: UpdateScheduleInput): StoredSchedule {
    return this.s.tx(() => {
      const current = this.get(input.id)
      this.checkRefs(input, current.project_id)
      const patch = this.patchOf(input)
      SchedulesRepo.checkSelection({ ...current, ...(patch as Partial<CreateScheduleInput>) })
      if (patch.parallel_count !== undefined && patch.parallel_enabled === undefined) patch.parallel_enabled = (patch.parallel_count as number) > 1
      guarded(() => this.s.t.schedules.update(input.id, patch))
      return this.get(input.id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    if (!this.s.t.schedules.delete(id)) throw TestDeskError.notFound('Schedule', id)
    return { id, deleted: true }
  }

  list(query: z.infer<typeof ListSchedulesQuery>): Page<StoredSchedule> {
    const where = new Where().eq('project_id', query.project_id).eq('status', query.status).eq('is_enabled', query.is_enabled).eq('repeat_type', query.repeat_type)
    const { from, toExclusive } = dateBounds(query.from_date, query.to_date)
    where.gte('next_execution_at', from).lt('next_execution_at', toExclusive)
    const page = this.s.t.schedules.list(listOptions(where, query))
    return { ...page, items: page.items.map(rowToSchedule) }
  }

  /** Every schedule, for planning them all again (a time zone rule change, the benchmark). */
  ids(): string[] {
    return (this.s.statements.get('SELECT id FROM schedules ORDER BY id').all() as { id: string }[]).map((r) => r.id)
  }

  /** Active, enabled schedules whose next execution is at or before `now`, soonest first. */
  due(now: string, limit = 100): StoredSchedule[] {
    // Without statistics SQLite prefers idx_schedules_status, reading every active schedule and
    // sorting them; the partial index reads only the due ones, already in order.
    const rows = this.s.statements
      .get(
        "SELECT * FROM schedules INDEXED BY idx_schedules_next_exec WHERE status = 'active' AND next_execution_at <= ? AND is_enabled = 1 ORDER BY next_execution_at LIMIT ?",
      )
      .all(now, limit) as Row[]
    return rows.map((row) => rowToSchedule(this.s.t.schedules.fromRow(row)))
  }

  /** When the soonest active, enabled schedule is due (null when none is planned): the scheduler sleeps until then. */
  nextDue(): string | null {
    const row = this.s.statements
      .get("SELECT next_execution_at AS at FROM schedules INDEXED BY idx_schedules_next_exec WHERE status = 'active' AND next_execution_at IS NOT NULL AND is_enabled = 1 ORDER BY next_execution_at LIMIT 1")
      .get() as { at: string } | undefined
    return row?.at ?? null
  }

  /**
   * Moves an active schedule from the occurrence at `due` to its next one, only if nobody did
   * already: false when another caller claimed it first (or it was paused, changed or deleted).
   */
  advance(id: string, due: string, next: { next_execution_at: string | null; status: ScheduleStatus; ran: boolean }): boolean {
    const changes = this.s.statements
      .get(
        `UPDATE schedules SET next_execution_at = ?, status = ?, execution_count = execution_count + ?, updated_at = ?
         WHERE id = ? AND next_execution_at = ? AND status = 'active'`,
      )
      .run(next.next_execution_at, next.status, next.ran ? 1 : 0, this.s.now(), id, due).changes
    return changes > 0
  }

  /** Plans a schedule again (after a change, resume or re-plan); the status moves with it. */
  plan(id: string, nextExecutionAt: string | null, status: ScheduleStatus): StoredSchedule {
    guarded(() => this.s.t.schedules.update(id, { next_execution_at: nextExecutionAt, status }))
    return this.get(id)
  }

  setStatus(id: string, to: 'active' | 'paused'): StoredSchedule {
    const current = this.get(id)
    if (current.status === 'completed' || current.status === 'cancelled') {
      throw TestDeskError.invalidState(`Cannot ${to === 'paused' ? 'pause' : 'resume'} schedule: status is '${current.status}'`)
    }
    this.s.t.schedules.update(id, { status: to })
    return this.get(id)
  }

  /** The stored webhook URL, for the notifier only. */
  webhookUrl(id: string): string | null {
    return (this.decoded(id).webhook_url as string | null) ?? null
  }

  // ── Occurrences ─────────────────────────────────────────────────────────────────────────

  execution(id: string): ScheduleExecution {
    const row = this.s.t.scheduleExecutions.get(id)
    if (!row) throw TestDeskError.notFound('Schedule execution', id)
    return pick<ScheduleExecution>(row, EXECUTION_FIELDS)
  }

  recordExecution(execution: NewExecution): ScheduleExecution {
    const id = this.s.t.scheduleExecutions.insert({ ...execution, id: execution.id ?? newId() })
    return this.execution(id)
  }

  /** Many occurrences at once (missed ones after a downtime), in one statement each. */
  recordExecutions(executions: readonly NewExecution[]): void {
    this.s.tx(() => this.s.t.scheduleExecutions.insertMany(executions.map((execution): Row => ({ ...execution }))))
  }

  /**
   * Changes an occurrence only while its status is one of `from`, so two processes finishing the
   * same occurrence cannot both do it (and notify twice); null when it had already moved on.
   */
  updateExecution(id: string, patch: Partial<Omit<ScheduleExecution, 'id' | 'schedule_id' | 'created_at'>>, from: readonly ScheduleExecutionStatus[]): ScheduleExecution | null {
    return this.s.tx(() => {
      const current = this.execution(id)
      if (!from.includes(current.status)) return null
      this.s.t.scheduleExecutions.update(id, patch as Row)
      return this.execution(id)
    })
  }

  /** Occurrences of `scheduleId` in these statuses, oldest first. */
  executionsIn(scheduleId: string, statuses: readonly ScheduleExecutionStatus[]): ScheduleExecution[] {
    return this.s.t.scheduleExecutions
      .all(new Where().eq('schedule_id', scheduleId).in('status', [...statuses]), 'ORDER BY scheduled_for ASC, id ASC')
      .map((row) => pick<ScheduleExecution>(row, EXECUTION_FIELDS))
  }

  /** The occurrence a run was started for, if any. */
  executionOfRun(runId: string): ScheduleExecution | null {
    const [row] = this.s.t.scheduleExecutions.all(new Where().eq('test_run_id', runId), 'LIMIT 1')
    return row ? pick<ScheduleExecution>(row, EXECUTION_FIELDS) : null
  }

  /** Every occurrence not finished yet (pending or running), of every schedule, oldest first. */
  unfinishedExecutions(): ScheduleExecution[] {
    return this.s.t.scheduleExecutions
      .all(new Where().in('status', [...UNFINISHED_EXECUTION]), 'ORDER BY scheduled_for ASC, id ASC')
      .map((row) => pick<ScheduleExecution>(row, EXECUTION_FIELDS))
  }

  /** The latest occurrence that ran to an end (completed or failed) before `before`, for "on status change". */
  previousOutcome(scheduleId: string, beforeExecutionId: string): ScheduleExecutionStatus | null {
    const row = this.s.statements
      .get(
        `SELECT status FROM schedule_executions WHERE schedule_id = ? AND id <> ? AND status IN ('completed', 'failed') AND executed_at IS NOT NULL
         ORDER BY executed_at DESC, id DESC LIMIT 1`,
      )
      .get(scheduleId, beforeExecutionId) as { status: ScheduleExecutionStatus } | undefined
    return row?.status ?? null
  }

  /** After an occurrence ended: the schedule's last execution time and outcome. */
  noteOutcome(scheduleId: string, executedAt: string, status: ScheduleExecutionStatus): void {
    this.s.t.schedules.update(scheduleId, { last_executed_at: executedAt, last_execution_status: status })
  }

  /** History of a schedule, newest first, each occurrence with its run's name and number and its notifications. */
  history(scheduleId: string, query: { limit: number; offset: number; status?: ScheduleExecutionStatus }): Page<ScheduleExecutionView> {
    this.get(scheduleId)
    const where = new Where().eq('schedule_id', scheduleId).eq('status', query.status)
    const page = this.s.t.scheduleExecutions.list({ where, limit: query.limit, offset: query.offset, sortBy: 'scheduled_for', sortOrder: 'desc' })
    const items = page.items.map((row) => {
      const execution = pick<ScheduleExecution>(row, EXECUTION_FIELDS)
      const run = execution.test_run_id
        ? (this.s.statements.get('SELECT run_name, run_number FROM test_runs WHERE id = ?').get(execution.test_run_id) as
            | { run_name: string; run_number: number }
            | undefined)
        : undefined
      return { ...execution, run_name: run?.run_name ?? null, run_number: run?.run_number ?? null, notifications: this.notifications(execution.id) }
    })
    return { ...page, items }
  }

  // ── Notifications ───────────────────────────────────────────────────────────────────────

  recordNotification(notification: Omit<ScheduleNotification, 'id' | 'created_at'>): ScheduleNotification {
    const id = newId()
    this.s.statements
      .get(
        'INSERT INTO schedule_notifications (id, schedule_execution_id, channel, target, status, attempts, error_message, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, notification.schedule_execution_id, notification.channel, notification.target, notification.status, notification.attempts, notification.error_message, notification.sent_at)
    return this.notifications(notification.schedule_execution_id).find((n) => n.id === id)!
  }

  notifications(executionId: string): ScheduleNotification[] {
    return this.s.statements
      .get('SELECT * FROM schedule_notifications WHERE schedule_execution_id = ? ORDER BY created_at, id')
      .all(executionId) as ScheduleNotification[]
  }
}
