// Schedules and the record of every occurrence (schedule_executions). When a schedule runs next
// is computed by the scheduler; the store keeps it and finds the due ones through a partial index.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { CreateScheduleInput, ListSchedulesQuery, Schedule, ScheduleExecution, ScheduleStatus } from '../../shared/model/execution'
import type { StoreBase } from './base'
import { guarded } from './errors'
import { dateBounds, listOptions, type Row, Where } from './table'

export class SchedulesRepo {
  constructor(private readonly s: StoreBase) {}

  get(id: string): Schedule {
    return this.s.mustGet<Schedule>('schedules', id, 'Schedule')
  }

  private checkTests(ids: readonly string[] | null | undefined, projectId: string, field = 'test_case_ids'): void {
    ids?.forEach((id, i) => this.s.assertInProject('testCases', id, projectId, `${field}.${i}`, 'test case'))
  }

  create(input: CreateScheduleInput): Schedule {
    return this.s.tx(() => {
      const projectId = this.s.projectOrDefault(input.project_id)
      this.checkTests(input.test_case_ids, projectId)
      if (!input.suite_path && !input.test_case_ids?.length) {
        throw TestDeskError.validation('suite_path', 'give a suite path or test case ids to run')
      }
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
          next_execution_at: input.next_execution_at ?? input.scheduled_datetime,
        }),
      )
      return this.get(id)
    })
  }

  update(input: { id: string } & Partial<CreateScheduleInput> & { status?: ScheduleStatus }): Schedule {
    return this.s.tx(() => {
      const current = this.get(input.id)
      this.checkTests(input.test_case_ids, current.project_id)
      const { id, ...patch } = input
      guarded(() => this.s.t.schedules.update(id, patch as Row))
      return this.get(id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    if (!this.s.t.schedules.delete(id)) throw TestDeskError.notFound('Schedule', id)
    return { id, deleted: true }
  }

  setStatus(id: string, to: 'active' | 'paused'): Schedule {
    const current = this.get(id)
    if (current.status === 'completed' || current.status === 'cancelled') {
      throw TestDeskError.invalidState(`Cannot ${to === 'paused' ? 'pause' : 'resume'} schedule: status is '${current.status}'`)
    }
    this.s.t.schedules.update(id, { status: to })
    return this.get(id)
  }

  list(query: z.infer<typeof ListSchedulesQuery>): Page<Schedule> {
    const where = new Where().eq('project_id', query.project_id).eq('status', query.status).eq('is_enabled', query.is_enabled).eq('repeat_type', query.repeat_type)
    const { from, toExclusive } = dateBounds(query.from_date, query.to_date)
    where.gte('next_execution_at', from).lt('next_execution_at', toExclusive)
    return this.s.t.schedules.list(listOptions(where, query)) as unknown as Page<Schedule>
  }

  /** Active, enabled schedules whose next execution is at or before `now`, soonest first. */
  due(now: string, limit = 100): Schedule[] {
    // Without statistics SQLite prefers idx_schedules_status, reading every active schedule and
    // sorting them; the partial index reads only the due ones, already in order.
    const rows = this.s.statements
      .get(
        "SELECT * FROM schedules INDEXED BY idx_schedules_next_exec WHERE status = 'active' AND next_execution_at <= ? AND is_enabled = 1 ORDER BY next_execution_at LIMIT ?",
      )
      .all(now, limit) as Row[]
    return rows.map((row) => this.s.t.schedules.fromRow(row) as unknown as Schedule)
  }

  executions(scheduleId: string, limit = 20, offset = 0): Page<ScheduleExecution> {
    this.get(scheduleId)
    const where = new Where().eq('schedule_id', scheduleId)
    return this.s.t.scheduleExecutions.list({ where, limit, offset }) as unknown as Page<ScheduleExecution>
  }

  recordExecution(execution: Omit<ScheduleExecution, 'id' | 'created_at'> & { id?: string }): ScheduleExecution {
    const id = this.s.t.scheduleExecutions.insert(execution as Row)
    return this.s.t.scheduleExecutions.get(id) as unknown as ScheduleExecution
  }
}
