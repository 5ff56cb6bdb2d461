// Collects a run's report data from the store once: the run, each test with its attempts and
// data iterations, steps, checkpoints, logs and scripts, and the screenshots they show,
// deduplicated by content (sha256) so a screenshot taken twice is carried once.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TestRunResult } from '../../shared/model/execution'
import { ROOT_SUITE } from '../../shared/model/definition'
import { isFlaky } from '../../shared/model/states'
import { checkpointSubject } from '../../shared/checkpoints'
import { failureShown, runOutcome, statusLabel } from '../../shared/run-wording'
import { APP_VERSION } from './app-version'
import type { Store } from '../store'
import { inRunOrder } from '../store/results'
import type { ReportData, ReportExecution, ReportImage, ReportStep, ReportTest, ReportTrace } from './types'

export type * from './types'
export { formatDuration, statusLabel } from '../../shared/run-wording'

export function collectReportData(store: Store, runId: string, now = new Date()): ReportData {
  const run = store.runs.get(runId)
  const rows = store.reports.runRows(run)
  const images = new ImageTable(store)
  const group = <T extends { test_run_result_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>()
    for (const entry of list) {
      const bucket = map.get(entry.test_run_result_id)
      if (bucket) bucket.push(entry)
      else map.set(entry.test_run_result_id, [entry])
    }
    return map
  }
  const steps = group(rows.steps)
  const checkpoints = group(rows.checkpoints)
  const scripts = group(rows.scripts)
  const consoleLines = group(rows.console)
  const network = group(rows.network)
  const resultsByItem = new Map<string, TestRunResult[]>()
  for (const result of rows.results) {
    const bucket = resultsByItem.get(result.test_run_item_id)
    if (bucket) bucket.push(result)
    else resultsByItem.set(result.test_run_item_id, [result])
  }
  const suitePaths = suitePathsOf(store, run.project_id, run.suite_path, rows.suiteLinks)
  const bundles = store.results.bundles({ test_run_id: run.id })
  const bundleOf = new Map(bundles.map((b) => [b.test_run_item_id, { id: b.id, data_group_id: b.test_group_id, data_group: b.data_group_name, executions: b.execution_ids.length }]))

  const tests: ReportTest[] = rows.items.map((item) => {
    const executions = (resultsByItem.get(item.id) ?? []).map((result): ReportExecution => {
      const stepNumbers = new Map<string, number>()
      const ownSteps = inRunOrder(steps.get(result.id) ?? []).map((step): ReportStep => {
        stepNumbers.set(step.id, step.step_number)
        return {
          number: step.step_number,
          action: step.action,
          description: step.description,
          status: step.status,
          duration_ms: step.duration_ms,
          selector: step.selector,
          healed_selector: step.healed_selector,
          input_value: step.input_value,
          window_title: step.window_title,
          error_message: step.error_message,
          screenshot: images.add(step.screenshot_path),
          phase: step.phase,
        }
      })
      const failedStep = ownSteps.find((s) => s.status === 'failed' && !s.phase)
      const errorMessage = result.error_message ?? failedStep?.error_message ?? null
      const errorStep = result.error_step_number ?? failedStep?.number ?? null
      return {
        id: result.id,
        attempt: result.retry_attempt,
        iteration: result.iteration_number,
        data_row_index: result.data_row_index,
        data: result.data_row_values,
        status: result.status,
        started_at: result.started_at,
        duration_ms: result.duration_ms,
        error_message: errorMessage,
        error_step_number: errorStep,
        // Only a failure is worded as one: a skipped execution's message (stopped) is a note.
        failure: result.status === 'failed' ? failureShown(errorMessage, errorStep, ownSteps) : null,
        error_screenshot: images.add(result.error_screenshot_path) ?? failedStep?.screenshot ?? null,
        trace: traceOf(store, result.trace_path),
        initial_url: result.initial_url,
        final_url: result.final_url,
        steps: ownSteps,
        checkpoints: (checkpoints.get(result.id) ?? []).map((c) => ({
          name: c.checkpoint_name,
          type: c.checkpoint_type,
          subject: checkpointSubject(c.checkpoint_type, (c.property_verifications ?? []).map((v) => v.property_name)),
          status: c.status,
          selector: c.selector,
          step_number: c.test_step_result_id ? (stepNumbers.get(c.test_step_result_id) ?? null) : null,
          verifications: (c.property_verifications ?? []).map((v) => ({
            property: v.property_name,
            operator: v.operator,
            expected: v.expected_value,
            actual: v.actual_value,
            passed: v.passed,
          })),
          expected: c.expected_properties,
          actual: c.actual_properties,
          failed_properties: c.failed_properties ?? [],
          diff_percentage: c.diff_percentage,
          error_message: c.error_message,
          images: { baseline: images.add(c.baseline_screenshot_path), actual: images.add(c.actual_screenshot_path), diff: images.add(c.diff_screenshot_path) },
        })),
        console: (consoleLines.get(result.id) ?? []).map((l) => ({
          level: l.log_level,
          message: l.message,
          source: l.source,
          line: l.line_number,
          step: l.step_index,
          timestamp: l.timestamp,
        })),
        network: (network.get(result.id) ?? []).map((n) => ({
          method: n.method,
          url: n.url,
          status_code: n.status_code,
          status_text: n.status_text,
          resource_type: n.resource_type,
          duration_ms: n.duration_ms,
          error_message: n.error_message,
          step: n.step_index,
        })),
        scripts: (scripts.get(result.id) ?? []).map((s) => ({
          name: s.script_name,
          type: s.script_type,
          language: s.script_language,
          status: s.status,
          exit_code: s.exit_code,
          duration_ms: s.duration_ms,
          stdout: s.stdout,
          stderr: s.stderr,
          return_value: s.return_value,
          error_message: s.error_message,
          critical: s.is_critical,
          after_step: s.attached_to_step,
        })),
      }
    })
    // The item's error is the first failing execution of its last attempt, as the store rolls it up.
    const failing = executions.find((e) => e.status === 'failed' && e.attempt === item.retry_attempt)
    const errorMessage = item.error_message ?? failing?.error_message ?? null
    return {
      id: item.id,
      test_case_id: item.test_case_id,
      name: item.test_case_name,
      suite: suitePaths.get(item.test_case_id) ?? [],
      tags: item.tags,
      order: item.execution_order,
      status: item.status,
      label: statusLabel(item),
      duration_ms: item.duration_ms,
      flaky: isFlaky(item),
      attempts: executions.length ? item.retry_attempt + 1 : 0,
      data_driven: item.is_data_driven,
      iterations: { total: item.total_iterations, passed: item.passed_iterations, failed: item.failed_iterations },
      bundle: bundleOf.get(item.id) ?? null,
      error_message: errorMessage,
      error_step_number: failing?.error_step_number ?? null,
      failure: item.status !== 'failed' ? null : failing && failing.error_message === errorMessage ? failing.failure : errorMessage ? { step: null, step_text: null, message: errorMessage } : null,
      error_screenshot: images.add(item.error_screenshot_path) ?? failing?.error_screenshot ?? null,
      executions,
    }
  })

  const sum = (pick: (t: (typeof rows.items)[number]) => number) => rows.items.reduce((total, item) => total + pick(item), 0)
  return {
    generated_at: now.toISOString(),
    app_version: APP_VERSION,
    run: {
      id: run.id,
      name: run.run_name,
      number: run.run_number,
      status: run.status,
      outcome: runOutcome(run),
      created_at: run.created_at,
      started_at: run.started_at,
      completed_at: run.completed_at,
      duration_ms: run.duration_ms,
      browser: run.browser_name,
      browser_version: run.browser_version,
      os: [run.os_name, run.os_version].filter(Boolean).join(' ') || null,
      viewport: run.viewport_width && run.viewport_height ? `${run.viewport_width}×${run.viewport_height}` : null,
      environment: rows.environment_name,
      tags: run.tags,
      suite: run.suite_path ? run.suite_path.filter((name, i) => i > 0 || name !== ROOT_SUITE) : null,
      notes: run.notes,
      retry_count: run.retry_count,
      counts: {
        total: run.total_tests,
        passed: run.passed_tests,
        failed: run.failed_tests,
        skipped: run.skipped_tests,
        no_run: run.no_run_tests,
        flaky: tests.filter((t) => t.flaky).length,
      },
      pass_rate: run.pass_rate,
      steps: { total: sum((i) => i.total_steps), passed: sum((i) => i.passed_steps), failed: sum((i) => i.failed_steps), skipped: sum((i) => i.skipped_steps) },
      checkpoints: { total: sum((i) => i.total_checkpoints), passed: sum((i) => i.passed_checkpoints), failed: sum((i) => i.failed_checkpoints) },
    },
    tests,
    images: images.list,
  }
}

