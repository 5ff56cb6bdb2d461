// What executions produce, through the contract: results and their rollup to items and runs
// (reference/003 note 8, DECIMAL(5,2) rates), data-driven iterations and bundles, retries and
// flakiness, step/checkpoint/script results, console and network logs, and history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GHOST, openTestCore, startedRun, submit, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
  await t.ok('projects.list')
})
afterEach(() => t.close())

const getRun = (id: string) => t.ok('runs.get', { id })
const getItem = (id: string) => t.ok('runItems.get', { id })

describe('run rollup', () => {
  it.each([
    [2, 3, 66.67],
    [1, 8, 12.5],
    [1, 3, 33.33],
    [5, 5, 100],
    [0, 4, 0],
  ])('%i passed of %i tests → pass_rate %d', async (passed, total, rate) => {
    const { run, items } = await startedRun(t, total)
    for (const [i, item] of items.entries()) await submit(t, item, { status: i < passed ? 'passed' : 'failed' })
    expect(await getRun(run.id)).toMatchObject({ status: 'completed', total_tests: total, passed_tests: passed, failed_tests: total - passed, pass_rate: rate })
  })

  it('0 of 0 → 0', async () => {
    expect((await t.ok('runs.create', {})).pass_rate).toBe(0)
  })

  it('counts passed over all tests, so skipped and not run tests lower the rate', async () => {
    const { run, items } = await startedRun(t, 4)
    await submit(t, items[0])
    await submit(t, items[1], { status: 'skipped' })
    await submit(t, items[2], { status: 'failed' })
    const stopped = await t.ok('runs.stop', { id: run.id })
    expect(stopped).toMatchObject({ total_tests: 4, passed_tests: 1, skipped_tests: 1, failed_tests: 1, no_run_tests: 1, pass_rate: 25 })
  })

  it('completes the run exactly when the last item finishes, not before', async () => {
    const { run, items } = await startedRun(t, 3)
    await submit(t, items[0])
    await submit(t, items[2])
    expect(await getRun(run.id)).toMatchObject({ status: 'running', total_tests: 3, passed_tests: 2, pass_rate: 66.67, completed_at: null })
    await submit(t, items[1], { completes_item: false })
    expect((await getRun(run.id)).status).toBe('running')
    await submit(t, items[1], { retry_attempt: 1 })
    const done = await getRun(run.id)
    expect(done).toMatchObject({ status: 'completed', passed_tests: 3, pass_rate: 100 })
    expect(done.completed_at >= done.started_at).toBe(true)
    expect(done.duration_ms).toBe(Date.parse(done.completed_at) - Date.parse(done.started_at))
  })

  it('summarises steps and checkpoints over items', async () => {
    const { run, items } = await startedRun(t, 2)
    await submit(t, items[0], { total_steps: 15, passed_steps: 15, total_checkpoints: 5, passed_checkpoints: 5, duration_ms: 145000 })
    await submit(t, items[1], { status: 'failed', total_steps: 30, passed_steps: 27, failed_steps: 3, total_checkpoints: 10, passed_checkpoints: 9, failed_checkpoints: 1, error_message: 'Element not found: #search-results' })
    const summary = await t.ok('runs.summary', { id: run.id })
    expect(summary.summary).toEqual({
      total_tests: 2, passed_tests: 1, failed_tests: 1, skipped_tests: 0, no_run_tests: 0, pass_rate: 50,
      total_steps: 45, passed_steps: 42, failed_steps: 3, total_checkpoints: 15, passed_checkpoints: 14, failed_checkpoints: 1,
    })
    expect(summary.items.map((i: { status: string; pass_rate: number; error_message: string | null; duration_ms: number }) => [i.status, i.pass_rate, i.error_message, i.duration_ms])).toEqual([
      ['passed', 100, null, 145000],
      ['failed', 90, 'Element not found: #search-results', 0],
    ])
  })
})

