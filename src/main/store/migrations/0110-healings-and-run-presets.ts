// Healed selectors as decisions waiting for a tester, and saved run configurations.
// `step_healings`: one row a healed target of a step result (a drag heals its drop target apart),
// naming the test step it belongs to so the suggestion can become that step's primary selector;
// `previous_target` keeps the target as it was before acceptance, so acceptance can be undone.
// Step results stored before this migration that carry a healed selector become pending rows
// when their test step can still be told for sure (same position, same primary selector).
// `run_presets`: a run builder's choices saved under a name, per project.
import { v7 as newId } from 'uuid'
import type { Migration } from './types'

const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

export const healingsAndRunPresets: Migration = {
  version: 110,
  name: '0110-healings-and-run-presets',
  up(db) {
    db.exec(`
CREATE TABLE step_healings (
  id TEXT PRIMARY KEY,
  test_step_result_id TEXT NOT NULL REFERENCES test_step_results(id) ON DELETE CASCADE,
  test_run_result_id TEXT NOT NULL REFERENCES test_run_results(id) ON DELETE CASCADE,
  test_run_id TEXT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
  test_step_id TEXT REFERENCES test_steps(id) ON DELETE CASCADE,
  step_number INTEGER NOT NULL CHECK (step_number >= 1),
  field TEXT NOT NULL CHECK (field IN ('target', 'options.to')),
  selector TEXT NOT NULL,
  healed_selector TEXT NOT NULL CHECK (length(healed_selector) BETWEEN 1 AND 1000),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'dismissed')),
  previous_target TEXT CHECK (previous_target IS NULL OR json_valid(previous_target)),
  decided_at TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_step_healings_status ON step_healings(status, created_at);
CREATE INDEX idx_step_healings_step ON step_healings(test_step_id, field, status);
CREATE INDEX idx_step_healings_result ON step_healings(test_run_result_id);
CREATE INDEX idx_step_healings_step_result ON step_healings(test_step_result_id);

CREATE TABLE run_presets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  config TEXT NOT NULL CHECK (json_valid(config) AND json_type(config) = 'object'),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (project_id, name)
);`)
    const healed = db
      .prepare(
        `SELECT sr.id AS step_result_id, r.id AS result_id, r.test_run_id, r.test_case_id, ts.id AS step_id, sr.step_number, sr.selector, sr.healed_selector, sr.created_at
         FROM test_step_results sr
         JOIN test_run_results r ON r.id = sr.test_run_result_id
         JOIN test_steps ts ON ts.test_case_id = r.test_case_id AND ts.position = sr.step_number - 1
         WHERE sr.healed_selector IS NOT NULL AND sr.selector IS NOT NULL AND json_extract(ts.target, '$.selector') = sr.selector`,
      )
      .all() as Record<string, string | number>[]
    const insert = db.prepare(
      `INSERT INTO step_healings (id, test_step_result_id, test_run_result_id, test_run_id, test_case_id, test_step_id, step_number, field, selector, healed_selector, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'target', ?, ?, ?)`,
    )
    for (const h of healed) insert.run(newId(), h.step_result_id, h.result_id, h.test_run_id, h.test_case_id, h.step_id, h.step_number, h.selector, h.healed_selector, h.created_at)
  },
}
