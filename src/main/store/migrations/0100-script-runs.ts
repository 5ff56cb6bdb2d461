// Scripts run: where a test script runs (in the page under test, or in a sandboxed Node context
// beside it), and the value a script returned, kept with its result beside its output.
import type { Migration } from './types'

export const scriptRuns: Migration = {
  version: 100,
  name: '0100-script-runs',
  up(db) {
    db.exec(`
ALTER TABLE test_scripts ADD COLUMN run_in TEXT NOT NULL DEFAULT 'page' CHECK (run_in IN ('page', 'node'));
ALTER TABLE script_results ADD COLUMN return_value TEXT;`)
  },
}
