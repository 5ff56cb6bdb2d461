// `schedules`: regressions that run on this machine at set times, and what each occurrence did.
import { z } from 'zod'
import { ById, ByIds, Id, type BulkDeleted, type Deleted, type Page } from '../model/common'
import { CreateScheduleInput, ListSchedulesQuery, UpdateScheduleInput, type Schedule, type ScheduleExecution } from '../model/execution'
import { method, returns, type Namespace } from './contract'

export const schedules = {
  create: method(CreateScheduleInput, returns<Schedule>()),
  get: method(ById, returns<Schedule>()),
  update: method(UpdateScheduleInput, returns<Schedule>()),
  delete: method(ById, returns<Deleted>()),
  bulkDelete: method(ByIds, returns<BulkDeleted>()),
  list: method(ListSchedulesQuery, returns<Page<Schedule>>()),
  pause: method(ById, returns<Schedule>()),
  resume: method(ById, returns<Schedule>()),
  history: method(
    z.object({ id: Id, limit: z.number().int().min(1).max(100).default(20), offset: z.number().int().min(0).default(0) }).strict(),
    returns<Page<ScheduleExecution>>(),
  ),
  /** Schedules due to run now (or at `at`). */
  pending: method(z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict().default({}), returns<Schedule[]>()),
} satisfies Namespace
