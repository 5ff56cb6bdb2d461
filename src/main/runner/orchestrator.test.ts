// The orchestrator in real Chromium against the demo site: retries and flaky, parallel
// workers, fail-fast, stop, cancel, timeouts, a browser killed mid-test, data iterations,
// artifacts and events. Each test has its own data directory and database.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ItemProgress, StepProgress } from '../../shared/model/progress'
import { openCore, type Core } from '../core'
import { startDemoSite, type DemoSiteServer } from '../demosite/server'
import { chromium } from 'playwright'
import { chromiumArgs, discoverBrowser } from './browsers'
import { Orchestrator } from './orchestrator'

let site: DemoSiteServer
let flakyServer: Server
let flakyUrl: string
const hits = new Map<string, number>()

beforeAll(async () => {
  site = await startDemoSite()
  // Answers "fail" on the first visit of a key and "ok" afterwards: a test that passes on retry.
  flakyServer = createServer((req, res) => {
    const key = req.url ?? ''
    const n = (hits.get(key) ?? 0) + 1
    hits.set(key, n)
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><title>flaky</title><p id="state">${n === 1 ? 'fail' : 'ok'}</p>`)
  })
  await new Promise<void>((resolve) => flakyServer.listen(0, '127.0.0.1', resolve))
  flakyUrl = `http://127.0.0.1:${(flakyServer.address() as AddressInfo).port}`
})

afterAll(async () => {
  await site?.close()
  flakyServer?.closeAllConnections()
  await new Promise((resolve) => flakyServer?.close(resolve))
})

const cores: Core[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.close()
})

async function newCore(): Promise<Core> {
  const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-orch-')) })
  cores.push(core)
  return core
}

async function call<T = any>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as T
}

const verify = (selector: string, property: string, expected: unknown, operator = 'equals') => ({
  action: 'checkpoint',
  target: { selector },
  options: { checkpoint: { type: 'element', assertions: [{ property, operator, expected }] } },
})

const passing = (name: string) => ({
  name,
  steps: [
    { action: 'navigate', value: `${site.url}todos.html` },
    { action: 'fill', target: { selector: '[data-testid=new-todo]' }, value: name },
    { action: 'press', target: { selector: '[data-testid=new-todo]' }, value: 'Enter' },
    verify('#todo-count', 'text', '1 item left'),
  ],
})

const failing = (name: string) => ({
  name,
  step_timeout_ms: 500,
  steps: [{ action: 'navigate', value: `${site.url}todos.html` }, verify('#todo-count', 'text', 'no such count')],
})

const waiting = (name: string, ms: number) => ({
  name,
  steps: [{ action: 'navigate', value: `${site.url}` }, { action: 'wait', options: { ms } }, { action: 'wait', options: { ms } }, verify('h1', 'text', 'TestDesk Demo')],
})

async function runOf(core: Core, tests: object[], options: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
  const ids: string[] = []
  for (const test of tests) ids.push((await call(core, 'tests.create', test)).id)
  const run = await call(core, 'runs.create', { test_case_ids: ids, options: { trace: 'off', ...options }, ...config })
  return { run, ids }
}

async function startAndWait(core: Core, runId: string) {
  await call(core, 'runs.start', { id: runId })
  return core.runner!.waitFor(runId)
}