describe('a submitted result', () => {
  it('computes its pass rates when not given (DECIMAL(5,2)), keeps them when given, and derives its duration', async () => {
    const { items } = await startedRun(t, 3)
    const computed = await submit(t, items[0], {
      total_steps: 3, passed_steps: 2, failed_steps: 1, total_checkpoints: 8, passed_checkpoints: 1,
      started_at: '2026-01-17T10:05:05Z', completed_at: '2026-01-17T10:07:30Z',
    })
    expect(computed).toMatchObject({ pass_rate: 66.67, checkpoint_pass_rate: 12.5, duration_ms: 145000, started_at: '2026-01-17T10:05:05.000Z' })
    const given = await submit(t, items[1], { total_steps: 3, passed_steps: 1, pass_rate: 80, checkpoint_pass_rate: 99.99, duration_ms: 7 })
    expect(given).toMatchObject({ pass_rate: 80, checkpoint_pass_rate: 99.99, duration_ms: 7 })
    const empty = await submit(t, items[2])
    expect(empty).toMatchObject({ pass_rate: 0, checkpoint_pass_rate: 0, total_steps: 0, duration_ms: 0, pre_script_aborted: false, data_row_values: null })
  })

  it('copies its counts to the item and writes one history row', async () => {
    const { run, items } = await startedRun(t, 1)
    const result = await submit(t, items[0], {
      status: 'failed', total_steps: 4, passed_steps: 2, failed_steps: 1, skipped_steps: 1, total_checkpoints: 2, passed_checkpoints: 1, failed_checkpoints: 1,
      duration_ms: 1234, error_message: 'Login button not clickable', error_screenshot_path: 'artifacts/ab/x.png',
      started_at: '2026-01-16T02:00:00Z', environment_info: { browser_name: 'chromium', viewport_width: 1920 },
    })
    expect(await getItem(items[0].id)).toMatchObject({
      status: 'failed', total_steps: 4, passed_steps: 2, failed_steps: 1, skipped_steps: 1, total_checkpoints: 2, passed_checkpoints: 1, failed_checkpoints: 1,
      duration_ms: 1234, error_message: 'Login button not clickable', error_screenshot_path: 'artifacts/ab/x.png', is_data_driven: false, retry_attempt: 0,
    })
    const history = await t.ok('history.forTestCase', { test_case_id: items[0].test_case_id })
    expect(history.history).toEqual([
      expect.objectContaining({
        test_run_id: run.id, test_run_result_id: result.id, status: 'failed', executed_at: '2026-01-16T02:00:00.000Z', duration_ms: 1234,
        total_steps: 4, passed_steps: 2, failed_steps: 1, pass_rate: 50, error_message: 'Login button not clickable', run_name: 'Run_001', is_scheduled: false,
      }),
    ])
    expect((await t.ok('results.get', { id: result.id })).environment_info).toEqual({ browser_name: 'chromium', viewport_width: 1920 })
  })

  it('is refused for a run that is not running, an item of another run, or another test case, changing nothing', async () => {
    const { run, items } = await startedRun(t, 2)
    const other = await startedRun(t, 1)
    const pending = await t.ok('runs.create', { test_case_ids: [items[0].test_case_id] })
    const pendingItem = (await t.ok('runItems.list', { test_run_id: pending.id })).items[0]
    const base = { test_run_id: run.id, test_run_item_id: items[0].id, test_case_id: items[0].test_case_id, status: 'passed' }
    expect(await t.failUnchanged('results.submit', { ...base, test_run_id: pending.id, test_run_item_id: pendingItem.id })).toEqual({
      kind: 'invalid_state',
      message: "Cannot submit a result: test run status is 'pending'",
    })
    expect(await t.failUnchanged('results.submit', { ...base, test_run_item_id: other.items[0].id, test_case_id: other.items[0].test_case_id })).toMatchObject({
      kind: 'validation',
      issues: [{ field: 'test_run_item_id' }],
    })
    expect((await t.failUnchanged('results.submit', { ...base, test_case_id: items[1].test_case_id })).issues?.[0].field).toBe('test_case_id')
    expect((await t.failUnchanged('results.submit', { ...base, test_run_item_id: GHOST })).kind).toBe('not_found')
    expect((await t.failUnchanged('results.submit', { ...base, test_run_id: GHOST })).kind).toBe('not_found')
    expect((await t.failUnchanged('results.submit', { ...base, status: 'no_run' })).issues?.[0].field).toBe('status')
    expect((await t.failUnchanged('results.submit', { ...base, pass_rate: 100.01 })).issues?.[0].field).toBe('pass_rate')
    expect((await t.failUnchanged('results.submit', { ...base, total_steps: -1 })).issues?.[0].field).toBe('total_steps')
    await submit(t, items[0])
    expect(await t.failUnchanged('results.submit', base)).toEqual({ kind: 'invalid_state', message: "Cannot submit a result: the item already finished as 'passed'" })
  })
})

