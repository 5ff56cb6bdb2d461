// Tells testers a scheduled run ended: a desktop notification (from the app), a webhook (a JSON
// POST whose `text` field Slack, Mattermost and Teams workflows show as is, retried with backoff
// on network errors and 5xx/429), and e-mail through the tester's SMTP server (nodemailer). The
// schedule's policy says when: always, on failure, on a change of outcome. Every attempt ends in
// a schedule_notifications row; the webhook URL and the SMTP password never reach one.
import type { ScheduleExecution, ScheduleExecutionStatus, ScheduleNotification } from '../../shared/model/schedules'
import type { TestRun } from '../../shared/model/execution'
import { formatDuration } from '../report/data'
import { maskUrl } from '../../shared/secret-url'
import { secretMasker } from '../../shared/secret-mask'
import type { SmtpConnection } from '../store/scheduler-settings'
import type { StoredSchedule } from '../store/schedules'

export interface DesktopNotifier {
  show(notification: { title: string; body: string }): void | Promise<void>
}

export interface NotifyOptions {
  /** Waits between webhook and e-mail attempts; the attempt count is one more than its length. */
  retryDelaysMs?: readonly number[]
  /** Per attempt. */
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  fetch?: typeof fetch
}

export interface Outcome {
  schedule: StoredSchedule
  execution: ScheduleExecution
  run: TestRun | null
  /** How the occurrence before this one ended, for "on status change". */
  previous: ScheduleExecutionStatus | null
}

export type NotificationRecord = Omit<ScheduleNotification, 'id' | 'created_at' | 'schedule_execution_id'>

/** Whether the schedule's policy wants a notification for this outcome. */
export function wantsNotification(o: Pick<Outcome, 'schedule' | 'execution' | 'previous'>): boolean {
  const { schedule, execution, previous } = o
  if (schedule.notify_on_completion) return true
  if (schedule.notify_on_failure && execution.status === 'failed') return true
  return schedule.notify_on_status_change && previous !== null && previous !== execution.status
}

export interface Message {
  title: string
  /** One line with the outcome, counts, duration and report path: the webhook's `text`. */
  text: string
  /** The webhook's JSON body. */
  payload: Record<string, unknown>
}

const VERDICT: Partial<Record<ScheduleExecutionStatus, string>> = { completed: 'passed', failed: 'failed', cancelled: 'was cancelled' }

export function messageFor({ schedule, execution, run }: Outcome): Message {
  const verdict = VERDICT[execution.status] ?? execution.status
  const mark = execution.status === 'completed' ? '✓' : execution.status === 'failed' ? '✗' : '–'
  const counts = run
    ? `${run.passed_tests} passed, ${run.failed_tests} failed${run.no_run_tests ? `, ${run.no_run_tests} not run` : ''} of ${run.total_tests} (${run.pass_rate.toFixed(2)}%) in ${formatDuration(run.duration_ms)}`
    : (execution.error_message ?? 'no run was created')
  const runName = run ? `${run.run_name} ` : ''
  const report = execution.report_path ? ` Report: ${execution.report_path}` : ''
  const text = `${mark} ${schedule.schedule_name}: ${runName}${verdict}: ${counts}.${report}`
  return {
    title: `TestDesk: ${schedule.schedule_name} ${verdict}`,
    text,
    payload: {
      text,
      schedule: { id: schedule.id, name: schedule.schedule_name },
      occurrence: { id: execution.id, scheduled_for: execution.scheduled_for, trigger: execution.trigger, status: execution.status },
      run: run
        ? {
            id: run.id,
            number: run.run_number,
            name: run.run_name,
            status: run.status,
            total_tests: run.total_tests,
            passed_tests: run.passed_tests,
            failed_tests: run.failed_tests,
            no_run_tests: run.no_run_tests,
            pass_rate: run.pass_rate,
            duration_ms: run.duration_ms,
          }
        : null,
      report_path: execution.report_path,
      error_message: execution.error_message,
    },
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

class Permanent extends Error {}

/** Runs `attempt` until it succeeds or the delays run out; a Permanent failure stops at once. */
async function withRetries(delays: readonly number[], sleep: (ms: number) => Promise<void>, attempt: () => Promise<void>): Promise<{ attempts: number; error: string | null }> {
  let error = ''
  for (let i = 0; i <= delays.length; i++) {
    try {
      await attempt()
      return { attempts: i + 1, error: null }
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught)
      if (caught instanceof Permanent || i === delays.length) return { attempts: i + 1, error }
      await sleep(delays[i])
    }
  }
  return { attempts: delays.length + 1, error }
}

export async function sendWebhook(url: string, message: Message, options: NotifyOptions = {}): Promise<NotificationRecord> {
  const doFetch = options.fetch ?? fetch
  const mask = secretMasker([url, new URL(url).pathname + new URL(url).search])
  const result = await withRetries(options.retryDelaysMs ?? [1000, 5000, 15_000], options.sleep ?? realSleep, async () => {
    let response: Response
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'TestDesk' },
        body: JSON.stringify(message.payload),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        redirect: 'error',
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      throw new Error(`${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`)
    }
    await response.arrayBuffer().catch(() => undefined)
    if (response.ok) return
    const failure = `HTTP ${response.status} ${response.statusText}`.trim()
    // A 4xx other than 408/429 will not change by asking again (a wrong or revoked URL).
    if (response.status < 500 && response.status !== 408 && response.status !== 429) throw new Permanent(failure)
    throw new Error(failure)
  })
  return record('webhook', maskUrl(url), result, mask)
}

export async function sendEmail(smtp: SmtpConnection | null, to: readonly string[], message: Message, options: NotifyOptions = {}): Promise<NotificationRecord> {
  const target = to.join(', ')
  if (!smtp) {
    return record('email', target, { attempts: 0, error: 'No SMTP server is set up: run `testdesk schedules smtp --host …` or set it in Settings' }, (t) => t)
  }
  const mask = secretMasker(smtp.password ? [smtp.password] : [])
  // Loaded on first use: it costs every CLI command half a second at start otherwise.
  const { default: nodemailer } = await import('nodemailer')
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: options.timeoutMs ?? 10_000,
    greetingTimeout: options.timeoutMs ?? 10_000,
    socketTimeout: options.timeoutMs ?? 10_000,
  })
  try {
    const result = await withRetries(options.retryDelaysMs ?? [1000, 5000, 15_000], options.sleep ?? realSleep, async () => {
      try {
        await transport.sendMail({ from: smtp.from, to: [...to], subject: message.title, text: `${message.text}\n\n— TestDesk` })
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode
        // 5xx SMTP replies (bad address, refused login) are permanent; 4xx and network errors are not.
        if (code && code >= 500) throw new Permanent((error as Error).message)
        throw error
      }
    })
    return record('email', target, result, mask)
  } finally {
    transport.close()
  }
}

export async function showDesktop(notifier: DesktopNotifier, message: Message): Promise<NotificationRecord> {
  try {
    await notifier.show({ title: message.title, body: message.text })
    return record('desktop', 'this computer', { attempts: 1, error: null }, (t) => t)
  } catch (error) {
    return record('desktop', 'this computer', { attempts: 1, error: error instanceof Error ? error.message : String(error) }, (t) => t)
  }
}

function record(channel: NotificationRecord['channel'], target: string, result: { attempts: number; error: string | null }, mask: (text: string) => string): NotificationRecord {
  return {
    channel,
    target,
    status: result.error === null ? 'sent' : 'failed',
    attempts: result.attempts,
    error_message: result.error === null ? null : mask(result.error),
    sent_at: result.error === null ? new Date().toISOString() : null,
  }
}
