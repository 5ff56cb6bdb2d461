// `testdesk schedules …`: list, add, show, pause, resume, run-now, history, remove, and the SMTP
// server e-mail notifications go through. Everything through the contract, like the app.
import { Argument, Option, type Command } from 'commander'
import { SCHEDULE_EXECUTION_STATUSES, SCHEDULE_STATUSES, type Schedule, type ScheduleExecution } from '../../../shared/model/schedules'
import type { Core } from '../../core'
import { duration, table } from '../format'
import { createOutput, EXIT, intFlag, usageError, type GlobalOptions, type Output } from '../output'
import { isId } from '../../../shared/model/common'
import { invoke, projectOf, withCore } from '../session'
import { printOccurrences, registerScheduleAdd, showTime } from './schedule-add'

/** A schedule named the way testers name it: its name, or its id. */
export async function findSchedule(core: Core, ref: string): Promise<Schedule> {
  if (isId(ref)) return invoke(core, 'schedules.get', { id: ref })
  const page = await invoke(core, 'schedules.list', { search: ref, limit: 100 })
  const exact = page.items.filter((s) => s.schedule_name === ref)
  if (exact.length === 1) return exact[0]
  if (exact.length > 1) throw usageError(`${exact.length} schedules are named '${ref}': give the id (${exact.map((s) => s.id).join(', ')})`)
  throw usageError(`No schedule named '${ref}' (see \`testdesk schedules list\`)`)
}

