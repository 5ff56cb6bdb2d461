// Writes what one execution produced (a test, or one data iteration of it) in one transaction:
// the result with its counts, step results, checkpoint results, console and network logs, and
// screenshots, downloads and the trace as content-addressed artifacts. A finished execution is
// therefore either wholly stored or not at all, whatever happens to the process afterwards.
import { existsSync, readFileSync } from 'node:fs'
import type { ConsoleLogInput, ResultStatus, TestRunResult } from '../../shared/model/execution'
import { percentage } from '../../shared/model/states'
import type { Store } from '../store'
import type { HealingInput } from '../store/healings'
import { stepResultOf, type DialogRecord, type TestOutcome, type VisualBaselineKey } from './engine'
import { createMasker, type Masker } from './engine/masking'
import { scrubZip } from './scrub-files'

const NO_SECRETS = createMasker([])

export interface ExecutionContext {
  runId: string
  itemId: string
  testCaseId: string
  attempt: number
  iteration: number | null
  rowIndex: number | null
  rowValues: Record<string, string> | null
  completesItem: boolean
  environmentInfo: Record<string, unknown>
  /** Overrides the engine's verdict (a stopped test is recorded as skipped). */
  status?: ResultStatus
  errorMessage?: string | null
  trace?: Buffer | null
  /** Masks the iteration's secrets in the files kept (trace, downloads); none when absent. */
  mask?: Masker
}

export function persistExecution(store: Store, outcome: TestOutcome, context: ExecutionContext): TestRunResult {
  const mask = context.mask ?? NO_SECRETS
  // Files first (outside the transaction): content-addressed, so a crash leaves no broken row.
  const screenshotOf = outcome.steps.map((step) => (step.screenshot ? store.artifacts.save(step.screenshot, 'image/png').path : null))
  const errorScreenshot = outcome.errorScreenshot ? store.artifacts.save(outcome.errorScreenshot, 'image/png').path : null
  const downloads = outcome.downloads.map((download) => {
    const record = { name: download.name, size: download.size, sha256: download.sha256, url: download.url, step_index: download.step_index, path: null as string | null, error: download.error ?? null }
    if (!existsSync(download.path)) return { ...record, error: record.error ?? 'The downloaded file was not kept' }
    const artifact = store.artifacts.save(mask.bytes(readFileSync(download.path)), 'application/octet-stream', extensionOf(download.name))
    return { ...record, path: artifact.path }
  })
  const visuals = saveVisuals(store, outcome)
  // A trace whose entries cannot all be checked for secrets is not kept.
  const trace = context.trace ? scrubZip(context.trace, mask) : null
  const tracePath = trace ? store.artifacts.save(trace, 'application/zip', 'zip').path : null

  const steps = outcome.steps
  const count = (status: ResultStatus) => steps.filter((s) => s.status === status).length
  const checkpoints = steps.flatMap((s) => s.checkpoints)
  const passedCheckpoints = checkpoints.filter((c) => c.status === 'passed').length
  // The number of the test's own step that failed: a set-up or tear-down step numbers another list.
  const failedStep = steps.find((s) => s.status === 'failed' && !s.phase)
  const scripts = scriptCounts(outcome)

  return store.tx(() => {
    const result = store.results.submit(
      {
        test_run_id: context.runId,
        test_run_item_id: context.itemId,
        test_case_id: context.testCaseId,
        iteration_number: context.iteration,
        data_row_index: context.rowIndex,
        data_row_values: context.rowValues,
        status: context.status ?? outcome.status,
        started_at: outcome.startedAt,
        completed_at: outcome.completedAt,
        duration_ms: outcome.durationMs,
        total_steps: steps.length,
        passed_steps: count('passed'),
        failed_steps: count('failed'),
        skipped_steps: count('skipped'),
        pass_rate: percentage(count('passed'), steps.length),
        total_checkpoints: checkpoints.length,
        passed_checkpoints: passedCheckpoints,
        failed_checkpoints: checkpoints.length - passedCheckpoints,
        checkpoint_pass_rate: percentage(passedCheckpoints, checkpoints.length),
        ...scripts,
        pre_script_aborted: outcome.preScriptAborted,
        error_message: context.errorMessage !== undefined ? context.errorMessage : outcome.errorMessage,
        error_step_number: outcome.errorStepNumber ?? failedStep?.step_number ?? null,
        error_screenshot_path: errorScreenshot ?? (failedStep ? screenshotOf[steps.indexOf(failedStep)] : null),
        initial_url: truncate(outcome.initialUrl, 2000),
        final_url: truncate(outcome.finalUrl, 2000),
        retry_attempt: context.attempt,
        environment_info: context.environmentInfo,
        captured_downloads: downloads.length ? downloads : null,
        trace_path: tracePath,
      },
      { completesItem: context.completesItem },
    )
    const stepIds = store.results.insertSteps(
      result.id,
      steps.map((step, i) => ({ ...stepResultOf(step), screenshot_path: screenshotOf[i] ?? step.screenshot_path ?? null })),
    )
    const checkpointRows = steps.flatMap((step, i) =>
      step.checkpoints.map((checkpoint, n) => ({ ...checkpoint, ...visuals.get(`${i}:${n}`)?.paths, test_step_result_id: stepIds[i] })),
    )
    if (checkpointRows.length) store.results.addCheckpoints(result.id, checkpointRows)
    const healings = steps.flatMap((step, i) => healingsOf(step, stepIds[i], result, context))
    if (healings.length) store.healings.record(healings)
    for (const { created, key, actual } of visuals.values()) if (created) store.baselines.save({ test_case_id: context.testCaseId, ...key }, actual)
    for (const script of outcome.scripts) {
      // A script deleted while the test ran keeps its result, no longer linked to it.
      const linked = script.test_script_id && store.scripts.exists(script.test_script_id)
      store.results.addScriptResult(result.id, linked ? script : { ...script, test_script_id: null })
    }
    const consoleLogs = withDialogs(outcome.consoleLogs, outcome.dialogs)
    if (consoleLogs.length) store.results.addConsoleLogs(result.id, consoleLogs)
    if (outcome.networkLogs.length) store.results.addNetworkLogs(result.id, outcome.networkLogs)
    return result
  })
}

