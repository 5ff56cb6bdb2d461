// The hot queries use an index. Each test records the SQL a repository really runs (every
// statement goes through the store's statement cache) and asks SQLite for its plan, so the
// assertion follows the code rather than a copy of its SQL. No ANALYZE: like a user's database,
// the planner works without statistics.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, startedRun, submit, type TestCore } from '../core/testing'
import type { Store } from '.'

let t: TestCore
let store: Store
beforeEach(async () => {
  t = await openTestCore()
  store = t.store
})
afterEach(() => t.close())

/** The SQL of every statement `work` runs through the store. */
function sqlOf(work: () => unknown): string[] {
  const statements = store.statements
  const original = statements.get
  const seen: string[] = []
  statements.get = (sql: string) => {
    seen.push(sql)
    return original.call(statements, sql)
  }
  try {
    work()
  } finally {
    statements.get = original
  }
  return seen
}

/** EXPLAIN QUERY PLAN of a statement, every detail line joined. */
function planOf(sql: string): string {
  const params = new Array((sql.match(/\?/g) ?? []).length).fill(null)
  const rows = t.core.context.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
  return rows.map((r) => r.detail).join('\n')
}

/** The one recorded statement that reads `table` and matches `pattern`. */
function only(sqls: string[], pattern: RegExp): string {
  const found = [...new Set(sqls.filter((sql) => pattern.test(sql)))]
  expect(found, `one statement matching ${pattern} among:\n${sqls.join('\n')}`).toHaveLength(1)
  return found[0]
}