describe('data-driven items', () => {
  it('count iterations, stay unfinished until the last one, fail if any iteration failed, and bundle the executions', async () => {
    const set = await t.ok('dataSets.create', { name: 'Users', columns: [{ name: 'user' }], rows: ['ann', 'bob', 'cy'].map((user) => ({ values: { user } })) })
    const test = await t.ok('tests.create', { name: 'Login per user', data_set_id: set.id })
    const { run, items } = await startedRun(t, 0, {}, [test, ...(await t.ok('tests.bulkCreate', { items: [{ name: 'Plain' }] }))])
    const [item] = items
    const ids: string[] = []
    for (const [n, status] of [[1, 'passed'], [2, 'failed'], [3, 'passed']] as const) {
      const result = await submit(t, item, {
        status, iteration_number: n, data_row_index: n - 1, data_row_values: { user: ['ann', 'bob', 'cy'][n - 1] },
        total_steps: 2, passed_steps: status === 'passed' ? 2 : 1, failed_steps: status === 'passed' ? 0 : 1, completes_item: n === 3,
      })
      ids.push(result.id)
      const now = await getItem(item.id)
      expect(now).toMatchObject({ is_data_driven: true, total_iterations: n, passed_iterations: n === 1 ? 1 : 2 - (n === 2 ? 1 : 0), failed_iterations: n === 1 ? 0 : 1 })
      expect(now.status).toBe(n < 3 ? 'running' : 'failed')
      expect((await getRun(run.id)).status).toBe('running')
    }
    expect(await getItem(item.id)).toMatchObject({ total_iterations: 3, passed_iterations: 2, failed_iterations: 1, total_steps: 6, passed_steps: 5, failed_steps: 1 })
    const summary = await t.ok('runs.summary', { id: run.id })
    expect(summary.items[0]).toMatchObject({ status: 'failed', is_data_driven: true, pass_rate: 66.67, total_iterations: 3 })
    const bundles = await t.ok('bundles.list', { test_group_id: set.id })
    expect(bundles).toEqual([expect.objectContaining({ test_group_id: set.id, test_run_id: run.id, test_run_item_id: item.id, execution_ids: ids })])
    expect(await t.ok('bundles.get', { id: bundles[0].id })).toEqual(bundles[0])
    expect((await t.fail('bundles.get', { id: GHOST })).kind).toBe('not_found')
    const results = await t.ok('results.list', { test_run_item_id: item.id, sort_by: 'iteration_number', sort_order: 'desc' })
    expect(results.items.map((r: { iteration_number: number; data_row_values: { user: string } }) => [r.iteration_number, r.data_row_values.user])).toEqual([
      [3, 'cy'],
      [2, 'bob'],
      [1, 'ann'],
    ])
  })

  it('pass when every iteration passed', async () => {
    const { items } = await startedRun(t, 1)
    for (const n of [1, 2]) await submit(t, items[0], { iteration_number: n, completes_item: n === 2 })
    expect(await getItem(items[0].id)).toMatchObject({ status: 'passed', total_iterations: 2, passed_iterations: 2, failed_iterations: 0 })
    // Without a data set the bundle is grouped by the test case.
    expect((await t.ok('bundles.list', { test_group_id: items[0].test_case_id }))[0]).toMatchObject({ execution_ids: [expect.any(String), expect.any(String)], data_group_name: null })
  })
})

