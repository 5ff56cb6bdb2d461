// When a schedule runs: every repeat type becomes a cron pattern read on the wall clock of the
// schedule's IANA time zone, and croner finds its occurrences, so no occurrence is ever computed
// by adding milliseconds to an instant. Croner's DST rules are the ones TestDesk promises:
// a fixed time the clocks skip runs once at the next valid time, a fixed time that happens twice
// runs once (the first), and an hourly schedule runs every real hour. Two repeat types are not
// one cron pattern: "every N days" picks the daily occurrences N calendar days apart from the
// start date, and "monthly on the 29th-31st, else the last day" joins the patterns `D` and `L`.
import { Cron } from 'croner'
import { TestDeskError } from '../../shared/api/errors'
import { calendarDate, hoursOfDay, ordinal, timeOfDay, wallClock, type RecurrenceRule, type WallClock } from '../../shared/zoned-time'

type FixedTimeRule = 'single-value' | 'no-wildcard'

/** What a recurrence field left out means (as the schedules table's defaults say). */
export const RULE_DEFAULTS = {
  timezone: 'UTC',
  repeat_type: 'none',
  repeat_interval: null,
  repeat_unit: null,
  cron_expression: null,
  repeat_days_of_week: null,
  repeat_day_of_month: null,
  repeat_month_end: 'last_day',
  repeat_end_date: null,
  max_occurrences: null,
} as const satisfies Omit<RecurrenceRule, 'scheduled_datetime'>

const MAX_CACHED = 20_000
const crons = new Map<string, Cron>()

function cron(pattern: string, timezone: string, fixedTimeRule: FixedTimeRule = 'single-value'): Cron {
  const key = `${pattern}\u0000${timezone}\u0000${fixedTimeRule}`
  let found = crons.get(key)
  if (!found) {
    if (crons.size >= MAX_CACHED) crons.clear()
    found = new Cron(pattern, { timezone, fixedTimeRule, mode: '5-or-6-parts' })
    crons.set(key, found)
  }
  return found
}

/** Local calendar dates as whole day numbers, so "N days apart" is counted on the calendar. */
function dayNumber(w: Pick<WallClock, 'year' | 'month' | 'day'>): number {
  return Date.UTC(w.year, w.month - 1, w.day) / 86_400_000
}

/** Where a schedule's occurrences come from, read once from its start on its zone's clock. */
interface Plan {
  start: Date
  end: Date | null
  timezone: string
  wall: WallClock
  /** Occurrences strictly after `after` (start and end not applied). */
  after(after: Date): Date | null
}

function startOf(rule: RecurrenceRule): Date {
  const start = new Date(rule.scheduled_datetime)
  // A one-time schedule runs at its exact instant. Repeated occurrences fall on whole seconds: a
  // start with milliseconds must not push the first one a whole period away.
  if (rule.repeat_type !== 'none') start.setUTCMilliseconds(0)
  return start
}

function planOf(rule: RecurrenceRule): Plan {
  const start = startOf(rule)
  const timezone = rule.timezone
  const w = wallClock(start, timezone)
  const end = rule.repeat_end_date ? new Date(rule.repeat_end_date) : null
  const fixed = `${w.second} ${w.minute} ${w.hour}`
  const base = { start, end, timezone, wall: w }
  const pattern = (p: string, fixedTimeRule?: FixedTimeRule): Plan => {
    const c = cron(p, timezone, fixedTimeRule)
    return { ...base, after: (after) => c.nextRun(after) }
  }
  switch (rule.repeat_type) {
    case 'none':
      return { ...base, after: (after) => (start > after ? start : null) }
    case 'hourly':
      return pattern(`${w.second} ${w.minute} * * * *`)
    case 'daily':
      return pattern(`${fixed} * * *`)
    case 'weekly': {
      const days = rule.repeat_days_of_week?.length ? [...new Set(rule.repeat_days_of_week)].sort() : [w.weekday]
      return pattern(`${fixed} * * ${days.join(',')}`)
    }
    case 'monthly':
      return monthly(base, rule.repeat_day_of_month ?? w.day, rule.repeat_month_end)
    case 'custom':
      if (rule.cron_expression) return pattern(rule.cron_expression)
      if (rule.repeat_unit === 'hours') {
        const every = rule.repeat_interval ?? 1
        return every === 1 ? pattern(`${w.second} ${w.minute} * * * *`) : pattern(`${w.second} ${w.minute} ${hoursOfDay(w.hour, every).join(',')} * * *`, 'no-wildcard')
      }
      return everyNDays(base, rule.repeat_interval ?? 1)
  }
}

