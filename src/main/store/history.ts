// Execution history of a test case (reference/003 "Get Execution History for Test Case"): the
// newest executions first, with statistics over all of them, served by one index.
import { TestDeskError } from '../../shared/api/errors'
import type { TestCaseHistory } from '../../shared/api/results'
import type { ExecutionHistoryEntry } from '../../shared/model/execution'
import { percentage } from '../../shared/model/states'
import type { StoreBase } from './base'
import type { Row } from './table'

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
      history: rows.map((row) => this.s.t.history.fromRow(row) as unknown as ExecutionHistoryEntry),
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
}
