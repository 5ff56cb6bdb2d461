// What running schedules on this machine needs beyond reference/003:
// - `leases`: background work that must run once per data directory (the scheduler) is done by
//   the process holding its lease; another process sees who holds it and until when.
// - `schedules`: custom recurrences (every N hours/days, cron), what a 31st does in a short month,
//   each occurrence's run configuration, the missed-run and overlap policies, and notifications
//   (the webhook URL is a secret, masked outside the store).
// - `schedule_executions`: 'skipped' joins the statuses (an occurrence skipped because the previous
//   run still went), with what triggered each occurrence and the report it wrote. A CHECK cannot
//   be altered in SQLite, so the table is rebuilt; nothing references it, its rows are copied.
// - `schedule_notifications`: every notification sent, or that failed, for an occurrence.
import type { Migration } from './types'

const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
const oneOf = (column: string, values: readonly string[]) => `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`
const bool = (column: string) => `CHECK (${column} IN (0, 1))`
const jsonArray = (column: string) => `CHECK (${column} IS NULL OR (json_valid(${column}) AND json_type(${column}) = 'array'))`
const jsonObject = (column: string) => `CHECK (json_valid(${column}) AND json_type(${column}) = 'object')`

const EXECUTION_COLUMNS = 'id, schedule_id, test_run_id, scheduled_for, executed_at, status, total_tests, passed_tests, failed_tests, duration_ms, error_message, created_at'

const SQL = `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder_id TEXT NOT NULL,
  holder_pid INTEGER NOT NULL,
  holder_host TEXT NOT NULL,
  holder_kind TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  renewed_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

ALTER TABLE schedules ADD COLUMN repeat_unit TEXT CHECK (repeat_unit IS NULL OR repeat_unit IN ('hours', 'days'));
ALTER TABLE schedules ADD COLUMN cron_expression TEXT;
ALTER TABLE schedules ADD COLUMN repeat_month_end TEXT NOT NULL DEFAULT 'last_day' ${oneOf('repeat_month_end', ['last_day', 'skip'])};
ALTER TABLE schedules ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' ${jsonArray('tags')};
ALTER TABLE schedules ADD COLUMN browser_name TEXT;
ALTER TABLE schedules ADD COLUMN run_options TEXT NOT NULL DEFAULT '{}' ${jsonObject('run_options')};
ALTER TABLE schedules ADD COLUMN report_formats TEXT NOT NULL DEFAULT '["html"]' ${jsonArray('report_formats')};
ALTER TABLE schedules ADD COLUMN missed_policy TEXT NOT NULL DEFAULT 'skip' ${oneOf('missed_policy', ['skip', 'run_once'])};
ALTER TABLE schedules ADD COLUMN overlap_policy TEXT NOT NULL DEFAULT 'skip' ${oneOf('overlap_policy', ['skip', 'queue'])};
ALTER TABLE schedules ADD COLUMN notify_on_status_change INTEGER NOT NULL DEFAULT 0 ${bool('notify_on_status_change')};
ALTER TABLE schedules ADD COLUMN notify_desktop INTEGER NOT NULL DEFAULT 1 ${bool('notify_desktop')};
ALTER TABLE schedules ADD COLUMN webhook_url TEXT;

CREATE TABLE schedule_executions_next (
  id TEXT PRIMARY KEY,
  schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  test_run_id TEXT REFERENCES test_runs(id) ON DELETE SET NULL,
  scheduled_for TEXT NOT NULL,
  executed_at TEXT,
  status TEXT NOT NULL ${oneOf('status', ['pending', 'running', 'completed', 'failed', 'missed', 'skipped', 'cancelled'])},
  trigger TEXT NOT NULL DEFAULT 'schedule' ${oneOf('trigger', ['schedule', 'catch_up', 'manual'])},
  total_tests INTEGER DEFAULT 0,
  passed_tests INTEGER DEFAULT 0,
  failed_tests INTEGER DEFAULT 0,
  duration_ms INTEGER DEFAULT 0,
  error_message TEXT,
  report_path TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
INSERT INTO schedule_executions_next (${EXECUTION_COLUMNS}) SELECT ${EXECUTION_COLUMNS} FROM schedule_executions;
DROP TABLE schedule_executions;
ALTER TABLE schedule_executions_next RENAME TO schedule_executions;
CREATE INDEX idx_schedule_exec_schedule ON schedule_executions(schedule_id, scheduled_for DESC);
CREATE INDEX idx_schedule_exec_status ON schedule_executions(status);
CREATE INDEX idx_schedule_exec_date ON schedule_executions(scheduled_for DESC);
CREATE INDEX idx_schedule_exec_run ON schedule_executions(test_run_id);

CREATE TABLE schedule_notifications (
  id TEXT PRIMARY KEY,
  schedule_execution_id TEXT NOT NULL REFERENCES schedule_executions(id) ON DELETE CASCADE,
  channel TEXT NOT NULL ${oneOf('channel', ['desktop', 'webhook', 'email'])},
  target TEXT NOT NULL,
  status TEXT NOT NULL ${oneOf('status', ['sent', 'failed'])},
  attempts INTEGER NOT NULL DEFAULT 0,
  error_message TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_schedule_notifications_execution ON schedule_notifications(schedule_execution_id);
`

export const schedulerAndLeases: Migration = {
  version: 50,
  name: '0050-scheduler-and-leases',
  up(db) {
    db.exec(SQL)
  },
}
