// Executions whose steps healed, stored as the runner stores them (persistExecution), for the
// tests of healings through the contract and the CLI.
import type { Core } from '../core'
import type { StepOutcome, TestOutcome } from '../runner/engine'
import { persistExecution } from '../runner/persist'
import { call } from './fixture-runs'

/** A passed step outcome; with `healing`, the targets that healed (its own first). */
export function stepOutcome(n: number, healing: StepOutcome['healing'] = []): StepOutcome {
  return {
    step_number: n,
    step_path: String(n),
    action: 'fill',
    status: 'passed',
    duration_ms: 5,
    selector: healing[0]?.selector ?? null,
    healed_selector: healing.find((h) => h.field === 'target')?.healed_selector ?? null,
    checkpoints: [],
    healing,
    timings: { total_ms: 5, playwright_ms: 5, overhead_ms: 0 },
  }
}

/** Step `n`'s target healed from `selector` to `healed`; `calledTestId` when a call_test ran it. */
export function healedStep(n: number, selector: string, healed: string, called?: { id: string | null }): StepOutcome {
  return stepOutcome(n, [{ field: 'target', selector, healed_selector: healed, step: { number: n, called_test_id: called?.id ?? null, called: !!called } }])
}

/** A started run of `testId` with one stored execution made of `steps`. */
export async function healedRun(core: Core, testId: string, steps: StepOutcome[]) {
  const created = await call(core, 'runs.create', { test_case_ids: [testId] })
  const run = await call(core, 'runs.start', { id: created.id })
  const [item] = (await call(core, 'runItems.list', { test_run_id: run.id })).items
  const now = new Date().toISOString()
  const outcome: TestOutcome = { status: 'passed', interrupted: null, steps, scripts: [], preScriptAborted: false, consoleLogs: [], networkLogs: [], dialogs: [], downloads: [], initialUrl: null, finalUrl: null, errorMessage: null, errorStepNumber: null, variables: {}, startedAt: now, completedAt: now, durationMs: 10 }
  const result = persistExecution(core.context.store, outcome, { runId: run.id, itemId: item.id, testCaseId: testId, attempt: 0, iteration: null, rowIndex: null, rowValues: null, completesItem: true, environmentInfo: {} })
  return { run, result }
}
