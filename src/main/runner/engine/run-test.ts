// Runs one test case (one data iteration) in a browser context the caller owns, and returns
// everything that happened: step results, checkpoints, console and network logs, dialogs,
// downloads, URLs and the error a tester reads first. Persists nothing.
import { truncate } from '../../../shared/patterns'
import { resolveUrl, navigationFailure } from './actions'
import { browserGone, headline, StepFailure } from './failures'
import { runHooks } from './hooks'
import { runSteps, TOP_LEVEL } from './run-steps'
import { TestSession } from './session'
import type { RunTestInput, StepOutcome, TestOutcome } from './types'

async function openStartUrl(session: TestSession, startUrl: string): Promise<string | null> {
  const timeout = session.navigationTimeoutMs
  let url = startUrl
  try {
    url = resolveUrl(startUrl, session.input.baseUrl, 'about:blank')
    await session.guard(() => session.windows.page.goto(url, { timeout }), timeout + 5000)
    return null
  } catch (error) {
    return (error instanceof StepFailure ? error : navigationFailure(error, url, timeout)).message
  }
}

export async function runTest(input: RunTestInput): Promise<TestOutcome> {
  const startedAt = new Date()
  const started = performance.now()
  const session = new TestSession(input)
  const steps: StepOutcome[] = []
  const setup = input.setup ?? []
  const teardown = input.teardown ?? []
  let setupError: string | null = null
  let hookSetupFailure: string | null = null
  let teardownFailure: string | null = null
  try {
    await session.open()
    hookSetupFailure = await runHooks(session, setup, 'setup', steps, { skipAfterFailure: true })
    const startFailure = input.startUrl && !hookSetupFailure ? await openStartUrl(session, input.startUrl) : null
    if (startFailure) setupError = `Opening the start URL failed: ${startFailure}`
    // A failed set-up or start URL leaves the test's own steps unrun; tear-down still runs, as after any failure.
    await runSteps(session, input.steps, TOP_LEVEL, steps, hookSetupFailure !== null || startFailure !== null)
    teardownFailure = await runHooks(session, teardown, 'teardown', steps, { skipAfterFailure: false })
  } catch (error) {
    setupError ??= `The test could not run: ${browserGone(error) ? 'the browser is closed' : headline(error)}`
    // Every step still gets its (skipped) result, so the run shows what was not done.
    if (!steps.length) {
      session.halt('not_started', new StepFailure(setupError))
      await runHooks(session, setup, 'setup', steps, { skip: true, skipAfterFailure: true }).catch(() => undefined)
      await runSteps(session, input.steps, TOP_LEVEL, steps).catch(() => undefined)
      await runHooks(session, teardown, 'teardown', steps, { skip: true, skipAfterFailure: false }).catch(() => undefined)
    }
  } finally {
    session.detach()
  }

  // Cancel means now: downloads and response bodies still coming get only a moment.
  const hurry = session.halted?.kind === 'cancelled'
  await session.downloads.settle(hurry ? 100 : Math.min(session.navigationTimeoutMs, 10_000))
  const [networkLogs] = await Promise.all([session.network.finish(hurry ? 100 : 1000), session.settleTitles(hurry ? 100 : 1000)])
  // A download's event can arrive after its step ended; the request that fetched it cannot.
  for (const download of session.downloads.records) {
    const request = networkLogs.find((log) => log.url === download.url)
    if (request) download.step_index = request.step_index ?? download.step_index
  }

  const failedStep = steps.find((s) => s.status === 'failed' && !s.phase && s.step_path === String(s.step_number))
  let errorMessage = hookSetupFailure ?? setupError
  if (!errorMessage && failedStep) errorMessage = `Step ${failedStep.step_number} (${failedStep.description}): ${failedStep.error_message}`
  if (!errorMessage && session.halted) errorMessage = session.halted.failure.message
  // A tear-down failure fails the test in its own words, after whatever failed before it.
  if (teardownFailure) errorMessage = errorMessage ? `${errorMessage}\n${teardownFailure}` : teardownFailure
  const failedHook = steps.find((s) => s.status === 'failed' && s.phase && s.screenshot)
  const ran = steps.some((s) => s.status !== 'skipped')
  const status: TestOutcome['status'] = errorMessage ? 'failed' : session.skippedByStop > 0 || !ran ? 'skipped' : 'passed'
  const halted = session.halted?.kind
  const interrupted = halted === 'cancelled' ? 'cancelled' : halted === 'timed_out' ? 'timed_out' : session.skippedByStop > 0 ? 'stopped' : null

  const window = session.windows.current
  const finalUrl = window ? window.page.url() : null
  const completed = performance.now()
  const logs = session.mask.deep({
    consoleLogs: session.consoleLogs.logs,
    networkLogs,
    dialogs: session.dialogs.records,
    downloads: session.downloads.records,
    initialUrl: session.windows.firstUrl ? truncate(session.windows.firstUrl, 2000) : null,
    finalUrl: finalUrl && finalUrl !== 'about:blank' ? truncate(finalUrl, 2000) : null,
    errorMessage: errorMessage ? truncate(errorMessage, 100_000) : null,
    variables: session.variables,
  })
  return {
    status,
    interrupted,
    steps: [...steps],
    ...logs,
    errorStepNumber: failedStep?.step_number ?? null,
    ...(failedStep?.screenshot ? { errorScreenshot: failedStep.screenshot } : failedHook?.screenshot ? { errorScreenshot: failedHook.screenshot } : {}),
    startedAt: startedAt.toISOString(),
    completedAt: new Date(startedAt.getTime() + (completed - started)).toISOString(),
    durationMs: Math.round(completed - started),
  }
}
