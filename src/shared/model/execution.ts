// The execution side of the model, column for column from reference/003: test runs, run items,
// results, step/checkpoint/script results, console and network logs, history; plus execution
// bundles (reference/000), state transitions (reference/002) and artifacts. Schedules: ./schedules.
import { z } from 'zod'
import { DateFilter, Id, JsonObject, listQuery, Name, Tags, Timestamp } from './common'
import { BrowserName, SuiteHookPhase, SuitePath } from './definition'

// ── Status enums (reference/003 "Status Values & Enums") ───────────────────────────────────

export const RUN_STATUSES = ['pending', 'queued', 'running', 'completed', 'cancelled', 'failed'] as const
export const RunStatus = z.enum(RUN_STATUSES)
export type RunStatus = z.infer<typeof RunStatus>

export const ITEM_STATUSES = ['pending', 'queued', 'running', 'passed', 'failed', 'skipped', 'no_run'] as const
export const ItemStatus = z.enum(ITEM_STATUSES)
export type ItemStatus = z.infer<typeof ItemStatus>

export const RESULT_STATUSES = ['passed', 'failed', 'skipped'] as const
export const ResultStatus = z.enum(RESULT_STATUSES)
export type ResultStatus = z.infer<typeof ResultStatus>

export const CheckpointStatus = z.enum(['passed', 'failed'])
export const CHECKPOINT_TYPES = ['element', 'screenshot', 'accessibility', 'api', 'download'] as const
export const CheckpointType = z.enum(CHECKPOINT_TYPES)
export type CheckpointType = z.infer<typeof CheckpointType>
export const CheckpointProfile = z.enum(['functional', 'visual', 'accessibility', 'full', 'custom'])

export const SCRIPT_RESULT_TYPES = ['pre_execution', 'post_execution', 'on_demand'] as const
export const LOG_LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const
export const LogLevel = z.enum(LOG_LEVELS)
export type LogLevel = z.infer<typeof LogLevel>


// ── Test runs ───────────────────────────────────────────────────────────────────────────────

export const ScreenshotPolicy = z.enum(['off', 'on-failure', 'every-step'])
export type ScreenshotPolicy = z.infer<typeof ScreenshotPolicy>

/**
 * When a run records a Playwright trace and which it keeps. Recording costs on every test that
 * records (about a third more wall time and CPU on a short test), so the default records none on
 * a test's first attempt: 'on-failure' traces retries, and a failed test that will not be retried
 * is run once more with a trace, for the trace alone (its verdict stays the failure).
 */
export const TRACE_POLICIES = ['off', 'on-failure', 'retain-on-failure', 'on-first-retry'] as const
export const TracePolicy = z.enum(TRACE_POLICIES)
export type TracePolicy = z.infer<typeof TracePolicy>
export const TRACE_POLICY_LABELS: Record<TracePolicy, string> = {
  off: 'Off',
  'on-failure': 'Kept for failed tests (re-run with a trace)',
  'retain-on-failure': 'Recorded for every test, kept when it fails',
  'on-first-retry': 'Recorded on the first retry',
}

/** How a run executes, beyond reference/003's columns (kept as one JSON column). */
export const RunOptions = z
  .object({
    environment_id: Id.nullish(),
    browser_config_id: Id.nullish(),
    headless: z.boolean().optional(),
    screenshots: ScreenshotPolicy.optional(),
    trace: TracePolicy.optional(),
    fail_fast: z.boolean().optional(),
    test_timeout_ms: z.number().int().min(1000).max(24 * 3_600_000).nullish(),
    run_timeout_ms: z.number().int().min(1000).max(7 * 24 * 3_600_000).nullish(),
    /** ws:// endpoint of a remote Playwright browser server. */
    browser_endpoint: z.string().url().nullish(),
    /** Higher runs first when several wait in the queue. */
    priority: z.number().int().min(0).max(10).optional(),
    is_scheduled: z.boolean().optional(),
  })
  .strict()
export type RunOptions = z.infer<typeof RunOptions>

