// The statistics of a test case's history (counts, average duration, flaky runs) read every one
// of its executions, about a thousand for a test that runs nightly. With the columns they need
// in idx_exec_history_test_case they come from the index alone, in order, instead of one table
// page per execution; the newest-first page keeps using the same index.
import type { Migration } from './types'

export const historyCoveringIndex: Migration = {
  version: 20,
  name: '0020-history-covering-index',
  up(db) {
    db.exec(`
DROP INDEX idx_exec_history_test_case;
CREATE INDEX idx_exec_history_test_case
  ON test_execution_history(test_case_id, executed_at DESC, status, duration_ms, test_run_id, retry_attempt);
`)
  },
}
