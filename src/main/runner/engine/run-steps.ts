// Runs a list of steps in order, each to a result: replaces variables, checks the step against
// the catalogue, runs its action within its timeout, and records what happened (error in a
// tester's words, element HTML, screenshot, window, timings), secrets masked. A failure skips
// the rest unless the step says continue_on_failure. call_test runs another test's steps here.
import type { SuiteHookPhase } from '../../../shared/model/definition'
import { describeStep, interpolateStep, parseStep, playwrightCode, UnknownVariableError } from '../../../shared/steps'
import { truncate } from '../../../shared/patterns'
import { ACTION_HANDLERS, resolveUrl } from './actions'
import { unverifiedCheckpoint } from './checkpoints'
import { outerHtml } from './element'
import { BROWSER_CLOSED, browserGone, headline, isTimeout, stackOf, StepFailure, WINDOW_CLOSED } from './failures'
import { selectorError } from './locate'
import type { TestSession } from './session'
import { StepRun } from './step-run'
import type { CalledTest, EngineStep, StepOutcome } from './types'
import type { TitleClaim } from './windows'

/** Where a list of steps sits: a test's own steps, or those of a test called by step `rootStep`. */
export interface StepScope {
  prefix: string
  rootStep: number | null
  /** The called test's (or the set-up's suite's) name, prefixed to its steps' descriptions. */
  label: string | null
  /** The called test's id (healed selectors are suggested to its steps, not the caller's). */
  calledTestId?: string | null
  /** Set for a suite's set-up or tear-down steps, and the steps of tests they call. */
  phase?: SuiteHookPhase
}

export const TOP_LEVEL: StepScope = { prefix: '', rootStep: null, label: null }

const MAX_CALL_DEPTH = 10
/** A backstop beyond a step's own timeout, for calls that carry none (see TestSession.guard). */
const GRACE_MS = 5000

/**
 * Runs `steps`, appending every result to `out`; returns the first failed result, if any.
 * `skip`: record every step as skipped without running it (its set-up failed).
 */
export async function runSteps(session: TestSession, steps: readonly EngineStep[], scope: StepScope, out: StepOutcome[], skip = false): Promise<StepOutcome | null> {
  let firstFailure: StepOutcome | null = null
  let halted = skip
  for (const step of steps) {
    if (halted || session.halted || session.stopped || step.disabled) {
      const skipped = skippedOutcome(session, step, scope)
      out.push(skipped)
      if (session.stopped && !step.disabled) session.skippedByStop++
      session.input.onStepEnd?.(skipped)
      continue
    }
    const outcome = await runStep(session, step, scope, out)
    if (scope === TOP_LEVEL && session.afterStep) await session.afterStep(step, outcome)
    if (outcome.status === 'failed') {
      firstFailure ??= outcome
      if (!step.options?.continue_on_failure) halted = true
    }
    if (session.input.stopAfterStep?.()) session.stopped = true
  }
  return firstFailure
}

/** The phase field of a result: only set-up and tear-down results carry one. */
function phaseOf(scope: StepScope): { phase?: SuiteHookPhase } {
  return scope.phase ? { phase: scope.phase } : {}
}

function describe(step: EngineStep, scope: StepScope): string {
  const words = step.description?.trim() || describeStep(step)
  return truncate(scope.label ? `${scope.label} › ${words}` : words, 10_000)
}

/** The absolute URL a navigate step opens, for its shown code; null when it cannot open one. */
function urlToOpen(session: TestSession, value: string | null | undefined): string | null {
  try {
    return resolveUrl(value ?? '', session.input.baseUrl, session.windows.current.page.url())
  } catch {
    return null
  }
}

/**
 * The step as results show it: variables replaced by their masked values, so that its
 * description and Playwright code never hold a secret in any spelling, whole or shortened.
 */
function shownStep(session: TestSession, step: EngineStep): EngineStep {
  try {
    return interpolateStep(step, session.shownVariables())
  } catch {
    // An unknown variable only matters if the step runs, which says so.
    return step
  }
}

function skippedOutcome(session: TestSession, step: EngineStep, scope: StepScope): StepOutcome {
  const shown = shownStep(session, step)
  return session.mask.deep({
    ...phaseOf(scope),
    step_number: scope.rootStep ?? step.step_number,
    step_path: `${scope.prefix}${step.step_number}`,
    action: step.action,
    description: describe(shown, scope),
    status: 'skipped',
    started_at: null,
    completed_at: null,
    duration_ms: 0,
    selector: shown.target ? session.mask.clip(shown.target.selector, 1000) : null,
    element_html: null,
    input_value: null,
    screenshot_path: null,
    screenshot_url: null,
    error_message: null,
    error_stack_trace: null,
    playwright_code: null,
    window_id: null,
    window_title: null,
    healed_selector: null,
    checkpoints: [],
    healing: [],
    output: null,
    timings: { total_ms: 0, playwright_ms: 0, overhead_ms: 0 },
  })
}

