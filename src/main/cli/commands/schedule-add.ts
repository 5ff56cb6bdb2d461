// `testdesk schedules add`: a schedule from flags testers can type (`--every day --at 02:30`,
// `--every "15 minutes"`, `--cron "0 9 * * 1-5"`), checked by the same contract as the app's.
import { Option, type Command } from 'commander'
import { REPORT_FORMATS } from '../../../shared/api/reports'
import type { CreateScheduleInput, Occurrence } from '../../../shared/model/schedules'
import type { Core } from '../../core'
import { localTimezone } from '../../scheduler'
import { instantOfWallTime } from '../../scheduler/recurrence'
import { wallClock } from '../../../shared/zoned-time'
import { suitePathFlag, table } from '../format'
import { createOutput, intFlag, usageError, type GlobalOptions, type Output } from '../output'
import { isId } from '../../../shared/model/common'
import { TRACE_POLICIES, type TracePolicy } from '../../../shared/model/execution'
import { invoke, projectOf, projectOption, withCore } from '../session'
import { findEnvironment } from './run'

interface AddFlags {
  name: string
  suite?: string
  test?: string[]
  tag?: string[]
  at?: string
  timezone?: string
  every?: string
  cron?: string
  days?: string
  dayOfMonth?: string
  monthEnd: 'last-day' | 'skip'
  until?: string
  max?: string
  workers?: string
  retries?: string
  browser?: 'chromium' | 'firefox' | 'webkit'
  env?: string
  headed?: boolean
  screenshots?: 'off' | 'on-failure' | 'every-step'
  trace?: TracePolicy
  report: string
  missed: 'skip' | 'run-once'
  overlap: 'skip' | 'queue'
  notify: 'always' | 'failure' | 'status-change' | 'never'
  webhook?: string
  email?: string[]
  desktop: boolean
  dryRun?: boolean
  project?: string
}

const collect = (value: string, previous: string[] = []) => [...previous, value]
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

export function registerScheduleAdd(schedules: Command): void {
  schedules
    .command('add')
    .description('Create a schedule: what to run, when (in a time zone), how, and whom to tell')
    .requiredOption('--name <name>', 'name of the schedule')
    .option('--suite <path>', 'run this suite and its descendants, e.g. "Regression/Smoke"')
    .option('--test <name|id>', 'run this test case (repeatable)', collect)
    .option('--tag <tag>', 'run the tests with this tag (repeatable: any of them)', collect)
    .option('--at <when>', 'first run: "2026-03-09 02:30" or "02:30" (next such time) in --timezone, or an ISO time with offset (default: in a minute)')
    .option('--timezone <zone>', 'IANA time zone the times are read in (default: this computer\'s)')
    .option('--every <period>', 'repeat: hour, day, week, month, "N hours" (N divides 24), "N days", "N minutes" (N divides 60)')
    .option('--cron <expression>', 'repeat by a cron expression instead, e.g. "0 9 * * 1-5" (5 fields, or 6 with seconds)')
    .option('--days <days>', 'weekly: days of the week, e.g. mon,wed,fri')
    .option('--day-of-month <n>', 'monthly: day of the month, 1-31')
    .addOption(new Option('--month-end <rule>', 'monthly on a day a month lacks: its last day, or no run').choices(['last-day', 'skip']).default('last-day'))
    .option('--until <when>', 'no run after this time (same forms as --at)')
    .option('--max <n>', 'stop after this many scheduled runs')
    .option('--workers <n>', 'tests at the same time, 1-10 (default 1)')
    .option('--retries <n>', 'run a failing test again up to n times (default 0)')
    .addOption(new Option('--browser <name>', 'browser to use').choices(['chromium', 'firefox', 'webkit']))
    .option('--env <name>', 'environment (base URL and variables) to run against')
    .option('--headed', 'show the browser window')
    .addOption(new Option('--screenshots <when>', 'when to take screenshots').choices(['off', 'on-failure', 'every-step']))
    .addOption(new Option('--trace <when>', 'record and keep a Playwright trace (see README: what each costs)').choices(TRACE_POLICIES))
    .option('--report <formats>', `reports each run writes: ${REPORT_FORMATS.join(', ')} (comma-separated, "none" for none)`, 'html')
    .addOption(new Option('--missed <policy>', 'at start, for occurrences missed while nothing ran: skip them, or run the latest once').choices(['skip', 'run-once']).default('skip'))
    .addOption(new Option('--overlap <policy>', 'when the previous run still goes: skip the occurrence, or queue it').choices(['skip', 'queue']).default('skip'))
    .addOption(new Option('--notify <when>', 'when a run ends, notify').choices(['always', 'failure', 'status-change', 'never']).default('always'))
    .option('--webhook <url>', 'POST a JSON summary (with a Slack-compatible "text") to this URL; kept secret')
    .option('--email <address>', 'e-mail the summary to this address (repeatable; needs `testdesk schedules smtp`)', collect)
    .option('--no-desktop', 'no desktop notification from the app')
    .option('--dry-run', 'only show the next occurrences; save nothing')
    .addOption(projectOption('the project whose tests the schedule runs'))
    .action(async (flags: AddFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      await withCore(globals, async (core) => {
        const input = await scheduleInput(core, flags)
        if (flags.dryRun) {
          const preview = await invoke(core, 'schedules.preview', { ...recurrenceOf(input), count: 5 })
          out.result(preview)
          out.line(preview.description)
          printOccurrences(out, preview.occurrences)
          for (const rule of preview.rules) out.line(`Note: ${rule}`)
          return
        }
        const created = await invoke(core, 'schedules.create', input)
        const preview = await invoke(core, 'schedules.preview', { id: created.id, count: 5 })
        out.result({ schedule: created, next: preview.occurrences })
        out.line(`Schedule "${created.schedule_name}" created (${created.id})`)
        out.line(created.description)
        printOccurrences(out, preview.occurrences)
        for (const rule of preview.rules) out.line(`Note: ${rule}`)
        const status = await invoke(core, 'schedules.status', {})
        if (!status.holder) out.line('Nothing runs the schedules now: start `testdesk scheduler`, `testdesk serve` or the app.')
      })
    })
}

