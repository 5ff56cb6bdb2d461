// A suite's tests in order, and the next free position when a test joins it, were read by
// scanning every test of the suite: adding 20,000 tests to ROOT one by one (an import) took
// quadratic time. Indexed by position (then test, the order lists use), both read the index alone.
import type { Migration } from './types'

export const suiteTestPositionIndex: Migration = {
  version: 30,
  name: '0030-suite-test-position-index',
  up(db) {
    db.exec('CREATE INDEX idx_suite_test_cases_position ON suite_test_cases(suite_id, position, test_case_id)')
  },
}
