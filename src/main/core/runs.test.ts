// Test runs and their items through the contract: numbering, configuration checks, lists with
// every filter of reference/003, items (one per test case, order, moves), the state machine with
// its audit trail, and recovery of runs a crash left running.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTests, GHOST, openTestCore, startedRun, submit, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
  await t.ok('projects.list')
})
afterEach(() => t.close())

const runNames = (page: { items: { run_name: string }[] }) => page.items.map((r) => r.run_name)
const statuses = async (runId: string) => (await t.ok('runItems.list', { test_run_id: runId })).items.map((i: { status: string }) => i.status)
const trail = async (runId: string) =>
  (await t.ok('runs.transitions', { id: runId })).map((x: { entity_type: string; from_status: string | null; to_status: string }) => `${x.entity_type} ${x.from_status ?? '∅'}→${x.to_status}`)

describe('creating runs', () => {
  it('numbers runs per project and names them Run_001, Run_002 by default', async () => {
    const first = await t.ok('runs.create', {})
    const second = await t.ok('runs.create', { run_name: 'Smoke Test Run' })
    const third = await t.ok('runs.create', {})
    expect([first, second, third].map((r) => [r.run_number, r.run_name])).toEqual([
      [1, 'Run_001'],
      [2, 'Smoke Test Run'],
      [3, 'Run_003'],
    ])
    const project = await t.ok('projects.create', { name: 'Other' })
    expect(await t.ok('runs.create', { project_id: project.id })).toMatchObject({ run_number: 1, run_name: 'Run_001' })
    expect(first).toMatchObject({ status: 'pending', total_tests: 0, pass_rate: 0, parallel_count: 1, parallel_enabled: false, retry_count: 0, tags: [], options: {} })
  })

  it('takes the configuration of reference/003 and derives the switches', async () => {
    const run = await t.ok('runs.create', {
      run_name: 'Smoke Test Run',
      suite_path: ['ROOT', 'Regression', 'Smoke'],
      suite_name: 'Smoke',
      parallel_count: 3,
      retry_count: 1,
      tags: ['smoke', 'daily'],
      notes: 'Daily smoke test',
    })
    expect(run).toMatchObject({ parallel_enabled: true, parallel_count: 3, retry_on_failure: true, retry_count: 1, suite_path: ['ROOT', 'Regression', 'Smoke'] })
  })

  it('refuses a bad configuration, naming the field, changing nothing', async () => {
    const tooMany = await t.failUnchanged('runs.create', { parallel_count: 11 })
    expect(tooMany).toMatchObject({ kind: 'validation', issues: [{ field: 'parallel_count', message: 'Must be between 1 and 10' }] })
    expect((await t.failUnchanged('runs.create', { parallel_count: 0 })).issues?.[0].message).toBe('Must be between 1 and 10')
    const env = await t.failUnchanged('runs.create', { options: { environment_id: GHOST } })
    expect(env).toMatchObject({ kind: 'validation', issues: [{ field: 'options.environment_id' }] })
    expect((await t.failUnchanged('runs.create', { options: { browser_config_id: GHOST } })).issues?.[0].field).toBe('options.browser_config_id')
    expect((await t.failUnchanged('runs.create', { test_case_ids: [GHOST] })).issues?.[0].field).toBe('test_case_ids.0')
    expect((await t.failUnchanged('runs.create', { suite_path: ['Regression'] })).issues?.[0].field).toBe('suite_path')
    expect((await t.failUnchanged('runs.create', { scheduled_at: 'tomorrow' })).issues?.[0].field).toBe('scheduled_at')
    // A run that failed to be created did not use up its number.
    expect((await t.ok('runs.create', {})).run_number).toBe(1)
  })

  it('updates configuration only while pending', async () => {
    const { run } = await startedRun(t, 1)
    expect((await t.ok('runs.update', { id: run.id, notes: 'looked at it' })).notes).toBe('looked at it')
    expect((await t.failUnchanged('runs.update', { id: run.id, parallel_count: 2 })).kind).toBe('invalid_state')
    const pending = await t.ok('runs.create', {})
    expect(await t.ok('runs.update', { id: pending.id, parallel_count: 4 })).toMatchObject({ parallel_count: 4, parallel_enabled: true })
  })
})

