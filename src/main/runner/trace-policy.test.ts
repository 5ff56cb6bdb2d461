// The trace policies: which attempts record a Playwright trace (recording is what a short test
// pays most for) and which traces are kept, in real Chromium against the demo site. Tracing is
// watched on Playwright's own Tracing object, so "records nothing" means no recording started.
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Tracing } from 'playwright'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { StepProgress } from '../../shared/model/progress'
import { openCore, type Core } from '../core'
import { startDemoSite, type DemoSiteServer } from '../demosite/server'
import { chromiumArgs, discoverBrowser } from './browsers'
import { attemptTracing, tracesByRerun } from './trace-policy'

let site: DemoSiteServer
let flakyServer: Server
let flakyUrl: string
const hits = new Map<string, number>()
let tracingStarts: ReturnType<typeof vi.fn<() => void>>

beforeAll(async () => {
  site = await startDemoSite()
  // "fail" on the first visit of a path, "ok" after: a failure that a second run does not repeat.
  flakyServer = createServer((req, res) => {
    const n = (hits.get(req.url ?? '') ?? 0) + 1
    hits.set(req.url ?? '', n)
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><title>flaky</title><p id="state">${n === 1 ? 'fail' : 'ok'}</p>`)
  })
  await new Promise<void>((resolve) => flakyServer.listen(0, '127.0.0.1', resolve))
  flakyUrl = `http://127.0.0.1:${(flakyServer.address() as AddressInfo).port}`
  // Every context shares Tracing's prototype: counting its starts counts recordings begun.
  const browser = await chromium.launch({ executablePath: (await discoverBrowser('chromium')).path!, headless: true, args: chromiumArgs({ headless: true }) })
  const context = await browser.newContext()
  const prototype = Object.getPrototypeOf(context.tracing) as Tracing
  await browser.close()
  const start = prototype.start
  tracingStarts = vi.fn<() => void>()
  prototype.start = function (this: Tracing, ...args: Parameters<Tracing['start']>) {
    tracingStarts()
    return start.apply(this, args)
  }
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

async function call<T = any>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as T
}

const verify = (selector: string, expected: string) => ({
  action: 'checkpoint',
  target: { selector },
  options: { checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'equals', expected }] } },
})
const passing = () => ({ name: 'Passes', steps: [{ action: 'navigate', value: `${site.url}todos.html` }, verify('#todo-count', '0 items left')] })
const failing = () => ({ name: 'Fails', step_timeout_ms: 500, steps: [{ action: 'navigate', value: `${site.url}todos.html` }, verify('#todo-count', 'no such count')] })

/** Runs the tests with the run options given; the results in order, and the step events told. */
async function run(tests: object[], options: Record<string, unknown>, config: Record<string, unknown> = {}) {
  const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-trace-')) })
  cores.push(core)
  const ids: string[] = []
  for (const test of tests) ids.push((await call(core, 'tests.create', test)).id)
  const steps: StepProgress[] = []
  core.addRunReporter({ name: 'test', onStepEnd: (step) => steps.push(step) })
  const created = await call(core, 'runs.create', { test_case_ids: ids, options: { screenshots: 'off', ...options }, ...config })
  tracingStarts.mockClear()
  await call(core, 'runs.start', { id: created.id })
  const finished = await core.runner!.waitFor(created.id)
  const results = (await call(core, 'results.list', { test_run_id: created.id, limit: 100 })).items as { status: string; retry_attempt: number; trace_path: string | null; error_message: string | null; test_case_id: string }[]
  return { core, finished, results, steps, ids, starts: tracingStarts.mock.calls.length }
}

describe('trace policies: which attempts record', () => {
  it('records on no first attempt by default, on retries when the run retries, and on every attempt when asked', () => {
    expect([0, 1, 2].map((a) => attemptTracing('on-failure', a))).toEqual(['none', 'keep-if-failed', 'keep-if-failed'])
    expect([0, 1, 2].map((a) => attemptTracing('on-first-retry', a))).toEqual(['none', 'keep', 'none'])
    expect([0, 1].map((a) => attemptTracing('retain-on-failure', a))).toEqual(['keep-if-failed', 'keep-if-failed'])
    expect([0, 1].map((a) => attemptTracing('off', a))).toEqual(['none', 'none'])
    // Only the default promises a trace of a failure no retry recorded.
    expect(tracesByRerun('on-failure', 'none')).toBe(true)
    expect(tracesByRerun('on-failure', 'keep-if-failed')).toBe(false)
    expect(tracesByRerun('on-first-retry', 'none')).toBe(false)
    expect(tracesByRerun('off', 'none')).toBe(false)
  })
})

describe('trace policies in a run (real Chromium)', () => {
  it("on-failure (the default): a passing test records nothing; a failing one is re-run for a trace, its results the failure's", async () => {
    const { finished, results, steps, starts, core } = await run([passing(), failing()], {})
    expect(finished).toMatchObject({ passed_tests: 1, failed_tests: 1 })
    // One recording: the failing test's re-run. The passing test started none.
    expect(starts).toBe(1)
    expect(results.map((r) => `${r.status}:${r.retry_attempt}:${r.trace_path ? 'trace' : '-'}`).sort()).toEqual(['failed:0:trace', 'passed:0:-'])
    const failed = results.find((r) => r.status === 'failed')!
    expect(failed.error_message).toBe("Step 2 (Verify text of #todo-count equals 'no such count'): Expected text of #todo-count to equal 'no such count' but was '0 items left'")
    const zip = readFileSync(join(core.context.dataDir, failed.trace_path!))
    expect(zip.subarray(0, 2).toString()).toBe('PK')
    // The re-run tells no step: two tests of two steps, each step told once.
    expect(steps.length).toBe(4)
  })

  it('on-failure: a failure the re-run does not repeat keeps its verdict, no trace, and says the re-run passed', async () => {
    const flaky = { name: 'Fails once', step_timeout_ms: 2000, steps: [{ action: 'navigate', value: `${flakyUrl}/once-${Date.now()}` }, verify('#state', 'ok')] }
    const { finished, results, starts } = await run([flaky], { trace: 'on-failure' })
    expect(finished).toMatchObject({ failed_tests: 1, passed_tests: 0 })
    expect(starts).toBe(1)
    expect(results).toHaveLength(1)
    expect(results[0].trace_path).toBeNull()
    expect(results[0].error_message).toContain('run again to record a trace, the test passed: no trace was kept')
  })

  it('on-first-retry traces the first retry alone; retain-on-failure records every test and keeps failures', async () => {
    const retried = await run([failing()], { trace: 'on-first-retry' }, { retry_count: 2 })
    expect(retried.starts).toBe(1)
    expect(retried.results.map((r) => `${r.retry_attempt}:${r.trace_path ? 'trace' : '-'}`).sort()).toEqual(['0:-', '1:trace', '2:-'])
    const retained = await run([passing(), failing()], { trace: 'retain-on-failure' })
    expect(retained.starts).toBe(2)
    expect(retained.results.map((r) => `${r.status}:${r.trace_path ? 'trace' : '-'}`).sort()).toEqual(['failed:trace', 'passed:-'])
  })
})
