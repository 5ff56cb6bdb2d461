// Baselines of visual checkpoints: one image per test case, checkpoint name, browser and
// viewport (a screenshot in Firefox or at 800x600 is not comparable with one in Chromium at
// 1280x720), pointing at a content-addressed artifact. `accepted_from` names the checkpoint
// result a tester accepted it from, so a result view can say which run set the baseline.
import type { Migration } from './types'

export const visualBaselines: Migration = {
  version: 80,
  name: '0080-visual-baselines',
  up(db) {
    db.exec(`
CREATE TABLE visual_baselines (
  id TEXT PRIMARY KEY,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  browser TEXT NOT NULL,
  viewport TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  accepted_from TEXT REFERENCES checkpoint_results(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (test_case_id, name, browser, viewport)
);`)
  },
}