function monthly(base: Omit<Plan, 'after'>, day: number, rule: RecurrenceRule['repeat_month_end']): Plan {
  const { wall: w, timezone } = base
  const onDay = cron(`${w.second} ${w.minute} ${w.hour} ${day} * *`, timezone)
  if (day <= 28 || rule === 'skip') return { ...base, after: (after) => onDay.nextRun(after) }
  // Months shorter than `day` run on their last day: the `L` occurrences of those months.
  const lastDay = cron(`${w.second} ${w.minute} ${w.hour} L * *`, timezone)
  return {
    ...base,
    after(after) {
      const exact = onDay.nextRun(after)
      let last = lastDay.nextRun(after)
      // A 29th is missing only in February of common years: at most four years of month ends to look at.
      for (let i = 0; last && wallClock(last, timezone).day >= day && i < 60; i++) last = lastDay.nextRun(last)
      if (last && wallClock(last, timezone).day >= day) last = null
      if (!exact) return last
      return last && last < exact ? last : exact
    },
  }
}

function everyNDays(base: Omit<Plan, 'after'>, every: number): Plan {
  const { wall: w, timezone } = base
  const daily = cron(`${w.second} ${w.minute} ${w.hour} * * *`, timezone)
  const firstDay = dayNumber(w)
  /** The occurrence on local date `day` (or the next valid time after it, should the clocks skip it). */
  const on = (day: number): Date | null => {
    // Any instant before that date starts anywhere on Earth (UTC+14 at most) is a safe place to search from.
    let found = daily.nextRun(new Date(Date.UTC(1970, 0, 1 + day, -15)))
    while (found && dayNumber(wallClock(found, timezone)) < day) found = daily.nextRun(found)
    return found
  }
  return {
    ...base,
    after(after) {
      const since = dayNumber(wallClock(after, timezone)) - firstDay
      let day = firstDay + Math.max(0, Math.ceil(since / every)) * every
      for (let i = 0; i < 3; i++, day += every) {
        const found = on(day)
        if (found && found > after) return found
      }
      return null
    },
  }
}

/** A recurrence read once, asked for occurrences many times (planning a downtime reads thousands). */
export interface Planner {
  /** The first occurrence strictly after `after`, within start and end; null when there is none. */
  next(after: Date): Date | null
  /** The first occurrence at or after `at`. */
  atOrAfter(at: Date): Date | null
}

export function plannerFor(rule: RecurrenceRule): Planner {
  const plan = planOf(rule)
  const next = (after: Date): Date | null => {
    // Strictly after, but never before the start: the start itself may be the first occurrence.
    const from = after >= plan.start ? after : new Date(plan.start.getTime() - 1)
    const found = plan.after(from)
    return found && (!plan.end || found <= plan.end) ? found : null
  }
  return { next, atOrAfter: (at) => next(new Date(at.getTime() - 1)) }
}

export function nextOccurrence(rule: RecurrenceRule, after: Date): Date | null {
  return plannerFor(rule).next(after)
}

export function occurrenceAtOrAfter(rule: RecurrenceRule, at: Date): Date | null {
  return plannerFor(rule).atOrAfter(at)
}

/** Up to `count` occurrences from `from` (inclusive). */
export function occurrencesFrom(rule: RecurrenceRule, from: Date, count: number): Date[] {
  const planner = plannerFor(rule)
  const out: Date[] = []
  for (let next = planner.atOrAfter(from); next && out.length < count; next = planner.next(next)) out.push(next)
  return out
}

/** What fell in a window: the latest occurrences, how many there were in all, the first one. */
export interface Window {
  /** The latest `keep` occurrences, oldest first. */
  occurrences: Date[]
  /** How many fell in the window; null when more than the scan limit (a long downtime of a frequent schedule). */
  total: number | null
  first: Date | null
}

/**
 * Occurrences after `after` and at or before `until`. Reading stops after `scanLimit` of them,
 * so a year-long downtime of an every-minute schedule costs a bounded time: the latest ones are
 * then read from shortly before `until`, at the pace the first ones came.
 */
