// Which domain type each table's rows become, and the fields of each: checked by the compiler
// to be every field of the type (no more, no fewer), and by rows.test.ts to be the table's
// columns. So a column added in a migration without its field (or a field without its column)
// fails a test instead of reaching the UI as undefined.
import type { DataRow, Project, SuiteStep, TestCase, TestStep } from '../../shared/model/definition'
import type {
  Artifact,
  CheckpointResult,
  ConsoleLog,
  ExecutionBundle,
  ExecutionHistoryEntry,
  NetworkLog,
  ScriptResult,
  StateTransition,
  TestRun,
  TestRunItem,
  TestRunResult,
  TestStepResult,
} from '../../shared/model/execution'

/** A project as stored: whether it is the default is not a column. */
export type ProjectRow = Omit<Project, 'is_default'>
/** A test case as stored: its suites and step count come from other tables. */
export type TestCaseRow = Omit<TestCase, 'suite_ids' | 'step_count'>

/** A data set's row as stored: its values are always text. */
export interface StoredDataRow extends Omit<DataRow, 'values'> {
  values: Record<string, string>
}

/** The domain type of each table's rows, by the store's table name (store/base.ts SPECS). */
export interface TableRows {
  projects: ProjectRow
  dataRows: StoredDataRow
  testCases: TestCaseRow
  steps: TestStep
  suiteSteps: SuiteStep
  runs: TestRun
  items: TestRunItem
  results: TestRunResult
  stepResults: TestStepResult
  checkpoints: CheckpointResult
  scriptResults: ScriptResult
  consoleLogs: ConsoleLog
  networkLogs: NetworkLog
  bundles: ExecutionBundle
  transitions: StateTransition
  artifacts: Artifact
  history: ExecutionHistoryEntry
}

/** `names`, when they are exactly the keys of T; otherwise a type error naming what is missing. */
function fieldsOf<T>() {
  return <const F extends readonly (keyof T & string)[]>(...names: F & (Exclude<keyof T, F[number]> extends never ? unknown : { missing: Exclude<keyof T, F[number]> })) =>
    names as readonly string[]
}

