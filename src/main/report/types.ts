// The shape of a run's report data: what every format (HTML, JUnit, JSON) is written from.
import type { ItemStatus, ResultStatus } from '../../shared/model/execution'
import type { FailureShown, OutcomeTone } from '../../shared/run-wording'

export interface ReportImage {
  sha256: string
  mime: string
  /** Absolute path of the file on disk. */
  file: string
  size: number
}

export interface ReportStep {
  number: number
  action: string
  description: string | null
  status: ResultStatus
  duration_ms: number
  selector: string | null
  healed_selector: string | null
  input_value: string | null
  window_title: string | null
  error_message: string | null
  /** Index into ReportData.images. */
  screenshot: number | null
  /** A suite's set-up or tear-down step (numbered within its phase); null for the test's own. */
  phase: 'setup' | 'teardown' | null
}

export interface ReportCheckpoint {
  name: string
  type: string
  /** What it checked in words: 'element', 'page title', 'page URL', 'page', or the type. */
  subject: string
  status: 'passed' | 'failed'
  selector: string | null
  step_number: number | null
  verifications: { property: string; operator: string; expected: unknown; actual: unknown; passed: boolean }[]
  expected: Record<string, unknown> | null
  actual: Record<string, unknown> | null
  failed_properties: string[]
  diff_percentage: number | null
  error_message: string | null
  images: { baseline: number | null; actual: number | null; diff: number | null }
}

export interface ReportConsoleLine {
  level: string
  message: string
  source: string | null
  line: number | null
  step: number | null
  timestamp: string
}

export interface ReportRequest {
  method: string
  url: string
  status_code: number | null
  status_text: string | null
  resource_type: string | null
  duration_ms: number | null
  error_message: string | null
  step: number | null
}

export interface ReportScript {
  name: string
  type: string
  language: string | null
  status: ResultStatus
  exit_code: number | null
  duration_ms: number
  stdout: string | null
  stderr: string | null
  error_message: string | null
  critical: boolean
}

export interface ReportTrace {
  /** Absolute path of the trace.zip on this machine. */
  file: string
  url: string
  /** The command that opens it in Playwright's trace viewer. */
  command: string
}

/** One execution: an attempt of a test, or one data iteration of an attempt. */
export interface ReportExecution {
  id: string
  attempt: number
  iteration: number | null
  data_row_index: number | null
  /** As stored: secret columns are already masked by the runner. */
  data: Record<string, unknown> | null
  status: ResultStatus
  started_at: string | null
  duration_ms: number
  error_message: string | null
  error_step_number: number | null
  /** For a failed execution, its error said once: the failing step and what happened there. */
  failure: FailureShown | null
  error_screenshot: number | null
  /** The Playwright trace kept for this execution. */
  trace: ReportTrace | null
  initial_url: string | null
  final_url: string | null
  steps: ReportStep[]
  checkpoints: ReportCheckpoint[]
  console: ReportConsoleLine[]
  network: ReportRequest[]
  scripts: ReportScript[]
}

export interface ReportTest {
  id: string
  test_case_id: string
  name: string
  /** Suite path without ROOT; empty for tests in no suite. */
  suite: string[]
  tags: string[]
  order: number
  status: ItemStatus
  /** `Pass (2/3)` for data-driven items, else the status in words. */
  label: string
  duration_ms: number
  flaky: boolean
  attempts: number
  data_driven: boolean
  iterations: { total: number; passed: number; failed: number }
  error_message: string | null
  error_step_number: number | null
  failure: FailureShown | null
  error_screenshot: number | null
  executions: ReportExecution[]
}

export interface ReportRun {
  id: string
  name: string
  number: number
  status: string
  /** The state and what did not pass, e.g. "Completed: 1 of 32 failed", with its colour. */
  outcome: { label: string; tone: OutcomeTone }
  created_at: string
  started_at: string | null
  completed_at: string | null
  duration_ms: number
  browser: string | null
  browser_version: string | null
  os: string | null
  viewport: string | null
  environment: string | null
  tags: string[]
  suite: string[] | null
  notes: string | null
  retry_count: number
  counts: { total: number; passed: number; failed: number; skipped: number; no_run: number; flaky: number }
  pass_rate: number
  steps: { total: number; passed: number; failed: number; skipped: number }
  checkpoints: { total: number; passed: number; failed: number }
}

export interface ReportData {
  generated_at: string
  app_version: string
  run: ReportRun
  tests: ReportTest[]
  images: ReportImage[]
}