describe('orchestrator', () => {
  it('runs tests, stores results, steps, logs and events, and completes the run', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [passing('Adds a todo'), failing('Expects the wrong count')], { screenshots: 'on-failure' })
    const items: ItemProgress[] = []
    const steps: StepProgress[] = []
    core.addRunReporter({ name: 'test', onTestEnd: (item) => items.push(item), onStepBegin: (step) => steps.push(step), onStepEnd: (step) => steps.push(step) })
    const finished = await startAndWait(core, run.id)
    expect(finished).toMatchObject({ status: 'completed', total_tests: 2, passed_tests: 1, failed_tests: 1, pass_rate: 50, browser_name: 'chromium' })
    expect(finished.browser_version).toMatch(/^\d+\./)
    const summary = await call(core, 'runs.summary', { id: run.id })
    const failed = summary.items.find((i: { status: string }) => i.status === 'failed')
    expect(failed.error_message).toContain("Expected text of #todo-count to equal 'no such count' but was '0 items left'")
    const results = await call(core, 'results.list', { test_run_id: run.id })
    const failedResult = results.items.find((r: { status: string }) => r.status === 'failed')
    expect(failedResult.error_step_number).toBe(2)
    expect(failedResult.error_screenshot_path).toMatch(/^artifacts\/.+\.png$/)
    expect(existsSync(join(core.context.dataDir, failedResult.error_screenshot_path))).toBe(true)
    const checkpoints = await call(core, 'checkpoints.list', { test_run_result_id: failedResult.id })
    expect(checkpoints[0]).toMatchObject({ status: 'failed', failed_properties: ['text'] })
    const stepResults = await call(core, 'stepResults.list', { test_run_result_id: results.items.find((r: { status: string }) => r.status === 'passed').id })
    expect(stepResults.map((s: { status: string }) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed'])
    expect(stepResults[1].playwright_code).toContain('.fill(')
    expect(items.map((i) => i.status).sort()).toEqual(['failed', 'passed'])
    expect(steps.some((s) => s.status === 'running') && steps.some((s) => s.status === 'passed')).toBe(true)
    const history = await call(core, 'history.forTestCase', { test_case_id: failedResult.test_case_id })
    expect(history.total).toBe(1)
  })

  it('a reporter that throws breaks neither the run, nor storing results, nor the events', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [passing('Survives a broken reporter')])
    const fail = () => {
      throw new Error('broken reporter')
    }
    core.addRunReporter({ name: 'broken', onRunProgress: fail, onTestBegin: fail, onStepBegin: fail, onStepEnd: fail, onAttemptEnd: fail, onTestEnd: fail, onRunEnd: fail })
    const events = new Set<string>()
    core.events.subscribe((name) => events.add(name))
    const ended: string[] = []
    core.addRunReporter({ name: 'after the broken one', onRunEnd: (finished) => ended.push(finished.status) })
    expect(await startAndWait(core, run.id)).toMatchObject({ status: 'completed', passed_tests: 1 })
    expect((await call(core, 'results.list', { test_run_id: run.id })).items.map((r: { status: string }) => r.status)).toEqual(['passed'])
    expect([...events].filter((name) => name.startsWith('runs.')).sort()).toEqual(['runs.onItem', 'runs.onProgress', 'runs.onStep'])
    expect(ended).toEqual(['completed'])
  })

  it('a test whose results reach no store fails saying so, and the run completes', async () => {
    const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-orch-')), execution: 'manual' })
    cores.push(core)
    const { run } = await runOf(core, [passing('Results go nowhere')])
    const orchestrator = new Orchestrator({ store: core.context.store, reporters: [] })
    orchestrator.start(run.id, {})
    try {
      expect(await orchestrator.waitFor(run.id)).toMatchObject({ status: 'completed', failed_tests: 1 })
    } finally {
      await orchestrator.close()
    }
    const [item] = (await call(core, 'runs.summary', { id: run.id })).items
    expect(item).toMatchObject({ status: 'failed', error_message: 'The results of this test could not be stored (see the TestDesk log)' })
  })

  it("keeps the page's dialogs with its console messages, in order, with the step and the answer", async () => {
    const core = await newCore()
    const { run } = await runOf(core, [
      {
        name: 'Answers dialogs',
        steps: [
          { action: 'navigate', value: `${site.url}dialogs.html` },
          { action: 'click', target: { selector: '[data-testid=alert-button]' } },
          { action: 'dialog', value: 'Grace', options: { response: 'accept' } },
          { action: 'click', target: { selector: '[data-testid=prompt-button]' } },
          verify('[data-testid=prompt-result]', 'text', 'You entered: Grace'),
        ],
      },
    ])
    expect(await startAndWait(core, run.id)).toMatchObject({ status: 'completed', passed_tests: 1 })
    const [result] = (await call(core, 'results.list', { test_run_id: run.id })).items
    const logs = await call(core, 'logs.console', { test_run_result_id: result.id })
    const dialogs = logs.items.filter((l: { source: string | null }) => l.source === 'dialog')
    expect(dialogs.map((l: { message: string; step_index: number; log_level: string }) => [l.log_level, l.step_index, l.message])).toEqual([
      ['info', 2, 'alert dialog: "Hello from TestDesk Demo" (accepted)'],
      ['info', 4, 'prompt dialog: "What is your name?" (accepted with "Grace")'],
    ])
    const times = logs.items.map((l: { timestamp: string }) => l.timestamp)
    expect(times).toEqual([...times].sort())
  })

  it('retries a failing test and calls a pass on retry flaky', async () => {
    const core = await newCore()
    const key = `/flaky-${Date.now()}`
    const flaky = { name: 'Passes the second time', steps: [{ action: 'navigate', value: flakyUrl + key }, verify('#state', 'text', 'ok')], step_timeout_ms: 3000 }
    const { run } = await runOf(core, [flaky, failing('Always fails')], {}, { retry_count: 2 })
    const finished = await startAndWait(core, run.id)
    expect(finished).toMatchObject({ passed_tests: 1, failed_tests: 1 })
    const summary = await call(core, 'runs.summary', { id: run.id })
    const [first, second] = summary.items
    expect(first).toMatchObject({ status: 'passed', retry_attempt: 1 })
    expect(second).toMatchObject({ status: 'failed', retry_attempt: 2 })
    const item = await call(core, 'runItems.get', { id: second.id })
    expect(item.max_retries_exhausted).toBe(true)
    const results = await call(core, 'results.list', { test_run_item_id: first.id })
    expect(results.items.map((r: { status: string; retry_attempt: number }) => `${r.retry_attempt}:${r.status}`)).toEqual(['0:failed', '1:passed'])
    const history = await call(core, 'history.forTestCase', { test_case_id: first.test_case_id })
    expect(history.statistics).toMatchObject({ flaky_runs: 1, flaky_rate: 100 })
  })

  it('runs 3 workers at once, each test in a fresh context', async () => {
    const core = await newCore()
    const tests = Array.from({ length: 6 }, (_, i) => waiting(`Parallel ${i}`, 400))
    const { run } = await runOf(core, tests, {}, { parallel_count: 3 })
    let concurrent = 0
    let most = 0
    core.addRunReporter({
      name: 'test',
      onTestBegin: () => (most = Math.max(most, ++concurrent)),
      onTestEnd: () => concurrent--,
    })
    const finished = await startAndWait(core, run.id)
    expect(finished).toMatchObject({ status: 'completed', passed_tests: 6, parallel_enabled: true, parallel_count: 3 })
    expect(most).toBe(3)
  })

  it('fail-fast starts no more tests after the first failure', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [failing('Fails first'), passing('Never starts A'), passing('Never starts B')], { fail_fast: true })
    const finished = await startAndWait(core, run.id)
    expect(finished).toMatchObject({ status: 'completed', failed_tests: 1, no_run_tests: 2, passed_tests: 0 })
  })

  it('stop finishes the current step, then marks what did not run', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [waiting('Long', 1500), passing('After')])
    core.addRunReporter({ name: 'test', onStepBegin: (step) => step.step_number === 2 && void call(core, 'runs.stop', { id: run.id }) })
    const finished = await startAndWait(core, run.id)
    expect(finished.status).toBe('completed')
    const summary = await call(core, 'runs.summary', { id: run.id })
    expect(summary.items.map((i: { status: string }) => i.status)).toEqual(['skipped', 'no_run'])
    const [result] = (await call(core, 'results.list', { test_run_id: run.id })).items
    const steps = await call(core, 'stepResults.list', { test_run_result_id: result.id })
    expect(steps.map((s: { status: string }) => s.status)).toEqual(['passed', 'passed', 'skipped', 'skipped'])
    expect(result.error_message).toBe('Stopped by the tester after step 2')
  })

  it('cancel stops at once: the run is cancelled and nothing unfinished is kept as run', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [waiting('Long', 5000), passing('After')])
    let cancelledAt = 0
    core.addRunReporter({
      name: 'test',
      onStepBegin: (step) => {
        if (step.step_number !== 2) return
        cancelledAt = Date.now()
        void call(core, 'runs.cancel', { id: run.id })
      },
    })
    const finished = await startAndWait(core, run.id)
    // The 5 s wait in progress is cut short rather than finished.
    expect(Date.now() - cancelledAt).toBeLessThan(3000)
    expect(finished).toMatchObject({ status: 'cancelled', no_run_tests: 2 })
    expect((await call(core, 'results.list', { test_run_id: run.id })).total).toBe(0)
  })

  it('a test over its time limit fails with the limit in the message', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [{ ...waiting('Too slow', 3000), test_timeout_ms: 800 }])
    await startAndWait(core, run.id)
    const [result] = (await call(core, 'results.list', { test_run_id: run.id })).items
    expect(result.status).toBe('failed')
    expect(result.error_message).toContain('800 ms')
  })

  it('a browser killed mid-test fails that test and the run goes on with a new browser', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [waiting('Browser dies', 2500), passing('Runs in a new browser')])
    let killed = false
    core.addRunReporter({ name: 'test', onStepBegin: (step) => {
      if (step.action === 'wait' && !killed) {
        killed = true
        // Chromium's browser process is a child of this process: kill it like a crash would.
        const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        for (const line of children.split('\n')) {
          const [pid, command] = line.trim().split(/\s+/)
          if (command && /chrom/i.test(command)) process.kill(Number(pid), 'SIGKILL')
        }
      }
    } })
    const finished = await startAndWait(core, run.id)
    expect(finished).toMatchObject({ status: 'completed', failed_tests: 1, passed_tests: 1 })
    const summary = await call(core, 'runs.summary', { id: run.id })
    expect(summary.items[0].error_message).toMatch(/browser/i)
  })

  it('runs a data-driven test once per row, masking secret columns', async () => {
    const core = await newCore()
    const data = await call(core, 'dataSets.create', {
      name: 'Todos',
      columns: [{ name: 'title' }, { name: 'token', secret: true }],
      rows: [{ values: { title: 'First', token: 'tok-1-secret' } }, { values: { title: 'Second', token: 'tok-2-secret' } }, { values: { title: 'Third', token: 'x' } }],
    })
    const test = {
      name: 'Adds the row title',
      data_set_id: data.id,
      steps: [
        { action: 'navigate', value: `${site.url}todos.html` },
        { action: 'fill', target: { selector: '[data-testid=new-todo]' }, value: '${title} ${token}' },
        { action: 'press', target: { selector: '[data-testid=new-todo]' }, value: 'Enter' },
        verify('[data-testid=todo-title]', 'text', '${title} ${token}'),
        verify('[data-testid=todo-title]', 'text', 'Second', 'not_contains'),
      ],
      step_timeout_ms: 3000,
    }
    const { run } = await runOf(core, [test])
    await startAndWait(core, run.id)
    const summary = await call(core, 'runs.summary', { id: run.id })
    expect(summary.items[0]).toMatchObject({ status: 'failed', is_data_driven: true, total_iterations: 3, passed_iterations: 2, failed_iterations: 1 })
    const results = (await call(core, 'results.list', { test_run_item_id: summary.items[0].id })).items
    expect(results.map((r: { iteration_number: number }) => r.iteration_number)).toEqual([1, 2, 3])
    expect(results[0].data_row_values).toEqual({ title: 'First', token: '••••••' })
    const steps = await call(core, 'stepResults.list', { test_run_result_id: results[0].id })
    expect(JSON.stringify(steps)).not.toContain('tok-1-secret')
    const bundles = await call(core, 'bundles.list', { test_group_id: data.id })
    expect(bundles[0].execution_ids).toHaveLength(3)
  })

  it('fails the run with a clear message when no browser can be found', async () => {
    const previous = process.env.TESTDESK_BROWSER_PATH
    process.env.TESTDESK_BROWSER_PATH = '/no/such/browser'
    try {
      const core = await newCore()
      const { run } = await runOf(core, [passing('Needs a browser')])
      const finished = await startAndWait(core, run.id)
      expect(finished.status).toBe('failed')
      const summary = await call(core, 'runs.summary', { id: run.id })
      expect(summary.items[0]).toMatchObject({ status: 'no_run' })
      expect(summary.items[0].error_message).toContain('/no/such/browser, which does not exist')
    } finally {
      if (previous === undefined) delete process.env.TESTDESK_BROWSER_PATH
      else process.env.TESTDESK_BROWSER_PATH = previous
    }
  })

  it('refuses to start a run twice or a run without tests', async () => {
    const core = await newCore()
    const empty = await call(core, 'runs.create', {})
    const error = await core.dispatcher.call('runs.start', { id: empty.id }, { transport: 'direct' })
    expect(error.ok ? null : error.error).toMatchObject({ kind: 'invalid_state', message: 'Cannot start test run: it has no tests (add test cases first)' })
    const { run } = await runOf(core, [passing('Once')])
    await startAndWait(core, run.id)
    const again = await core.dispatcher.call('runs.start', { id: run.id }, { transport: 'direct' })
    expect(again.ok ? null : again.error).toMatchObject({ kind: 'invalid_state', message: "Cannot start test run: status is 'completed'" })
  })
})