export function registerSchedules(program: Command): void {
  const schedules = program.command('schedules').description('Schedules: regressions that run on this machine at set times (see `testdesk scheduler`)')

  schedules
    .command('list')
    .description('List schedules with their next run, on this computer\'s clock and on the schedule\'s')
    .addOption(new Option('--status <status>', 'only schedules in this status').choices(SCHEDULE_STATUSES))
    .option('--project <name|id>', "only this project's schedules (default: every project's, as the scheduler runs them all)")
    .action(async (opts: { status?: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const { page, status } = await withCore(globals, async (core) => ({
        page: await invoke(core, 'schedules.list', {
          status: opts.status,
          limit: 100,
          ...(opts.project !== undefined && { project_id: (await projectOf(core, opts.project)).id }),
        }),
        status: await invoke(core, 'schedules.status', {}),
      }))
      out.result(page)
      out.line(
        table(
          page.items.map((s) => [
            s.schedule_name,
            s.status,
            s.next_run ? showTime(s.next_run.local_time) : '-',
            s.next_run ? showTime(s.next_run.schedule_time) : '-',
            s.last_execution_status ?? '-',
            s.description,
          ]),
          ['NAME', 'STATUS', 'NEXT RUN (THIS COMPUTER)', 'IN ITS ZONE', 'LAST', 'WHEN'],
        ),
      )
      out.line(`${page.items.length} of ${page.total} schedules`)
      out.line(status.holder ? `Run by ${status.holder.kind} (pid ${status.holder.pid} on ${status.holder.host})` : 'Nothing runs the schedules now: start `testdesk scheduler`, `testdesk serve` or the app.')
    })

  registerScheduleAdd(schedules)

  schedules
    .command('show')
    .description('Show a schedule, its rules and its next five runs')
    .argument('<schedule>', 'schedule name or id')
    .action(async (ref: string, _opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const shown = await withCore(globals, async (core) => {
        const schedule = await findSchedule(core, ref)
        return { schedule, preview: await invoke(core, 'schedules.preview', { id: schedule.id, count: 5 }) }
      })
      out.result(shown)
      const { schedule: s, preview } = shown
      out.line(`${s.schedule_name} (${s.status})  ${s.id}`)
      out.line(s.description)
      const what = [s.suite_path ? `suite ${s.suite_path.slice(1).join('/') || '(root)'}` : null, s.test_case_ids?.length ? `${s.test_case_ids.length} test(s)` : null, s.tags.length ? `tags ${s.tags.join(', ')}` : null]
      out.line(`Runs: ${what.filter(Boolean).join(', ')}; ${s.parallel_count} worker(s), ${s.retry_count} retr${s.retry_count === 1 ? 'y' : 'ies'}; reports: ${s.report_formats.join(', ') || 'none'}`)
      out.line(`Missed runs: ${s.missed_policy === 'run_once' ? 'run the latest once at start' : 'skip'}; overlap: ${s.overlap_policy}`)
      const channels = [s.notify_desktop ? 'desktop' : null, s.webhook_url ? `webhook ${s.webhook_url}` : null, s.notification_emails?.length ? `e-mail ${s.notification_emails.join(', ')}` : null]
      const when = s.notify_on_completion ? 'always' : s.notify_on_failure ? 'on failure' : s.notify_on_status_change ? 'on status change' : 'never'
      out.line(`Notifies ${when}: ${channels.filter(Boolean).join('; ') || 'no channel'}`)
      printOccurrences(out, preview.occurrences)
      for (const rule of preview.rules) out.line(`Note: ${rule}`)
    })

  for (const [name, method, done] of [
    ['pause', 'schedules.pause', 'paused: nothing runs until you resume it'],
    ['resume', 'schedules.resume', 'resumed'],
  ] as const) {
    schedules
      .command(name)
      .description(name === 'pause' ? 'Pause a schedule (occurrences while paused are not recorded as missed)' : 'Resume a paused schedule, planning its next run from now')
      .argument('<schedule>', 'schedule name or id')
      .action(async (ref: string, _opts, command: Command) => {
        const globals = command.optsWithGlobals<GlobalOptions>()
        const out = createOutput(!!globals.json)
        const schedule = await withCore(globals, async (core) => invoke(core, method, { id: (await findSchedule(core, ref)).id }))
        out.result(schedule)
        out.line(`${schedule.schedule_name} ${done}${schedule.next_run && name === 'resume' ? `; next run ${showTime(schedule.next_run.local_time)}` : ''}`)
      })
  }

  schedules
    .command('remove')
    .description('Delete a schedule and its history (its runs stay)')
    .argument('<schedule>', 'schedule name or id')
    .action(async (ref: string, _opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const { schedule, deleted } = await withCore(globals, async (core) => {
        const found = await findSchedule(core, ref)
        return { schedule: found, deleted: await invoke(core, 'schedules.delete', { id: found.id }) }
      })
      out.result(deleted)
      out.line(`Schedule "${schedule.schedule_name}" removed`)
    })

  schedules
    .command('history')
    .description('Every occurrence of a schedule, newest first: on time, missed, skipped, with its run')
    .argument('<schedule>', 'schedule name or id')
    .addOption(new Option('--status <status>', 'only occurrences in this status').choices(SCHEDULE_EXECUTION_STATUSES))
    .option('--limit <n>', 'how many, 1 to 100 (default 20)')
    .action(async (ref: string, opts: { status?: string; limit?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const limit = intFlag('limit', opts.limit, 1, 100) ?? 20
      const page = await withCore(globals, async (core) => invoke(core, 'schedules.history', { id: (await findSchedule(core, ref)).id, status: opts.status, limit }))
      out.result(page)
      out.line(
        table(
          page.items.map((e) => [
            e.scheduled_for.slice(0, 19).replace('T', ' '),
            e.status,
            e.trigger,
            e.run_name ?? '-',
            e.test_run_id && e.status !== 'running' ? `${e.passed_tests}/${e.total_tests}` : '-',
            e.test_run_id && e.status !== 'running' ? duration(e.duration_ms) : '-',
            [e.error_message, ...e.notifications.map((n) => `${n.channel} ${n.status}`)].filter(Boolean).join('; '),
          ]),
          ['SCHEDULED FOR (UTC)', 'STATUS', 'TRIGGER', 'RUN', 'PASSED', 'DURATION', 'NOTES'],
        ),
      )
      out.line(`${page.items.length} of ${page.total} occurrences`)
    })

  schedules
    .command('run-now')
    .description("Run a schedule's tests now, as it is configured, and wait for the result (the plan does not change)")
    .argument('<schedule>', 'schedule name or id')
    .action(async (ref: string, _opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      process.exitCode = await withCore(globals, (core) => runNow(core, ref, out))
    })

  schedules
    .command('background')
    .description('Whether the desktop app keeps running the schedules from the tray when its window is closed')
    .addArgument(new Argument('<on|off>').choices(['on', 'off']))
    .action(async (value: 'on' | 'off', _opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const settings = await withCore(globals, (core) => invoke(core, 'schedules.updateSettings', { run_in_background: value === 'on' }))
      out.result(settings)
      out.line(settings.run_in_background ? 'The app keeps running the schedules from the tray when its window is closed' : 'Closing the app window quits it (schedules stop)')
    })

  schedules
    .command('smtp')
    .description('Set the SMTP server e-mail notifications go through (the password is kept secret)')
    .option('--host <host>', 'SMTP server')
    .option('--port <n>', 'port (default 587; 465 with --secure)')
    .option('--secure', 'TLS from the start (port 465); otherwise STARTTLS when offered')
    .option('--user <name>', 'login name')
    .option('--password-stdin', 'read the password from standard input (never on the command line)')
    .option('--from <address>', 'sender address')
    .option('--clear', 'forget the SMTP server')
    .action(async (opts: { host?: string; port?: string; secure?: boolean; user?: string; passwordStdin?: boolean; from?: string; clear?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      if (!opts.clear && (!opts.host || !opts.from)) throw usageError('give --host and --from (or --clear)')
      const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined
      const settings = await withCore(globals, (core) =>
        invoke(core, 'schedules.updateSettings', {
          smtp: opts.clear
            ? null
            : { host: opts.host!, port: intFlag('port', opts.port, 1, 65535) ?? (opts.secure ? 465 : 587), secure: !!opts.secure, user: opts.user ?? null, password, from: opts.from! },
        }),
      )
      out.result(settings)
      out.line(settings.smtp ? `E-mail goes through ${settings.smtp.host}:${settings.smtp.port} as ${settings.smtp.from}${settings.smtp.password_set ? ' (password stored)' : ''}` : 'No SMTP server: e-mail notifications are not sent')
    })
}

/** Runs the schedule's configuration in this process and waits for its occurrence to end; the exit code says how it went. */
async function runNow(core: Core, ref: string, out: Output): Promise<number> {
  const schedule = await findSchedule(core, ref)
  let resolveEnded!: (execution: ScheduleExecution) => void
  const ended = new Promise<ScheduleExecution>((resolve) => (resolveEnded = resolve))
  let id: string | null = null
  const early: ScheduleExecution[] = []
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (name !== 'schedules.onExecution') return
    const execution = payload as ScheduleExecution
    if (execution.status === 'pending' || execution.status === 'running') return
    if (id === null) early.push(execution)
    else if (execution.id === id) resolveEnded(execution)
  })
  try {
    const started = await invoke(core, 'schedules.runNow', { id: schedule.id })
    id = started.id
    const done = started.status !== 'running' ? started : (early.find((e) => e.id === id) ?? null)
    if (!done) out.note(`${schedule.schedule_name}: running ${started.test_run_id ? 'its tests' : ''}…`)
    const execution = done ?? (await ended)
    const run = execution.test_run_id ? await invoke(core, 'runs.get', { id: execution.test_run_id }) : null
    out.result({ execution, run })
    out.line(
      `${schedule.schedule_name}: ${run ? `${run.run_name} ` : ''}${execution.status}` +
        (run ? ` — ${run.passed_tests} passed, ${run.failed_tests} failed of ${run.total_tests} in ${duration(run.duration_ms)}` : '') +
        (execution.error_message ? ` (${execution.error_message})` : ''),
    )
    if (execution.report_path) out.line(`Report: ${execution.report_path}`)
    return execution.status === 'completed' ? EXIT.ok : EXIT.testsFailed
  } finally {
    unsubscribe()
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (d) => (text += d))
    process.stdin.on('end', () => resolve(text))
    process.stdin.on('error', reject)
  })
}