function failureOf(error: unknown, run: StepRun | null): StepFailure {
  if (error instanceof StepFailure) return error
  if (error instanceof UnknownVariableError) return new StepFailure(error.message, { cause: error })
  const gone = browserGone(error)
  if (gone) return new StepFailure(gone, { cause: error })
  const selector = run?.step.target?.selector
  const invalid = selector ? selectorError(error, selector) : null
  if (invalid) return invalid
  if (isTimeout(error) && run) {
    const detail = headline(error).replace(/^Timeout \d+ms exceeded\.?\s*/, '')
    return new StepFailure(`Timed out after ${run.timeoutMs} ms${detail ? `: ${detail}` : ''}`, { cause: error })
  }
  return new StepFailure(headline(error) || 'The step failed', { cause: error })
}

/** How long a step may run before the backstop ends it. */
function boundOf(run: StepRun): number {
  if (run.step.action === 'call_test') return Infinity
  const waitMs = run.step.action === 'wait' ? Number(run.options.ms ?? 0) : 0
  return run.timeoutMs + (Number.isFinite(waitMs) ? waitMs : 0) + GRACE_MS
}

async function runStep(session: TestSession, step: EngineStep, scope: StepScope, out: StepOutcome[]): Promise<StepOutcome> {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  if (scope.rootStep === null) session.clock.start(scope.phase ? null : step.step_number)
  session.input.onStepStart?.(step)
  const path = `${scope.prefix}${step.step_number}`
  // Pushed first so the steps of a called test follow the call_test step that ran them.
  const outcome = { step_number: scope.rootStep ?? step.step_number, step_path: path, ...phaseOf(scope) } as StepOutcome
  out.push(outcome)

  let resolved = step
  let run: StepRun | null = null
  let code: string | null = null
  let failure: StepFailure | null = null
  try {
    resolved = interpolateStep(step, session.variables)
    const { issues, options } = parseStep(resolved)
    if (issues.length) throw new StepFailure(`This step is not valid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`)
    const shown = shownStep(session, step)
    code = playwrightCode(shown, { frames: session.windows.frames, url: step.action === 'navigate' ? urlToOpen(session, shown.value) : null })
    const timeoutMs = options.timeout_ms ?? (step.action === 'navigate' ? session.navigationTimeoutMs : session.stepTimeoutMs)
    const current = new StepRun(session, resolved, options, timeoutMs)
    run = current
    const work = step.action === 'call_test' ? () => callTest(current, path, out, scope, outcome.step_number) : () => ACTION_HANDLERS[step.action as keyof typeof ACTION_HANDLERS](current)
    await session.guard(work, boundOf(current), step.action !== 'call_test')
  } catch (error) {
    failure = failureOf(error, run)
    if (failure.message === BROWSER_CLOSED && (await run?.pageClosedItself())) failure = new StepFailure(WINDOW_CLOSED, { cause: failure.cause ?? failure })
  } finally {
    run?.ended.abort()
  }

  const windows = session.windows
  const window = windows.current
  const usable = !session.halted && !window.crashed && !window.closed
  let screenshot = run?.screenshot
  let elementHtml = failure?.elementHtml ?? null
  let windowTitle: string | null
  const browserTime = async <T>(work: () => Promise<T>): Promise<T> => (run ? run.pw(work) : work())
  if (failure && usable && !elementHtml && run?.element) elementHtml = await browserTime(() => outerHtml(run!.element!.locator))
  const policy = session.input.screenshots
  const wantsShot = step.action !== 'screenshot' && step.action !== 'call_test' && (policy === 'every-step' || (failure && policy === 'on-failure'))
  if (wantsShot && usable) screenshot = await browserTime(() => window.page.screenshot({ timeout: 5000 }).catch(() => undefined))
  if (step.action === 'call_test' && failure) screenshot = out.slice(out.indexOf(outcome) + 1).find((o) => o.status === 'failed' && o.screenshot)?.screenshot
  // An interrupted run reports what it knows rather than wait on the browser. A failed step
  // reads the title now; a passing one claims it, filled in when the test is over (see
  // Windows.claimTitle), so that no step waits on a title.
  let claim: TitleClaim | null = null
  if (session.halted) windowTitle = window.title
  else if (failure && usable) windowTitle = await browserTime(() => windows.freshTitle(window, 500))
  else {
    windowTitle = window.title
    claim = windows.claimTitle(window)
  }

  if (failure && run && step.action === 'checkpoint' && !run.checkpoints.length) run.checkpoints.push(unverifiedCheckpoint(run, failure.message))
  const total = performance.now() - started
  // A call_test step's own overhead excludes the called steps, which report theirs.
  const calledMs = step.action === 'call_test'
    ? out.filter((o) => o.step_path.startsWith(`${path}.`) && !o.step_path.slice(path.length + 1).includes('.')).reduce((sum, o) => sum + (o.timings?.total_ms ?? 0), 0)
    : 0
  const playwrightMs = (run?.playwrightMs ?? 0) + calledMs
  const clip = (text: string, max: number) => session.mask.clip(text, max)
  const shown = shownStep(session, step)
  Object.assign(
    outcome,
    session.mask.deep({
      action: step.action,
      description: describe(shown, scope),
      status: failure ? 'failed' : 'passed',
      started_at: startedAt,
      completed_at: new Date().toISOString(),
      duration_ms: Math.round(total),
      selector: shown.target ? clip(shown.target.selector, 1000) : null,
      element_html: elementHtml,
      input_value: run?.inputValue ?? null,
      screenshot_path: null,
      screenshot_url: null,
      error_message: failure ? clip(failure.message, 100_000) : null,
      error_stack_trace: failure ? clip(stackOf(failure) ?? '', 100_000) || null : null,
      playwright_code: code,
      window_id: window.id,
      window_title: windowTitle === null ? null : clip(windowTitle, 500),
      healed_selector: run?.healing.find((h) => h.field === 'target')?.healed_selector ?? null,
      checkpoints: run?.checkpoints ?? [],
      healing: (run?.healing ?? []).map((h) => ({ ...h, step: { number: step.step_number, called_test_id: scope.calledTestId ?? null, called: scope.rootStep !== null || !!scope.phase } })),
      output: run?.output === null || run?.output === undefined ? null : clip(run.output, 100_000),
      screenshot_name: run?.screenshotName ?? null,
      timings: { total_ms: total, playwright_ms: playwrightMs, overhead_ms: Math.max(0, total - playwrightMs) },
    }),
    screenshot ? { screenshot } : {},
    run?.visuals.length ? { visuals: run.visuals } : {},
  )
  if (claim) session.titleClaims.push({ claim, outcome })
  session.input.onStepEnd?.(outcome)
  return outcome
}

