// Suites' set-up and tear-down around a test's own steps, in the same page and session: each
// suite's list runs as a test's steps do (a failure skips the rest of that list); results are
// marked with their phase and numbered through the phase, described with their suite's name.
import type { SuiteHookPhase } from '../../../shared/model/definition'
import { runSteps } from './run-steps'
import type { TestSession } from './session'
import type { StepOutcome, SuiteHookSteps } from './types'

const WORDS: Record<SuiteHookPhase, string> = { setup: 'Set-up', teardown: 'Tear-down' }

/**
 * Runs every suite's list of one phase in order, appending results to `out`. Returns the first
 * failure as a tester reads it ("Set-up failed at step 2 of suite 'Todos': …"), or null.
 * `skipAfterFailure`: a failed suite's set-up skips the lists after it (set-up); tear-down runs
 * every suite's list whatever happened before, as afterEach hooks do.
 */
export async function runHooks(
  session: TestSession,
  hooks: readonly SuiteHookSteps[],
  phase: SuiteHookPhase,
  out: StepOutcome[],
  options: { skip?: boolean; skipAfterFailure: boolean },
): Promise<string | null> {
  let failure: string | null = null
  let offset = 0
  for (const hook of hooks) {
    const steps = hook.steps.map((step, i) => ({ ...step, step_number: offset + i + 1, phase }))
    const scope = { prefix: `${phase}.`, rootStep: null, label: hook.suiteName, phase }
    const skip = !!options.skip || (options.skipAfterFailure && failure !== null)
    const failed = await runSteps(session, steps, scope, out, skip)
    if (failed && !failure) {
      failure = `${WORDS[phase]} failed at step ${failed.step_number - offset} of suite '${hook.suiteName}': ${failed.error_message ?? 'the step failed'}`
    }
    offset += steps.length
  }
  return failure
}
