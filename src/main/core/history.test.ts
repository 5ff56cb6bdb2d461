// Execution history arithmetic through the contract: a test case's statistics (pass rate,
// average duration, flaky rate) and a suite's trend over its last runs.
import { afterEach, describe, expect, it } from 'vitest'
import { bareCores } from './testing'
import { percentage } from '../../shared/model/states'
import type { Core } from '.'
import { call } from '../testing/fixture-runs'
import { SUITE_TREND_SQL, trendStatistics } from '../store/history'

const cores = bareCores()
const newCore = cores.open
const failure = cores.failure
afterEach(() => cores.closeAll())

interface Outcome {
  status: 'passed' | 'failed' | 'skipped'
  ms: number
  attempt?: number
  /** False for an attempt that will be retried. */
  completes?: boolean
}

const HOUR = 3_600_000
const T0 = Date.parse('2026-02-01T08:00:00.000Z')
let runClock = 0

/** A finished run of these tests with these outcomes, started an hour after the previous one. */
async function runWith(core: Core, outcomes: [{ id: string }, ...Outcome[]][]): Promise<string> {
  const run = await call(core, 'runs.create', { test_case_ids: outcomes.map(([test]) => test.id), retry_count: 1 })
  await call(core, 'runs.start', { id: run.id })
  const items = (await call(core, 'runItems.list', { test_run_id: run.id })).items as { id: string; test_case_id: string }[]
  const start = T0 + runClock++ * HOUR
  for (const [test, ...results] of outcomes) {
    for (const [i, r] of results.entries()) {
      await call(core, 'results.submit', {
        test_run_id: run.id,
        test_run_item_id: items.find((item) => item.test_case_id === test.id)!.id,
        test_case_id: test.id,
        status: r.status,
        duration_ms: r.ms,
        retry_attempt: r.attempt ?? 0,
        started_at: new Date(start + i * 1000).toISOString(),
        completes_item: r.completes ?? true,
      })
    }
  }
  const after = await call(core, 'runs.get', { id: run.id })
  if (after.status === 'running') await call(core, 'runs.stop', { id: run.id })
  return run.id
}

describe('history.forTestCase', () => {
  it('counts executions, pass rate, average duration and flaky runs', async () => {
    const core = await newCore()
    const login = await call(core, 'tests.create', { name: 'Login' })
    await runWith(core, [[login, { status: 'passed', ms: 100 }]])
    await runWith(core, [[login, { status: 'failed', ms: 200, completes: false }, { status: 'passed', ms: 301, attempt: 1 }]])
    await runWith(core, [[login, { status: 'failed', ms: 250 }]])
    const history = await call(core, 'history.forTestCase', { test_case_id: login.id, limit: 2 })
    expect(history.statistics).toEqual({
      total_executions: 4,
      passed: 2,
      failed: 2,
      skipped: 0,
      overall_pass_rate: 50,
      // (100 + 200 + 301 + 250) / 4 = 212.75
      avg_duration_ms: 213,
      flaky_runs: 1,
      flaky_rate: 33.33,
    })
    expect(history.total).toBe(4)
    expect(history.history.map((e: { status: string; duration_ms: number }) => [e.status, e.duration_ms])).toEqual([
      ['failed', 250],
      ['passed', 301],
    ])
    const page2 = await call(core, 'history.forTestCase', { test_case_id: login.id, limit: 2, offset: 2 })
    expect(page2.history.map((e: { duration_ms: number }) => e.duration_ms)).toEqual([200, 100])
  })

  it('rounds rates to hundredths half up and averages to whole milliseconds', async () => {
    const core = await newCore()
    const search = await call(core, 'tests.create', { name: 'Search' })
    await runWith(core, [[search, { status: 'passed', ms: 100 }]])
    await runWith(core, [[search, { status: 'passed', ms: 101 }]])
    await runWith(core, [[search, { status: 'failed', ms: 100 }]])
    await runWith(core, [[search, { status: 'skipped', ms: 101 }]])
    const { statistics } = await call(core, 'history.forTestCase', { test_case_id: search.id })
    expect(statistics).toMatchObject({ total_executions: 4, passed: 2, failed: 1, skipped: 1, overall_pass_rate: 50, avg_duration_ms: 101, flaky_runs: 0, flaky_rate: 0 })
    expect([percentage(2, 3), percentage(1, 3), percentage(1, 8), percentage(1, 200), percentage(0, 0)]).toEqual([66.67, 33.33, 12.5, 0.5, 0])
  })

  it('refuses an unknown test case', async () => {
    const core = await newCore()
    expect((await failure(core, 'history.forTestCase', { test_case_id: '01890000-0000-7000-8000-000000000000' })).kind).toBe('not_found')
    expect((await failure(core, 'history.forTestCase', { test_case_id: 'x' })).issues?.[0].field).toBe('test_case_id')
  })
})