describe('listing runs', () => {
  async function seed() {
    const db = t.core.context.db
    const make = async (input: Record<string, unknown>, createdAt: string, status?: string, passRate?: number, startedAt?: string) => {
      const run = await t.ok('runs.create', input)
      db.prepare('UPDATE test_runs SET created_at = ?, status = coalesce(?, status), pass_rate = coalesce(?, pass_rate), started_at = ? WHERE id = ?').run(
        createdAt,
        status ?? null,
        passRate ?? null,
        startedAt ?? null,
        run.id,
      )
      return run
    }
    await make({ run_name: 'Smoke nightly', suite_path: ['ROOT', 'Regression', 'Smoke'], tags: ['smoke', 'daily'] }, '2026-01-10T23:59:59.999Z', 'completed', 90, '2026-01-11T01:00:00.000Z')
    await make({ run_name: 'Regression full', suite_path: ['ROOT', 'Regression'], tags: ['daily'] }, '2026-01-11T00:00:00.000Z', 'completed', 50, '2026-01-11T00:30:00.000Z')
    await make({ run_name: 'Regression X', suite_path: ['ROOT', 'RegressionX'] }, '2026-01-09T12:00:00.000Z', 'failed', 0, '2026-01-09T12:00:00.000Z')
    await make({ run_name: 'Brand new' }, '2026-01-12T08:00:00.000Z')
  }

  it('filters by status, one or several', async () => {
    await seed()
    expect(runNames(await t.ok('runs.list', { status: 'completed' }))).toEqual(['Regression full', 'Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { status: ['failed', 'pending'] }))).toEqual(['Brand new', 'Regression X'])
    expect((await t.fail('runs.list', { status: 'paused' })).issues?.[0].field).toBe('status')
  })

  it('filters by date: from_date inclusive, a bare to_date includes that whole day', async () => {
    await seed()
    expect(runNames(await t.ok('runs.list', { to_date: '2026-01-10' }))).toEqual(['Smoke nightly', 'Regression X'])
    expect(runNames(await t.ok('runs.list', { from_date: '2026-01-11' }))).toEqual(['Brand new', 'Regression full'])
    expect(runNames(await t.ok('runs.list', { from_date: '2026-01-10', to_date: '2026-01-11' }))).toEqual(['Regression full', 'Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { from_date: '2026-01-11T00:00:00.000Z', to_date: '2026-01-11T00:00:00.000Z' }))).toEqual(['Regression full'])
    // An offset is the same instant in UTC.
    expect(runNames(await t.ok('runs.list', { from_date: '2026-01-11T01:00:00+01:00', to_date: '2026-01-11T01:00:00+01:00' }))).toEqual(['Regression full'])
    expect((await t.fail('runs.list', { from_date: '11/01/2026' })).issues?.[0].field).toBe('from_date')
  })

  it('filters by suite path (the suite and below, not its look-alike siblings), tags and name', async () => {
    await seed()
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', 'Regression'] }))).toEqual(['Regression full', 'Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', 'Regression', 'Smoke'] }))).toEqual(['Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { tags: ['daily'] }))).toEqual(['Regression full', 'Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { tags: ['daily', 'smoke'] }))).toEqual(['Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { search: 'REGRESSION' }))).toEqual(['Regression full', 'Regression X'])
    expect(runNames(await t.ok('runs.list', { status: 'completed', search: 'nightly', tags: ['smoke'], from_date: '2026-01-01' }))).toEqual(['Smoke nightly'])
  })

  it('matches suite paths exactly: case counts, and _ or % in a suite name are plain characters', async () => {
    for (const path of [['ROOT', 'Reg_X', 'Sub'], ['ROOT', 'RegAX', 'Sub'], ['ROOT', 'Regression', 'Smoke'], ['ROOT', '100%', 'Sub'], ['ROOT', 'Émile 🚀', 'Sub']]) {
      await t.ok('runs.create', { run_name: path.join('/'), suite_path: path })
    }
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', 'Reg_X'] }))).toEqual(['ROOT/Reg_X/Sub'])
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', 'regression'] }))).toEqual([])
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', '100%'] }))).toEqual(['ROOT/100%/Sub'])
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', '1000'] }))).toEqual([])
    expect(runNames(await t.ok('runs.list', { suite_path: ['ROOT', 'Émile 🚀'] }))).toEqual(['ROOT/Émile 🚀/Sub'])
  })

  it('sorts by created_at (newest first by default), started_at and pass_rate, both ways', async () => {
    await seed()
    expect(runNames(await t.ok('runs.list', {}))).toEqual(['Brand new', 'Regression full', 'Smoke nightly', 'Regression X'])
    expect(runNames(await t.ok('runs.list', { sort_by: 'created_at', sort_order: 'asc' }))).toEqual(['Regression X', 'Smoke nightly', 'Regression full', 'Brand new'])
    expect(runNames(await t.ok('runs.list', { sort_by: 'pass_rate', sort_order: 'desc', status: 'completed' }))).toEqual(['Smoke nightly', 'Regression full'])
    expect(runNames(await t.ok('runs.list', { sort_by: 'pass_rate', sort_order: 'asc', status: ['completed', 'failed'] }))).toEqual(['Regression X', 'Regression full', 'Smoke nightly'])
    expect(runNames(await t.ok('runs.list', { sort_by: 'started_at', sort_order: 'desc', status: ['completed', 'failed'] }))).toEqual(['Smoke nightly', 'Regression full', 'Regression X'])
    expect(runNames(await t.ok('runs.list', { sort_by: 'started_at', sort_order: 'asc', status: ['completed', 'failed'] }))).toEqual(['Regression X', 'Regression full', 'Smoke nightly'])
  })

  it('pages with a total, 20 by default and at most 100, and selects fields', async () => {
    for (let i = 0; i < 23; i++) await t.ok('runs.create', {})
    const first = await t.ok('runs.list', {})
    expect(first).toMatchObject({ total: 23, limit: 20, offset: 0 })
    expect(first.items).toHaveLength(20)
    expect(first.items[0].run_name).toBe('Run_023')
    expect((await t.ok('runs.list', { offset: 20 })).items.map((r: { run_number: number }) => r.run_number)).toEqual([3, 2, 1])
    expect((await t.fail('runs.list', { limit: 101 })).issues?.[0].field).toBe('limit')
    const slim = await t.ok('runs.list', { fields: ['run_name', 'status'], limit: 1 })
    expect(slim.items).toEqual([{ id: expect.any(String), run_name: 'Run_023', status: 'pending' }])
    expect(await t.fail('runs.list', { fields: ['run_name', 'colour'] })).toMatchObject({ kind: 'validation', issues: [{ field: 'fields.1' }] })
  })
})

