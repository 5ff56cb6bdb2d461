// Every view of a run says the same thing as the database: `show`, `runs`, `history` (text and
// --json), the JSON report, the HTML report's summary and embedded data, and JUnit. Two runs: a
// demo suite run (a test failing on purpose, with its trace), and purpose-built tests against
// the demo site with retries, a flaky test, data iterations, a healed step, a page title
// checkpoint and a test cancelled while it ran.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StepProgress } from '../src/shared/model/progress'
import { percentage } from '../src/shared/model/states'
import { formatDuration, runOutcome, statusLabel } from '../src/shared/run-wording'
import { openCore } from '../src/main/core'
import { startDemoSite, type DemoSiteServer } from '../src/main/demosite/server'
import { DEMO_FAILING_TEST } from '../src/main/demo/demo-project'
import { runCli } from '../src/main/cli/program'
import { call } from '../src/main/testing/fixture-runs'
import { runTestdesk, tempDataDir } from './support/cli'

let site: DemoSiteServer
let flaky: Server
let dataDir: string
const out = tempDataDir('td-consistency-out-')

/**
 * A `testdesk` command's output. In this process (the same program the `testdesk` binary runs,
 * without a Node start per command): this test reads dozens of outputs.
 */
async function cli(...args: string[]): Promise<string> {
  let stdout = ''
  let stderr = ''
  const write = { out: process.stdout.write, err: process.stderr.write }
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write
  let code: number
  try {
    code = await runCli([...args, '--data-dir', dataDir])
  } finally {
    process.stdout.write = write.out
    process.stderr.write = write.err
    process.exitCode = undefined
  }
  expect(stderr, args.join(' ')).toBe('')
  expect(code, `${args.join(' ')}: ${stdout}`).toBe(0)
  return stdout
}
const cliJson = async (...args: string[]) => JSON.parse(await cli(...args, '--json'))

/** The purpose-built run: everything a report has to get right, in about ten executions. */
async function purposeBuiltRun(): Promise<void> {
  const core = await openCore({ dataDir })
  try {
    const suite = await call(core, 'suites.create', { name: 'Exactness' })
    // Steps meant to fail get a short time of their own; the others the test's, enough for a loaded machine.
    const verify = (selector: string | null, property: string, expected: unknown, operator = 'equals', timeout_ms?: number) => ({
      action: 'checkpoint',
      ...(selector ? { target: { selector } } : {}),
      options: { checkpoint: { type: 'element', assertions: [{ property, operator, expected }] }, ...(timeout_ms ? { timeout_ms } : {}) },
    })
    const data = await call(core, 'dataSets.create', {
      name: 'Titles',
      columns: [{ name: 'title' }, { name: 'token', secret: true }],
      rows: [{ values: { title: 'First', token: 'tok-secret-1' } }, { values: { title: 'Second', token: 'tok-secret-2' } }],
    })
    const tests: Record<string, unknown>[] = [
      { name: 'Title and healed field', steps: [{ action: 'navigate', value: `${site.url}login.html` }, verify(null, 'title', 'Login', 'contains'), { action: 'fill', target: { selector: '#email-old', alternatives: ['label=Email'] }, value: 'demo@testdesk.dev' }] },
      { name: 'Fails on every attempt', steps: [{ action: 'navigate', value: `${site.url}todos.html` }, verify('#todo-count', 'text', 'no such count', 'equals', 1000)] },
      { name: 'Passes on its retry', steps: [{ action: 'navigate', value: `${flakyUrl()}/page` }, verify('#state', 'text', 'ok')] },
      {
        name: 'Each title',
        data_set_id: data.id,
        steps: [
          { action: 'navigate', value: `${site.url}todos.html` },
          { action: 'fill', target: { selector: '[data-testid=new-todo]' }, value: '${title}' },
          { action: 'press', target: { selector: '[data-testid=new-todo]' }, value: 'Enter' },
          verify('[data-testid=todo-title]', 'text', 'First', 'equals', 2000),
        ],
      },
      { name: 'Cancelled while waiting', steps: [{ action: 'navigate', value: `${site.url}` }, { action: 'wait', options: { ms: 30_000 } }] },
    ]
    const ids: string[] = []
    for (const test of tests) ids.push((await call(core, 'tests.create', { step_timeout_ms: 15_000, ...test, suite_ids: [suite.id] })).id)
    const run = await call(core, 'runs.create', { suite_path: ['ROOT', 'Exactness'], suite_name: 'Exactness', test_case_ids: ids, retry_count: 1, options: { trace: 'on-failure' } })
    core.events.subscribe((name, payload) => {
      const step = payload as StepProgress
      if (name === 'runs.onStep' && step.run_id === run.id && step.action === 'wait' && step.status === 'running') void call(core, 'runs.cancel', { id: run.id })
    })
    await call(core, 'runs.start', { id: run.id })
    await core.runner!.waitFor(run.id)
  } finally {
    await core.close()
  }
}

