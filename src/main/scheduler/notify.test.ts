// Notifications against real local servers: a webhook (HTTP on 127.0.0.1) that fails before it
// answers, one that refuses for good, and an SMTP server (smtp-server) with a login. Secrets (the
// webhook URL, the SMTP password) are in no record, log line or event.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTests, openTestCore, submit, type TestCore } from '../core/testing'
import { messageFor, sendEmail, sendWebhook, wantsNotification, type Outcome } from './notify'
import { FakeClock, settle } from './testing'

interface Hook {
  url: string
  bodies: any[]
  close(): Promise<void>
}

/** A webhook on 127.0.0.1 answering with `statuses` in turn (then 200). */
async function webhook(statuses: number[] = [], path = '/hooks/T000/B111/s3cr3t-token'): Promise<Hook> {
  const bodies: any[] = []
  const queue = [...statuses]
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = ''
    req.on('data', (d) => (text += d))
    req.on('end', () => {
      bodies.push({ path: req.url, type: req.headers['content-type'], body: JSON.parse(text) })
      res.writeHead(queue.shift() ?? 200).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

interface Mailbox {
  port: number
  mails: { from: string; to: string[]; text: string }[]
  logins: { user: string; pass: string }[]
  close(): Promise<void>
}

async function smtp(password = 'p@ss w0rd!'): Promise<Mailbox> {
  const mails: Mailbox['mails'] = []
  const logins: Mailbox['logins'] = []
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '' })
      if (auth.password !== password) return callback(new Error('Invalid username or password'))
      callback(null, { user: auth.username })
    },
    onData(stream, session, callback) {
      let text = ''
      stream.on('data', (d) => (text += d))
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), text })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.server.address() as AddressInfo).port, mails, logins, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

const noWait = { retryDelaysMs: [0, 0, 0], sleep: async () => undefined }

function outcome(status: 'completed' | 'failed', fields: Partial<Outcome['schedule']> = {}, previous: Outcome['previous'] = null): Outcome {
  return {
    schedule: { id: 's1', schedule_name: 'Nightly', notify_on_completion: false, notify_on_failure: true, notify_on_status_change: false, ...fields } as Outcome['schedule'],
    execution: { id: 'e1', status, scheduled_for: '2026-03-08T07:00:00.000Z', trigger: 'schedule', report_path: '/data/reports/Run_012/report.html', error_message: null } as Outcome['execution'],
    run: { id: 'r1', run_number: 12, run_name: 'Run_012', status: 'completed', total_tests: 29, passed_tests: 28, failed_tests: 1, no_run_tests: 0, pass_rate: 96.55, duration_ms: 72_000 } as Outcome['run'],
    previous,
  }
}

describe('the policy', () => {
  it('always, on failure, on a change of outcome', () => {
    expect(wantsNotification(outcome('completed', { notify_on_completion: true }))).toBe(true)
    expect(wantsNotification(outcome('completed'))).toBe(false)
    expect(wantsNotification(outcome('failed'))).toBe(true)
    const change = { notify_on_failure: false, notify_on_status_change: true }
    expect(wantsNotification(outcome('completed', change, 'failed'))).toBe(true)
    expect(wantsNotification(outcome('completed', change, 'completed'))).toBe(false)
    expect(wantsNotification(outcome('failed', change, null))).toBe(false)
  })

  it('says the outcome, counts, duration and report path in one line', () => {
    expect(messageFor(outcome('failed')).text).toBe(
      '✗ Nightly: Run_012 failed: 28 passed, 1 failed of 29 (96.55%) in 1 min 12 s. Report: /data/reports/Run_012/report.html',
    )
  })
})

describe('a webhook', () => {
  let hook: Hook
  afterEach(() => hook.close())

  it('gets a JSON POST with a Slack-compatible text, retried after network errors and 5xx', async () => {
    hook = await webhook([503, 500])
    const sent = await sendWebhook(hook.url, messageFor(outcome('failed')), noWait)
    expect(sent).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 3, error_message: null })
    expect(sent.target).toBe(`${new URL(hook.url).origin}/••••••`)
    expect(hook.bodies).toHaveLength(3)
    expect(hook.bodies[2]).toMatchObject({ path: '/hooks/T000/B111/s3cr3t-token', type: 'application/json', body: { text: expect.stringContaining('✗ Nightly: Run_012 failed') } })
    expect(hook.bodies[2].body).toMatchObject({ schedule: { name: 'Nightly' }, run: { number: 12, failed_tests: 1 }, report_path: '/data/reports/Run_012/report.html' })
  })

  it('stops at a 4xx that will not change, and records the failure without the secret path', async () => {
    hook = await webhook([404])
    const sent = await sendWebhook(hook.url, messageFor(outcome('failed')), noWait)
    expect(sent).toMatchObject({ status: 'failed', attempts: 1, error_message: 'HTTP 404 Not Found' })
    const closed = await sendWebhook('http://127.0.0.1:9/hooks/s3cr3t-token', messageFor(outcome('failed')), noWait)
    expect(closed).toMatchObject({ status: 'failed', attempts: 4 })
    expect(JSON.stringify(closed)).not.toContain('s3cr3t-token')
  })

  it('waits longer between each attempt', async () => {
    hook = await webhook([502, 502, 502, 502])
    const waits: number[] = []
    const sent = await sendWebhook(hook.url, messageFor(outcome('failed')), { sleep: async (ms) => void waits.push(ms) })
    expect(sent).toMatchObject({ status: 'failed', attempts: 4, error_message: 'HTTP 502 Bad Gateway' })
    expect(waits).toEqual([1000, 5000, 15_000])
  })
})