describe('run items', () => {
  it('hold each test case once: a second add is a conflict, changing nothing', async () => {
    const [a, b] = await createTests(t, ['A', 'B'])
    const run = await t.ok('runs.create', { test_case_ids: [a.id] })
    const error = await t.failUnchanged('runItems.add', { test_run_id: run.id, test_case_ids: [b.id, a.id] })
    expect(error).toMatchObject({ kind: 'conflict', message: 'Test case already exists in this run', issues: [{ field: 'test_case_ids.1' }] })
    expect((await t.failUnchanged('runItems.add', { test_run_id: run.id, test_case_ids: [b.id, b.id] })).kind).toBe('conflict')
    expect((await t.failUnchanged('runs.create', { test_case_ids: [a.id, a.id] })).issues?.[0].field).toBe('test_case_ids.1')
    const added = await t.ok('runItems.add', { test_run_id: run.id, test_case_ids: [b.id] })
    expect(added.total_added).toBe(1)
    expect(added.items[0]).toMatchObject({ execution_order: 2, status: 'pending', test_case_id: b.id })
    expect((await t.ok('runs.get', { id: run.id })).total_tests).toBe(2)
  })

  it('refuse additions to a running run', async () => {
    const { run } = await startedRun(t, 1)
    const [late] = await createTests(t, ['Late'])
    expect(await t.failUnchanged('runItems.add', { test_run_id: run.id, test_case_ids: [late.id] })).toMatchObject({ kind: 'invalid_state' })
  })

  it('move, reorder (listing every item) and delete, keeping the order gap-free', async () => {
    const tests = await createTests(t, ['A', 'B', 'C', 'D'])
    const run = await t.ok('runs.create', { test_case_ids: tests.map((x) => x.id) })
    const order = async () => (await t.ok('runItems.list', { test_run_id: run.id })).items.map((i: { execution_order: number; test_case_name: string }) => `${i.execution_order}${i.test_case_name}`)
    const items = (await t.ok('runItems.list', { test_run_id: run.id })).items
    await t.ok('runItems.update', { id: items[3].id, execution_order: 1 })
    expect(await order()).toEqual(['1D', '2A', '3B', '4C'])
    await t.ok('runItems.update', { id: items[3].id, execution_order: 99 })
    expect(await order()).toEqual(['1A', '2B', '3C', '4D'])
    const error = await t.failUnchanged('runItems.reorder', { test_run_id: run.id, item_ids: [items[2].id, items[1].id, items[0].id] })
    expect(error).toMatchObject({ kind: 'validation', issues: [{ field: 'item_ids' }] })
    await t.ok('runItems.reorder', { test_run_id: run.id, item_ids: [items[2].id, items[1].id, items[0].id, items[3].id] })
    expect(await order()).toEqual(['1C', '2B', '3A', '4D'])
    await t.ok('runItems.delete', { id: items[1].id })
    expect(await order()).toEqual(['1C', '2A', '3D'])
    expect((await t.ok('runs.get', { id: run.id })).total_tests).toBe(3)
    expect(await t.ok('runItems.list', { test_run_id: run.id, status: 'pending', sort_by: 'execution_order', sort_order: 'desc', fields: undefined })).toMatchObject({ total: 3 })
    // Once running, the order and the items are fixed.
    await t.ok('runs.start', { id: run.id })
    expect((await t.failUnchanged('runItems.reorder', { test_run_id: run.id, item_ids: [items[3].id, items[2].id, items[0].id] })).kind).toBe('invalid_state')
    expect((await t.failUnchanged('runItems.update', { id: items[3].id, execution_order: 1 })).kind).toBe('invalid_state')
    expect((await t.failUnchanged('runItems.delete', { id: items[3].id })).kind).toBe('invalid_state')
  })
})