let hits = 0
const flakyUrl = () => `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`

beforeAll(async () => {
  site = await startDemoSite()
  // Answers "fail" the first time and "ok" afterwards: a test that passes on its retry.
  flaky = createServer((_req, res) => {
    hits++
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>flaky</title><p id="state">${hits === 1 ? 'fail' : 'ok'}</p>`)
  })
  await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve))
  dataDir = tempDataDir('td-consistency-')
  expect((await runTestdesk(['demo', '--data-dir', dataDir])).code).toBe(0)
  // The demo run as a user makes it: the `testdesk` process, reports written when it ends.
  const demoRun = await runTestdesk(['run', '--suite', 'Demo/Table', '--report', 'html,json,junit', '--out', join(out, 'run1'), '--data-dir', dataDir], {}, 300_000)
  expect(demoRun.code, demoRun.stdout + demoRun.stderr).toBe(1)
  await purposeBuiltRun()
  for (const [format, file] of [['html', 'report.html'], ['json', 'report.json'], ['junit', 'junit.xml']]) {
    await cli('report', '2', '--format', format, '-o', join(out, 'run2', file))
  }
}, 600_000)

afterAll(async () => {
  flaky?.closeAllConnections()
  await new Promise((resolve) => flaky?.close(resolve))
  await site?.close()
})

// ── The truth: rows as stored ──────────────────────────────────────────────────────────────
interface Truth {
  run: Record<string, any>
  items: Record<string, any>[]
  results: Record<string, any>[]
  /** Failed checkpoint steps per result. */
  failedCheckpointSteps: Map<string, number>
}

function truthOf(runNumber: number): Truth {
  const db = new Database(join(dataDir, 'testdesk.db'), { readonly: true })
  try {
    const run = db.prepare('SELECT * FROM test_runs WHERE run_number = ?').get(runNumber) as Record<string, any>
    const items = db
      .prepare('SELECT i.*, t.name AS test_case_name FROM test_run_items i JOIN test_cases t ON t.id = i.test_case_id WHERE i.test_run_id = ? ORDER BY i.execution_order')
      .all(run.id) as Record<string, any>[]
    const results = db.prepare('SELECT * FROM test_run_results WHERE test_run_id = ? ORDER BY retry_attempt, iteration_number, created_at, rowid').all(run.id) as Record<string, any>[]
    for (const item of items) item.is_data_driven = !!item.is_data_driven
    const failedCheckpointSteps = db
      .prepare(`SELECT s.test_run_result_id AS id, count(*) AS n FROM test_step_results s JOIN test_run_results r ON r.id = s.test_run_result_id
                WHERE r.test_run_id = ? AND s.action = 'checkpoint' AND s.status = 'failed' GROUP BY s.test_run_result_id`)
      .all(run.id) as { id: string; n: number }[]
    return { run, items, results, failedCheckpointSteps: new Map(failedCheckpointSteps.map((r) => [r.id, r.n])) }
  } finally {
    db.close()
  }
}

const flakyOf = (item: Record<string, any>) => item.status === 'passed' && item.retry_attempt > 0
const resultsOf = (truth: Truth, item: Record<string, any>) => truth.results.filter((r) => r.test_run_item_id === item.id)

function unpack(html: string, id: string): any {
  return JSON.parse(gunzipSync(Buffer.from(new RegExp(`id="${id}">([^<]*)<`).exec(html)![1], 'base64')).toString('utf8'))
}

// ── One run, every view ──────────────────────────────────────────────────────────────────────
async function checkRun(runNumber: number, files: { html: string; json: string; junit: string }, suitePath: string) {
  const truth = truthOf(runNumber)
  const { run, items } = truth
  const counts = { total: run.total_tests, passed: run.passed_tests, failed: run.failed_tests, skipped: run.skipped_tests, no_run: run.no_run_tests, flaky: items.filter(flakyOf).length }
  expect(counts.total).toBe(items.length)
  expect(run.pass_rate).toBe(percentage(counts.passed, counts.total))
  const outcome = runOutcome(run as never)

  // runs --json and its table row
  const runs = await cliJson('runs')
  const listed = runs.items.find((r: { id: string }) => r.id === run.id)
  for (const key of ['status', 'total_tests', 'passed_tests', 'failed_tests', 'skipped_tests', 'no_run_tests', 'pass_rate', 'duration_ms']) expect(listed[key], `runs ${key}`).toBe(run[key])
  const runsLine = (await cli('runs')).split('\n').find((line) => line.startsWith(`${runNumber} `))!
  expect(runsLine).toContain(`${run.passed_tests}/${run.total_tests}`)
  expect(runsLine).toContain(`${run.pass_rate.toFixed(2)}%`)
  expect(runsLine).toContain(formatDuration(run.duration_ms))

  // show --json and its text
  const show = await cliJson('show', String(runNumber))
  for (const key of ['status', 'pass_rate', 'duration_ms', 'passed_tests', 'failed_tests']) expect(show.run[key], `show ${key}`).toBe(run[key])
  expect(show.summary.summary).toMatchObject({ total_tests: counts.total, passed_tests: counts.passed, failed_tests: counts.failed, skipped_tests: counts.skipped, no_run_tests: counts.no_run, pass_rate: run.pass_rate })
  expect(show.summary.items.map((i: any) => [i.test_case_name, i.status, i.duration_ms, i.retry_attempt, i.total_iterations, i.passed_iterations])).toEqual(
    items.map((i) => [i.test_case_name, i.status, i.duration_ms, i.retry_attempt, i.total_iterations, i.passed_iterations]),
  )
  const showText = await cli('show', String(runNumber))
  expect(showText.split('\n')[0]).toBe(`${run.run_name} (#${runNumber})  ${outcome.label}  ${counts.passed}/${counts.total} passed (${run.pass_rate.toFixed(2)}%)  ${formatDuration(run.duration_ms)}`)
  for (const item of items) {
    const line = showText.split('\n').find((l) => l.startsWith(`${item.execution_order} `) && l.includes(item.test_case_name))!
    expect(line, item.test_case_name).toContain(formatDuration(item.duration_ms))
    expect(line).toContain(item.is_data_driven && (item.status === 'passed' || item.status === 'failed') ? statusLabel(item as never) : item.status)
  }

  // history --suite: the run held the suite's tests only, so its figures are the run's
  const trend = await cliJson('history', '--suite', suitePath)
  const point = trend.runs.find((p: { test_run_id: string }) => p.test_run_id === run.id)
  expect(point).toMatchObject({ tests: counts.total, passed: counts.passed, failed: counts.failed, skipped: counts.skipped, no_run: counts.no_run, flaky: counts.flaky, pass_rate: run.pass_rate, whole_run: true, duration_ms: run.duration_ms })
  const trendLine = (await cli('history', '--suite', suitePath)).split('\n').find((line) => line.startsWith(run.run_name))!
  expect(trendLine).toMatch(new RegExp(`\\s${counts.total}\\s+${counts.passed}\\s+${counts.failed}\\s+${counts.flaky}\\s+${run.pass_rate.toFixed(2)}%\\s+${formatDuration(run.duration_ms)}$`))

  // history TEST --json: one entry per execution, as stored
  for (const item of items) {
    const history = await cliJson('history', item.test_case_id, '--limit', '100')
    const entries = history.history.filter((e: { test_run_id: string }) => e.test_run_id === run.id)
    const stored = resultsOf(truth, item)
    expect(entries.map((e: any) => [e.status, e.duration_ms, e.retry_attempt, e.iteration_number]).sort(), item.test_case_name).toEqual(
      stored.map((r) => [r.status, r.duration_ms, r.retry_attempt, r.iteration_number]).sort(),
    )
  }

  // The JSON report
  const json = JSON.parse(readFileSync(files.json, 'utf8'))
  expect(json.run).toMatchObject({ id: run.id, status: run.status, outcome, counts, pass_rate: run.pass_rate, duration_ms: run.duration_ms })
  expect(json.run.steps).toEqual({ total: sum(items, 'total_steps'), passed: sum(items, 'passed_steps'), failed: sum(items, 'failed_steps'), skipped: sum(items, 'skipped_steps') })
  // Every failed checkpoint step has its failed checkpoint: the checkpoint counts say what the steps say.
  for (const result of truth.results) expect(result.failed_checkpoints, `result ${result.id}`).toBeGreaterThanOrEqual(truth.failedCheckpointSteps.get(result.id) ?? 0)
  expect(json.run.checkpoints).toEqual({ total: sum(items, 'total_checkpoints'), passed: sum(items, 'passed_checkpoints'), failed: sum(items, 'failed_checkpoints') })
  expect(json.tests.map((t: any) => [t.name, t.status, t.label, t.duration_ms, t.flaky, t.attempts, t.iterations])).toEqual(
    items.map((i) => [
      i.test_case_name,
      i.status,
      statusLabel(i as never),
      i.duration_ms,
      flakyOf(i),
      resultsOf(truth, i).length ? i.retry_attempt + 1 : 0,
      { total: i.total_iterations, passed: i.passed_iterations, failed: i.failed_iterations },
    ]),
  )
  for (const [n, item] of items.entries()) {
    const test = json.tests[n]
    expect(test.executions.map((x: any) => [x.status, x.duration_ms, x.attempt, x.iteration])).toEqual(resultsOf(truth, item).map((r) => [r.status, r.duration_ms, r.retry_attempt, r.iteration_number]))
    // The failure the report says is the one `show` says.
    const shown = show.failures.filter((f: any) => f.item.id === item.id).map((f: any) => f.failure.message)
    const reported = test.executions.filter((x: any) => x.status === 'failed' && x.attempt === item.retry_attempt).map((x: any) => x.failure.message)
    expect(shown, item.test_case_name).toEqual(item.status === 'failed' ? reported : [])
    if (item.status === 'failed' && test.failure) expect(reported).toContain(test.failure.message)
  }

  // The HTML report: the summary as written, and the embedded data
  const html = readFileSync(files.html, 'utf8')
  const countOf = (key: string) => new RegExp(`data-count="${key}">([^<]*)<`).exec(html)![1]
  for (const [key, value] of Object.entries(counts)) expect(countOf(key), `HTML ${key}`).toBe(String(value))
  expect(countOf('pass-rate')).toBe(`${run.pass_rate.toFixed(2)}%`)
  expect(countOf('duration')).toBe(formatDuration(run.duration_ms))
  expect(html).toContain(`>${outcome.label}</span></h1>`)
  const index = unpack(html, 'report-data')
  const details = unpack(html, 'report-details')
  expect(index.tests.map((t: any) => [t.name, t.status, t.label, t.duration, t.flaky, t.attempts, t.error, t.failure])).toEqual(
    json.tests.map((t: any) => [t.name, t.status, t.label, t.duration_ms, t.flaky, t.attempts, t.error_message, t.failure && { step: t.failure.step, heading: expect.any(String), message: t.failure.message }]),
  )
  expect(details.map((xs: any[]) => xs.map((x) => [x.status, x.duration, x.attempt, x.iteration, x.failure?.message ?? null]))).toEqual(
    json.tests.map((t: any) => t.executions.map((x: any) => [x.status, x.duration_ms, x.attempt, x.iteration, x.failure?.message ?? null])),
  )

  // JUnit: a testcase per test (per iteration of the last attempt for data-driven ones)
  const junit = readFileSync(files.junit, 'utf8')
  const junitTotals = (name: string) => [...junit.matchAll(new RegExp(`<testsuite [^>]*\\s${name}="(\\d+)"`, 'g'))].reduce((total, m) => total + Number(m[1]), 0)
  const cases = items.map((i) => (i.is_data_driven ? resultsOf(truth, i).filter((r) => r.retry_attempt === i.retry_attempt).length : 1))
  expect(junitTotals('tests')).toBe(cases.reduce((a, b) => a + b, 0))
  const failedCases = items.map((i) => (i.is_data_driven ? resultsOf(truth, i).filter((r) => r.retry_attempt === i.retry_attempt && r.status === 'failed').length : i.status === 'failed' ? 1 : 0))
  expect(junitTotals('failures')).toBe(failedCases.reduce((a, b) => a + b, 0))
  expect(junitTotals('skipped')).toBe(items.filter((i) => i.status === 'skipped' || i.status === 'no_run').length)
  return { truth, json, show }
}

const sum = (items: Record<string, any>[], key: string) => items.reduce((total, item) => total + item[key], 0)

describe('every view of a run agrees with the database', () => {
  it('a demo suite run with a test failing on purpose', async () => {
    const { truth, json, show } = await checkRun(1, { html: join(out, 'run1', 'report.html'), json: join(out, 'run1', 'report.json'), junit: join(out, 'run1', 'junit.xml') }, 'Demo/Table')
    expect(truth.run).toMatchObject({ status: 'completed', total_tests: 5, failed_tests: 1 })
    const failing = json.tests.find((t: any) => t.name === DEMO_FAILING_TEST)
    expect(failing.executions[0].trace.file).toBe(show.failures[0].trace_file)
  }, 300_000)

  it('a run with retries, a flaky test, data iterations, a healed step and a cancelled test', async () => {
    const { truth, json } = await checkRun(2, { html: join(out, 'run2', 'report.html'), json: join(out, 'run2', 'report.json'), junit: join(out, 'run2', 'junit.xml') }, 'Exactness')
    // The run is what it was built to be, so the comparisons above covered each case.
    expect(truth.run.status).toBe('cancelled')
    expect(truth.items.map((i) => [i.test_case_name, i.status, i.retry_attempt])).toEqual([
      ['Title and healed field', 'passed', 0],
      ['Fails on every attempt', 'failed', 1],
      ['Passes on its retry', 'passed', 1],
      ['Each title', 'failed', 1],
      ['Cancelled while waiting', 'no_run', 0],
    ])
    const test = (name: string) => json.tests.find((t: any) => t.name === name)
    expect(test('Title and healed field').executions[0].steps.map((s: any) => s.healed_selector)).toEqual([null, null, 'label=Email'])
    expect(test('Title and healed field').executions[0].checkpoints[0].subject).toBe('page title')
    expect(test('Each title').label).toBe('Fail (1/2)')
    expect(test('Each title').executions.map((x: any) => x.data)).toEqual([
      { title: 'First', token: '••••••' },
      { title: 'Second', token: '••••••' },
      { title: 'First', token: '••••••' },
      { title: 'Second', token: '••••••' },
    ])
    expect(json.run.outcome).toEqual({ label: 'Cancelled: 2 failed, 1 not run of 5', tone: 'failed' })
  }, 300_000)
})
