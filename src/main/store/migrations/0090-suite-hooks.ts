// Suite set-up and tear-down: steps a suite runs before and after each of its tests (and those
// of its child suites), stored like a test's steps, one list per phase. Step results say which
// phase they belong to (NULL: the test's own steps), so a result lists set-up, test and
// tear-down apart and "step 3" still means the test's own third step.
import type { Migration } from './types'

const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

export const suiteHooks: Migration = {
  version: 90,
  name: '0090-suite-hooks',
  up(db) {
    db.exec(`
CREATE TABLE suite_steps (
  id TEXT PRIMARY KEY,
  suite_id TEXT NOT NULL REFERENCES suites(id) ON DELETE CASCADE,
  phase TEXT NOT NULL CHECK (phase IN ('setup', 'teardown')),
  position INTEGER NOT NULL,
  action TEXT NOT NULL,
  target TEXT CHECK (target IS NULL OR json_valid(target)),
  value TEXT,
  options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
  description TEXT,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_suite_steps_suite ON suite_steps(suite_id, phase, position);
ALTER TABLE test_step_results ADD COLUMN phase TEXT CHECK (phase IS NULL OR phase IN ('setup', 'teardown'));
${['INSERT', 'UPDATE', 'DELETE']
  .map((event) => `CREATE TRIGGER trg_rev_suites_suite_steps_${event.toLowerCase()} AFTER ${event} ON suite_steps BEGIN UPDATE revisions SET revision = revision + 1 WHERE kind = 'suites'; END;`)
  .join('\n')}
`)
  },
}