describe('the run state machine', () => {
  it('starts only a pending run with tests; a completed run cannot start again', async () => {
    const empty = await t.ok('runs.create', {})
    expect(await t.failUnchanged('runs.start', { id: empty.id })).toMatchObject({ kind: 'invalid_state' })
    const { run, items } = await startedRun(t, 1, {})
    expect((await t.ok('runs.get', { id: run.id })).started_at).not.toBeNull()
    expect(await t.failUnchanged('runs.start', { id: run.id })).toEqual({ kind: 'invalid_state', message: "Cannot start test run: status is 'running'" })
    await submit(t, items[0])
    expect((await t.ok('runs.get', { id: run.id })).status).toBe('completed')
    expect(await t.failUnchanged('runs.start', { id: run.id })).toEqual({ kind: 'invalid_state', message: "Cannot start test run: status is 'completed'" })
    expect((await t.failUnchanged('runs.start', { id: GHOST })).kind).toBe('not_found')
  })

  it('start records the browser and viewport it was given', async () => {
    const [a] = await createTests(t, ['A'])
    const run = await t.ok('runs.create', { test_case_ids: [a.id] })
    const started = await t.ok('runs.start', { id: run.id, browser_name: 'firefox', viewport_width: 1920, viewport_height: 1080 })
    expect(started).toMatchObject({ status: 'running', browser_name: 'firefox', viewport_width: 1920, viewport_height: 1080 })
  })

  it('cancels a pending run: cancelled, every item no_run', async () => {
    const tests = await createTests(t, ['A', 'B'])
    const run = await t.ok('runs.create', { test_case_ids: tests.map((x) => x.id) })
    const cancelled = await t.ok('runs.cancel', { id: run.id })
    expect(cancelled).toMatchObject({ status: 'cancelled', no_run_tests: 2, total_tests: 2, pass_rate: 0 })
    expect(cancelled.completed_at).not.toBeNull()
    expect(await statuses(run.id)).toEqual(['no_run', 'no_run'])
    expect(await t.failUnchanged('runs.cancel', { id: run.id })).toEqual({ kind: 'invalid_state', message: "Cannot cancel test run: status is 'cancelled'" })
    expect(await t.failUnchanged('runs.start', { id: run.id })).toEqual({ kind: 'invalid_state', message: "Cannot start test run: status is 'cancelled'" })
    expect(await trail(run.id)).toEqual(['run ∅→pending', 'item ∅→pending', 'item ∅→pending', 'run pending→cancelled', 'item pending→no_run', 'item pending→no_run'])
  })

  it('stops a running run: finished items keep their result, the rest become no_run, the run completed', async () => {
    const { run, items } = await startedRun(t, 3)
    await submit(t, items[0], { status: 'failed' })
    const stopped = await t.ok('runs.stop', { id: run.id })
    expect(stopped).toMatchObject({ status: 'completed', total_tests: 3, failed_tests: 1, no_run_tests: 2, passed_tests: 0 })
    expect(await statuses(run.id)).toEqual(['failed', 'no_run', 'no_run'])
    expect(await t.failUnchanged('runs.stop', { id: run.id })).toEqual({ kind: 'invalid_state', message: "Cannot stop test run: status is 'completed'" })
    expect(await t.failUnchanged('results.submit', { test_run_id: run.id, test_run_item_id: items[1].id, test_case_id: items[1].test_case_id, status: 'passed' })).toEqual({
      kind: 'invalid_state',
      message: "Cannot submit a result: test run status is 'completed'",
    })
  })

  it('cancels a running run: cancelled, unfinished items no_run', async () => {
    const { run, items } = await startedRun(t, 2)
    await submit(t, items[0])
    expect(await t.ok('runs.cancel', { id: run.id })).toMatchObject({ status: 'cancelled', passed_tests: 1, no_run_tests: 1, pass_rate: 50 })
  })

  it('records every transition of the run and its items, in order', async () => {
    const { run, items } = await startedRun(t, 3)
    for (const item of items) await submit(t, item, { status: item === items[1] ? 'failed' : 'passed' })
    expect(await trail(run.id)).toEqual([
      'run ∅→pending',
      'item ∅→pending',
      'item ∅→pending',
      'item ∅→pending',
      'run pending→running',
      'item pending→running',
      'item running→passed',
      'item pending→running',
      'item running→failed',
      'item pending→running',
      'item running→passed',
      'run running→completed',
    ])
    const transitions = await t.ok('runs.transitions', { id: run.id })
    expect(transitions.map((x: { created_at: string }) => x.created_at)).toEqual(transitions.map((x: { created_at: string }) => x.created_at).sort())
    expect(transitions.at(-1)).toMatchObject({ entity_id: run.id, reason: 'every test finished' })
  })

  it('never deletes a running run', async () => {
    const { run } = await startedRun(t, 1)
    expect((await t.failUnchanged('runs.delete', { id: run.id })).kind).toBe('invalid_state')
    const done = await t.ok('runs.create', {})
    const error = await t.failUnchanged('runs.bulkDelete', { ids: [done.id, GHOST] })
    expect(error.issues?.[0].field).toBe('ids.1')
    expect((await t.failUnchanged('runs.bulkDelete', { ids: [done.id, run.id] })).kind).toBe('invalid_state')
    expect(await t.ok('runs.bulkDelete', { ids: [done.id] })).toEqual({ deleted: 1 })
  })
})