describe('e-mail over SMTP', () => {
  let box: Mailbox
  beforeEach(async () => {
    box = await smtp()
  })
  afterEach(() => box.close())

  it('is sent to every address with the summary and the report path, logged in with the stored password', async () => {
    const sent = await sendEmail(
      { host: '127.0.0.1', port: box.port, secure: false, user: 'tester', password: 'p@ss w0rd!', from: 'testdesk@example.com' },
      ['qa@example.com', 'lead@example.com'],
      messageFor(outcome('failed')),
      noWait,
    )
    expect(sent).toMatchObject({ channel: 'email', status: 'sent', target: 'qa@example.com, lead@example.com', attempts: 1 })
    expect(box.logins).toEqual([{ user: 'tester', pass: 'p@ss w0rd!' }])
    expect(box.mails).toHaveLength(1)
    expect(box.mails[0]).toMatchObject({ from: 'testdesk@example.com', to: ['qa@example.com', 'lead@example.com'] })
    expect(box.mails[0].text).toContain('Subject: TestDesk: Nightly failed')
    expect(box.mails[0].text).toContain('Report: /data/reports/Run_012/report.html')
  })

  it('a refused login fails at once, and the record holds no password', async () => {
    const sent = await sendEmail(
      { host: '127.0.0.1', port: box.port, secure: false, user: 'tester', password: 'wrong-s3cret', from: 'testdesk@example.com' },
      ['qa@example.com'],
      messageFor(outcome('failed')),
      noWait,
    )
    expect(sent).toMatchObject({ status: 'failed', attempts: 1, error_message: expect.stringContaining('Invalid') })
    expect(JSON.stringify(sent)).not.toContain('wrong-s3cret')
    expect(box.mails).toHaveLength(0)
  })

  it('without an SMTP server set up, says how to set one up', async () => {
    const sent = await sendEmail(null, ['qa@example.com'], messageFor(outcome('failed')), noWait)
    expect(sent).toMatchObject({ status: 'failed', attempts: 0, error_message: expect.stringContaining('testdesk schedules smtp') })
  })
})

describe('when a scheduled run ends', () => {
  let t: TestCore
  let hook: Hook
  let box: Mailbox
  beforeEach(async () => {
    t = await openTestCore({ scheduler: { clock: new FakeClock('2026-03-02T12:00:00Z'), notify: noWait } })
    hook = await webhook()
    box = await smtp('smtp-s3cret')
  })
  afterEach(async () => {
    await t.close()
    await hook.close()
    await box.close()
  })

  it('notifies by every channel the schedule has, records each, and keeps the secrets out of everything it shows', async () => {
    const [test] = await createTests(t, ['Login works'], 1)
    await t.ok('schedules.updateSettings', { smtp: { host: '127.0.0.1', port: box.port, user: 'tester', password: 'smtp-s3cret', from: 'testdesk@example.com' } })
    const shown: string[] = []
    t.core.events.subscribe((name, payload) => shown.push(`${name} ${JSON.stringify(payload)}`))
    const logs: string[] = []
    const desktop: { title: string; body: string }[] = []
    t.core.scheduler.start({ kind: 'test', log: (line) => logs.push(line), desktop: { show: (n) => void desktop.push(n) } })
    const schedule = await t.ok('schedules.create', {
      schedule_name: 'Nightly',
      test_case_ids: [test.id],
      scheduled_datetime: '2026-03-03T02:00:00Z',
      repeat_type: 'daily',
      notify_on_completion: true,
      webhook_url: hook.url,
      notification_emails: ['qa@example.com'],
    })
    expect(schedule.webhook_url).toBe(`${new URL(hook.url).origin}/••••••`)
    const execution = await t.ok('schedules.runNow', { id: schedule.id })
    const [item] = (await t.ok('runItems.list', { test_run_id: execution.test_run_id })).items
    await submit(t, item, { status: 'passed' })
    // The manual workflow sends no run events: the scheduler finds the ended run when it wakes.
    await (t.core.scheduler.clock as FakeClock).advance(60_000)
    await t.core.scheduler.drain()
    await settle()
    const [line] = (await t.ok('schedules.history', { id: schedule.id })).items
    expect(line).toMatchObject({ status: 'completed', trigger: 'manual', report_path: expect.stringMatching(/report\.html$/) })
    expect(line.notifications.map((n: any) => [n.channel, n.status])).toEqual(
      expect.arrayContaining([
        ['desktop', 'sent'],
        ['webhook', 'sent'],
        ['email', 'sent'],
      ]),
    )
    expect(hook.bodies[0].body.text).toContain('✓ Nightly: Run_001 passed: 1 passed, 0 failed of 1')
    expect(box.mails[0].text).toContain('Run_001 passed')
    expect(desktop[0].title).toBe('TestDesk: Nightly passed')
    // An edit sending back the masked URL keeps the real one.
    await t.ok('schedules.update', { id: schedule.id, webhook_url: schedule.webhook_url, schedule_name: 'Nightly run' })
    expect(t.store.schedules.webhookUrl(schedule.id)).toBe(hook.url)
    const settings = await t.ok('schedules.settings')
    expect(settings.smtp).toEqual({ host: '127.0.0.1', port: box.port, secure: false, user: 'tester', password_set: true, from: 'testdesk@example.com' })
    const everything = [
      JSON.stringify(await t.ok('schedules.list', {})),
      JSON.stringify(await t.ok('schedules.history', { id: schedule.id })),
      JSON.stringify(settings),
      ...shown,
      ...logs,
    ].join('\n')
    expect(everything).not.toContain('s3cr3t-token')
    expect(everything).not.toContain('smtp-s3cret')
  })
})
