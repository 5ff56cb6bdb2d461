// Scheduling as testers use it, in separate processes: `testdesk schedules add` then
// `testdesk scheduler` runs a demo test in a real browser at its time and a webhook receives the
// summary; `testdesk serve` runs the schedules and `testdesk scheduler` stands by, then takes
// over; two schedulers on one data directory fire each occurrence once, also when one is killed.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { runTestdesk, startTestdesk, tempDataDir, type LongRunning } from './support/cli'

const running: LongRunning[] = []
let server: Server | null = null
afterEach(async () => {
  for (const process of running.splice(0)) await process.stop('SIGKILL')
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

function start(args: string[]): LongRunning {
  const process = startTestdesk(args)
  running.push(process)
  return process
}

async function webhook(): Promise<{ url: string; received: Promise<any> }> {
  let deliver!: (body: any) => void
  const received = new Promise((resolve) => (deliver = resolve))
  server = createServer((req, res) => {
    let text = ''
    req.on('data', (d) => (text += d))
    req.on('end', () => {
      res.end('ok')
      deliver(JSON.parse(text))
    })
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/team-s3cret`, received }
}

async function json(args: string[]) {
  const result = await runTestdesk([...args, '--json'])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout)
}

describe('testdesk scheduler', () => {
  it('runs a demo test at its time in a real browser, ends the occurrence with the run, and the webhook gets the summary', async () => {
    const dataDir = tempDataDir()
    expect((await runTestdesk(['demo', '--data-dir', dataDir])).code).toBe(0)
    const hook = await webhook()
    const daemon = start(['scheduler', '--data-dir', dataDir])
    await daemon.waitFor(/Running the schedules of this data directory \(scheduler/)
    const at = new Date(Date.now() + 8000).toISOString()
    const added = await json(['schedules', 'add', '--name', 'Smoke now', '--test', 'Smoke: demo user can sign in', '--at', at, '--webhook', hook.url, '--data-dir', dataDir])
    expect(added.schedule).toMatchObject({ schedule_name: 'Smoke now', repeat_type: 'none', next_execution_at: at })
    expect(added.schedule.webhook_url).not.toContain('team-s3cret')
    const body = await hook.received
    expect(body.text).toMatch(/^✓ Smoke now: Run_001 passed: 1 passed, 0 failed of 1 \(100\.00%\) in .+\. Report: .+report\.html$/)
    expect(body.run).toMatchObject({ number: 1, status: 'completed', passed_tests: 1 })
    expect(existsSync(body.report_path)).toBe(true)
    const output = daemon.output()
    expect(output).toMatch(/Smoke now: Run_001 started/)
    expect(output).toMatch(/Smoke now: Run_001 completed, 1\/1 passed/)
    // The daemon fired it at its time: the run was created within a second of it.
    const history = await json(['schedules', 'history', 'Smoke now', '--data-dir', dataDir])
    expect(history.items).toHaveLength(1)
    const [occurrence] = history.items
    expect(occurrence).toMatchObject({ status: 'completed', trigger: 'schedule', passed_tests: 1, total_tests: 1, run_name: 'Run_001' })
    expect(Date.parse(occurrence.executed_at) - Date.parse(occurrence.scheduled_for)).toBeLessThan(1000)
    expect(occurrence.notifications).toEqual([expect.objectContaining({ channel: 'webhook', status: 'sent', target: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/•+$/) })])
    const list = await json(['schedules', 'list', '--data-dir', dataDir])
    expect(list.items[0]).toMatchObject({ status: 'completed', next_execution_at: null, execution_count: 1, last_execution_status: 'completed' })
    expect(JSON.stringify(list)).not.toContain('team-s3cret')
    expect(daemon.output()).not.toContain('team-s3cret')
    // SIGTERM: a clean exit that releases the schedules.
    expect(await daemon.stop('SIGTERM')).toBe(0)
    expect(daemon.output()).toMatch(/SIGTERM: stopping[\s\S]*Stopped/)
    const status = await json(['schedules', 'list', '--data-dir', dataDir])
    expect(status.items).toHaveLength(1)
  }, 180_000)

  it('`testdesk serve` runs the schedules; a `testdesk scheduler` started beside it stands by and takes over when serve stops', async () => {
    const dataDir = tempDataDir()
    const serve = start(['serve', '--data-dir', dataDir])
    await serve.waitFor(/Open this URL/)
    await waitForText(serve, /\[scheduler\] Running the schedules of this data directory \(serve/)
    const daemon = start(['scheduler', '--data-dir', dataDir])
    await daemon.waitFor(/`testdesk serve` \(pid \d+ on .+\) runs the schedules of this data directory until .+; standing by/)
    expect(await serve.stop('SIGINT')).toBe(0)
    await daemon.waitFor(/Running the schedules of this data directory \(scheduler/, 30_000)
  }, 120_000)

  it('two schedulers on one data directory: each occurrence fires once, also after the holder is killed', async () => {
    const dataDir = tempDataDir()
    expect((await runTestdesk(['demo', '--data-dir', dataDir])).code).toBe(0)
    const first = start(['scheduler', '--data-dir', dataDir])
    await first.waitFor(/Running the schedules/)
    const second = start(['scheduler', '--data-dir', dataDir])
    await second.waitFor(/standing by/)
    // Every 2 seconds; the runs take longer, so most occurrences are skipped (overlap), each recorded once.
    await json(['schedules', 'add', '--name', 'Busy', '--test', 'Smoke: demo user can sign in', '--cron', '*/2 * * * * *', '--report', 'none', '--data-dir', dataDir])
    await first.waitFor(/Busy: Run_001 started/, 60_000)
    await sleep(6000)
    first.child.kill('SIGKILL')
    await second.waitFor(/Running the schedules of this data directory \(scheduler/, 30_000)
    await second.waitFor(/Busy: Run_\d+ started/, 60_000)
    await sleep(4000)
    await second.stop('SIGTERM')
    const history = await json(['schedules', 'history', 'Busy', '--limit', '100', '--data-dir', dataDir])
    const times = history.items.map((e: { scheduled_for: string }) => e.scheduled_for)
    expect(times.length).toBeGreaterThan(3)
    expect(new Set(times).size).toBe(times.length)
    const statuses = new Set(history.items.map((e: { status: string }) => e.status))
    expect(statuses.has('skipped')).toBe(true)
    // The run the killed process left running was closed by the one that took over; the last one by SIGTERM.
    expect(history.items.filter((e: { status: string }) => e.status === 'running' || e.status === 'pending')).toEqual([])
    expect(history.items.some((e: { status: string; test_run_id: string | null }) => e.status === 'failed' && e.test_run_id !== null)).toBe(true)
  }, 240_000)
})

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Like waitFor, but over everything the process printed (stdout and stderr). */
async function waitForText(process: LongRunning, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!pattern.test(process.output())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${pattern}:\n${process.output()}`)
    await sleep(100)
  }
}