/**
 * A step's healed targets as suggestions for the test step they belong to. A step inside a called
 * test suggests to that test's step; one inside a called test known by no id suggests nothing.
 */
function healingsOf(step: TestOutcome['steps'][number], stepResultId: string, result: TestRunResult, context: ExecutionContext): HealingInput[] {
  return step.healing.flatMap((h) => {
    const owner = h.step?.called ? h.step.called_test_id : context.testCaseId
    if (!owner) return []
    return [{ test_step_result_id: stepResultId, test_run_result_id: result.id, test_run_id: context.runId, test_case_id: owner, step_number: h.step?.number ?? step.step_number, field: h.field, selector: h.selector, healed_selector: h.healed_selector }]
  })
}

/**
 * The images of visual checkpoints as artifacts, by `step:checkpoint` index: their paths go on
 * the checkpoint rows; a first run's screenshot also becomes the baseline (inside the transaction).
 */
function saveVisuals(store: Store, outcome: TestOutcome) {
  const saved = new Map<string, { paths: { baseline_screenshot_path: string | null; actual_screenshot_path: string; diff_screenshot_path: string | null }; created: boolean; key: VisualBaselineKey; actual: Buffer }>()
  outcome.steps.forEach((step, i) => {
    for (const visual of step.visuals ?? []) {
      const actual = store.artifacts.save(visual.actual, 'image/png').path
      saved.set(`${i}:${visual.checkpoint}`, {
        paths: {
          baseline_screenshot_path: visual.baseline ? store.artifacts.save(visual.baseline, 'image/png').path : visual.created ? actual : null,
          actual_screenshot_path: actual,
          diff_screenshot_path: visual.diff ? store.artifacts.save(visual.diff, 'image/png').path : null,
        },
        created: visual.created,
        key: visual.key,
        actual: visual.actual,
      })
    }
  })
  return saved
}

/** total/passed/failed counts of each script type, as test_run_results keeps them. */
function scriptCounts(outcome: TestOutcome) {
  const of = (type: string, status?: ResultStatus) => outcome.scripts.filter((s) => s.script_type === type && (!status || s.status === status)).length
  return {
    total_pre_scripts: of('pre_execution'),
    passed_pre_scripts: of('pre_execution', 'passed'),
    failed_pre_scripts: of('pre_execution', 'failed'),
    total_post_scripts: of('post_execution'),
    passed_post_scripts: of('post_execution', 'passed'),
    failed_post_scripts: of('post_execution', 'failed'),
    total_on_demand_scripts: of('on_demand'),
    passed_on_demand_scripts: of('on_demand', 'passed'),
    failed_on_demand_scripts: of('on_demand', 'failed'),
  }
}

/**
 * The dialogs the page opened, as console entries (source `dialog`) in time order with the page's
 * own messages: where a tester reading the logs of a step looks for them.
 */
export function withDialogs(logs: readonly ConsoleLogInput[], dialogs: readonly DialogRecord[]): ConsoleLogInput[] {
  if (!dialogs.length) return [...logs]
  const entries = dialogs.map((d): ConsoleLogInput => {
    const answer = d.response === 'accept' ? (d.prompt_text !== null ? `accepted with "${d.prompt_text}"` : 'accepted') : 'dismissed'
    return {
      log_level: 'info',
      message: truncate(`${d.type} dialog${d.window_id && d.window_id !== 'main' ? ` in ${d.window_id}` : ''}: "${d.message}" (${answer})`, 100_000)!,
      source: 'dialog',
      step_index: d.step_index,
      timestamp: d.timestamp,
    }
  })
  return [...logs, ...entries].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
}

function truncate(text: string | null, max: number): string | null {
  return text && text.length > max ? text.slice(0, max) : text
}

function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name)
  return match ? match[1].toLowerCase() : 'bin'
}