export function printOccurrences(out: Output, occurrences: Occurrence[]): void {
  if (!occurrences.length) {
    out.line('No occurrence to come.')
    return
  }
  out.line(
    table(
      occurrences.map((o) => [showTime(o.local_time), showTime(o.schedule_time), o.note ?? '']),
      ['NEXT RUNS (THIS COMPUTER)', 'IN THE SCHEDULE ZONE', 'NOTE'],
    ),
  )
}

/** "2026-03-08T03:00:00-04:00" → "2026-03-08 03:00 -04:00". */
export function showTime(iso: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d)?([+-]\d\d:\d\d|Z)?$/.exec(iso)
  return match ? `${match[1]} ${match[2]}${match[3] && match[3] !== ':00' ? match[3] : ''} ${match[4] ?? ''}`.trim() : iso
}

function recurrenceOf(input: CreateScheduleInput) {
  const { scheduled_datetime, timezone, repeat_type, repeat_interval, repeat_unit, cron_expression, repeat_days_of_week, repeat_day_of_month, repeat_month_end, repeat_end_date, max_occurrences } = input
  return { scheduled_datetime, timezone, repeat_type, repeat_interval, repeat_unit, cron_expression, repeat_days_of_week, repeat_day_of_month, repeat_month_end, repeat_end_date, max_occurrences }
}

async function scheduleInput(core: Core, flags: AddFlags): Promise<CreateScheduleInput> {
  const timezone = flags.timezone ?? localTimezone()
  if (!flags.suite && !flags.test?.length && !flags.tag?.length) throw usageError('say what to run: --suite PATH, --test NAME or --tag TAG')
  if (flags.every && flags.cron) throw usageError('give --every or --cron, not both')
  const repeat = repeatOf(flags)
  const reports = flags.report === 'none' ? [] : flags.report.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
  const unknown = reports.find((f) => !(REPORT_FORMATS as readonly string[]).includes(f))
  if (unknown) throw usageError(`--report: unknown format '${unknown}' (use ${REPORT_FORMATS.join(', ')}, or none)`)
  const projectId = (await projectOf(core, flags.project)).id
  const suitePath = flags.suite ? suitePathFlag(flags.suite) : null
  if (suitePath) await invoke(core, 'suites.byPath', { project_id: projectId, path: suitePath })
  const testIds: string[] = []
  for (const ref of flags.test ?? []) testIds.push(await testId(core, ref, projectId))
  const workers = intFlag('workers', flags.workers, 1, 10)
  const retries = intFlag('retries', flags.retries, 0, 10)
  const days = flags.days?.split(',').map((d) => {
    const index = DAY_NAMES.indexOf(d.trim().toLowerCase().slice(0, 3))
    if (index < 0) throw usageError(`--days: '${d}' is not a day of the week (use mon, tue, wed, thu, fri, sat, sun)`)
    return index
  })
  return {
    project_id: projectId,
    schedule_name: flags.name,
    suite_path: suitePath,
    test_case_ids: testIds.length ? testIds : null,
    tags: flags.tag ?? [],
    scheduled_datetime: timeFlag('at', flags.at, timezone, core) ?? inAMinute(core),
    timezone,
    ...repeat,
    repeat_days_of_week: days ?? null,
    repeat_day_of_month: intFlag('day-of-month', flags.dayOfMonth, 1, 31) ?? null,
    repeat_month_end: flags.monthEnd === 'skip' ? 'skip' : 'last_day',
    repeat_end_date: timeFlag('until', flags.until, timezone, core) ?? null,
    max_occurrences: intFlag('max', flags.max, 1, 1_000_000) ?? null,
    parallel_count: workers,
    retry_count: retries,
    browser_name: flags.browser ?? null,
    run_options: {
      environment_id: flags.env ? await findEnvironment(core, flags.env, projectId) : null,
      headless: !flags.headed,
      screenshots: flags.screenshots,
      trace: flags.trace,
    },
    report_formats: reports as CreateScheduleInput['report_formats'],
    missed_policy: flags.missed === 'run-once' ? 'run_once' : 'skip',
    overlap_policy: flags.overlap,
    notify_on_completion: flags.notify === 'always',
    notify_on_failure: flags.notify === 'always' || flags.notify === 'failure',
    notify_on_status_change: flags.notify === 'status-change',
    notify_desktop: flags.desktop,
    webhook_url: flags.webhook ?? null,
    notification_emails: flags.email?.length ? flags.email : null,
  }
}