describe('execution bundles', () => {
  it('are listed by data group across runs, by run, or both; a list needs one of them', async () => {
    const set = await t.ok('dataSets.create', { name: 'Accounts', columns: [{ name: 'user' }], rows: ['ann', 'bob'].map((user) => ({ values: { user } })) })
    const other = await t.ok('dataSets.create', { name: 'Locales', columns: [{ name: 'locale' }], rows: [{ values: { locale: 'en' } }] })
    const login = await t.ok('tests.create', { name: 'Login per account', data_set_id: set.id })
    const signup = await t.ok('tests.create', { name: 'Sign up per account', data_set_id: set.id })
    const locale = await t.ok('tests.create', { name: 'Home per locale', data_set_id: other.id })
    const runs = []
    for (let r = 0; r < 2; r++) {
      const { run, items } = await startedRun(t, 0, {}, [login, signup, locale])
      for (const item of items) {
        const n = item.test_case_id === locale.id ? 1 : 2
        for (let i = 1; i <= n; i++) await submit(t, item, { iteration_number: i, completes_item: i === n })
      }
      runs.push(run)
    }
    const byGroup = await t.ok('bundles.list', { test_group_id: set.id })
    // Two tests over the same data set in two runs: four bundles of two executions, newest first.
    expect(byGroup).toHaveLength(4)
    expect(byGroup.map((b: { test_run_id: string }) => b.test_run_id)).toEqual([runs[1].id, runs[1].id, runs[0].id, runs[0].id])
    expect(byGroup.every((b: { execution_ids: string[] }) => b.execution_ids.length === 2)).toBe(true)
    expect(await t.ok('bundles.list', { test_run_id: runs[0].id })).toHaveLength(3)
    expect((await t.ok('bundles.list', { test_group_id: other.id, test_run_id: runs[0].id })).map((b: { test_group_id: string }) => b.test_group_id)).toEqual([other.id])
    expect(await t.fail('bundles.list', {})).toMatchObject({ kind: 'validation', issues: [{ field: 'test_group_id', message: 'give test_group_id (a data group) or test_run_id' }] })
    // Each bundle names its data group: the data set's name, null for a test run without one.
    expect(byGroup.map((b: { data_group_name: string | null }) => b.data_group_name)).toEqual(['Accounts', 'Accounts', 'Accounts', 'Accounts'])
    const ofRun = await t.ok('bundles.list', { test_run_id: runs[0].id })
    expect(ofRun.map((b: { test_group_id: string; data_group_name: string | null }) => [b.test_group_id, b.data_group_name]).sort()).toEqual(
      [[set.id, 'Accounts'], [set.id, 'Accounts'], [other.id, other.name]].sort(),
    )
    expect(await t.ok('bundles.get', { id: ofRun[0].id })).toEqual(ofRun[0])
  })
})