export interface TestRun {
  id: string
  run_name: string
  run_number: number
  project_id: string
  created_by: string
  suite_path: string[] | null
  suite_name: string | null
  status: RunStatus
  scheduled_at: Timestamp | null
  started_at: Timestamp | null
  completed_at: Timestamp | null
  duration_ms: number
  total_tests: number
  passed_tests: number
  failed_tests: number
  skipped_tests: number
  no_run_tests: number
  pass_rate: number
  parallel_enabled: boolean
  parallel_count: number
  retry_count: number
  retry_on_failure: boolean
  browser_name: string | null
  browser_version: string | null
  os_name: string | null
  os_version: string | null
  viewport_width: number | null
  viewport_height: number | null
  results_folder: string | null
  report_path: string | null
  tags: string[]
  notes: string | null
  options: RunOptions
  /** The process that queued or executes the run (set by TestDesk). */
  runner_pid: number | null
  runner_host: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

const Viewport = z.number().int().min(100).max(10_000)

/** How a run executes: also what each occurrence of a schedule runs with. */
export const RunConfigFields = {
  parallel_enabled: z.boolean().optional(),
  parallel_count: z.number().int().min(1, 'Must be between 1 and 10').max(10, 'Must be between 1 and 10').optional(),
  retry_on_failure: z.boolean().optional(),
  retry_count: z.number().int().min(0).max(10).optional(),
  browser_name: BrowserName.nullish(),
  viewport_width: Viewport.nullish(),
  viewport_height: Viewport.nullish(),
  tags: Tags.optional(),
  notes: z.string().max(10_000).nullish(),
  options: RunOptions.optional(),
}

export const CreateRunInput = z
  .object({
    project_id: Id.optional(),
    run_name: Name.optional(),
    suite_path: SuitePath.nullish(),
    suite_name: z.string().max(255).nullish(),
    scheduled_at: Timestamp.nullish(),
    ...RunConfigFields,
    /** Adds these test cases as items, in this order. */
    test_case_ids: z.array(Id).max(10_000).optional(),
    /**
     * Adds the tests of these suites (with their descendants, in suite order), then tests having
     * any of these tags; after test_case_ids, each test once. Only active tests are picked this
     * way; named test_case_ids may be drafts (see run-rules).
     */
    select: z
      .object({
        suite_ids: z.array(Id).max(1000).optional(),
        suite_paths: z.array(SuitePath).max(1000).optional(),
        tags: Tags.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
export type CreateRunInput = z.infer<typeof CreateRunInput>

export const RerunInput = z
  .object({
    id: Id,
    /** failed: failed tests; unfinished: skipped and not run; both (default). */
    only: z.enum(['failed', 'unfinished', 'failed_and_unfinished']).default('failed_and_unfinished'),
  })
  .strict()

export const UpdateRunInput = z
  .object({ id: Id, run_name: Name.optional(), ...RunConfigFields })
  .strict()

export const ListRunsQuery = listQuery(['created_at', 'started_at', 'pass_rate', 'run_number', 'duration_ms'], {
  project_id: Id.optional(),
  status: z.union([RunStatus, z.array(RunStatus).min(1)]).optional(),
  suite_path: SuitePath.optional(),
  from_date: DateFilter.optional(),
  to_date: DateFilter.optional(),
  created_by: Id.optional(),
  tags: Tags.optional(),
})
export type ListRunsQuery = z.infer<typeof ListRunsQuery>

export interface RunSummaryItem {
  id: string
  test_case_id: string
  test_case_name: string
  execution_order: number
  status: ItemStatus
  duration_ms: number
  pass_rate: number
  error_message: string | null
  is_data_driven: boolean
  total_iterations: number
  passed_iterations: number
  failed_iterations: number
  retry_attempt: number
}

export interface RunSummary {
  id: string
  run_name: string
  status: RunStatus
  started_at: Timestamp | null
  completed_at: Timestamp | null
  duration_ms: number
  summary: {
    total_tests: number
    passed_tests: number
    failed_tests: number
    skipped_tests: number
    no_run_tests: number
    pass_rate: number
    total_steps: number
    passed_steps: number
    failed_steps: number
    total_checkpoints: number
    passed_checkpoints: number
    failed_checkpoints: number
  }
  items: RunSummaryItem[]
}

// ── Run items ───────────────────────────────────────────────────────────────────────────────

export interface TestRunItem {
  id: string
  test_run_id: string
  test_case_id: string
  execution_order: number
  status: ItemStatus
  started_at: Timestamp | null
  completed_at: Timestamp | null
  duration_ms: number
  total_steps: number
  passed_steps: number
  failed_steps: number
  skipped_steps: number
  total_checkpoints: number
  passed_checkpoints: number
  failed_checkpoints: number
  is_data_driven: boolean
  total_iterations: number
  passed_iterations: number
  failed_iterations: number
  retry_attempt: number
  max_retries_exhausted: boolean
  error_message: string | null
  error_screenshot_path: string | null
  results_folder: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export const AddItemsInput = z.object({ test_run_id: Id, test_case_ids: z.array(Id).min(1).max(10_000) }).strict()
export const UpdateItemInput = z
  .object({ id: Id, execution_order: z.number().int().min(1).optional() })
  .strict()
export const ReorderItemsInput = z.object({ test_run_id: Id, item_ids: z.array(Id).min(1) }).strict()
export const ListItemsQuery = listQuery(['execution_order', 'status', 'duration_ms'], {
  test_run_id: Id,
  status: z.union([ItemStatus, z.array(ItemStatus).min(1)]).optional(),
}).extend({ sort_order: z.enum(['asc', 'desc']).default('asc'), limit: z.number().int().min(1).max(10_000).default(1000) })

// ── Results ─────────────────────────────────────────────────────────────────────────────────

export interface TestRunResult {
  id: string
  test_run_id: string
  test_run_item_id: string
  test_case_id: string
  iteration_number: number | null
  data_row_index: number | null
  data_row_values: Record<string, unknown> | null
  status: ResultStatus
  started_at: Timestamp | null
  completed_at: Timestamp | null
  duration_ms: number
  total_steps: number
  passed_steps: number
  failed_steps: number
  skipped_steps: number
  pass_rate: number
  total_checkpoints: number
  passed_checkpoints: number
  failed_checkpoints: number
  checkpoint_pass_rate: number
  total_pre_scripts: number
  passed_pre_scripts: number
  failed_pre_scripts: number
  total_post_scripts: number
  passed_post_scripts: number
  failed_post_scripts: number
  total_on_demand_scripts: number
  passed_on_demand_scripts: number
  failed_on_demand_scripts: number
  pre_script_aborted: boolean
  total_accessibility_violations: number
  accessibility_results: unknown[] | null
  error_message: string | null
  error_step_number: number | null
  error_screenshot_path: string | null
  initial_url: string | null
  final_url: string | null
  results_folder: string | null
  report_path: string | null
  retry_attempt: number
  racing_stats: Record<string, unknown> | null
  environment_info: Record<string, unknown> | null
  captured_downloads: unknown[] | null
  downloads_folder: string | null
  /** A Playwright trace (trace.zip) kept when the execution failed. */
  trace_path: string | null
  created_at: Timestamp
}

const Count = z.number().int().min(0)
const Rate = z.number().min(0).max(100)
const Ms = z.number().int().min(0)
const Url = z.string().max(2000)

export const SubmitResultInput = z
  .object({
    id: Id.optional(),
    test_run_id: Id,
    test_run_item_id: Id,
    test_case_id: Id,
    iteration_number: z.number().int().min(1).nullish(),
    data_row_index: z.number().int().min(0).nullish(),
    data_row_values: JsonObject.nullish(),
    status: ResultStatus,
    started_at: Timestamp.nullish(),
    completed_at: Timestamp.nullish(),
    duration_ms: Ms.optional(),
    total_steps: Count.optional(),
    passed_steps: Count.optional(),
    failed_steps: Count.optional(),
    skipped_steps: Count.optional(),
    pass_rate: Rate.optional(),
    total_checkpoints: Count.optional(),
    passed_checkpoints: Count.optional(),
    failed_checkpoints: Count.optional(),
    checkpoint_pass_rate: Rate.optional(),
    total_pre_scripts: Count.optional(),
    passed_pre_scripts: Count.optional(),
    failed_pre_scripts: Count.optional(),
    total_post_scripts: Count.optional(),
    passed_post_scripts: Count.optional(),
    failed_post_scripts: Count.optional(),
    total_on_demand_scripts: Count.optional(),
    passed_on_demand_scripts: Count.optional(),
    failed_on_demand_scripts: Count.optional(),
    pre_script_aborted: z.boolean().optional(),
    total_accessibility_violations: Count.optional(),
    accessibility_results: z.array(z.unknown()).nullish(),
    error_message: z.string().max(100_000).nullish(),
    error_step_number: z.number().int().min(1).nullish(),
    error_screenshot_path: z.string().max(500).nullish(),
    initial_url: Url.nullish(),
    final_url: Url.nullish(),
    results_folder: z.string().max(500).nullish(),
    report_path: z.string().max(500).nullish(),
    retry_attempt: Count.optional(),
    racing_stats: JsonObject.nullish(),
    environment_info: JsonObject.nullish(),
    captured_downloads: z.array(z.unknown()).nullish(),
    downloads_folder: z.string().max(500).nullish(),
    trace_path: z.string().max(500).nullish(),
  })
  .strict()
export type SubmitResultInput = z.infer<typeof SubmitResultInput>

export const ListResultsQuery = listQuery(['created_at', 'started_at', 'duration_ms', 'iteration_number'], {
  test_run_id: Id.optional(),
  test_run_item_id: Id.optional(),
  test_case_id: Id.optional(),
  status: ResultStatus.optional(),
})
  .extend({ sort_order: z.enum(['asc', 'desc']).default('asc') })
  .refine((q) => q.test_run_id || q.test_run_item_id || q.test_case_id, {
    message: 'give test_run_id, test_run_item_id or test_case_id',
    path: ['test_run_id'],
  })

// ── Step results ────────────────────────────────────────────────────────────────────────────

export interface TestStepResult {
  id: string
  test_run_result_id: string
  step_number: number
  action: string
  description: string | null
  status: ResultStatus
  started_at: Timestamp | null
  completed_at: Timestamp | null
  duration_ms: number
  selector: string | null
  element_html: string | null
  input_value: string | null
  screenshot_path: string | null
  screenshot_url: string | null
  error_message: string | null
  error_stack_trace: string | null
  playwright_code: string | null
  window_id: string | null
  window_title: string | null
  /** Set when the primary selector failed and an alternative found the element. */
  healed_selector: string | null
  /** A suite's set-up or tear-down step; null for the test's own steps. */
  phase: SuiteHookPhase | null
  created_at: Timestamp
}

export const StepResultInput = z
  .object({
    id: Id.optional(),
    step_number: z.number().int().min(1),
    action: z.string().min(1).max(100),
    description: z.string().max(10_000).nullish(),
    status: ResultStatus,
    started_at: Timestamp.nullish(),
    completed_at: Timestamp.nullish(),
    duration_ms: Ms.optional(),
    selector: z.string().max(1000).nullish(),
    element_html: z.string().max(100_000).nullish(),
    input_value: z.string().max(100_000).nullish(),
    screenshot_path: z.string().max(500).nullish(),
    screenshot_url: z.string().max(500).nullish(),
    error_message: z.string().max(100_000).nullish(),
    error_stack_trace: z.string().max(100_000).nullish(),
    playwright_code: z.string().max(100_000).nullish(),
    window_id: z.string().max(100).nullish(),
    window_title: z.string().max(500).nullish(),
    healed_selector: z.string().max(1000).nullish(),
    phase: SuiteHookPhase.nullish(),
  })
  .strict()
export type StepResultInput = z.infer<typeof StepResultInput>

export const AddStepResultsInput = z
  .object({ test_run_result_id: Id, steps: z.array(StepResultInput).min(1).max(10_000) })
  .strict()

// ── Checkpoint results ──────────────────────────────────────────────────────────────────────

export interface PropertyVerification {
  property_name: string
  expected_value: unknown
  actual_value: unknown
  passed: boolean
  operator: string
}

export interface CheckpointResult {
  id: string
  test_run_result_id: string
  test_step_result_id: string | null
  checkpoint_name: string
  checkpoint_type: CheckpointType
  status: 'passed' | 'failed'
  selector: string | null
  profile: string | null
  expected_properties: Record<string, unknown> | null
  actual_properties: Record<string, unknown> | null
  failed_properties: string[] | null
  property_verifications: PropertyVerification[] | null
  screenshot_index: number | null
  baseline_screenshot_path: string | null
  actual_screenshot_path: string | null
  diff_screenshot_path: string | null
  diff_percentage: number | null
  error_message: string | null
  created_at: Timestamp
}

export const PropertyVerificationInput = z
  .object({
    property_name: z.string().min(1).max(255),
    expected_value: z.unknown(),
    actual_value: z.unknown(),
    passed: z.boolean(),
    operator: z.string().min(1).max(50),
  })
  .strict()

export const CheckpointResultInput = z
  .object({
    id: Id.optional(),
    test_step_result_id: Id.nullish(),
    checkpoint_name: Name,
    checkpoint_type: CheckpointType,
    status: CheckpointStatus,
    selector: z.string().max(1000).nullish(),
    profile: CheckpointProfile.nullish(),
    expected_properties: JsonObject.nullish(),
    actual_properties: JsonObject.nullish(),
    failed_properties: z.array(z.string()).nullish(),
    property_verifications: z.array(PropertyVerificationInput).nullish(),
    screenshot_index: z.number().int().min(0).nullish(),
    baseline_screenshot_path: z.string().max(500).nullish(),
    actual_screenshot_path: z.string().max(500).nullish(),
    diff_screenshot_path: z.string().max(500).nullish(),
    diff_percentage: z.number().min(0).max(100).nullish(),
    error_message: z.string().max(100_000).nullish(),
  })
  .strict()
export type CheckpointResultInput = z.infer<typeof CheckpointResultInput>

export const AddCheckpointsInput = z
  .object({ test_run_result_id: Id, checkpoints: z.array(CheckpointResultInput).min(1).max(10_000) })
  .strict()

// ── Script results ──────────────────────────────────────────────────────────────────────────

export interface ScriptResult {
  id: string
  test_run_result_id: string
  test_script_id: string | null
  script_name: string
  script_type: (typeof SCRIPT_RESULT_TYPES)[number]
  script_language: string | null
  status: ResultStatus
  exit_code: number | null
  duration_ms: number
  stdout: string | null
  stderr: string | null
  /** What the script returned, as text (JSON for anything but a string). */
  return_value: string | null
  error_message: string | null
  is_critical: boolean
  attached_to_step: number | null
  executed_at: Timestamp | null
  created_at: Timestamp
}

export const ScriptResultInput = z
  .object({
    id: Id.optional(),
    test_script_id: Id.nullish(),
    script_name: Name,
    script_type: z.enum(SCRIPT_RESULT_TYPES),
    script_language: z.enum(['python', 'javascript', 'shell']).nullish(),
    status: ResultStatus,
    exit_code: z.number().int().nullish(),
    duration_ms: Ms.optional(),
    stdout: z.string().max(1_000_000).nullish(),
    stderr: z.string().max(1_000_000).nullish(),
    return_value: z.string().max(1_000_000).nullish(),
    error_message: z.string().max(100_000).nullish(),
    is_critical: z.boolean().optional(),
    attached_to_step: z.number().int().min(1).nullish(),
    executed_at: Timestamp.nullish(),
  })
  .strict()
export type ScriptResultInput = z.infer<typeof ScriptResultInput>

export const AddScriptResultInput = z.object({ test_run_result_id: Id, script: ScriptResultInput }).strict()

// ── Console and network logs ────────────────────────────────────────────────────────────────

export interface ConsoleLog {
  id: string
  test_run_result_id: string
  log_level: LogLevel
  message: string
  source: string | null
  line_number: number | null
  column_number: number | null
  stack_trace: string | null
  step_index: number | null
  timestamp: Timestamp
  created_at: Timestamp
}

export const ConsoleLogInput = z
  .object({
    log_level: LogLevel,
    message: z.string().max(100_000),
    source: z.string().max(500).nullish(),
    line_number: z.number().int().min(0).nullish(),
    column_number: z.number().int().min(0).nullish(),
    stack_trace: z.string().max(100_000).nullish(),
    step_index: z.number().int().min(0).nullish(),
    timestamp: Timestamp,
  })
  .strict()
export type ConsoleLogInput = z.infer<typeof ConsoleLogInput>

export interface NetworkLog {
  id: string
  test_run_result_id: string
  url: string
  method: string
  status_code: number | null
  status_text: string | null
  request_headers: Record<string, string> | null
  response_headers: Record<string, string> | null
  request_body_preview: string | null
  response_body_preview: string | null
  content_type: string | null
  content_length: number | null
  resource_type: string | null
  timestamp: Timestamp
  duration_ms: number | null
  ttfb_ms: number | null
  error_message: string | null
  step_index: number | null
  created_at: Timestamp
}

export const NetworkLogInput = z
  .object({
    url: z.string().min(1).max(2000),
    method: z.string().min(1).max(10),
    status_code: z.number().int().min(0).max(999).nullish(),
    status_text: z.string().max(100).nullish(),
    request_headers: z.record(z.string(), z.string()).nullish(),
    response_headers: z.record(z.string(), z.string()).nullish(),
    request_body_preview: z.string().max(100_000).nullish(),
    response_body_preview: z.string().max(100_000).nullish(),
    content_type: z.string().max(200).nullish(),
    content_length: z.number().int().min(0).nullish(),
    resource_type: z.string().max(50).nullish(),
    timestamp: Timestamp,
    duration_ms: Ms.nullish(),
    ttfb_ms: Ms.nullish(),
    error_message: z.string().max(100_000).nullish(),
    step_index: z.number().int().min(0).nullish(),
  })
  .strict()
export type NetworkLogInput = z.infer<typeof NetworkLogInput>

export const AddConsoleLogsInput = z
  .object({ test_run_result_id: Id, logs: z.array(ConsoleLogInput).min(1).max(100_000) })
  .strict()
export const AddNetworkLogsInput = z
  .object({ test_run_result_id: Id, logs: z.array(NetworkLogInput).min(1).max(100_000) })
  .strict()

export const ListLogsQuery = listQuery(['timestamp'], {
  test_run_result_id: Id,
  log_level: z.union([LogLevel, z.array(LogLevel).min(1)]).optional(),
  step_index: z.number().int().min(0).optional(),
})
  .omit({ search: true })
  .extend({ sort_order: z.enum(['asc', 'desc']).default('asc'), limit: z.number().int().min(1).max(10_000).default(1000), search: z.string().trim().min(1).max(255).optional() })

export const ListNetworkLogsQuery = listQuery(['timestamp', 'duration_ms', 'status_code'], {
  test_run_result_id: Id,
  status_code: z.number().int().optional(),
  failed_only: z.boolean().optional(),
  step_index: z.number().int().min(0).optional(),
}).extend({ sort_order: z.enum(['asc', 'desc']).default('asc'), limit: z.number().int().min(1).max(10_000).default(1000) })

// ── History, bundles, transitions, artifacts ────────────────────────────────────────────────

export interface ExecutionHistoryEntry {
  id: string
  test_case_id: string
  test_run_id: string | null
  test_run_result_id: string | null
  status: ResultStatus
  executed_at: Timestamp
  duration_ms: number
  total_steps: number
  passed_steps: number
  failed_steps: number
  pass_rate: number
  error_message: string | null
  run_name: string | null
  is_scheduled: boolean
  retry_attempt: number
  iteration_number: number | null
  created_at: Timestamp
}

export interface ExecutionBundle {
  id: string
  test_group_id: string
  test_run_id: string | null
  test_run_item_id: string | null
  execution_ids: string[]
  created_at: Timestamp
  updated_at: Timestamp
}

/** A bundle as the contract gives it: with its data group's name, so no caller looks it up. */
export interface ExecutionBundleView extends ExecutionBundle {
  /** The data set's name; null when the group is a test case run without a data set. */
  data_group_name: string | null
}

export interface StateTransition {
  id: string
  entity_type: 'run' | 'item'
  entity_id: string
  /** The run the entity belongs to (the run itself for a run's transitions). */
  test_run_id: string
  from_status: string | null
  to_status: string
  reason: string | null
  created_at: Timestamp
}

export interface Artifact {
  id: string
  sha256: string
  /** Relative to the data directory. */
  path: string
  size: number
  mime: string
  created_at: Timestamp
}

// ── Visual baselines ────────────────────────────────────────────────────────────────────────

/** The image a visual checkpoint compares with, per test case, checkpoint name, browser and viewport. */
export interface VisualBaseline {
  id: string
  test_case_id: string
  name: string
  browser: string
  /** `1280x720`, or `none` when the context had no fixed viewport. */
  viewport: string
  sha256: string
  /** The PNG, relative to the data directory. */
  path: string
  /** The checkpoint result it was accepted from; null when a first run created it. */
  accepted_from: string | null
  created_at: Timestamp
  updated_at: Timestamp
}
