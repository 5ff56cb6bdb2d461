// How a run's figures read wherever they are shown (CLI, reports, the app): status words, the
// data-driven `Pass (X/Y)` label, durations, a run's outcome, and a failure said once. One place,
// so that no two views of the same run can word it differently.
import type { ItemStatus, RunStatus } from './model/execution'

const ITEM_WORDS: Record<ItemStatus, string> = {
  pending: 'Pending',
  queued: 'Queued',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
  no_run: 'No run',
}

/** reference/003: a data-driven item reads `Pass (X/Y)` or `Fail (X/Y)`, X iterations passed of Y. */
export function statusLabel(item: { status: ItemStatus; is_data_driven: boolean; passed_iterations: number; total_iterations: number }): string {
  if (item.is_data_driven && (item.status === 'passed' || item.status === 'failed')) {
    return `${item.status === 'passed' ? 'Pass' : 'Fail'} (${item.passed_iterations}/${item.total_iterations})`
  }
  return ITEM_WORDS[item.status]
}

/** A duration as people read it: 850 ms, 4.2 s, 3 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(1)} s`
  // Whole seconds first, so 119.6 s reads 2 min 0 s and never 1 min 60 s.
  const whole = Math.round(s)
  return `${Math.floor(whole / 60)} min ${whole % 60} s`
}

export type OutcomeTone = 'passed' | 'failed' | 'warning' | 'neutral'

/**
 * What a run came to, beyond its state: a run `completed` with a failed test is a failure to
 * the reader. The label names the state and what did not pass: "Completed: 1 of 32 failed".
 */
export function runOutcome(run: {
  status: RunStatus
  total_tests: number
  passed_tests: number
  failed_tests: number
  skipped_tests: number
  no_run_tests: number
}): { label: string; tone: OutcomeTone } {
  const state = run.status.charAt(0).toUpperCase() + run.status.slice(1)
  if (run.status === 'pending' || run.status === 'queued' || run.status === 'running') return { label: state, tone: 'neutral' }
  const of = run.total_tests
  const parts = [
    run.failed_tests ? `${run.failed_tests} failed` : '',
    run.skipped_tests ? `${run.skipped_tests} skipped` : '',
    run.no_run_tests ? `${run.no_run_tests} not run` : '',
  ].filter(Boolean)
  if (!parts.length) {
    const label = of ? `${state}: ${of === 1 ? 'the test' : `all ${of}`} passed` : `${state}: no tests`
    return { label, tone: run.status === 'completed' && of > 0 ? 'passed' : 'warning' }
  }
  const label = `${state}: ${parts.join(', ')} of ${of}`
  return { label, tone: run.failed_tests || run.status === 'failed' ? 'failed' : 'warning' }
}

export interface FailureShown {
  /** The failing step's number, when a step failed. */
  step: number | null
  /** The failing step's description. */
  step_text: string | null
  /** What went wrong, in the page's terms, once. */
  message: string
}

/**
 * A failed execution's error said once. The runner stores it as "Step 8 (Click 'Save'): <what
 * happened>" on the result and "<what happened>" on the step: shown as step 8, its description
 * and the step's message. A result error that says more than its step (a test timeout) is kept whole.
 */
export function failureShown(
  errorMessage: string | null,
  errorStepNumber: number | null,
  steps: readonly { number: number; status: string; description: string | null; action: string; error_message: string | null; phase?: string | null }[],
): FailureShown | null {
  // A failed set-up or tear-down step is no step of the test: the message names its suite and step.
  const failed = steps.filter((s) => s.status === 'failed' && !s.phase)
  const step = (errorStepNumber === null ? failed[0] : failed.find((s) => s.number === errorStepNumber)) ?? null
  const stepMessage = step?.error_message ?? null
  if (step && stepMessage && (!errorMessage || errorMessage === stepMessage || errorMessage.endsWith(`: ${stepMessage}`))) {
    return { step: step.number, step_text: step.description ?? step.action, message: stepMessage }
  }
  if (!errorMessage) return null
  return { step: step?.number ?? errorStepNumber, step_text: step ? (step.description ?? step.action) : null, message: errorMessage }
}

/** "Failed at step 8: Click 'Save'", or "Failed" when no step is known. */
export function failureHeading(failure: FailureShown): string {
  return failure.step === null ? 'Failed' : `Failed at step ${failure.step}${failure.step_text ? `: ${failure.step_text}` : ''}`
}