/** Runs the called test's steps after this one; fails naming the first of them that failed. */
async function callTest(run: StepRun, path: string, out: StepOutcome[], caller: StepScope, stepNumber: number): Promise<void> {
  const session = run.session
  const name = (run.step.value ?? '').trim()
  const resolveTest = session.input.resolveTest
  if (!resolveTest) throw new StepFailure(`Cannot call test '${name}': this run has no way to look up other tests`)
  const chain = session.callStack
  const shown = (ids: string[]) => ids[ids.length - 1] ?? 'this test'
  if (chain.some((ids) => ids.includes(name))) {
    throw new StepFailure(`Test '${name}' would call itself: ${[...chain.map(shown), name].join(' → ')}`)
  }
  if (chain.length > MAX_CALL_DEPTH) throw new StepFailure(`Tests call each other more than ${MAX_CALL_DEPTH} deep: ${[...chain.map(shown), name].join(' → ')}`)
  let called: CalledTest
  try {
    called = await run.bounded(() => resolveTest(name), `Looking up test '${name}' took longer than ${run.timeoutMs} ms`)
  } catch (error) {
    if (error instanceof StepFailure) throw error
    throw new StepFailure(`Cannot call test '${name}': ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  // Named as the test is, also when the step calls it by id; either catches recursion.
  chain.push([name, called.id, called.name].filter((s): s is string => !!s))
  try {
    // Results of called steps carry the number of the test's own step that called them.
    const scope: StepScope = { prefix: `${path}.`, rootStep: stepNumber, label: called.name, calledTestId: called.id ?? null, ...phaseOf(caller) }
    const failed = await runSteps(session, called.steps, scope, out)
    if (failed) throw new StepFailure(`Step ${failed.step_path.slice(scope.prefix.length)} of '${called.name}' failed: ${failed.error_message}`)
  } finally {
    chain.pop()
  }
}
