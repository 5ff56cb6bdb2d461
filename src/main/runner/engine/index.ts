// The step engine: runs a test case's steps in a Playwright browser context and returns what
// happened, for the orchestrator to store. Plain Node and Playwright: no Electron, no SQL.
import type { TestStep } from '../../../shared/model/definition'
import type { StepResultInput } from '../../../shared/model/execution'
import type { EngineStep, StepOutcome } from './types'

export { runTest } from './run-test'
export { DEFAULT_STEP_TIMEOUT_MS } from './types'
export type {
  CalledTest,
  DialogPolicy,
  DialogRecord,
  DialogResponse,
  DownloadRecord,
  EngineStep,
  HealedTarget,
  RunTestInput,
  StepOutcome,
  StepTimings,
  SuiteHookSteps,
  TestOutcome,
  VisualBaselineKey,
  VisualBaselines,
  VisualCapture,
} from './types'

/** A step outcome as the store's StepResultInput (the engine-only fields removed). */
export function stepResultOf(outcome: StepOutcome): StepResultInput {
  const { step_path: _path, screenshot: _shot, screenshot_name: _name, checkpoints: _checkpoints, visuals: _visuals, output: _output, healing: _healing, timings: _timings, ...result } = outcome
  return result
}

/** A test case's (or a suite's set-up or tear-down) stored steps as the engine runs them (positions count from 0, steps from 1). */
export function engineSteps(steps: readonly Omit<TestStep, 'test_case_id'>[]): EngineStep[] {
  return [...steps]
    .sort((a, b) => a.position - b.position)
    .map((step, i) => ({
      step_number: i + 1,
      action: step.action,
      target: step.target,
      value: step.value,
      options: step.options ?? {},
      description: step.description,
      disabled: step.disabled,
    }))
}