export function occurrencesBetween(rule: RecurrenceRule, after: Date, until: Date, keep: number, scanLimit = 10_000): Window {
  const planner = plannerFor(rule)
  const kept: Date[] = []
  let total = 0
  let first: Date | null = null
  let next = planner.next(after)
  for (; next && next <= until && total < scanLimit; next = planner.next(next)) {
    first ??= next
    total++
    kept.push(next)
    if (kept.length > keep) kept.shift()
  }
  if (!next || next > until || !first) return { occurrences: kept, total, first }
  const pace = (kept.at(-1)!.getTime() - first.getTime()) / Math.max(1, total - 1)
  const tail: Date[] = []
  for (let at = planner.atOrAfter(new Date(Math.max(next.getTime(), until.getTime() - pace * keep * 2))); at && at <= until; at = planner.next(at)) {
    tail.push(at)
    if (tail.length > keep) tail.shift()
  }
  return { occurrences: tail, total: null, first }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * Why an occurrence is not at the schedule's usual wall time: the clocks skipped that time, it
 * happens twice that day, or the month has no such day. Null when it is at its usual time.
 */
export function occurrenceNote(rule: RecurrenceRule, at: Date): string | null {
  if (rule.repeat_type === 'none' || rule.repeat_type === 'hourly' || (rule.repeat_type === 'custom' && rule.cron_expression)) return null
  if (rule.repeat_type === 'custom' && rule.repeat_unit === 'hours' && (rule.repeat_interval ?? 1) === 1) return null
  const tz = rule.timezone
  const start = wallClock(startOf(rule), tz)
  const actual = wallClock(at, tz)
  const notes: string[] = []
  if (rule.repeat_type === 'monthly') {
    const day = rule.repeat_day_of_month ?? start.day
    if (actual.day < day) notes.push(`${MONTHS[actual.month - 1]} has no ${ordinal(day)}: runs on the ${ordinal(actual.day)}, its last day`)
  }
  const intended = rule.repeat_type === 'custom' && rule.repeat_unit === 'hours' ? null : { ...start }
  if (intended && (actual.hour !== intended.hour || actual.minute !== intended.minute || actual.second !== intended.second)) {
    notes.push(`${timeOfDay(intended)} does not exist on ${calendarDate(actual)} in ${tz} (clocks go forward): runs at ${timeOfDay(actual)}, the next valid time`)
  } else if (happensTwice(at, tz)) {
    notes.push(`${timeOfDay(actual)} happens twice on ${calendarDate(actual)} in ${tz} (clocks go back): runs once, the first time`)
  }
  return notes.length ? notes.join('; ') : null
}

/** Whether the wall time of `at` comes round again later that night (the hour the clocks go back). */
function happensTwice(at: Date, timeZone: string): boolean {
  const now = wallClock(at, timeZone)
  const later = wallClock(new Date(at.getTime() + 3 * 3_600_000), timeZone)
  if (later.offsetMinutes >= now.offsetMinutes) return false
  const again = wallClock(new Date(at.getTime() + (now.offsetMinutes - later.offsetMinutes) * 60_000), timeZone)
  return again.hour === now.hour && again.minute === now.minute && again.second === now.second
}

/**
 * Refuses a recurrence that cannot be planned, naming the field: options that do not belong to its
 * repeat type, a custom one that is neither an interval nor a cron expression, hours that do not
 * divide a day, a cron expression croner cannot read or that never matches, an end before the start.
 */
export function checkRecurrence(rule: RecurrenceRule): void {
  const fail = (field: string, message: string): never => {
    throw TestDeskError.validation(field, message)
  }
  const type = rule.repeat_type
  if (rule.repeat_days_of_week?.length && type !== 'weekly') fail('repeat_days_of_week', `only weekly schedules have days of the week (this one is ${type})`)
  if (rule.repeat_day_of_month && type !== 'monthly') fail('repeat_day_of_month', `only monthly schedules have a day of the month (this one is ${type})`)
  if (type !== 'custom') {
    if (rule.cron_expression) fail('cron_expression', `a cron expression needs repeat_type 'custom' (this one is ${type})`)
    if (rule.repeat_interval || rule.repeat_unit) fail(rule.repeat_interval ? 'repeat_interval' : 'repeat_unit', `an interval needs repeat_type 'custom' (this one is ${type})`)
  } else if (rule.cron_expression) {
    if (rule.repeat_interval || rule.repeat_unit) fail('cron_expression', 'give either a cron expression or an interval (repeat_interval and repeat_unit), not both')
    let parsed: Cron
    try {
      parsed = new Cron(rule.cron_expression, { timezone: rule.timezone, mode: '5-or-6-parts' })
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, '')
      return fail('cron_expression', `not a cron expression croner can read (${reason}); write 5 fields "minute hour day month weekday", or 6 with seconds first`)
    }
    if (!parsed.nextRun(startOf(rule))) fail('cron_expression', `"${rule.cron_expression}" never matches a date after the start`)
  } else {
    if (!rule.repeat_interval || !rule.repeat_unit) fail(rule.repeat_interval ? 'repeat_unit' : 'repeat_interval', "a custom schedule needs repeat_interval and repeat_unit ('hours' or 'days'), or a cron_expression")
    if (rule.repeat_unit === 'hours' && 24 % rule.repeat_interval! !== 0) {
      fail('repeat_interval', `every ${rule.repeat_interval} hours would run at different times each day: choose 1, 2, 3, 4, 6, 8 or 12 hours, whole days, or a cron expression`)
    }
  }
  if (rule.repeat_end_date && new Date(rule.repeat_end_date) < startOf(rule)) fail('repeat_end_date', 'is before scheduled_datetime')
}

/**
 * The instant a wall time of `timeZone` ("2026-03-08 02:30", seconds optional) stands for, by
 * the same rules as occurrences: a time the clocks skip is the next valid time, a time that
 * happens twice is the first. Null when the text is no such date and time.
 */
export function instantOfWallTime(text: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null
  // A yearly pattern for that date, asked from shortly before the date starts anywhere on Earth.
  const found = cron(`${second} ${minute} ${hour} ${day} ${month} *`, timeZone).nextRun(new Date(Date.UTC(year, month - 1, day, -15)))
  if (!found) return null
  const w = wallClock(found, timeZone)
  return w.year === year && w.month === month && (w.day === day || dayNumber(w) === dayNumber({ year, month, day }) + 1) ? found : null
}
