// Execution history of a test case (reference/003 "Get Execution History for Test Case"): the
// newest executions first, with statistics over all of them, served by one index. Also the
// per-suite trend: pass rate and duration of a suite's tests in each of the last runs.
import { TestDeskError } from '../../shared/api/errors'
import type { SuiteTrend, SuiteTrendPoint, TestCaseHistory } from '../../shared/api/results'
import { percentage } from '../../shared/model/states'
import type { StoreBase } from './base'
import type { Row } from './table'

/** A suite's runs, counting only its tests; exported so a test can check its query plan. */
export const SUITE_TREND_SQL = `SELECT r.id AS test_run_id, r.run_name, r.run_number, r.status AS run_status, coalesce(r.started_at, r.created_at) AS executed_at,
  count(*) AS tests, sum(i.status = 'passed') AS passed, sum(i.status = 'failed') AS failed,
  sum(i.status = 'skipped') AS skipped, sum(i.status = 'no_run') AS no_run,
  sum(i.status = 'passed' AND i.retry_attempt > 0) AS flaky, coalesce(sum(i.duration_ms), 0) AS tests_duration_ms,
  r.duration_ms AS run_duration_ms, r.total_tests AS run_tests
  FROM test_run_items i JOIN test_runs r ON r.id = i.test_run_id
  WHERE i.test_case_id IN (SELECT DISTINCT test_case_id FROM suite_test_cases WHERE suite_id IN (SELECT value FROM json_each(?)))
  AND r.status IN ('completed', 'cancelled', 'failed')
  GROUP BY r.id
  ORDER BY executed_at DESC, r.run_number DESC
  LIMIT ?`

export class HistoryRepo {
  constructor(private readonly s: StoreBase) {}

  forTestCase(testCaseId: string, limit = 10, offset = 0): TestCaseHistory {
    const testCase = this.s.statements.get('SELECT id, name FROM test_cases WHERE id = ?').get(testCaseId) as { id: string; name: string } | undefined
    if (!testCase) throw TestDeskError.notFound('Test case', testCaseId)
    const rows = this.s.statements
      .get('SELECT * FROM test_execution_history WHERE test_case_id = ? ORDER BY executed_at DESC LIMIT ? OFFSET ?')
      .all(testCaseId, limit, offset) as Row[]
    const stats = this.s.statements
      .get(
        `SELECT count(*) AS total, sum(status = 'passed') AS passed, sum(status = 'failed') AS failed, sum(status = 'skipped') AS skipped,
                avg(duration_ms) AS avg_duration
         FROM test_execution_history WHERE test_case_id = ?`,
      )
      .get(testCaseId) as { total: number; passed: number | null; failed: number | null; skipped: number | null; avg_duration: number | null }
    // A run was flaky for the test when an attempt failed before its last attempt, which passed.
    // Grouped aggregates rather than a window over every execution: one pass over the index.
    const runs = this.s.statements
      .get(
        `SELECT count(*) AS runs, coalesce(sum(first_failed < last AND last_passed = last), 0) AS flaky FROM (
           SELECT max(retry_attempt) AS last,
                  min(CASE WHEN status = 'failed' THEN retry_attempt END) AS first_failed,
                  max(CASE WHEN status = 'passed' THEN retry_attempt END) AS last_passed
           FROM test_execution_history WHERE test_case_id = ? AND test_run_id IS NOT NULL
           GROUP BY test_run_id)`,
      )
      .get(testCaseId) as { runs: number; flaky: number }
    return {
      test_case_id: testCase.id,
      test_case_name: testCase.name,
      history: rows.map((row) => this.s.t.history.fromRow(row)),
      total: stats.total,
      limit,
      offset,
      statistics: {
        total_executions: stats.total,
        passed: stats.passed ?? 0,
        failed: stats.failed ?? 0,
        skipped: stats.skipped ?? 0,
        overall_pass_rate: percentage(stats.passed ?? 0, stats.total),
        avg_duration_ms: Math.round(stats.avg_duration ?? 0),
        flaky_runs: runs.flaky,
        flaky_rate: percentage(runs.flaky, runs.runs),
      },
    }
  }

  /** A suite's trend over its last `limit` runs; `suiteIds` are the suite and its descendants. */
  forSuite(suite: { id: string; name: string; path: string[] }, suiteIds: readonly string[], limit = 10): SuiteTrend {
    const runs = this.suiteTrend(suiteIds, limit)
    return { suite_id: suite.id, suite_name: suite.name, suite_path: suite.path, runs, statistics: trendStatistics(runs) }
  }

  /**
   * The last `limit` finished runs that included any test linked to these suites, newest first,
   * counting only those tests (a run of the whole project still shows the suite's own figures).
   */
  suiteTrend(suiteIds: readonly string[], limit = 10): SuiteTrendPoint[] {
    type TrendRow = Omit<SuiteTrendPoint, 'pass_rate' | 'whole_run' | 'duration_ms'> & { run_tests: number }
    const rows = this.s.statements.get(SUITE_TREND_SQL).all(JSON.stringify(suiteIds), limit) as TrendRow[]
    return rows.map(({ run_tests, ...row }) => {
      const whole = row.tests === run_tests
      return { ...row, pass_rate: percentage(row.passed, row.tests), whole_run: whole, duration_ms: whole ? row.run_duration_ms : row.tests_duration_ms }
    })
  }
}

/** Averages over the runs of a trend, rounded like the stored rates (hundredths, half up). */
export function trendStatistics(runs: readonly SuiteTrendPoint[]): SuiteTrend['statistics'] {
  const total = (pick: (p: SuiteTrendPoint) => number) => runs.reduce((sum, p) => sum + pick(p), 0)
  const tests = total((p) => p.tests)
  // Summed in whole hundredths: 66.67 + 100 must average to 83.34, not to a float's 83.33.
  const rateCents = total((p) => Math.round(p.pass_rate * 100))
  return {
    runs: runs.length,
    avg_pass_rate: runs.length ? Math.round(rateCents / runs.length) / 100 : 0,
    overall_pass_rate: percentage(total((p) => p.passed), tests),
    avg_duration_ms: runs.length ? Math.round(total((p) => p.duration_ms) / runs.length) : 0,
    flaky_rate: percentage(total((p) => p.flaky), tests),
  }
}
