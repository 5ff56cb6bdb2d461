// Reading an instant on the clock of an IANA time zone (Intl only, so it runs in main and in the
// renderer alike), and a schedule's recurrence in words with the rules it follows when clocks
// change or a month is short. Planning the occurrences themselves is the scheduler's (croner).
import type { Schedule } from './model/schedules'

export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** 0 = Sunday … 6 = Saturday, as in cron. */
  weekday: number
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const formats = new Map<string, Intl.DateTimeFormat>()

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      timeZoneName: 'longOffset',
    })
    formats.set(timeZone, format)
  }
  return format
}

/** The wall clock of `timeZone` at `instant`. */
export function wallClock(instant: Date | string, timeZone: string): WallClock {
  const parts: Record<string, string> = {}
  for (const part of formatFor(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value
  const offset = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(parts.timeZoneName ?? '')
  const offsetMinutes = offset?.[1] ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
    offsetMinutes,
  }
}

const two = (n: number) => String(n).padStart(2, '0')

/** `2026-03-08T03:00:00-04:00`: the instant as read in `timeZone`, with that zone's offset. */
export function zonedIso(instant: Date | string, timeZone: string): string {
  const w = wallClock(instant, timeZone)
  const sign = w.offsetMinutes < 0 ? '-' : '+'
  const offset = Math.abs(w.offsetMinutes)
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${sign}${two(Math.floor(offset / 60))}:${two(offset % 60)}`
}

export function timeOfDay(w: Pick<WallClock, 'hour' | 'minute' | 'second'>): string {
  return `${two(w.hour)}:${two(w.minute)}${w.second ? `:${two(w.second)}` : ''}`
}

export function calendarDate(w: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${w.year}-${two(w.month)}-${two(w.day)}`
}

/** Whether the zone changes its clocks during the year of `instant` (offsets in January and July differ). */
export function observesDst(timeZone: string, instant: Date | string): boolean {
  const year = new Date(instant).getUTCFullYear()
  return wallClock(`${year}-01-15T12:00:00Z`, timeZone).offsetMinutes !== wallClock(`${year}-07-15T12:00:00Z`, timeZone).offsetMinutes
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

export type RecurrenceRule = Pick<
  Schedule,
  | 'scheduled_datetime'
  | 'timezone'
  | 'repeat_type'
  | 'repeat_interval'
  | 'repeat_unit'
  | 'cron_expression'
  | 'repeat_days_of_week'
  | 'repeat_day_of_month'
  | 'repeat_month_end'
  | 'repeat_end_date'
  | 'max_occurrences'
>

/** Every N hours, at these hours of the day (N divides 24, so each day has the same times). */
export function hoursOfDay(startHour: number, every: number): number[] {
  const hours = new Set<number>()
  for (let h = startHour % every; h < 24; h += every) hours.add(h)
  return [...hours].sort((a, b) => a - b)
}

/** The recurrence in one line, e.g. "Every day at 02:30 (America/New_York), from 2026-01-18". */
export function describeRecurrence(rule: RecurrenceRule): string {
  const start = wallClock(rule.scheduled_datetime, rule.timezone)
  const at = timeOfDay(start)
  let text: string
  switch (rule.repeat_type) {
    case 'none':
      text = `Once, on ${calendarDate(start)} at ${at}`
      break
    case 'hourly':
      text = `Every hour at :${two(start.minute)}${start.second ? `:${two(start.second)}` : ''}`
      break
    case 'daily':
      text = `Every day at ${at}`
      break
    case 'weekly': {
      const days = rule.repeat_days_of_week?.length ? [...rule.repeat_days_of_week].sort() : [start.weekday]
      text = `Every week on ${days.map((d) => WEEKDAYS[d]).join(', ')} at ${at}`
      break
    }
    case 'monthly': {
      const day = rule.repeat_day_of_month ?? start.day
      const short = day > 28 ? (rule.repeat_month_end === 'skip' ? `; no run in months without a ${ordinal(day)}` : `; in shorter months on their last day`) : ''
      text = `Every month on the ${ordinal(day)} at ${at}${short}`
      break
    }
    case 'custom':
      if (rule.cron_expression) text = `Cron "${rule.cron_expression}"`
      else if (rule.repeat_unit === 'hours') {
        const every = rule.repeat_interval ?? 1
        text =
          every === 1
            ? `Every hour at :${two(start.minute)}`
            : `Every ${every} hours, at ${hoursOfDay(start.hour, every).map((h) => timeOfDay({ ...start, hour: h })).join(', ')}`
      } else {
        const every = rule.repeat_interval ?? 1
        text = every === 1 ? `Every day at ${at}` : `Every ${every} days at ${at}, counting from ${calendarDate(start)}`
      }
      break
  }
  const limits = [
    rule.repeat_type !== 'none' ? `from ${calendarDate(start)}` : null,
    rule.repeat_end_date ? `until ${calendarDate(wallClock(rule.repeat_end_date, rule.timezone))} ${timeOfDay(wallClock(rule.repeat_end_date, rule.timezone))}` : null,
    rule.max_occurrences ? `at most ${rule.max_occurrences} run${rule.max_occurrences === 1 ? '' : 's'}` : null,
  ].filter(Boolean)
  return `${text} (${rule.timezone})${limits.length ? `, ${limits.join(', ')}` : ''}`
}

/** The rules a recurrence follows when clocks change or a month is short, as shown to the tester. */
export function recurrenceRules(rule: RecurrenceRule): string[] {
  const rules: string[] = []
  const interval = rule.repeat_type === 'hourly' || (rule.repeat_type === 'custom' && rule.repeat_unit === 'hours' && (rule.repeat_interval ?? 1) === 1)
  if (rule.repeat_type !== 'none' && observesDst(rule.timezone, rule.scheduled_datetime)) {
    rules.push(
      interval
        ? `${rule.timezone} changes its clocks: this schedule runs every real hour, so none runs in the hour the clocks skip and both repeated hours run.`
        : `${rule.timezone} changes its clocks: a time the clocks skip (spring forward) runs once at the next valid time, and a time that happens twice (fall back) runs once, the first time.`,
    )
  }
  if (rule.repeat_type === 'monthly') {
    const day = rule.repeat_day_of_month ?? wallClock(rule.scheduled_datetime, rule.timezone).day
    if (day > 28) {
      rules.push(
        rule.repeat_month_end === 'skip'
          ? `Months without a ${ordinal(day)} have no run.`
          : `Months without a ${ordinal(day)} run on their last day (February 28th or 29th, the 30th of 30-day months).`,
      )
    }
  }
  if (rule.max_occurrences) rules.push(`Stops after ${rule.max_occurrences} scheduled run${rule.max_occurrences === 1 ? '' : 's'} (runs started with "Run now" do not count).`)
  return rules
}