describe('retries', () => {
  it('a failed attempt then a passed retry: the item passes with retry_attempt 1, and history counts it flaky', async () => {
    const { run, items } = await startedRun(t, 1, { retry_count: 2 })
    await submit(t, items[0], { status: 'failed', completes_item: false, error_message: 'timeout', duration_ms: 1900 })
    expect(await getItem(items[0].id)).toMatchObject({ status: 'running', retry_attempt: 0 })
    await submit(t, items[0], { status: 'passed', retry_attempt: 1, total_steps: 3, passed_steps: 3, duration_ms: 700 })
    // Counts come from the deciding attempt; the time is what every attempt took, as reports show it beside "2 attempts".
    expect(await getItem(items[0].id)).toMatchObject({ status: 'passed', retry_attempt: 1, max_retries_exhausted: false, error_message: null, total_steps: 3, duration_ms: 2600 })
    expect(await getRun(run.id)).toMatchObject({ status: 'completed', passed_tests: 1, pass_rate: 100 })
    const history = await t.ok('history.forTestCase', { test_case_id: items[0].test_case_id })
    expect(history.statistics).toMatchObject({ total_executions: 2, passed: 1, failed: 1, flaky_runs: 1, flaky_rate: 100 })
    expect(history.history.map((h: { retry_attempt: number; status: string }) => [h.retry_attempt, h.status]).sort()).toEqual([
      [0, 'failed'],
      [1, 'passed'],
    ])
  })

  it('failing on the last allowed attempt exhausts the retries', async () => {
    const { items } = await startedRun(t, 2, { retry_count: 1 })
    await submit(t, items[0], { status: 'failed', completes_item: false })
    await submit(t, items[0], { status: 'failed', retry_attempt: 1, error_message: 'still broken' })
    expect(await getItem(items[0].id)).toMatchObject({ status: 'failed', retry_attempt: 1, max_retries_exhausted: true, error_message: 'still broken' })
    // A failure with retries left over (the runner gave up early) has not exhausted them.
    const { items: more } = await startedRun(t, 1, { retry_count: 3 })
    await submit(t, more[0], { status: 'failed', retry_attempt: 1 })
    expect((await getItem(more[0].id)).max_retries_exhausted).toBe(false)
    const history = await t.ok('history.forTestCase', { test_case_id: items[0].test_case_id })
    expect(history.statistics).toMatchObject({ flaky_runs: 0, flaky_rate: 0, failed: 2 })
  })
})

describe('history of a test case', () => {
  it('lists the newest first with statistics over all executions', async () => {
    const { tests } = await startedRun(t, 1)
    const [test] = tests
    const outcomes = ['passed', 'failed', 'passed', 'passed']
    for (const [day, status] of outcomes.entries()) {
      const { items } = day === 0 ? { items: (await t.ok('runItems.list', { test_run_id: (await t.ok('runs.list', {})).items[0].id })).items } : await startedRun(t, 0, {}, [test])
      await submit(t, items[0], { status, started_at: `2026-01-1${day}T02:00:00Z`, duration_ms: 1000 * (day + 1) })
    }
    const page = await t.ok('history.forTestCase', { test_case_id: test.id, limit: 2 })
    expect(page).toMatchObject({ test_case_id: test.id, test_case_name: test.name, total: 4, limit: 2, offset: 0 })
    expect(page.history.map((h: { executed_at: string; run_name: string }) => [h.executed_at, h.run_name])).toEqual([
      ['2026-01-13T02:00:00.000Z', 'Run_004'],
      ['2026-01-12T02:00:00.000Z', 'Run_003'],
    ])
    expect(page.statistics).toEqual({ total_executions: 4, passed: 3, failed: 1, skipped: 0, overall_pass_rate: 75, avg_duration_ms: 2500, flaky_runs: 0, flaky_rate: 0 })
    expect((await t.ok('history.forTestCase', { test_case_id: test.id, limit: 2, offset: 3 })).history).toHaveLength(1)
    expect((await t.ok('history.forTestCase', { test_case_id: test.id })).limit).toBe(10)
    expect((await t.fail('history.forTestCase', { test_case_id: test.id, limit: 101 })).issues?.[0].field).toBe('limit')
    expect((await t.fail('history.forTestCase', { test_case_id: GHOST })).kind).toBe('not_found')
  })
})