function repeatOf(flags: AddFlags): Pick<CreateScheduleInput, 'repeat_type' | 'repeat_interval' | 'repeat_unit' | 'cron_expression'> {
  if (flags.cron) return { repeat_type: 'custom', cron_expression: flags.cron }
  const every = flags.every?.trim().toLowerCase()
  if (!every) return { repeat_type: flags.days ? 'weekly' : flags.dayOfMonth ? 'monthly' : 'none' }
  const simple: Record<string, CreateScheduleInput['repeat_type']> = { hour: 'hourly', day: 'daily', week: 'weekly', month: 'monthly' }
  if (simple[every]) return { repeat_type: simple[every] }
  const match = /^(\d+)\s*(minute|hour|day)s?$/.exec(every)
  if (!match) throw usageError(`--every: '${flags.every}' is not a period (use hour, day, week, month, "N hours", "N days" or "N minutes")`)
  const n = Number(match[1])
  if (match[2] === 'minute') {
    if (n < 1 || n > 30 || 60 % n !== 0) throw usageError(`--every: every ${n} minutes would not keep the same minutes each hour: use 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30, or --cron`)
    return { repeat_type: 'custom', cron_expression: n === 1 ? '* * * * *' : `*/${n} * * * *` }
  }
  return { repeat_type: 'custom', repeat_interval: n, repeat_unit: match[2] === 'hour' ? 'hours' : 'days' }
}

function inAMinute(core: Core): string {
  const at = core.scheduler.clock.now()
  at.setUTCSeconds(0, 0)
  at.setUTCMinutes(at.getUTCMinutes() + 1)
  return at.toISOString()
}

/** An ISO time with offset, a wall time of the zone, or a bare "HH:MM" (its next occurrence). */
function timeFlag(name: string, value: string | undefined, timezone: string, core: Core): string | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/(Z|[+-]\d\d:?\d\d)$/i.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString()
  const clock = /^(\d{1,2}):(\d{2})$/.exec(text)
  if (clock) {
    const now = core.scheduler.clock.now()
    const today = wallClock(now, timezone)
    for (let day = 0; day < 3; day++) {
      const date = new Date(Date.UTC(today.year, today.month - 1, today.day + day)).toISOString().slice(0, 10)
      const found = instantOfWallTime(`${date} ${text}`, timezone)
      if (found && found > now) return found.toISOString()
    }
  }
  const found = instantOfWallTime(text, timezone)
  if (!found) throw usageError(`--${name}: '${value}' is not a time: write "2026-03-09 02:30" or "02:30" (in ${timezone}), or an ISO time such as 2026-03-09T02:30:00Z`)
  // The start gives the schedule its time of day: one the clocks skip would shift it for good.
  const read = wallClock(found, timezone)
  if (`${read.hour}:${read.minute}` !== text.replace(/^.*[ T]/, '').split(':').slice(0, 2).map(Number).join(':')) {
    throw usageError(`--${name}: ${text} does not exist in ${timezone} (the clocks go forward then): start on another day; on such days the schedule runs at the next valid time`)
  }
  return found.toISOString()
}

async function testId(core: Core, ref: string, projectId: string): Promise<string> {
  if (isId(ref)) {
    const found = await invoke(core, 'tests.get', { id: ref }).catch(() => null)
    if (found) return found.id
  }
  const page = await invoke(core, 'tests.list', { project_id: projectId, search: ref, limit: 100 })
  const found = page.items.find((t) => t.name === ref)
  if (!found) throw usageError(`No test named '${ref}' (see \`testdesk tests\`)`)
  return found.id
}