function expectIndex(sql: string, table: string, index: string): string {
  const plan = planOf(sql)
  expect(plan, sql).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${index}\\b`))
  expect(plan, sql).not.toMatch(new RegExp(`SCAN ${table}\\b`))
  return plan
}

async function resultWithLogs() {
  const { items } = await startedRun(t, 1)
  const result = await submit(t, items[0], { total_steps: 1, passed_steps: 1 })
  store.results.insertSteps(result.id, [{ step_number: 1, action: 'click', status: 'passed' }])
  return result
}

describe('hot queries use their index', () => {
  it('history of a test case, newest first: idx_exec_history_test_case, no sort', async () => {
    const { items } = await startedRun(t, 1)
    await submit(t, items[0])
    const sqls = sqlOf(() => store.history.forTestCase(items[0].test_case_id, 10))
    const page = only(sqls, /FROM test_execution_history WHERE test_case_id = \? ORDER BY executed_at DESC LIMIT \?/)
    const plan = expectIndex(page, 'test_execution_history', 'idx_exec_history_test_case')
    expect(plan).not.toMatch(/TEMP B-TREE/)
    // The statistics over the whole history are read from the same index alone (migration 0020).
    const statistics = sqls.filter((s) => s.includes('test_execution_history') && s !== page)
    expect(statistics.length).toBeGreaterThan(0)
    for (const sql of statistics) {
      expect(planOf(sql), sql).toMatch(/USING COVERING INDEX idx_exec_history_test_case/)
      expect(planOf(sql), sql).not.toMatch(/SCAN test_execution_history\b/)
    }
  })

  it('runs filtered by status and date, newest first: idx_test_runs_status', () => {
    const query = { status: 'completed' as const, from_date: '2026-01-01', sort_by: 'created_at' as const, sort_order: 'desc' as const, limit: 20, offset: 0 }
    const sqls = sqlOf(() => store.runs.list(query))
    const page = only(sqls, /^SELECT \* FROM test_runs WHERE/)
    expect(page).toMatch(/status = \?.*created_at >= \?.*ORDER BY created_at DESC/)
    expectIndex(page, 'test_runs', 'idx_test_runs_status')
    // The page total counts from the index alone.
    const total = only(sqls, /^SELECT count\(\*\) AS n FROM test_runs/)
    expect(planOf(total)).toMatch(/USING COVERING INDEX idx_test_runs_status/)
  })

  it('runs listed by default (newest first) do not scan and sort the table', () => {
    const sqls = sqlOf(() => store.runs.list({ limit: 20, offset: 0, sort_order: 'desc' }))
    const plan = planOf(only(sqls, /^SELECT \* FROM test_runs/))
    expect(plan).toMatch(/idx_test_runs_created_at/)
  })

  it('results of a run: idx_results_test_run', async () => {
    const result = await resultWithLogs()
    const sqls = sqlOf(() => store.results.list({ test_run_id: result.test_run_id, limit: 20, offset: 0, sort_order: 'asc' }))
    expectIndex(only(sqls, /^SELECT \* FROM test_run_results WHERE test_run_id = \?/), 'test_run_results', 'idx_results_test_run')
  })

  it('step results of a result, and one step by number: idx_step_results_number', async () => {
    const result = await resultWithLogs()
    const list = sqlOf(() => store.results.steps(result.id))
    expectIndex(only(list, /FROM test_step_results WHERE test_run_result_id = \?/), 'test_step_results', 'idx_step_results_number')
    const one = sqlOf(() => store.results.step(result.id, 1))
    expectIndex(only(one, /FROM test_step_results WHERE test_run_result_id = \? AND step_number = \?/), 'test_step_results', 'idx_step_results_number')
  })

  it('console and network logs of a result: idx_console_logs_result, idx_network_logs_result', async () => {
    const result = await resultWithLogs()
    const base = { test_run_result_id: result.id, limit: 1000, offset: 0, sort_order: 'asc' as const }
    const console = sqlOf(() => store.results.consoleLogs(base))
    expectIndex(only(console, /^SELECT \* FROM console_logs WHERE/), 'console_logs', 'idx_console_logs_result')
    expectIndex(only(console, /^SELECT count\(\*\) AS n FROM console_logs/), 'console_logs', 'idx_console_logs_result')
    const network = sqlOf(() => store.results.networkLogs(base))
    expectIndex(only(network, /^SELECT \* FROM network_logs WHERE/), 'network_logs', 'idx_network_logs_result')
  })

  it('due schedules: the partial index idx_schedules_next_exec', () => {
    const sqls = sqlOf(() => store.schedules.due('2026-01-18T02:00:00.000Z'))
    const plan = expectIndex(only(sqls, /FROM schedules/), 'schedules', 'idx_schedules_next_exec')
    expect(plan).not.toMatch(/TEMP B-TREE/)
  })

  it("the scheduler's wake-up: the soonest due schedule, the open occurrences, a schedule's open occurrences", () => {
    const next = expectIndex(only(sqlOf(() => store.schedules.nextDue()), /FROM schedules/), 'schedules', 'idx_schedules_next_exec')
    expect(next).not.toMatch(/TEMP B-TREE/)
    expectIndex(only(sqlOf(() => store.schedules.unfinishedExecutions()), /FROM schedule_executions/), 'schedule_executions', 'idx_schedule_exec_status')
    const mine = sqlOf(() => store.schedules.executionsIn('01a20000-0000-7000-8000-000000000000', ['pending', 'running']))
    expectIndex(only(mine, /FROM schedule_executions/), 'schedule_executions', 'idx_schedule_exec_schedule')
  })

  it('a submitted result rolls up through indexes only', async () => {
    const { items } = await startedRun(t, 3)
    const sqls = sqlOf(() =>
      store.results.submit({ test_run_id: items[0].test_run_id, test_run_item_id: items[0].id, test_case_id: items[0].test_case_id, status: 'passed' }),
    )
    for (const sql of new Set(sqls.filter((s) => /^(SELECT|UPDATE|DELETE)/.test(s)))) {
      expect(planOf(sql), sql).not.toMatch(/\bSCAN (test_run_items|test_run_results|test_execution_history|state_transitions|execution_bundles)\b/)
    }
  })

  it("a test joining a suite finds the suite's last position by seek: idx_suite_test_cases_position", () => {
    const sqls = sqlOf(() => store.tests.create({ name: 'Joins ROOT' }))
    const last = only(sqls, /max\(position\) AS p FROM suite_test_cases WHERE suite_id = \?/)
    // Without the index (before migration 0030) this read every test of the suite: importing
    // 20,000 tests into ROOT took quadratic time.
    expect(planOf(last)).toMatch(/USING COVERING INDEX idx_suite_test_cases_position/)
    const ordered = sqlOf(() => store.suites.testIds(store.suites.rootId(), false))
    expect(planOf(only(ordered, /FROM suite_test_cases WHERE suite_id = \? ORDER BY position/))).not.toMatch(/TEMP B-TREE/)
  })
})