describe('deleting a test case that is in runs', () => {
  it('is refused while the run is running, and recounts pending and finished runs', async () => {
    const { run, items, tests } = await startedRun(t, 2)
    await submit(t, items[0])
    expect(await t.failUnchanged('tests.delete', { id: tests[1].id })).toEqual({
      kind: 'invalid_state',
      message: `Cannot delete test case: it is in test run '${run.run_name}', which is running`,
    })
    expect((await t.failUnchanged('tests.bulkDelete', { ids: [tests[1].id] })).kind).toBe('invalid_state')
    await submit(t, items[1], { status: 'failed' })
    const pending = await t.ok('runs.create', { test_case_ids: [tests[1].id] })
    await t.ok('tests.delete', { id: tests[1].id })
    // The finished run now counts only what is left; the pending one has nothing left to start.
    expect(await t.ok('runs.get', { id: run.id })).toMatchObject({ status: 'completed', total_tests: 1, passed_tests: 1, failed_tests: 0, pass_rate: 100 })
    expect((await t.ok('runs.get', { id: pending.id })).total_tests).toBe(0)
    expect((await t.failUnchanged('runs.start', { id: pending.id })).kind).toBe('invalid_state')
  })
})

describe('recovery after a crash', () => {
  it('fails a run left running: the running item fails as interrupted, waiting ones are no_run, finished work stays', async () => {
    const { run, items } = await startedRun(t, 3)
    const result = await submit(t, items[0], { total_steps: 2, passed_steps: 2 })
    const steps = await t.ok('stepResults.add', { test_run_result_id: result.id, steps: [1, 2].map((n) => ({ step_number: n, action: 'click', status: 'passed' })) })
    t.store.runs.transitionItem(items[1].id, 'running', 'worker picked it up')
    const pendingRun = await t.ok('runs.create', {})
    // A run executed by another TestDesk process that is still alive is left alone.
    const live = await startedRun(t, 1)
    t.store.t.runs.update(live.run.id, { runner_pid: 4242, runner_host: 'here' })
    t.store.t.runs.update(run.id, { runner_pid: 999_999, runner_host: 'here' })
    const alive = (pid: number) => pid === 4242

    const recovered = t.store.runs.recoverInterrupted(alive)
    expect(recovered.map((r) => r.id)).toEqual([run.id])
    expect(recovered[0]).toMatchObject({ status: 'failed', passed_tests: 1, failed_tests: 1, no_run_tests: 1, total_tests: 3 })
    const after = (await t.ok('runItems.list', { test_run_id: run.id })).items
    expect(after.map((i: { status: string; error_message: string | null }) => [i.status, i.error_message])).toEqual([
      ['passed', null],
      ['failed', 'Interrupted: TestDesk stopped while this test was running'],
      ['no_run', 'Interrupted: TestDesk stopped before this test ran'],
    ])
    expect(await t.ok('results.get', { id: result.id })).toEqual(result)
    expect(await t.ok('stepResults.list', { test_run_result_id: result.id })).toEqual(steps)
    expect((await t.ok('runs.get', { id: pendingRun.id })).status).toBe('pending')
    expect((await trail(run.id)).slice(-3)).toEqual(['run running→failed', 'item running→failed', 'item pending→no_run'])
    expect((await t.ok('runs.get', { id: live.run.id })).status).toBe('running')
    // Nothing left to recover the second time.
    expect(t.store.runs.recoverInterrupted(alive)).toEqual([])
  })

  it('completes a run whose items had all finished before the crash', async () => {
    const { run, items } = await startedRun(t, 1)
    await submit(t, items[0])
    t.core.context.db.prepare("UPDATE test_runs SET status = 'running', runner_pid = 999999 WHERE id = ?").run(run.id)
    expect(t.store.runs.recoverInterrupted()[0]).toMatchObject({ id: run.id, status: 'completed', passed_tests: 1 })
  })
})