describe('orchestrator: traces and remote browsers', () => {
  it('keeps a Playwright trace of a failed test as a zip, and none for a passing one', async () => {
    const core = await newCore()
    const { run } = await runOf(core, [failing('Fails with a trace'), passing('Passes without one')], { trace: 'on-failure' })
    await startAndWait(core, run.id)
    const results = (await call(core, 'results.list', { test_run_id: run.id })).items
    const failed = results.find((r: { status: string }) => r.status === 'failed')
    const passed = results.find((r: { status: string }) => r.status === 'passed')
    expect(passed.trace_path).toBeNull()
    expect(failed.trace_path).toMatch(/^artifacts\/.+\.zip$/)
    const zip = readFileSync(join(core.context.dataDir, failed.trace_path))
    expect(zip.subarray(0, 2).toString()).toBe('PK')
    expect(zip.toString('latin1')).toContain('trace.trace')
  })

  it('runs tests on a remote Playwright browser server given by its ws:// endpoint', async () => {
    const found = await discoverBrowser('chromium')
    const server = await chromium.launchServer({ executablePath: found.path!, headless: true, args: chromiumArgs({ headless: true }) })
    try {
      const previous = process.env.TESTDESK_BROWSER_PATH
      // No local browser is needed: discovery is skipped for a remote endpoint.
      process.env.TESTDESK_BROWSER_PATH = '/no/local/browser'
      try {
        const core = await newCore()
        const { run } = await runOf(core, [passing('Runs remotely')], { browser_endpoint: server.wsEndpoint() })
        const finished = await startAndWait(core, run.id)
        expect(finished).toMatchObject({ status: 'completed', passed_tests: 1 })
      } finally {
        if (previous === undefined) delete process.env.TESTDESK_BROWSER_PATH
        else process.env.TESTDESK_BROWSER_PATH = previous
      }
      const core = await newCore()
      const { run } = await runOf(core, [passing('Nobody listens')], { browser_endpoint: 'ws://127.0.0.1:9/nothing' })
      const finished = await startAndWait(core, run.id)
      const summary = await call(core, 'runs.summary', { id: run.id })
      expect(finished.failed_tests).toBe(1)
      expect(summary.items[0].error_message).toContain('Cannot connect to the browser server at ws://127.0.0.1:9/nothing')
    } finally {
      await server.close()
    }
  })
})
