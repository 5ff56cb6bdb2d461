// The whole data model. Execution tables follow reference/003 column for column (UUID → TEXT,
// TIMESTAMPTZ → ISO-8601 UTC text, JSONB and arrays → JSON text checked with json_valid,
// DECIMAL(5,2) → REAL rounded to hundredths, enums → CHECK constraints).
import type { Migration } from './types'

const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
const json = (column: string, nullable = true) =>
  nullable ? `CHECK (${column} IS NULL OR json_valid(${column}))` : `CHECK (json_valid(${column}))`
const jsonArray = (column: string) => `CHECK (${column} IS NULL OR (json_valid(${column}) AND json_type(${column}) = 'array'))`
const oneOf = (column: string, values: readonly string[]) => `CHECK (${column} IN (${values.map((v) => `'${v}'`).join(', ')}))`
const bool = (column: string) => `CHECK (${column} IN (0, 1))`

const RUN = ['pending', 'queued', 'running', 'completed', 'cancelled', 'failed']
const ITEM = ['pending', 'queued', 'running', 'passed', 'failed', 'skipped', 'no_run']
const RESULT = ['passed', 'failed', 'skipped']

const SQL = `
-- ── People and projects ───────────────────────────────────────────────────────────────────
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  is_local INTEGER NOT NULL DEFAULT 0 ${bool('is_local')},
  created_at TEXT NOT NULL DEFAULT ${NOW}
);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);

-- ── Definition side (reference/001) ──────────────────────────────────────────────────────
CREATE TABLE suites (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES suites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  CHECK (parent_id IS NOT NULL OR name = 'ROOT')
);
CREATE UNIQUE INDEX idx_suites_sibling_name ON suites(project_id, ifnull(parent_id, ''), name);
CREATE INDEX idx_suites_parent ON suites(parent_id, position);

CREATE TABLE browser_configurations (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  browser_name TEXT NOT NULL DEFAULT 'chromium' ${oneOf('browser_name', ['chromium', 'firefox', 'webkit'])},
  headless INTEGER NOT NULL DEFAULT 1 ${bool('headless')},
  viewport_width INTEGER,
  viewport_height INTEGER,
  device_name TEXT,
  locale TEXT,
  timezone_id TEXT,
  user_agent TEXT,
  color_scheme TEXT CHECK (color_scheme IS NULL OR color_scheme IN ('light', 'dark')),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (project_id, name)
);

CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  base_url TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (project_id, name)
);

CREATE TABLE environment_variables (
  id TEXT PRIMARY KEY,
  environment_id TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT,
  is_secret INTEGER NOT NULL DEFAULT 0 ${bool('is_secret')},
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (environment_id, name)
);

CREATE TABLE test_data_sets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  columns TEXT NOT NULL DEFAULT '[]' ${jsonArray('columns')},
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (project_id, name)
);

CREATE TABLE test_data_rows (
  id TEXT PRIMARY KEY,
  data_set_id TEXT NOT NULL REFERENCES test_data_sets(id) ON DELETE CASCADE,
  row_index INTEGER NOT NULL,
  "values" TEXT NOT NULL ${json('"values"', false)},
  enabled INTEGER NOT NULL DEFAULT 1 ${bool('enabled')}
);
CREATE INDEX idx_data_rows_set ON test_data_rows(data_set_id, row_index);

CREATE TABLE test_cases (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  tags TEXT NOT NULL DEFAULT '[]' ${jsonArray('tags')},
  priority TEXT NOT NULL DEFAULT 'medium' ${oneOf('priority', ['low', 'medium', 'high', 'critical'])},
  status TEXT NOT NULL DEFAULT 'active' ${oneOf('status', ['active', 'draft', 'archived'])},
  start_url TEXT,
  step_timeout_ms INTEGER,
  test_timeout_ms INTEGER,
  browser_config_id TEXT REFERENCES browser_configurations(id) ON DELETE SET NULL,
  environment_id TEXT REFERENCES environments(id) ON DELETE SET NULL,
  data_set_id TEXT REFERENCES test_data_sets(id) ON DELETE SET NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (project_id, name)
);
CREATE INDEX idx_test_cases_status ON test_cases(project_id, status);
CREATE INDEX idx_test_cases_data_set ON test_cases(data_set_id);
CREATE INDEX idx_test_cases_environment ON test_cases(environment_id);
CREATE INDEX idx_test_cases_browser_config ON test_cases(browser_config_id);

CREATE TABLE suite_test_cases (
  suite_id TEXT NOT NULL REFERENCES suites(id) ON DELETE CASCADE,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (suite_id, test_case_id)
);
CREATE INDEX idx_suite_test_cases_test ON suite_test_cases(test_case_id);

CREATE TABLE test_steps (
  id TEXT PRIMARY KEY,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  action TEXT NOT NULL,
  target TEXT ${json('target')},
  value TEXT,
  options TEXT NOT NULL DEFAULT '{}' ${json('options', false)},
  description TEXT,
  disabled INTEGER NOT NULL DEFAULT 0 ${bool('disabled')},
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_test_steps_case ON test_steps(test_case_id, position);

CREATE TABLE test_scripts (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  test_case_id TEXT REFERENCES test_cases(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  script_type TEXT NOT NULL ${oneOf('script_type', ['pre_execution', 'post_execution', 'on_demand'])},
  language TEXT NOT NULL DEFAULT 'javascript' ${oneOf('language', ['javascript', 'shell', 'python'])},
  source TEXT NOT NULL,
  is_critical INTEGER NOT NULL DEFAULT 0 ${bool('is_critical')},
  timeout_ms INTEGER NOT NULL DEFAULT 30000,
  attached_to_step INTEGER,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_test_scripts_case ON test_scripts(test_case_id, script_type, position);
CREATE INDEX idx_test_scripts_project ON test_scripts(project_id);

-- ── Execution side (reference/003) ───────────────────────────────────────────────────────
CREATE TABLE test_runs (
  id TEXT PRIMARY KEY,
  run_name TEXT NOT NULL,
  run_number INTEGER NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  created_by TEXT NOT NULL REFERENCES users(id),
  suite_path TEXT ${jsonArray('suite_path')},
  suite_name TEXT,
  status TEXT NOT NULL DEFAULT 'pending' ${oneOf('status', RUN)},
  scheduled_at TEXT,
  started_at TEXT,
  completed_at TEXT,
  duration_ms INTEGER DEFAULT 0,
  total_tests INTEGER DEFAULT 0,
  passed_tests INTEGER DEFAULT 0,
  failed_tests INTEGER DEFAULT 0,
  skipped_tests INTEGER DEFAULT 0,
  no_run_tests INTEGER DEFAULT 0,
  pass_rate REAL DEFAULT 0.00 CHECK (pass_rate BETWEEN 0 AND 100),
  parallel_enabled INTEGER DEFAULT 0 ${bool('parallel_enabled')},
  parallel_count INTEGER DEFAULT 1 CHECK (parallel_count BETWEEN 1 AND 10),
  retry_count INTEGER DEFAULT 0,
  retry_on_failure INTEGER DEFAULT 0 ${bool('retry_on_failure')},
  browser_name TEXT,
  browser_version TEXT,
  os_name TEXT,
  os_version TEXT,
  viewport_width INTEGER,
  viewport_height INTEGER,
  results_folder TEXT,
  report_path TEXT,
  tags TEXT ${jsonArray('tags')},
  notes TEXT,
  options TEXT NOT NULL DEFAULT '{}' ${json('options', false)},
  -- Which process queued or executes the run, so start-up recovery leaves other live ones alone.
  runner_pid INTEGER,
  runner_host TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (project_id, run_number)
);
CREATE INDEX idx_test_runs_project ON test_runs(project_id);
CREATE INDEX idx_test_runs_status ON test_runs(status, created_at DESC);
CREATE INDEX idx_test_runs_created_at ON test_runs(created_at DESC);
CREATE INDEX idx_test_runs_created_by ON test_runs(created_by);

CREATE TABLE test_run_items (
  id TEXT PRIMARY KEY,
  test_run_id TEXT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
  execution_order INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' ${oneOf('status', ITEM)},
  started_at TEXT,
  completed_at TEXT,
  duration_ms INTEGER DEFAULT 0,
  total_steps INTEGER DEFAULT 0,
  passed_steps INTEGER DEFAULT 0,
  failed_steps INTEGER DEFAULT 0,
  skipped_steps INTEGER DEFAULT 0,
  total_checkpoints INTEGER DEFAULT 0,
  passed_checkpoints INTEGER DEFAULT 0,
  failed_checkpoints INTEGER DEFAULT 0,
  is_data_driven INTEGER DEFAULT 0 ${bool('is_data_driven')},
  total_iterations INTEGER DEFAULT 0,
  passed_iterations INTEGER DEFAULT 0,
  failed_iterations INTEGER DEFAULT 0,
  retry_attempt INTEGER DEFAULT 0,
  max_retries_exhausted INTEGER DEFAULT 0 ${bool('max_retries_exhausted')},
  error_message TEXT,
  error_screenshot_path TEXT,
  results_folder TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW},
  UNIQUE (test_run_id, test_case_id)
);
CREATE INDEX idx_run_items_test_run ON test_run_items(test_run_id);
CREATE INDEX idx_run_items_test_case ON test_run_items(test_case_id);
CREATE INDEX idx_run_items_status ON test_run_items(status);
CREATE INDEX idx_run_items_order ON test_run_items(test_run_id, execution_order);

CREATE TABLE test_run_results (
  id TEXT PRIMARY KEY,
  test_run_id TEXT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
  test_run_item_id TEXT NOT NULL REFERENCES test_run_items(id) ON DELETE CASCADE,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id),
  iteration_number INTEGER,
  data_row_index INTEGER,
  data_row_values TEXT ${json('data_row_values')},
  status TEXT NOT NULL ${oneOf('status', RESULT)},
  started_at TEXT,
  completed_at TEXT,
  duration_ms INTEGER DEFAULT 0,
  total_steps INTEGER DEFAULT 0,
  passed_steps INTEGER DEFAULT 0,
  failed_steps INTEGER DEFAULT 0,
  skipped_steps INTEGER DEFAULT 0,
  pass_rate REAL DEFAULT 0.00 CHECK (pass_rate BETWEEN 0 AND 100),
  total_checkpoints INTEGER DEFAULT 0,
  passed_checkpoints INTEGER DEFAULT 0,
  failed_checkpoints INTEGER DEFAULT 0,
  checkpoint_pass_rate REAL DEFAULT 0.00 CHECK (checkpoint_pass_rate BETWEEN 0 AND 100),
  total_pre_scripts INTEGER DEFAULT 0,
  passed_pre_scripts INTEGER DEFAULT 0,
  failed_pre_scripts INTEGER DEFAULT 0,
  total_post_scripts INTEGER DEFAULT 0,
  passed_post_scripts INTEGER DEFAULT 0,
  failed_post_scripts INTEGER DEFAULT 0,
  total_on_demand_scripts INTEGER DEFAULT 0,
  passed_on_demand_scripts INTEGER DEFAULT 0,
  failed_on_demand_scripts INTEGER DEFAULT 0,
  pre_script_aborted INTEGER DEFAULT 0 ${bool('pre_script_aborted')},
  total_accessibility_violations INTEGER DEFAULT 0,
  accessibility_results TEXT ${json('accessibility_results')},
  error_message TEXT,
  error_step_number INTEGER,
  error_screenshot_path TEXT,
  initial_url TEXT,
  final_url TEXT,
  results_folder TEXT,
  report_path TEXT,
  retry_attempt INTEGER DEFAULT 0,
  racing_stats TEXT ${json('racing_stats')},
  environment_info TEXT ${json('environment_info')},
  captured_downloads TEXT ${json('captured_downloads')},
  downloads_folder TEXT,
  -- Beyond reference/003: the Playwright trace kept for a failed execution.
  trace_path TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_results_test_run ON test_run_results(test_run_id);
CREATE INDEX idx_results_item ON test_run_results(test_run_item_id);
CREATE INDEX idx_results_test_case ON test_run_results(test_case_id);
CREATE INDEX idx_results_status ON test_run_results(status);
CREATE INDEX idx_results_iteration ON test_run_results(test_run_item_id, iteration_number);

CREATE TABLE test_step_results (
  id TEXT PRIMARY KEY,
  test_run_result_id TEXT NOT NULL REFERENCES test_run_results(id) ON DELETE CASCADE,
  step_number INTEGER NOT NULL,
  action TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL ${oneOf('status', RESULT)},
  started_at TEXT,
  completed_at TEXT,
  duration_ms INTEGER DEFAULT 0,
  selector TEXT,
  element_html TEXT,
  input_value TEXT,
  screenshot_path TEXT,
  screenshot_url TEXT,
  error_message TEXT,
  error_stack_trace TEXT,
  playwright_code TEXT,
  window_id TEXT,
  window_title TEXT,
  healed_selector TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_step_results_result ON test_step_results(test_run_result_id);
CREATE INDEX idx_step_results_number ON test_step_results(test_run_result_id, step_number);
CREATE INDEX idx_step_results_status ON test_step_results(status);

CREATE TABLE checkpoint_results (
  id TEXT PRIMARY KEY,
  test_run_result_id TEXT NOT NULL REFERENCES test_run_results(id) ON DELETE CASCADE,
  test_step_result_id TEXT REFERENCES test_step_results(id) ON DELETE CASCADE,
  checkpoint_name TEXT NOT NULL,
  checkpoint_type TEXT NOT NULL ${oneOf('checkpoint_type', ['element', 'screenshot', 'accessibility', 'api', 'download'])},
  status TEXT NOT NULL ${oneOf('status', ['passed', 'failed'])},
  selector TEXT,
  profile TEXT,
  expected_properties TEXT ${json('expected_properties')},
  actual_properties TEXT ${json('actual_properties')},
  failed_properties TEXT ${jsonArray('failed_properties')},
  property_verifications TEXT ${json('property_verifications')},
  screenshot_index INTEGER,
  baseline_screenshot_path TEXT,
  actual_screenshot_path TEXT,
  diff_screenshot_path TEXT,
  diff_percentage REAL CHECK (diff_percentage IS NULL OR diff_percentage BETWEEN 0 AND 100),
  error_message TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_checkpoint_result ON checkpoint_results(test_run_result_id);
CREATE INDEX idx_checkpoint_step ON checkpoint_results(test_step_result_id);
CREATE INDEX idx_checkpoint_status ON checkpoint_results(status);

CREATE TABLE script_results (
  id TEXT PRIMARY KEY,
  test_run_result_id TEXT NOT NULL REFERENCES test_run_results(id) ON DELETE CASCADE,
  test_script_id TEXT REFERENCES test_scripts(id) ON DELETE SET NULL,
  script_name TEXT NOT NULL,
  script_type TEXT NOT NULL ${oneOf('script_type', ['pre_execution', 'post_execution', 'on_demand'])},
  script_language TEXT,
  status TEXT NOT NULL ${oneOf('status', RESULT)},
  exit_code INTEGER,
  duration_ms INTEGER DEFAULT 0,
  stdout TEXT,
  stderr TEXT,
  error_message TEXT,
  is_critical INTEGER DEFAULT 0 ${bool('is_critical')},
  attached_to_step INTEGER,
  executed_at TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_script_result_run ON script_results(test_run_result_id);
CREATE INDEX idx_script_result_type ON script_results(script_type);
CREATE INDEX idx_script_result_script ON script_results(test_script_id);

CREATE TABLE console_logs (
  id TEXT PRIMARY KEY,
  test_run_result_id TEXT NOT NULL REFERENCES test_run_results(id) ON DELETE CASCADE,
  log_level TEXT NOT NULL ${oneOf('log_level', ['log', 'info', 'warn', 'error', 'debug'])},
  message TEXT NOT NULL,
  source TEXT,
  line_number INTEGER,
  column_number INTEGER,
  stack_trace TEXT,
  step_index INTEGER,
  timestamp TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_console_logs_result ON console_logs(test_run_result_id);
CREATE INDEX idx_console_logs_level ON console_logs(log_level);
CREATE INDEX idx_console_logs_timestamp ON console_logs(timestamp);

CREATE TABLE network_logs (
  id TEXT PRIMARY KEY,
  test_run_result_id TEXT NOT NULL REFERENCES test_run_results(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  method TEXT NOT NULL,
  status_code INTEGER,
  status_text TEXT,
  request_headers TEXT ${json('request_headers')},
  response_headers TEXT ${json('response_headers')},
  request_body_preview TEXT,
  response_body_preview TEXT,
  content_type TEXT,
  content_length INTEGER,
  resource_type TEXT,
  timestamp TEXT NOT NULL,
  duration_ms INTEGER,
  ttfb_ms INTEGER,
  error_message TEXT,
  step_index INTEGER,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_network_logs_result ON network_logs(test_run_result_id);
CREATE INDEX idx_network_logs_status ON network_logs(status_code);
CREATE INDEX idx_network_logs_timestamp ON network_logs(timestamp);

CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  created_by TEXT NOT NULL REFERENCES users(id),
  schedule_name TEXT NOT NULL,
  suite_path TEXT ${jsonArray('suite_path')},
  suite_name TEXT,
  test_case_ids TEXT ${jsonArray('test_case_ids')},
  scheduled_datetime TEXT NOT NULL,
  timezone TEXT DEFAULT 'UTC',
  repeat_type TEXT NOT NULL DEFAULT 'none' ${oneOf('repeat_type', ['none', 'hourly', 'daily', 'weekly', 'monthly', 'custom'])},
  repeat_interval INTEGER,
  repeat_days_of_week TEXT ${jsonArray('repeat_days_of_week')},
  repeat_day_of_month INTEGER CHECK (repeat_day_of_month IS NULL OR repeat_day_of_month BETWEEN 1 AND 31),
  repeat_end_date TEXT,
  max_occurrences INTEGER,
  status TEXT NOT NULL DEFAULT 'active' ${oneOf('status', ['active', 'paused', 'completed', 'cancelled'])},
  is_enabled INTEGER DEFAULT 1 ${bool('is_enabled')},
  parallel_enabled INTEGER DEFAULT 0 ${bool('parallel_enabled')},
  parallel_count INTEGER DEFAULT 1 CHECK (parallel_count BETWEEN 1 AND 10),
  retry_on_failure INTEGER DEFAULT 0 ${bool('retry_on_failure')},
  retry_count INTEGER DEFAULT 0,
  notify_on_completion INTEGER DEFAULT 1 ${bool('notify_on_completion')},
  notify_on_failure INTEGER DEFAULT 1 ${bool('notify_on_failure')},
  notification_emails TEXT ${jsonArray('notification_emails')},
  execution_count INTEGER DEFAULT 0,
  last_executed_at TEXT,
  last_execution_status TEXT,
  next_execution_at TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_schedules_project ON schedules(project_id);
CREATE INDEX idx_schedules_next_exec ON schedules(next_execution_at) WHERE status = 'active';
CREATE INDEX idx_schedules_status ON schedules(status);

CREATE TABLE schedule_executions (
  id TEXT PRIMARY KEY,
  schedule_id TEXT NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  test_run_id TEXT REFERENCES test_runs(id) ON DELETE SET NULL,
  scheduled_for TEXT NOT NULL,
  executed_at TEXT,
  status TEXT NOT NULL ${oneOf('status', ['pending', 'running', 'completed', 'failed', 'missed', 'cancelled'])},
  total_tests INTEGER DEFAULT 0,
  passed_tests INTEGER DEFAULT 0,
  failed_tests INTEGER DEFAULT 0,
  duration_ms INTEGER DEFAULT 0,
  error_message TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_schedule_exec_schedule ON schedule_executions(schedule_id, scheduled_for DESC);
CREATE INDEX idx_schedule_exec_status ON schedule_executions(status);
CREATE INDEX idx_schedule_exec_date ON schedule_executions(scheduled_for DESC);
CREATE INDEX idx_schedule_exec_run ON schedule_executions(test_run_id);

CREATE TABLE test_execution_history (
  id TEXT PRIMARY KEY,
  test_case_id TEXT NOT NULL REFERENCES test_cases(id) ON DELETE CASCADE,
  test_run_id TEXT REFERENCES test_runs(id) ON DELETE SET NULL,
  test_run_result_id TEXT REFERENCES test_run_results(id) ON DELETE SET NULL,
  status TEXT NOT NULL ${oneOf('status', RESULT)},
  executed_at TEXT NOT NULL,
  duration_ms INTEGER DEFAULT 0,
  total_steps INTEGER DEFAULT 0,
  passed_steps INTEGER DEFAULT 0,
  failed_steps INTEGER DEFAULT 0,
  pass_rate REAL DEFAULT 0.00 CHECK (pass_rate BETWEEN 0 AND 100),
  error_message TEXT,
  run_name TEXT,
  is_scheduled INTEGER DEFAULT 0 ${bool('is_scheduled')},
  -- Beyond reference/003: which attempt and data row this was, for flaky rates and data-driven history.
  retry_attempt INTEGER DEFAULT 0,
  iteration_number INTEGER,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
-- History of one test case, newest first, is the hot query: one index serves filter and order.
CREATE INDEX idx_exec_history_test_case ON test_execution_history(test_case_id, executed_at DESC);
CREATE INDEX idx_exec_history_date ON test_execution_history(executed_at DESC);
CREATE INDEX idx_exec_history_status ON test_execution_history(status);
CREATE INDEX idx_exec_history_run ON test_execution_history(test_run_id);
CREATE INDEX idx_exec_history_result ON test_execution_history(test_run_result_id);

-- ── Execution bundles (reference/000), audit trail (reference/002), files, sync ──────────
CREATE TABLE execution_bundles (
  id TEXT PRIMARY KEY,
  test_group_id TEXT NOT NULL,
  test_run_id TEXT REFERENCES test_runs(id) ON DELETE CASCADE,
  test_run_item_id TEXT REFERENCES test_run_items(id) ON DELETE CASCADE,
  execution_ids TEXT NOT NULL DEFAULT '[]' ${jsonArray('execution_ids')},
  created_at TEXT NOT NULL DEFAULT ${NOW},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_bundles_group ON execution_bundles(test_group_id);
CREATE INDEX idx_bundles_run ON execution_bundles(test_run_id);
CREATE UNIQUE INDEX idx_bundles_item ON execution_bundles(test_run_item_id);

CREATE TABLE state_transitions (
  id TEXT PRIMARY KEY,
  entity_type TEXT NOT NULL ${oneOf('entity_type', ['run', 'item'])},
  entity_id TEXT NOT NULL,
  test_run_id TEXT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_transitions_entity ON state_transitions(entity_id, created_at);
CREATE INDEX idx_transitions_run ON state_transitions(test_run_id);

CREATE TABLE artifacts (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  path TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  mime TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);

CREATE TABLE sync_outbox (
  id TEXT PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  operation TEXT NOT NULL ${oneOf('operation', ['create', 'update', 'delete'])},
  payload TEXT ${json('payload')},
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL DEFAULT ${NOW}
);
CREATE INDEX idx_outbox_pending ON sync_outbox(next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL ${json('value', false)},
  updated_at TEXT NOT NULL DEFAULT ${NOW}
);
`

export const initial: Migration = {
  version: 10,
  name: '0010-initial',
  up(db) {
    db.exec(SQL)
  },
}
