// Schedules (reference/003 `schedules`, `schedule_executions`) and what TestDesk adds to run them
// on this machine: how a custom or cron recurrence is written, what a 31st does in a short month,
// the run configuration of each occurrence, the missed-run and overlap policies, notifications.
import { z } from 'zod'
import { REPORT_FORMATS } from '../api/reports'
import { DateFilter, Id, listQuery, Name, Tags, Timestamp } from './common'
import { SuitePath } from './definition'
import { RunConfigFields, RunOptions } from './execution'

export const SCHEDULE_STATUSES = ['active', 'paused', 'completed', 'cancelled'] as const
export const ScheduleStatus = z.enum(SCHEDULE_STATUSES)
export type ScheduleStatus = z.infer<typeof ScheduleStatus>

/** reference/003's repeat types; `custom` is every N hours or days, or a cron expression. */
export const REPEAT_TYPES = ['none', 'hourly', 'daily', 'weekly', 'monthly', 'custom'] as const
export const RepeatType = z.enum(REPEAT_TYPES)
export type RepeatType = z.infer<typeof RepeatType>
export const REPEAT_UNITS = ['hours', 'days'] as const
export const RepeatUnit = z.enum(REPEAT_UNITS)

/** Monthly on a day a month does not have (the 31st in April): its last day, or no run that month. */
export const MONTH_END_RULES = ['last_day', 'skip'] as const
export const MonthEndRule = z.enum(MONTH_END_RULES)
export type MonthEndRule = z.infer<typeof MonthEndRule>

/** At start, for occurrences that fell while nothing ran: only record them, or run once now. */
export const MISSED_POLICIES = ['skip', 'run_once'] as const
export const MissedPolicy = z.enum(MISSED_POLICIES)
/** When the previous run of the schedule is still going: skip the occurrence, or run it after. */
export const OVERLAP_POLICIES = ['skip', 'queue'] as const
export const OverlapPolicy = z.enum(OVERLAP_POLICIES)

export const SCHEDULE_EXECUTION_STATUSES = ['pending', 'running', 'completed', 'failed', 'missed', 'skipped', 'cancelled'] as const
export const ScheduleExecutionStatus = z.enum(SCHEDULE_EXECUTION_STATUSES)
export type ScheduleExecutionStatus = z.infer<typeof ScheduleExecutionStatus>
/** What made an occurrence run: its planned time, the missed-run policy at start, or a tester. */
export const SCHEDULE_TRIGGERS = ['schedule', 'catch_up', 'manual'] as const
export type ScheduleTrigger = (typeof SCHEDULE_TRIGGERS)[number]

export const ScheduleReportFormat = z.enum(REPORT_FORMATS)

/** How each occurrence's run executes (a run's options, less what only a single run has). */
export const ScheduleRunOptions = RunOptions.omit({ priority: true, is_scheduled: true })
export type ScheduleRunOptions = z.infer<typeof ScheduleRunOptions>

/** One planned time of a schedule, as an instant and as read on the schedule's and this machine's clocks. */
export interface Occurrence {
  /** The instant, ISO-8601 UTC. */
  at: Timestamp
  /** Wall time in the schedule's time zone, ISO-8601 with its offset (2026-03-08T03:00:00-04:00). */
  schedule_time: string
  /** Wall time in this machine's time zone, ISO-8601 with its offset. */
  local_time: string
  /** Why this occurrence is not at the schedule's usual time (a clock change, a short month), if so. */
  note: string | null
}