/**
 * Each test's suite for grouping: of the suites it is linked to, the first in tree order that lies
 * under the run's suite (when the run was built from one) and is not ROOT itself, without the ROOT
 * prefix; empty only for a test linked to ROOT alone.
 */
function suitePathsOf(
  store: Store,
  projectId: string,
  runSuite: string[] | null,
  links: readonly { test_case_id: string; suite_id: string }[],
): Map<string, string[]> {
  const tree = store.suites.tree(projectId)
  const rank = new Map(tree.map((suite, i) => [suite.id, { i, path: suite.path }]))
  const under = (path: string[]) => !runSuite || runSuite.every((name, i) => path[i] === name)
  // Better: under the run's suite, then a named suite rather than ROOT, then first in tree order.
  const score = (suite: { i: number; path: string[] }) => [under(suite.path) ? 0 : 1, suite.path.length > 1 ? 0 : 1, suite.i]
  const better = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
  const best = new Map<string, { path: string[]; score: number[] }>()
  for (const link of links) {
    const suite = rank.get(link.suite_id)
    if (!suite) continue
    const candidate = { path: suite.path, score: score(suite) }
    const current = best.get(link.test_case_id)
    if (!current || better(candidate.score, current.score) < 0) best.set(link.test_case_id, candidate)
  }
  return new Map([...best].map(([id, { path }]) => [id, path.slice(1)]))
}