describe('history.suiteTrend', () => {
  async function seed(core: Core) {
    const regression = await call(core, 'suites.create', { name: 'Regression' })
    const smoke = await call(core, 'suites.create', { name: 'Smoke', parent_id: regression.id })
    const other = await call(core, 'suites.create', { name: 'Other' })
    const a = await call(core, 'tests.create', { name: 'A', suite_ids: [smoke.id] })
    const d = await call(core, 'tests.create', { name: 'D', suite_ids: [smoke.id] })
    const b = await call(core, 'tests.create', { name: 'B', suite_ids: [regression.id] })
    const c = await call(core, 'tests.create', { name: 'C', suite_ids: [other.id] })
    const run1 = await runWith(core, [[a, { status: 'passed', ms: 1000 }], [d, { status: 'passed', ms: 10 }], [b, { status: 'failed', ms: 500 }], [c, { status: 'passed', ms: 7 }]])
    const run2 = await runWith(core, [[a, { status: 'failed', ms: 200, completes: false }, { status: 'passed', ms: 300, attempt: 1 }], [b, { status: 'passed', ms: 400 }]])
    await runWith(core, [[c, { status: 'passed', ms: 5 }]])
    // Not finished: left out of the trend.
    await call(core, 'runs.create', { test_case_ids: [a.id] })
    return { regression, smoke, run1, run2 }
  }

  it('counts only the suite’s tests (with descendants) in each finished run, newest first', async () => {
    const core = await newCore()
    const { regression, run1, run2 } = await seed(core)
    const trend = await call(core, 'history.suiteTrend', { suite_id: regression.id })
    expect(trend).toMatchObject({ suite_id: regression.id, suite_name: 'Regression', suite_path: ['ROOT', 'Regression'] })
    expect(trend.runs.map((r: Record<string, unknown>) => [r.test_run_id, r.run_name, r.tests, r.passed, r.failed, r.flaky, r.pass_rate, r.tests_duration_ms])).toEqual([
      [run2, 'Run_002', 2, 2, 0, 1, 100, 900],
      [run1, 'Run_001', 3, 2, 1, 0, 66.67, 1510],
    ])
    // Run_002 ran the suite's tests only: its duration is the run's, as `runs` and reports say.
    // Run_001 also ran a test of another suite: the suite's share is its tests' time.
    const run2Ms = (await call(core, 'runs.get', { id: run2 })).duration_ms
    const run1Ms = (await call(core, 'runs.get', { id: run1 })).duration_ms
    expect(trend.runs.map((r: Record<string, unknown>) => [r.whole_run, r.run_duration_ms, r.duration_ms])).toEqual([
      [true, run2Ms, run2Ms],
      [false, run1Ms, 1510],
    ])
    expect(trend.statistics).toEqual({ runs: 2, avg_pass_rate: 83.34, overall_pass_rate: 80, avg_duration_ms: Math.round((run2Ms + 1510) / 2), flaky_rate: 20 })
  })

  it('takes a suite path and a limit', async () => {
    const core = await newCore()
    const { run2 } = await seed(core)
    const smoke = await call(core, 'history.suiteTrend', { suite_path: ['ROOT', 'Regression', 'Smoke'] })
    expect(smoke.runs.map((r: { tests: number; passed: number; flaky: number }) => [r.tests, r.passed, r.flaky])).toEqual([
      [1, 1, 1],
      [2, 2, 0],
    ])
    const last = await call(core, 'history.suiteTrend', { suite_path: ['ROOT', 'Regression'], limit: 1 })
    expect(last.runs.map((r: { test_run_id: string }) => r.test_run_id)).toEqual([run2])
    expect(last.statistics.runs).toBe(1)
  })

  it('averages with empty trends and half-up rounding', () => {
    const point = (pass_rate: number, tests: number, passed: number, duration_ms: number, flaky = 0) =>
      ({ pass_rate, tests, passed, duration_ms, flaky }) as Parameters<typeof trendStatistics>[0][number]
    expect(trendStatistics([])).toEqual({ runs: 0, avg_pass_rate: 0, overall_pass_rate: 0, avg_duration_ms: 0, flaky_rate: 0 })
    expect(trendStatistics([point(33.33, 3, 1, 1), point(66.67, 3, 2, 2), point(100, 2, 2, 2, 1)])).toEqual({
      runs: 3,
      avg_pass_rate: 66.67,
      overall_pass_rate: 62.5,
      avg_duration_ms: 2,
      flaky_rate: 12.5,
    })
  })

  it('refuses ambiguous or unknown suites', async () => {
    const core = await newCore()
    const { regression } = await seed(core)
    expect((await failure(core, 'history.suiteTrend', { suite_id: regression.id, suite_path: ['ROOT', 'Regression'] })).issues?.[0].field).toBe('suite_id')
    expect((await failure(core, 'history.suiteTrend', {})).issues?.[0].field).toBe('suite_id')
    expect((await failure(core, 'history.suiteTrend', { suite_path: ['ROOT', 'Nope'] })).kind).toBe('not_found')
    expect((await failure(core, 'history.suiteTrend', { suite_path: ['Regression'] })).kind).toBe('validation')
    expect((await failure(core, 'history.suiteTrend', { suite_id: regression.id, limit: 0 })).issues?.[0].field).toBe('limit')
  })

  it('reaches runs and run items through indexes, never a table scan', async () => {
    const core = await newCore()
    const plan = core.context.db.prepare(`EXPLAIN QUERY PLAN ${SUITE_TREND_SQL}`).all('[]', 10) as { detail: string }[]
    const details = plan.map((p) => p.detail).join('\n')
    expect(details).toMatch(/SEARCH i USING (COVERING )?INDEX/)
    expect(details).toMatch(/SEARCH r USING (COVERING )?INDEX|SEARCH r USING INTEGER PRIMARY KEY/)
    expect(details).not.toMatch(/SCAN (i|r|test_run_items|test_runs|suite_test_cases)\b/)
  })
})
