// The schedule form's draft: what the tester types (a start date and time on the schedule's
// clock, a repeat in plain choices) and how it becomes the contract's input and comes back from
// a stored schedule. Pure functions, unit-tested, so the form stays a thin view over them.
import type { CreateScheduleInput, Schedule } from '../../../../shared/model/schedules'
import { wallClock } from '../../../../shared/zoned-time'

export const REPEAT_CHOICES = [
  ['none', 'Once'],
  ['hourly', 'Every hour'],
  ['daily', 'Every day'],
  ['weekly', 'Every week, on chosen days'],
  ['monthly', 'Every month, on a day'],
  ['every', 'Every N hours or days'],
  ['cron', 'Custom (cron expression)'],
] as const
export type RepeatChoice = (typeof REPEAT_CHOICES)[number][0]

export interface ScheduleDraft {
  name: string
  suitePath: string[] | null
  testIds: string[]
  /** Comma-separated, as typed. */
  tags: string
  repeat: RepeatChoice
  everyN: number
  everyUnit: 'hours' | 'days'
  cron: string
  daysOfWeek: number[]
  dayOfMonth: number
  monthEnd: 'last_day' | 'skip'
  /** YYYY-MM-DD and HH:MM on the schedule's clock. */
  startDate: string
  startTime: string
  timezone: string
  /** YYYY-MM-DD (runs on that day still happen) or empty. */
  endDate: string
  maxOccurrences: string
  browserConfigId: string
  environmentId: string
  missedPolicy: 'skip' | 'run_once'
  overlapPolicy: 'skip' | 'queue'
  notifyOnCompletion: boolean
  notifyOnFailure: boolean
  notifyOnStatusChange: boolean
  notifyDesktop: boolean
  /** Comma-separated, as typed. */
  emails: string
  /** Masked when it comes from a stored schedule: sent back as is, the stored URL is kept. */
  webhookUrl: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The instant at which `timeZone`'s clock reads the date and time (in a spring-forward gap, the moment the clocks jump). */
export function instantOfWallTime(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{1,2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const naive = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2])
  const check = new Date(naive)
  if (check.getUTCMonth() + 1 !== +d[2] || check.getUTCDate() !== +d[3] || check.getUTCHours() !== +t[1]) return null
  // Candidates from the zone's offsets around that day; the one whose clock reads the time wins
  // (the earlier when clocks go back and it reads twice, the later when it falls in a gap).
  const offsets = new Set([-1, 0, 1].map((days) => wallClock(new Date(naive + days * 86_400_000), timeZone).offsetMinutes))
  const candidates = [...offsets].map((offset) => naive - offset * 60_000).sort((a, b) => a - b)
  const reads = (instant: number) => {
    const w = wallClock(new Date(instant), timeZone)
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === naive
  }
  const found = candidates.find(reads)
  if (found !== undefined) return new Date(found)
  // In the gap: the moment the clocks jump (the next valid time, as the scheduler plans it).
  let [lo, hi] = [candidates[0], candidates[candidates.length - 1]]
  const before = wallClock(new Date(lo), timeZone).offsetMinutes
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000
    if (wallClock(new Date(mid), timeZone).offsetMinutes === before) lo = mid
    else hi = mid
  }
  return new Date(hi)
}

export function newDraft(now: Date, timeZone: string): ScheduleDraft {
  const soon = wallClock(new Date(now.getTime() + 60 * 60_000), timeZone)
  return {
    name: '',
    suitePath: null,
    testIds: [],
    tags: '',
    repeat: 'daily',
    everyN: 4,
    everyUnit: 'hours',
    cron: '0 9 * * 1-5',
    daysOfWeek: [1, 2, 3, 4, 5],
    dayOfMonth: 1,
    monthEnd: 'last_day',
    startDate: `${soon.year}-${pad(soon.month)}-${pad(soon.day)}`,
    startTime: `${pad(soon.hour)}:00`,
    timezone: timeZone,
    endDate: '',
    maxOccurrences: '',
    browserConfigId: '',
    environmentId: '',
    missedPolicy: 'skip',
    overlapPolicy: 'skip',
    notifyOnCompletion: false,
    notifyOnFailure: true,
    notifyOnStatusChange: false,
    notifyDesktop: true,
    emails: '',
    webhookUrl: '',
  }
}