export interface Schedule {
  id: string
  project_id: string
  created_by: string
  schedule_name: string
  suite_path: string[] | null
  suite_name: string | null
  test_case_ids: string[] | null
  /** Tests having any of these tags run too. */
  tags: string[]
  scheduled_datetime: Timestamp
  timezone: string
  repeat_type: RepeatType
  repeat_interval: number | null
  repeat_unit: 'hours' | 'days' | null
  cron_expression: string | null
  repeat_days_of_week: number[] | null
  repeat_day_of_month: number | null
  repeat_month_end: MonthEndRule
  repeat_end_date: Timestamp | null
  max_occurrences: number | null
  status: ScheduleStatus
  is_enabled: boolean
  parallel_enabled: boolean
  parallel_count: number
  retry_on_failure: boolean
  retry_count: number
  browser_name: string | null
  run_options: ScheduleRunOptions
  report_formats: z.infer<typeof ScheduleReportFormat>[]
  missed_policy: z.infer<typeof MissedPolicy>
  overlap_policy: z.infer<typeof OverlapPolicy>
  notify_on_completion: boolean
  notify_on_failure: boolean
  notify_on_status_change: boolean
  notify_desktop: boolean
  notification_emails: string[] | null
  /** Masked (scheme and host only): the full URL is a secret and never leaves the store. */
  webhook_url: string | null
  /** Runs the schedule started on its own (on time or catching up); max_occurrences counts these. */
  execution_count: number
  last_executed_at: Timestamp | null
  last_execution_status: string | null
  next_execution_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  /** The recurrence in words, with its rules for clock changes and short months. */
  description: string
  /** next_execution_at on the schedule's and this machine's clocks. */
  next_run: Occurrence | null
}

export const IanaTimezone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz })
        return true
      } catch {
        return false
      }
    },
    { message: 'must be an IANA time zone such as Europe/Paris or America/New_York' },
  )

const WebhookUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).max(2048)

/** The recurrence of a schedule: what `schedules.preview` takes for a draft. */
export const RecurrenceFields = {
  scheduled_datetime: Timestamp,
  timezone: IanaTimezone.optional(),
  repeat_type: RepeatType.optional(),
  repeat_interval: z.number().int().min(1).max(10_000).nullish(),
  repeat_unit: RepeatUnit.nullish(),
  cron_expression: z.string().trim().min(1).max(200).nullish(),
  repeat_days_of_week: z.array(z.number().int().min(0).max(6)).min(1).max(7).nullish(),
  repeat_day_of_month: z.number().int().min(1).max(31).nullish(),
  repeat_month_end: MonthEndRule.optional(),
  repeat_end_date: Timestamp.nullish(),
  max_occurrences: z.number().int().min(1).nullish(),
}

const ScheduleFields = {
  schedule_name: Name,
  suite_path: SuitePath.nullish(),
  suite_name: z.string().max(255).nullish(),
  test_case_ids: z.array(Id).max(10_000).nullish(),
  tags: Tags.optional(),
  ...RecurrenceFields,
  is_enabled: z.boolean().optional(),
  parallel_enabled: RunConfigFields.parallel_enabled,
  parallel_count: RunConfigFields.parallel_count,
  retry_on_failure: RunConfigFields.retry_on_failure,
  retry_count: RunConfigFields.retry_count,
  browser_name: RunConfigFields.browser_name,
  run_options: ScheduleRunOptions.optional(),
  report_formats: z.array(ScheduleReportFormat).max(3).optional(),
  missed_policy: MissedPolicy.optional(),
  overlap_policy: OverlapPolicy.optional(),
  notify_on_completion: z.boolean().optional(),
  notify_on_failure: z.boolean().optional(),
  notify_on_status_change: z.boolean().optional(),
  notify_desktop: z.boolean().optional(),
  notification_emails: z.array(z.email()).max(100).nullish(),
  /** A secret: stored, never shown in full. Sending back the masked value keeps the stored one. */
  webhook_url: WebhookUrl.nullish(),
}

export const CreateScheduleInput = z
  .object({ project_id: Id.optional(), ...ScheduleFields, next_execution_at: Timestamp.nullish() })
  .strict()
export type CreateScheduleInput = z.infer<typeof CreateScheduleInput>

export const UpdateScheduleInput = z
  .object(ScheduleFields)
  .partial()
  .extend({ id: Id, status: ScheduleStatus.optional(), next_execution_at: Timestamp.nullish() })
  .strict()
export type UpdateScheduleInput = z.infer<typeof UpdateScheduleInput>