describe('step, checkpoint and script results', () => {
  async function result() {
    const { items } = await startedRun(t, 1)
    return submit(t, items[0], { status: 'failed' })
  }

  it('steps are added in bulk, listed by number and status, and fetched by number', async () => {
    const r = await result()
    const added = await t.ok('stepResults.add', {
      test_run_result_id: r.id,
      steps: [
        { step_number: 2, action: 'click', status: 'failed', selector: '#go', error_message: 'Element not found: #go', screenshot_path: 'artifacts/aa/b.png' },
        { step_number: 1, action: 'navigate', status: 'passed', description: 'Navigate to /login', playwright_code: "await page.goto('/login')" },
        { step_number: 3, action: 'fill', status: 'skipped' },
      ],
    })
    expect(added.map((s: { step_number: number }) => s.step_number)).toEqual([2, 1, 3])
    expect((await t.ok('stepResults.list', { test_run_result_id: r.id })).map((s: { step_number: number }) => s.step_number)).toEqual([1, 2, 3])
    expect((await t.ok('stepResults.list', { test_run_result_id: r.id, status: 'failed' })).map((s: { selector: string }) => s.selector)).toEqual(['#go'])
    expect(await t.ok('stepResults.get', { test_run_result_id: r.id, step_number: 2 })).toEqual(added[0])
    expect(await t.fail('stepResults.get', { test_run_result_id: r.id, step_number: 9 })).toEqual({ kind: 'not_found', message: `Step 9 not found in result ${r.id}` })
    expect((await t.fail('stepResults.list', { test_run_result_id: GHOST })).kind).toBe('not_found')
    const bad = await t.failUnchanged('stepResults.add', { test_run_result_id: r.id, steps: [{ step_number: 4, action: 'x', status: 'passed' }, { step_number: 0, action: 'x', status: 'passed' }] })
    expect(bad.issues?.[0].field).toBe('steps.1.step_number')
    expect((await t.failUnchanged('stepResults.add', { test_run_result_id: GHOST, steps: [{ step_number: 1, action: 'x', status: 'passed' }] })).kind).toBe('not_found')
  })

  it("checkpoints attach to the result or one of its own steps, never another result's", async () => {
    const r = await result()
    const other = await result()
    const [step] = await t.ok('stepResults.add', { test_run_result_id: r.id, steps: [{ step_number: 1, action: 'click', status: 'passed' }] })
    const [foreign] = await t.ok('stepResults.add', { test_run_result_id: other.id, steps: [{ step_number: 1, action: 'click', status: 'passed' }] })
    const added = await t.ok('checkpoints.add', {
      test_run_result_id: r.id,
      checkpoints: [
        {
          test_step_result_id: step.id, checkpoint_name: 'Submit button', checkpoint_type: 'element', status: 'failed', profile: 'functional',
          expected_properties: { text: 'Submit' }, actual_properties: { text: 'Send' }, failed_properties: ['text'],
          property_verifications: [{ property_name: 'text', expected_value: 'Submit', actual_value: 'Send', passed: false, operator: 'equals' }],
        },
        { checkpoint_name: 'Home page', checkpoint_type: 'screenshot', status: 'passed', diff_percentage: 0.42 },
      ],
    })
    expect(added[0]).toMatchObject({ test_step_result_id: step.id, failed_properties: ['text'], property_verifications: [{ passed: false, operator: 'equals' }] })
    expect((await t.ok('checkpoints.list', { test_run_result_id: r.id, status: 'passed' })).map((c: { checkpoint_name: string }) => c.checkpoint_name)).toEqual(['Home page'])
    const error = await t.failUnchanged('checkpoints.add', {
      test_run_result_id: r.id,
      checkpoints: [
        { checkpoint_name: 'fine', checkpoint_type: 'api', status: 'passed' },
        { test_step_result_id: foreign.id, checkpoint_name: 'stolen', checkpoint_type: 'element', status: 'passed' },
      ],
    })
    expect(error).toMatchObject({ kind: 'validation', issues: [{ field: 'checkpoints.1.test_step_result_id' }] })
    expect((await t.failUnchanged('checkpoints.add', { test_run_result_id: r.id, checkpoints: [{ checkpoint_name: 'x', checkpoint_type: 'smell', status: 'passed' }] })).issues?.[0].field).toBe(
      'checkpoints.0.checkpoint_type',
    )
  })

  it('script results are added one at a time and listed', async () => {
    const r = await result()
    const script = await t.ok('scripts.create', { name: 'Seed', script_type: 'pre_execution', source: 'seed()' })
    const added = await t.ok('scriptResults.add', {
      test_run_result_id: r.id,
      script: { test_script_id: script.id, script_name: 'Seed', script_type: 'pre_execution', script_language: 'javascript', status: 'failed', exit_code: 1, stderr: 'boom', is_critical: true },
    })
    expect(added).toMatchObject({ test_script_id: script.id, is_critical: true, exit_code: 1 })
    expect(await t.ok('scriptResults.list', { test_run_result_id: r.id })).toEqual([added])
    expect((await t.failUnchanged('scriptResults.add', { test_run_result_id: r.id, script: { test_script_id: GHOST, script_name: 'X', script_type: 'on_demand', status: 'passed' } })).issues?.[0].field).toBe(
      'script.test_script_id',
    )
    // Deleting the script keeps its results, unlinked.
    await t.ok('scripts.delete', { id: script.id })
    expect((await t.ok('scriptResults.list', { test_run_result_id: r.id }))[0].test_script_id).toBeNull()
  })
})

