// What the engine takes and gives back. Store-agnostic: the caller maps its test steps in and
// persists the outcome (step results, checkpoints, logs, screenshots, downloads) as it likes.
import type { BrowserContext } from 'playwright'
import type {
  CheckpointResultInput,
  ConsoleLogInput,
  NetworkLogInput,
  ScreenshotPolicy,
  ScriptResultInput,
  StepResultInput,
} from '../../../shared/model/execution'
import type { SuiteHookPhase } from '../../../shared/model/definition'
import type { StepTarget } from '../../../shared/steps'
import type { Masker } from './masking'
import type { TestScript } from '../../../shared/model/definition'

/** A step's time limit when neither the step nor its test case sets one. */
export const DEFAULT_STEP_TIMEOUT_MS = 10_000

export interface EngineStep {
  /** 1-based position in its test case. */
  step_number: number
  action: string
  target: StepTarget | null
  value: string | null
  options: Record<string, unknown>
  description: string | null
  disabled: boolean
  /** Set on a suite's set-up or tear-down step (numbered within its phase). */
  phase?: SuiteHookPhase
}

/** One suite's set-up or tear-down steps, as a test runs them. */
export interface SuiteHookSteps {
  suiteName: string
  steps: EngineStep[]
}

/** A test script as the engine runs it (see ./scripts); `attached_to_step` is 1-based. */
export type EngineScript = Pick<TestScript, 'name' | 'script_type' | 'language' | 'run_in' | 'source' | 'is_critical' | 'timeout_ms' | 'attached_to_step'> & { id: string | null }

export type DialogResponse = 'accept' | 'dismiss'

/** How dialogs no `dialog` step spoke for are answered. Alerts are always accepted. */
export interface DialogPolicy {
  confirm?: DialogResponse
  prompt?: DialogResponse
  /** Answer for accepted prompts; default: the prompt's own default value. */
  promptText?: string
  beforeunload?: DialogResponse
}

/** The test a call_test step runs: its steps, and how results name it. */
export interface CalledTest {
  id?: string
  name: string
  steps: EngineStep[]
}

export interface RunTestInput {
  /** Created, and closed after the run, by the caller. */
  context: BrowserContext
  steps: EngineStep[]
  /** Suites' set-up steps, outermost suite first: run before the start URL and the steps. */
  setup?: SuiteHookSteps[]
  /** Suites' tear-down steps, innermost suite first: run after the steps, also after a failure. */
  teardown?: SuiteHookSteps[]
  /** Pre-execution scripts run after the start URL opened, on-demand ones after their step, post-execution ones last. */
  scripts?: EngineScript[]
  startUrl?: string | null
  /** Relative URLs (start URL, navigate steps) resolve against it. */
  baseUrl?: string | null
  variables: Record<string, string>
  /** Values masked everywhere in the outcome. */
  secrets: string[]
  /** The mask for `secrets`, when the caller built it already (it also masks what it stores). */
  mask?: Masker
  /** Default 10 000. */
  stepTimeoutMs?: number
  /** For navigations; default max(30 000, stepTimeoutMs). */
  navigationTimeoutMs?: number
  /** The whole test; when it runs out the current step fails and the rest are skipped. */
  testTimeoutMs?: number | null
  screenshots: ScreenshotPolicy
  /** Aborted = cancel: the current step fails 'Cancelled' at once, the rest are skipped. */
  signal?: AbortSignal
  /** Checked after each step: true = finish here, the remaining steps are skipped. */
  stopAfterStep?: () => boolean
  /** Another test case for call_test, by id or name; throw to say why it cannot be called. */
  resolveTest?: (idOrName: string) => Promise<CalledTest>
  /** This test's id and name, so a call_test back to it is caught as recursion. */
  testId?: string | null
  testName?: string | null
  /** Upload paths resolve against it (default: the working directory). */
  filesRoot?: string | null
  /** Downloads are saved here; without it they stay in Playwright's temporary folder. */
  downloadsDir?: string | null
  dialogs?: DialogPolicy
  /** Baselines of visual checkpoints; without it every visual checkpoint makes a new one. */
  baselines?: VisualBaselines
  onStepStart?: (step: EngineStep) => void
  onStepEnd?: (result: StepOutcome) => void
}

export interface HealedTarget {
  /** Which of the step's targets: 'target', or 'options.to' for a drag's drop target. */
  field: 'target' | 'options.to'
  selector: string
  /** The alternative that found the element; the tester may accept it as the new selector. */
  healed_selector: string
  /** Where the step is: its number in its own test, and that test when a call_test ran it. */
  step?: { number: number; called_test_id: string | null; called: boolean }
}

/**
 * Where a step's time went: inside Playwright calls (the browser, explicit waits, and for a
 * call_test step the called steps) vs TestDesk's own work, overhead = total - playwright.
 */
export interface StepTimings {
  total_ms: number
  playwright_ms: number
  overhead_ms: number
}

export interface StepOutcome extends StepResultInput {
  /** '4' for a test's own step; '4.2' for step 2 of the test that step 4 called. */
  step_path: string
  screenshot?: Buffer
  /** The name of a screenshot step's picture. */
  screenshot_name?: string | null
  checkpoints: CheckpointResultInput[]
  /** What the step produced: a variable's new value, a script's result, the options selected. */
  output?: string | null
  healing: HealedTarget[]
  timings: StepTimings
  /** Images of the step's visual checkpoints. */
  visuals?: VisualCapture[]
}

/** Which baseline a visual checkpoint compares with: one per name, browser and viewport. */
export interface VisualBaselineKey {
  name: string
  browser: string
  /** `1280x720`, or `none` for a context without a fixed viewport. */
  viewport: string
}

export interface VisualBaselines {
  get(key: VisualBaselineKey): Buffer | null | Promise<Buffer | null>
}

export interface VisualCapture {
  /** Index of its checkpoint in the step's `checkpoints`. */
  checkpoint: number
  key: VisualBaselineKey
  actual: Buffer
  baseline: Buffer | null
  diff: Buffer | null
  /** No baseline existed: `actual` becomes it. */
  created: boolean
}

export interface DialogRecord {
  type: string
  message: string
  response: DialogResponse
  prompt_text: string | null
  step_index: number | null
  window_id: string | null
  timestamp: string
}

export interface DownloadRecord {
  name: string
  size: number
  sha256: string
  /** Where the file is: in downloadsDir, else Playwright's temporary copy (gone with the context). */
  path: string
  url: string
  step_index: number | null
  error?: string
}

export interface TestOutcome {
  status: 'passed' | 'failed' | 'skipped'
  /** Set when the run did not go to its end on its own. */
  interrupted: 'cancelled' | 'stopped' | 'timed_out' | null
  steps: StepOutcome[]
  /** One result a script, in the order they ran (or were skipped); secrets masked. */
  scripts: ScriptResultInput[]
  /** A critical pre-execution script failed, so no step ran. */
  preScriptAborted: boolean
  consoleLogs: ConsoleLogInput[]
  networkLogs: NetworkLogInput[]
  dialogs: DialogRecord[]
  downloads: DownloadRecord[]
  initialUrl: string | null
  finalUrl: string | null
  errorMessage: string | null
  errorStepNumber: number | null
  errorScreenshot?: Buffer
  /** Variables at the end (set_variable and run_script add to them); secret values masked. */
  variables: Record<string, string>
  startedAt: string
  completedAt: string
  durationMs: number
}
