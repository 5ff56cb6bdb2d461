// `schedules`: regressions that run on this machine at set times, and what each occurrence did.
import { z } from 'zod'
import { ById, ByIds, type BulkDeleted, type Deleted, type Page } from '../model/common'
import {
  CreateScheduleInput,
  ListSchedulesQuery,
  PreviewScheduleInput,
  ScheduleHistoryQuery,
  UpdateScheduleInput,
  UpdateSchedulerSettingsInput,
  type Schedule,
  type ScheduleExecution,
  type ScheduleExecutionView,
  type ScheduleFired,
  type SchedulePreview,
  type SchedulerSettings,
  type SchedulerStatus,
} from '../model/schedules'
import { event, method, returns, type Namespace } from './contract'

export const schedules = {
  create: method(CreateScheduleInput, returns<Schedule>()),
  get: method(ById, returns<Schedule>()),
  /** Changing the recurrence plans the next run again from now. */
  update: method(UpdateScheduleInput, returns<Schedule>()),
  delete: method(ById, returns<Deleted>()),
  bulkDelete: method(ByIds, returns<BulkDeleted>()),
  list: method(ListSchedulesQuery, returns<Page<Schedule>>()),
  /** No occurrence fires while paused, and none is recorded missed. */
  pause: method(ById, returns<Schedule>()),
  /** Plans the next run from now. */
  resume: method(ById, returns<Schedule>()),
  /** Every occurrence, newest first, with its run and the notifications it sent. */
  history: method(ScheduleHistoryQuery, returns<Page<ScheduleExecutionView>>()),
  /** Schedules due to run now (or at `at`). */
  pending: method(z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict().default({}), returns<Schedule[]>()),
  /** The next occurrences of a draft recurrence (or of a stored schedule), for a readable preview. */
  preview: method(PreviewScheduleInput, returns<SchedulePreview>()),
  /** Runs the schedule's tests now, as configured, in this process; the plan is unchanged. */
  runNow: method(ById, returns<ScheduleExecution>()),
  /** Whether this process runs the schedules, and which process holds them if another does. */
  status: method(z.object({}).strict().default({}), returns<SchedulerStatus>()),
  settings: method(z.object({}).strict().default({}), returns<SchedulerSettings>()),
  /** SMTP for e-mail notifications (the password is a secret, never returned) and background running. */
  updateSettings: method(UpdateSchedulerSettingsInput, returns<SchedulerSettings>()),
  /** An occurrence fired: its run was created, or it was skipped, queued or recorded missed. */
  onFired: event<ScheduleFired>({ filters: { schedule_id: (p) => p.schedule_id } }),
  /** An occurrence changed status (its run started or ended, notifications went out). */
  onExecution: event<ScheduleExecution>({ filters: { schedule_id: (p) => p.schedule_id } }),
  /** A schedule was created, changed or deleted, or its next run was planned again. */
  onChanged: event<{ id: string; deleted: boolean; next_execution_at: string | null }>({ filters: { schedule_id: (p) => p.id } }),
} satisfies Namespace