describe('logs', () => {
  it('console logs are added in bulk and listed by level, step and text, in time order', async () => {
    const { items } = await startedRun(t, 1)
    const r = await submit(t, items[0])
    const logs = [
      { log_level: 'error', message: 'Uncaught TypeError: x is undefined', timestamp: '2026-01-17T10:00:03Z', step_index: 2, source: 'app.js', line_number: 10 },
      { log_level: 'info', message: 'app started', timestamp: '2026-01-17T10:00:01Z', step_index: 0 },
      { log_level: 'warn', message: 'deprecated API', timestamp: '2026-01-17T11:00:02+01:00', step_index: 1 },
    ]
    expect(await t.ok('logs.addConsole', { test_run_result_id: r.id, logs })).toEqual({ added: 3 })
    const all = await t.ok('logs.console', { test_run_result_id: r.id })
    expect(all.items.map((l: { message: string }) => l.message)).toEqual(['app started', 'deprecated API', 'Uncaught TypeError: x is undefined'])
    expect(all.total).toBe(3)
    expect((await t.ok('logs.console', { test_run_result_id: r.id, log_level: ['error', 'warn'], sort_order: 'desc' })).items.map((l: { log_level: string }) => l.log_level)).toEqual(['error', 'warn'])
    expect((await t.ok('logs.console', { test_run_result_id: r.id, step_index: 0 })).items[0].message).toBe('app started')
    expect((await t.ok('logs.console', { test_run_result_id: r.id, search: 'TYPEERROR' })).total).toBe(1)
    expect((await t.ok('logs.console', { test_run_result_id: r.id, limit: 1, offset: 1 })).items[0].message).toBe('deprecated API')
    const bad = await t.failUnchanged('logs.addConsole', { test_run_result_id: r.id, logs: [logs[0], { ...logs[1], log_level: 'fatal' }] })
    expect(bad.issues?.[0].field).toBe('logs.1.log_level')
  })

  it('network logs are added in bulk and listed, failed ones on their own', async () => {
    const { items } = await startedRun(t, 1)
    const r = await submit(t, items[0])
    const logs = [
      { url: 'https://shop.test/api/cart', method: 'POST', status_code: 500, timestamp: '2026-01-17T10:00:02Z', request_headers: { 'content-type': 'application/json' }, duration_ms: 120 },
      { url: 'https://shop.test/', method: 'GET', status_code: 200, timestamp: '2026-01-17T10:00:01Z', resource_type: 'document', duration_ms: 40 },
      { url: 'https://cdn.test/x.js', method: 'GET', timestamp: '2026-01-17T10:00:03Z', error_message: 'net::ERR_NAME_NOT_RESOLVED' },
    ]
    expect(await t.ok('logs.addNetwork', { test_run_result_id: r.id, logs })).toEqual({ added: 3 })
    const all = await t.ok('logs.network', { test_run_result_id: r.id })
    expect(all.items.map((l: { method: string; status_code: number | null }) => `${l.method} ${l.status_code}`)).toEqual(['GET 200', 'POST 500', 'GET null'])
    expect(all.items[1].request_headers).toEqual({ 'content-type': 'application/json' })
    expect((await t.ok('logs.network', { test_run_result_id: r.id, failed_only: true })).total).toBe(2)
    expect((await t.ok('logs.network', { test_run_result_id: r.id, status_code: 200 })).items[0].url).toBe('https://shop.test/')
    expect((await t.ok('logs.network', { test_run_result_id: r.id, sort_by: 'duration_ms', sort_order: 'desc' })).items[0].duration_ms).toBe(120)
    expect((await t.ok('logs.network', { test_run_result_id: r.id, search: 'cdn' })).total).toBe(1)
    expect((await t.failUnchanged('logs.addNetwork', { test_run_result_id: r.id, logs: [{ ...logs[0], url: '' }] })).issues?.[0].field).toBe('logs.0.url')
    expect((await t.failUnchanged('logs.addNetwork', { test_run_result_id: GHOST, logs })).kind).toBe('not_found')
  })
})

