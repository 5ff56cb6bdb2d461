// `results`, `stepResults`, `checkpoints`, `scriptResults`, `logs`, `history`, `bundles`: what
// executions produced. Results are records: they are added and read, never edited.
import { z } from 'zod'
import { ById, Id, type Page } from '../model/common'
import { SuitePath } from '../model/definition'
import {
  AddCheckpointsInput,
  AddConsoleLogsInput,
  AddNetworkLogsInput,
  AddScriptResultInput,
  AddStepResultsInput,
  CheckpointStatus,
  ListLogsQuery,
  ListNetworkLogsQuery,
  ListResultsQuery,
  ResultStatus,
  SubmitResultInput,
  type CheckpointResult,
  type ConsoleLog,
  type ExecutionBundleView,
  type ExecutionHistoryEntry,
  type NetworkLog,
  type ScriptResult,
  type TestRunResult,
  type TestStepResult,
  type VisualBaseline,
} from '../model/execution'
import { method, returns, type Namespace } from './contract'

const ByResult = z.object({ test_run_result_id: Id }).strict()

export const results = {
  /** Adds a result and rolls statistics up to its item and run. */
  submit: method(SubmitResultInput.extend({ completes_item: z.boolean().optional() }), returns<TestRunResult>()),
  get: method(ById, returns<TestRunResult>()),
  list: method(ListResultsQuery, returns<Page<TestRunResult>>()),
} satisfies Namespace

export const stepResults = {
  add: method(AddStepResultsInput, returns<TestStepResult[]>()),
  list: method(ByResult.extend({ status: ResultStatus.optional() }), returns<TestStepResult[]>()),
  get: method(ByResult.extend({ step_number: z.number().int().min(1) }), returns<TestStepResult>()),
} satisfies Namespace

export const checkpoints = {
  add: method(AddCheckpointsInput, returns<CheckpointResult[]>()),
  list: method(ByResult.extend({ status: CheckpointStatus.optional() }), returns<CheckpointResult[]>()),
  /** Makes a visual checkpoint result's screenshot the baseline its later runs compare with. */
  acceptBaseline: method(ById, returns<VisualBaseline>()),
  /** A test case's visual baselines, per name, browser and viewport. */
  baselines: method(z.object({ test_case_id: Id }).strict(), returns<VisualBaseline[]>()),
} satisfies Namespace

export const scriptResults = {
  add: method(AddScriptResultInput, returns<ScriptResult>()),
  list: method(ByResult, returns<ScriptResult[]>()),
} satisfies Namespace

export const logs = {
  addConsole: method(AddConsoleLogsInput, returns<{ added: number }>()),
  addNetwork: method(AddNetworkLogsInput, returns<{ added: number }>()),
  console: method(ListLogsQuery, returns<Page<ConsoleLog>>()),
  network: method(ListNetworkLogsQuery, returns<Page<NetworkLog>>()),
} satisfies Namespace

export interface HistoryStatistics {
  total_executions: number
  passed: number
  failed: number
  skipped: number
  overall_pass_rate: number
  avg_duration_ms: number
  flaky_runs: number
  flaky_rate: number
}

export interface TestCaseHistory {
  test_case_id: string
  test_case_name: string
  history: ExecutionHistoryEntry[]
  total: number
  limit: number
  offset: number
  statistics: HistoryStatistics
}

/** One run in a suite's trend, counting only the suite's tests (and its descendants'). */
export interface SuiteTrendPoint {
  test_run_id: string
  run_name: string
  run_number: number
  run_status: string
  /** When the run started (its creation time if it never started). */
  executed_at: string
  tests: number
  passed: number
  failed: number
  skipped: number
  no_run: number
  /** Passed only on a retry. */
  flaky: number
  pass_rate: number
  /** Whether the run held the suite's tests only (then the suite's duration is the run's). */
  whole_run: boolean
  /** The suite's duration in that run: the run's duration when whole_run, else tests_duration_ms. */
  duration_ms: number
  /** Sum of the suite's tests' durations in that run. */
  tests_duration_ms: number
  /** The whole run's duration, as `runs` and reports show it. */
  run_duration_ms: number
}

export interface SuiteTrend {
  suite_id: string
  suite_name: string
  suite_path: string[]
  /** Newest run first. */
  runs: SuiteTrendPoint[]
  statistics: {
    runs: number
    /** Mean of the runs' pass rates. */
    avg_pass_rate: number
    /** Passed tests over all tests of those runs. */
    overall_pass_rate: number
    avg_duration_ms: number
    flaky_rate: number
  }
}

export const SuiteTrendInput = z
  .object({
    suite_id: Id.optional(),
    suite_path: SuitePath.optional(),
    project_id: Id.optional(),
    limit: z.number().int().min(1).max(100).default(10),
  })
  .strict()
  .refine((q) => !!q.suite_id !== !!q.suite_path, { message: 'give suite_id or suite_path (one of them)', path: ['suite_id'] })

export const history = {
  forTestCase: method(
    z.object({ test_case_id: Id, limit: z.number().int().min(1).max(100).default(10), offset: z.number().int().min(0).default(0) }).strict(),
    returns<TestCaseHistory>(),
  ),
  /** Pass rate and duration of a suite (with its descendants) over its last runs. */
  suiteTrend: method(SuiteTrendInput, returns<SuiteTrend>()),
} satisfies Namespace

export const bundles = {
  /** By data group (a data set's id; a test case's for one run without a data set), by run, or both. */
  list: method(
    z
      .object({ test_group_id: z.string().min(1).optional(), test_run_id: Id.optional() })
      .strict()
      .refine((q) => q.test_group_id !== undefined || q.test_run_id !== undefined, { message: 'give test_group_id (a data group) or test_run_id', path: ['test_group_id'] }),
    returns<ExecutionBundleView[]>(),
  ),
  get: method(ById, returns<ExecutionBundleView>()),
} satisfies Namespace