export function draftOf(schedule: Schedule): ScheduleDraft {
  const start = wallClock(schedule.scheduled_datetime, schedule.timezone)
  const end = schedule.repeat_end_date ? wallClock(schedule.repeat_end_date, schedule.timezone) : null
  const repeat: RepeatChoice = schedule.repeat_type !== 'custom' ? schedule.repeat_type : schedule.cron_expression ? 'cron' : 'every'
  const base = newDraft(new Date(schedule.scheduled_datetime), schedule.timezone)
  return {
    ...base,
    name: schedule.schedule_name,
    suitePath: schedule.suite_path,
    testIds: schedule.test_case_ids ?? [],
    tags: schedule.tags.join(', '),
    repeat,
    everyN: schedule.repeat_interval ?? base.everyN,
    everyUnit: schedule.repeat_unit ?? base.everyUnit,
    cron: schedule.cron_expression ?? base.cron,
    daysOfWeek: schedule.repeat_days_of_week ?? [start.weekday],
    dayOfMonth: schedule.repeat_day_of_month ?? start.day,
    monthEnd: schedule.repeat_month_end,
    startDate: `${start.year}-${pad(start.month)}-${pad(start.day)}`,
    startTime: `${pad(start.hour)}:${pad(start.minute)}`,
    endDate: end ? `${end.year}-${pad(end.month)}-${pad(end.day)}` : '',
    maxOccurrences: schedule.max_occurrences ? String(schedule.max_occurrences) : '',
    browserConfigId: schedule.run_options.browser_config_id ?? '',
    environmentId: schedule.run_options.environment_id ?? '',
    missedPolicy: schedule.missed_policy,
    overlapPolicy: schedule.overlap_policy,
    notifyOnCompletion: schedule.notify_on_completion,
    notifyOnFailure: schedule.notify_on_failure,
    notifyOnStatusChange: schedule.notify_on_status_change,
    notifyDesktop: schedule.notify_desktop,
    emails: (schedule.notification_emails ?? []).join(', '),
    webhookUrl: schedule.webhook_url ?? '',
  }
}

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)

/** The recurrence part of the input, which is also what `schedules.preview` takes. */
export function recurrenceOf(draft: ScheduleDraft) {
  const start = instantOfWallTime(draft.startDate, draft.startTime, draft.timezone)
  // The end date includes its whole day on the schedule's clock.
  const end = draft.endDate ? instantOfWallTime(draft.endDate, '23:59', draft.timezone) : null
  const max = draft.maxOccurrences.trim() ? Number(draft.maxOccurrences) : null
  return {
    // An unreadable date goes to the contract as typed, so its error names the field.
    scheduled_datetime: start ? start.toISOString() : `${draft.startDate} ${draft.startTime}`,
    timezone: draft.timezone,
    repeat_type: draft.repeat === 'every' || draft.repeat === 'cron' ? ('custom' as const) : draft.repeat,
    repeat_interval: draft.repeat === 'every' ? draft.everyN : null,
    repeat_unit: draft.repeat === 'every' ? draft.everyUnit : null,
    cron_expression: draft.repeat === 'cron' ? draft.cron.trim() : null,
    repeat_days_of_week: draft.repeat === 'weekly' ? [...draft.daysOfWeek].sort() : null,
    repeat_day_of_month: draft.repeat === 'monthly' ? draft.dayOfMonth : null,
    repeat_month_end: draft.monthEnd,
    repeat_end_date: end ? end.toISOString() : null,
    max_occurrences: max,
  }
}

/** The whole input of `schedules.create` (and, with an id, `schedules.update`). */
export function inputOf(draft: ScheduleDraft): Omit<CreateScheduleInput, 'project_id'> {
  const emails = list(draft.emails)
  return {
    schedule_name: draft.name.trim(),
    suite_path: draft.suitePath,
    test_case_ids: draft.testIds.length ? draft.testIds : null,
    tags: list(draft.tags),
    ...recurrenceOf(draft),
    run_options: {
      browser_config_id: draft.browserConfigId || null,
      environment_id: draft.environmentId || null,
    },
    missed_policy: draft.missedPolicy,
    overlap_policy: draft.overlapPolicy,
    notify_on_completion: draft.notifyOnCompletion,
    notify_on_failure: draft.notifyOnFailure,
    notify_on_status_change: draft.notifyOnStatusChange,
    notify_desktop: draft.notifyDesktop,
    notification_emails: emails.length ? emails : null,
    webhook_url: draft.webhookUrl.trim() || null,
  } as Omit<CreateScheduleInput, 'project_id'>
}

/** What a schedule runs, in words: its suite, how many picked tests, its tags. */
export function whatItRuns(schedule: Pick<Schedule, 'suite_path' | 'test_case_ids' | 'tags'>): string {
  const parts: string[] = []
  if (schedule.suite_path) parts.push(schedule.suite_path.length > 1 ? `suite ${schedule.suite_path.slice(1).join(' / ')}` : 'all tests')
  if (schedule.test_case_ids?.length) parts.push(`${schedule.test_case_ids.length} test${schedule.test_case_ids.length === 1 ? '' : 's'}`)
  if (schedule.tags.length) parts.push(`tagged ${schedule.tags.join(', ')}`)
  return parts.join(' + ') || 'nothing'
}