describe('results list', () => {
  it('needs a run, item or test case, and filters by status', async () => {
    const { run, items } = await startedRun(t, 3)
    await submit(t, items[0])
    await submit(t, items[1], { status: 'failed' })
    await submit(t, items[2], { status: 'failed' })
    expect((await t.ok('results.list', { test_run_id: run.id })).total).toBe(3)
    expect((await t.ok('results.list', { test_run_id: run.id, status: 'failed' })).total).toBe(2)
    expect((await t.ok('results.list', { test_case_id: items[0].test_case_id })).items[0].status).toBe('passed')
    expect((await t.ok('results.list', { test_run_id: run.id, limit: 1 })).items).toHaveLength(1)
    expect((await t.fail('results.list', {})).issues?.[0].field).toBe('test_run_id')
    expect((await t.fail('results.list', { test_run_id: run.id, limit: 101 })).issues?.[0].field).toBe('limit')
  })
})

describe('field selection on every execution-side list', () => {
  it('returns only the asked-for fields and names an unknown one', async () => {
    const { run, items } = await startedRun(t, 2)
    const result = await submit(t, items[0])
    await t.ok('logs.addConsole', { test_run_result_id: result.id, logs: [{ log_level: 'info', message: 'hi', timestamp: '2026-01-17T10:00:00Z' }] })
    await t.ok('logs.addNetwork', { test_run_result_id: result.id, logs: [{ url: 'http://x/', method: 'GET', timestamp: '2026-01-17T10:00:00Z' }] })
    await t.ok('schedules.create', { schedule_name: 'Nightly', suite_path: ['ROOT'], scheduled_datetime: '2099-01-18T02:00:00Z' })
    const lists: [string, Record<string, unknown>, string][] = [
      ['runs.list', {}, 'status'],
      ['runItems.list', { test_run_id: run.id }, 'test_case_name'],
      ['results.list', { test_run_id: run.id }, 'status'],
      ['logs.console', { test_run_result_id: result.id }, 'message'],
      ['logs.network', { test_run_result_id: result.id }, 'url'],
      ['schedules.list', {}, 'schedule_name'],
    ]
    for (const [name, query, field] of lists) {
      const page = await t.ok(name, { ...query, fields: [field] })
      expect(page.items.length, name).toBeGreaterThan(0)
      for (const item of page.items) expect(Object.keys(item).sort(), name).toEqual([field, 'id'].sort())
      const error = await t.fail(name, { ...query, fields: [field, 'colour'] })
      expect(error, name).toMatchObject({ kind: 'validation', issues: [{ field: 'fields.1' }] })
    }
  })
})
