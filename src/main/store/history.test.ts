// History statistics from the repository, with executions written directly: the flaky count
// follows attempts within each run, whatever order the rows come in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, type TestCore } from '../core/testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

describe('history statistics', () => {
  it('count a run as flaky when an attempt failed before a last attempt that passed', async () => {
    const test = await t.ok('tests.create', { name: 'Checkout' })
    const runs = [] as string[]
    for (let i = 0; i < 6; i++) runs.push((await t.ok('runs.create', {})).id)
    // [run, attempt, status] — rows deliberately out of order.
    const executions: [number, number, string][] = [
      [0, 2, 'passed'], [0, 0, 'failed'], [0, 1, 'failed'], // failed twice, then passed: flaky
      [1, 0, 'passed'], // passed at once
      [2, 1, 'failed'], [2, 0, 'failed'], // never passed
      [3, 1, 'passed'], [3, 1, 'passed'], [3, 0, 'passed'], [3, 0, 'failed'], // data rows: one failed, then all passed: flaky
      [4, 0, 'failed'], [4, 1, 'passed'], [4, 2, 'failed'], // passed on a retry but failed on the last: not flaky
      [5, 0, 'skipped'],
    ]
    const insert = t.core.context.db.prepare(
      'INSERT INTO test_execution_history (id, test_case_id, test_run_id, status, executed_at, retry_attempt, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    executions.forEach(([run, attempt, status], i) => insert.run(`h${i}`, test.id, runs[run], status, `2026-01-${String(10 + i).padStart(2, '0')}T00:00:00.000Z`, attempt, 100 * i))
    // An execution whose run was deleted counts as an execution but not as a run.
    insert.run('orphan', test.id, null, 'passed', '2025-12-31T00:00:00.000Z', 0, 0)

    const history = t.store.history.forTestCase(test.id, 3)
    expect(history.statistics).toEqual({
      total_executions: 15,
      passed: 7,
      failed: 7,
      skipped: 1,
      overall_pass_rate: 46.67,
      avg_duration_ms: Math.round((100 * (14 * 13)) / 2 / 15),
      flaky_runs: 2,
      flaky_rate: 33.33,
    })
    expect(history.history.map((h) => h.id)).toEqual(['h13', 'h12', 'h11'])
  })

  it('are zero for a test case that never ran', async () => {
    const test = await t.ok('tests.create', { name: 'New' })
    expect(t.store.history.forTestCase(test.id).statistics).toEqual({
      total_executions: 0, passed: 0, failed: 0, skipped: 0, overall_pass_rate: 0, avg_duration_ms: 0, flaky_runs: 0, flaky_rate: 0,
    })
  })
})