/** Only files inside the data directory: a report must never point at some other file because a row named it. */
function insideDataDir(path: string): boolean {
  return !isAbsolute(path) && !path.split(/[\\/]/).includes('..')
}

/** A kept Playwright trace: where it is and the command that opens it. */
export function traceOf(store: Store, path: string | null): ReportTrace | null {
  if (!path || !/\.zip$/i.test(path) || !insideDataDir(path)) return null
  const file = store.artifacts.absolute(path)
  if (!existsSync(file)) return null
  return { file, url: pathToFileURL(file).href, command: showTraceCommand(file) }
}

/** The command that opens a trace in Playwright's trace viewer. */
export function showTraceCommand(file: string): string {
  return `npx playwright show-trace ${shellQuote(file)}`
}

/** A path as the shell reads it back unchanged (POSIX quoting; cmd and PowerShell take double quotes). */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./\\-]+$/.test(text)) return text
  return process.platform === 'win32' ? `"${text}"` : `'${text.replace(/'/g, `'\\''`)}'`
}

const IMAGE_FILE = /\.(png|jpe?g|webp|gif)$/i
const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' }

/** Screenshots by content: each distinct file gets one index, whatever path it was reached by. */
class ImageTable {
  readonly list: ReportImage[] = []
  private readonly bySha = new Map<string, number>()
  private readonly byPath = new Map<string, number | null>()

  constructor(private readonly store: Store) {}

  add(path: string | null): number | null {
    if (!path) return null
    const known = this.byPath.get(path)
    if (known !== undefined) return known
    const index = this.resolve(path)
    this.byPath.set(path, index)
    return index
  }

  private resolve(path: string): number | null {
    // Only image files, and relative paths only inside the data directory: a report must never
    // carry some other file because a row pointed at it.
    if (!IMAGE_FILE.test(path) || (!isAbsolute(path) && !insideDataDir(path))) return null
    const artifact = isAbsolute(path) ? null : (this.store.reports.artifactsAt([path])[0] ?? null)
    const file = isAbsolute(path) ? path : this.store.artifacts.absolute(path)
    if (!existsSync(file)) return null
    // Files the artifacts table does not know (older runs, copied folders) are read once and hashed here.
    const bytes = artifact ? null : readFileSync(file)
    const sha256 = artifact?.sha256 ?? createHash('sha256').update(bytes!).digest('hex')
    const existing = this.bySha.get(sha256)
    if (existing !== undefined) return existing
    const mime = artifact?.mime ?? MIME[/\.(\w+)$/.exec(file)![1].toLowerCase()]
    this.list.push({ sha256, mime, file, size: artifact?.size ?? bytes!.length })
    this.bySha.set(sha256, this.list.length - 1)
    return this.list.length - 1
  }
}