describe('runs built from suites and tags, and reruns', () => {
  it('selects the tests of suites (with descendants) and tags, each once, leaving archived ones out', async () => {
    const regression = await t.ok('suites.create', { name: 'Regression' })
    const smoke = await t.ok('suites.create', { name: 'Smoke', parent_id: regression.id })
    const a = await t.ok('tests.create', { name: 'A', suite_ids: [regression.id] })
    const b = await t.ok('tests.create', { name: 'B', suite_ids: [smoke.id], tags: ['fast'] })
    await t.ok('tests.create', { name: 'Old', suite_ids: [smoke.id], status: 'archived' })
    const c = await t.ok('tests.create', { name: 'C', tags: ['fast'] })
    const run = await t.ok('runs.create', { select: { suite_paths: [['ROOT', 'Regression']], tags: ['fast'] } })
    const items = (await t.ok('runItems.list', { test_run_id: run.id })).items
    expect(items.map((i: { test_case_id: string }) => i.test_case_id)).toEqual([a.id, b.id, c.id])
    const bySuite = await t.ok('runs.create', { test_case_ids: [c.id], select: { suite_ids: [smoke.id] } })
    expect((await t.ok('runItems.list', { test_run_id: bySuite.id })).items.map((i: { test_case_id: string }) => i.test_case_id)).toEqual([c.id, b.id])
    const none = await t.failUnchanged('runs.create', { select: { tags: ['nobody'] } })
    expect(none).toMatchObject({ kind: 'validation', issues: [{ field: 'select' }] })
    const missing = await t.failUnchanged('runs.create', { select: { suite_paths: [['ROOT', 'Nope']] } })
    expect(missing.issues?.[0].field).toBe('select.suite_paths.0')
  })

  it('reruns failed and unfinished tests as a new run with the same configuration', async () => {
    const { run, items, tests } = await startedRun(t, 4, { parallel_count: 3, retry_count: 1, tags: ['nightly'], options: { screenshots: 'every-step' } })
    await submit(t, items[0])
    await submit(t, items[1], { status: 'failed' })
    await t.ok('runs.stop', { id: run.id })
    const failedOnly = await t.ok('runs.rerun', { id: run.id, only: 'failed' })
    expect(failedOnly).toMatchObject({ status: 'pending', run_name: `${run.run_name} rerun`, parallel_count: 3, retry_count: 1, tags: ['nightly'], total_tests: 1 })
    expect(failedOnly.options.screenshots).toBe('every-step')
    expect(failedOnly.notes).toContain(`Rerun of ${run.run_name}`)
    const both = await t.ok('runs.rerun', { id: run.id })
    const rerunItems = (await t.ok('runItems.list', { test_run_id: both.id })).items
    expect(rerunItems.map((i: { test_case_id: string }) => i.test_case_id)).toEqual([tests[1].id, tests[2].id, tests[3].id])
    // Nothing to rerun in a run where everything passed; a running run cannot be rerun.
    const { run: green, items: greenItems } = await startedRun(t, 1)
    expect((await t.fail('runs.rerun', { id: green.id })).message).toContain("status is 'running'")
    await submit(t, greenItems[0])
    expect((await t.fail('runs.rerun', { id: green.id })).message).toContain('Nothing to rerun')
  })
})