export const ROW_FIELDS: { [K in keyof TableRows]: readonly string[] } = {
  projects: fieldsOf<ProjectRow>()('id', 'name', 'description', 'created_at', 'updated_at'),
  dataRows: fieldsOf<StoredDataRow>()('id', 'data_set_id', 'row_index', 'values', 'enabled'),
  testCases: fieldsOf<TestCaseRow>()('id', 'project_id', 'name', 'description', 'tags', 'priority', 'status', 'start_url', 'step_timeout_ms', 'test_timeout_ms', 'browser_config_id', 'environment_id', 'data_set_id', 'created_by', 'created_at', 'updated_at', 'version'),
  steps: fieldsOf<TestStep>()('id', 'test_case_id', 'position', 'action', 'target', 'value', 'options', 'description', 'disabled', 'created_at', 'updated_at'),
  suiteSteps: fieldsOf<SuiteStep>()('id', 'suite_id', 'phase', 'position', 'action', 'target', 'value', 'options', 'description', 'disabled', 'created_at', 'updated_at'),
  runs: fieldsOf<TestRun>()('id', 'run_name', 'run_number', 'project_id', 'created_by', 'suite_path', 'suite_name', 'status', 'scheduled_at', 'started_at', 'completed_at', 'duration_ms', 'total_tests', 'passed_tests', 'failed_tests', 'skipped_tests', 'no_run_tests', 'pass_rate', 'parallel_enabled', 'parallel_count', 'retry_count', 'retry_on_failure', 'browser_name', 'browser_version', 'os_name', 'os_version', 'viewport_width', 'viewport_height', 'results_folder', 'report_path', 'tags', 'notes', 'options', 'runner_pid', 'runner_host', 'created_at', 'updated_at'),
  items: fieldsOf<TestRunItem>()('id', 'test_run_id', 'test_case_id', 'execution_order', 'status', 'started_at', 'completed_at', 'duration_ms', 'total_steps', 'passed_steps', 'failed_steps', 'skipped_steps', 'total_checkpoints', 'passed_checkpoints', 'failed_checkpoints', 'is_data_driven', 'total_iterations', 'passed_iterations', 'failed_iterations', 'retry_attempt', 'max_retries_exhausted', 'error_message', 'error_screenshot_path', 'results_folder', 'created_at', 'updated_at'),
  results: fieldsOf<TestRunResult>()('id', 'test_run_id', 'test_run_item_id', 'test_case_id', 'iteration_number', 'data_row_index', 'data_row_values', 'status', 'started_at', 'completed_at', 'duration_ms', 'total_steps', 'passed_steps', 'failed_steps', 'skipped_steps', 'pass_rate', 'total_checkpoints', 'passed_checkpoints', 'failed_checkpoints', 'checkpoint_pass_rate', 'total_pre_scripts', 'passed_pre_scripts', 'failed_pre_scripts', 'total_post_scripts', 'passed_post_scripts', 'failed_post_scripts', 'total_on_demand_scripts', 'passed_on_demand_scripts', 'failed_on_demand_scripts', 'pre_script_aborted', 'total_accessibility_violations', 'accessibility_results', 'error_message', 'error_step_number', 'error_screenshot_path', 'initial_url', 'final_url', 'results_folder', 'report_path', 'retry_attempt', 'racing_stats', 'environment_info', 'captured_downloads', 'downloads_folder', 'trace_path', 'created_at'),
  stepResults: fieldsOf<TestStepResult>()('id', 'test_run_result_id', 'step_number', 'action', 'description', 'status', 'started_at', 'completed_at', 'duration_ms', 'selector', 'element_html', 'input_value', 'screenshot_path', 'screenshot_url', 'error_message', 'error_stack_trace', 'playwright_code', 'window_id', 'window_title', 'healed_selector', 'phase', 'created_at'),
  checkpoints: fieldsOf<CheckpointResult>()('id', 'test_run_result_id', 'test_step_result_id', 'checkpoint_name', 'checkpoint_type', 'status', 'selector', 'profile', 'expected_properties', 'actual_properties', 'failed_properties', 'property_verifications', 'screenshot_index', 'baseline_screenshot_path', 'actual_screenshot_path', 'diff_screenshot_path', 'diff_percentage', 'error_message', 'created_at'),
  scriptResults: fieldsOf<ScriptResult>()('id', 'test_run_result_id', 'test_script_id', 'script_name', 'script_type', 'script_language', 'status', 'exit_code', 'duration_ms', 'stdout', 'stderr', 'error_message', 'is_critical', 'attached_to_step', 'executed_at', 'created_at'),
  consoleLogs: fieldsOf<ConsoleLog>()('id', 'test_run_result_id', 'log_level', 'message', 'source', 'line_number', 'column_number', 'stack_trace', 'step_index', 'timestamp', 'created_at'),
  networkLogs: fieldsOf<NetworkLog>()('id', 'test_run_result_id', 'url', 'method', 'status_code', 'status_text', 'request_headers', 'response_headers', 'request_body_preview', 'response_body_preview', 'content_type', 'content_length', 'resource_type', 'timestamp', 'duration_ms', 'ttfb_ms', 'error_message', 'step_index', 'created_at'),
  bundles: fieldsOf<ExecutionBundle>()('id', 'test_group_id', 'test_run_id', 'test_run_item_id', 'execution_ids', 'created_at', 'updated_at'),
  transitions: fieldsOf<StateTransition>()('id', 'entity_type', 'entity_id', 'test_run_id', 'from_status', 'to_status', 'reason', 'created_at'),
  artifacts: fieldsOf<Artifact>()('id', 'sha256', 'path', 'size', 'mime', 'created_at'),
  history: fieldsOf<ExecutionHistoryEntry>()('id', 'test_case_id', 'test_run_id', 'test_run_result_id', 'status', 'executed_at', 'duration_ms', 'total_steps', 'passed_steps', 'failed_steps', 'pass_rate', 'error_message', 'run_name', 'is_scheduled', 'retry_attempt', 'iteration_number', 'created_at'),
}