export const ListSchedulesQuery = listQuery(['next_execution_at', 'created_at', 'schedule_name'], {
  project_id: Id.optional(),
  status: ScheduleStatus.optional(),
  is_enabled: z.boolean().optional(),
  repeat_type: RepeatType.optional(),
  from_date: DateFilter.optional(),
  to_date: DateFilter.optional(),
}).extend({ sort_order: z.enum(['asc', 'desc']).default('asc') })

/** A draft's recurrence (or a stored schedule's, by id) and how many occurrences to show. */
export const PreviewScheduleInput = z
  .object(RecurrenceFields)
  .partial()
  .extend({
    id: Id.optional(),
    count: z.number().int().min(1).max(50).default(5),
    /** From when (default now). */
    from: Timestamp.optional(),
    /** The zone `local_time` is shown in (default this machine's): the browser's, in browser mode. */
    local_timezone: IanaTimezone.optional(),
  })
  .strict()

export interface SchedulePreview {
  description: string
  /** What happens when clocks change or a month is short, in words. */
  rules: string[]
  timezone: string
  local_timezone: string
  /** The next occurrences from now (or `from`), at most `count`; fewer when the schedule ends. */
  occurrences: Occurrence[]
}

export interface ScheduleExecution {
  id: string
  schedule_id: string
  test_run_id: string | null
  scheduled_for: Timestamp
  executed_at: Timestamp | null
  status: ScheduleExecutionStatus
  trigger: ScheduleTrigger
  total_tests: number
  passed_tests: number
  failed_tests: number
  duration_ms: number
  error_message: string | null
  /** Report written when the run ended (HTML when asked for, else the first format). */
  report_path: string | null
  created_at: Timestamp
}

export const NOTIFICATION_CHANNELS = ['desktop', 'webhook', 'email'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

/** One notification sent (or not) when a scheduled run ended. */
export interface ScheduleNotification {
  id: string
  schedule_execution_id: string
  channel: NotificationChannel
  /** Where it went, masked: a webhook's scheme and host, e-mail addresses. */
  target: string
  status: 'sent' | 'failed'
  attempts: number
  error_message: string | null
  sent_at: Timestamp | null
  created_at: Timestamp
}

/** An occurrence with its run's name and number and the notifications it sent: one history line. */
export interface ScheduleExecutionView extends ScheduleExecution {
  run_name: string | null
  run_number: number | null
  notifications: ScheduleNotification[]
}

export const ScheduleHistoryQuery = z
  .object({
    id: Id,
    status: ScheduleExecutionStatus.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).default(0),
  })
  .strict()

/** Sent when an occurrence fires (a run is created, or it is skipped or recorded missed). */
export interface ScheduleFired {
  schedule_id: string
  schedule_name: string
  execution: ScheduleExecution
}

// ── Settings of the scheduler on this machine ──────────────────────────────────────────────

export interface SmtpSettings {
  host: string
  port: number
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean
  user: string | null
  /** Never returned: true when a password is stored. */
  password_set: boolean
  from: string
}

export interface SchedulerSettings {
  /** Desktop app: keep running in the tray, firing schedules, when its window is closed. */
  run_in_background: boolean
  smtp: SmtpSettings | null
}

export const UpdateSchedulerSettingsInput = z
  .object({
    run_in_background: z.boolean().optional(),
    smtp: z
      .object({
        host: z.string().trim().min(1).max(255),
        port: z.number().int().min(1).max(65_535).default(587),
        secure: z.boolean().default(false),
        user: z.string().max(255).nullish(),
        /** Omitted or null keeps the stored password; an empty string removes it. */
        password: z.string().max(1024).nullish(),
        from: z.email(),
      })
      .strict()
      .nullish(),
  })
  .strict()
export type UpdateSchedulerSettingsInput = z.infer<typeof UpdateSchedulerSettingsInput>

/** Who runs the schedules of this data directory. */
export interface SchedulerStatus {
  /** This process runs the schedules now. */
  running_here: boolean
  /** The process holding the scheduler lease, if any holds it. */
  holder: { id: string; pid: number; host: string; kind: string; expires_at: Timestamp } | null
  /** When this process wakes next to fire an occurrence (null when it does not run the schedules). */
  next_wake_at: Timestamp | null
}
