import type { Command } from 'commander'
import { Option } from 'commander'
import { TestDeskError } from '../../../shared/api/errors'
import { isId } from '../../../shared/model/common'
import { TRACE_POLICIES, type TestRun, type TracePolicy } from '../../../shared/model/execution'
import type { ItemProgress, RunProgress, StepProgress } from '../../../shared/model/progress'
import type { Core } from '../../core'
import { BrowsersAhead } from '../../runner/browsers-ahead'
import { BrowserUnavailableError, resolveExecutable, type LaunchSettings } from '../../runner/launch'
import type { RunReporter } from '../../runner/reporter'
import { duration, suitePathFlag } from '../format'
import { CliExit, createOutput, EXIT, intFlag, usageError, type GlobalOptions, type Output } from '../output'
import { findTestByName, invoke, projectOf, projectOption, withCore } from '../session'
import { SELECTED_STATUSES } from '../../../shared/run-rules'
import { findRun, verdict } from './runs'
import { writeRunReports } from '../run-reports'
import { REPORT_FORMATS } from '../../../shared/api/reports'

interface RunFlags {
  suite?: string[]
  test?: string[]
  tag?: string[]
  workers?: string
  retries?: string
  browser: 'chromium' | 'firefox' | 'webkit'
  headed?: boolean
  screenshots: 'off' | 'on-failure' | 'every-step'
  trace: TracePolicy
  env?: string
  failFast?: boolean
  browserEndpoint?: string
  name?: string
  testTimeout?: string
  runTimeout?: string
  report?: string
  out: string
  project?: string
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run tests on a real browser: all active tests, or the suites, tests and tags you pick')
    .option('--suite <path>', 'a suite and its descendants, e.g. "Regression/Smoke" (repeatable)', collect)
    .option('--test <name|id>', 'one test case (repeatable)', collect)
    .option('--tag <tag>', 'tests with this tag (repeatable: any of them)', collect)
    .option('--workers <n>', 'tests at the same time, 1-10, each in its own browser (default 1)')
    .option('--retries <n>', 'run a failing test again up to n times; passing later marks it flaky (default 0)')
    .addOption(new Option('--browser <name>', 'browser to use').choices(['chromium', 'firefox', 'webkit']).default('chromium'))
    .option('--headed', 'show the browser window')
    .addOption(new Option('--screenshots <when>', 'when to take screenshots').choices(['off', 'on-failure', 'every-step']).default('on-failure'))
    .addOption(new Option('--trace <when>', 'record and keep a Playwright trace (see README: what each costs)').choices(TRACE_POLICIES).default('on-failure'))
    .option('--env <name>', 'environment (base URL and variables) to run against')
    .option('--fail-fast', 'start no more tests after the first failure')
    .option('--browser-endpoint <url>', 'ws:// endpoint of a remote Playwright browser server')
    .option('--name <name>', 'name of the run (default: Run_<number>)')
    .option('--test-timeout <ms>', 'fail a test that runs longer than this')
    .option('--run-timeout <ms>', 'cancel the run when it runs longer than this')
    .option('--report <formats>', `write reports when the run ends: ${REPORT_FORMATS.join(', ')} (comma-separated)`)
    .option('--out <dir>', 'folder for --report', 'testdesk-report')
    .addOption(projectOption('the project whose tests to run'))
    .action(async (flags: RunFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const workers = intFlag('workers', flags.workers, 1, 10) ?? 1
      const retries = intFlag('retries', flags.retries, 0, 10) ?? 0
      const testTimeout = intFlag('test-timeout', flags.testTimeout, 1000, 24 * 3_600_000)
      const runTimeout = intFlag('run-timeout', flags.runTimeout, 1000, 7 * 24 * 3_600_000)
      const reports = reportFormats(flags.report)
      if (flags.browserEndpoint && !/^wss?:\/\//.test(flags.browserEndpoint)) {
        throw usageError(`--browser-endpoint must be a ws:// or wss:// URL (got "${flags.browserEndpoint}")`)
      }
      const launch: LaunchSettings = { browser: flags.browser, headless: !flags.headed, endpoint: flags.browserEndpoint ?? null }
      // No browser is bad usage of this machine: say so before a run is created.
      const executable = await resolveExecutable(launch).catch(asUsage)
      const ahead = new BrowsersAhead()
      const code = await withCore(globals, async (core) => {
        const projectId = (await projectOf(core, flags.project)).id
        const { testCaseIds, select } = await selection(core, flags, projectId)
        const environment = flags.env ? await findEnvironment(core, flags.env, projectId) : null
        await startBrowser(ahead, launch, executable)
        const suitePath = flags.suite?.length === 1 ? suitePathFlag(flags.suite[0]) : null
        const run = await createRun(core, {
          project_id: projectId,
          run_name: flags.name,
          suite_path: suitePath,
          suite_name: suitePath ? suitePath[suitePath.length - 1] : null,
          test_case_ids: testCaseIds,
          select,
          parallel_count: workers,
          retry_count: retries,
          browser_name: flags.browser,
          tags: flags.tag ?? [],
          options: {
            environment_id: environment,
            headless: !flags.headed,
            screenshots: flags.screenshots,
            trace: flags.trace,
            fail_fast: !!flags.failFast,
            browser_endpoint: flags.browserEndpoint ?? null,
            test_timeout_ms: testTimeout ?? null,
            run_timeout_ms: runTimeout ?? null,
          },
        })
        return runAndReport(core, run, out, reports, flags.out)
      }, { browsersAhead: ahead })
      process.exitCode = code
    })

  program
    .command('rerun')
    .description('Run again the tests of a run that failed or did not run, as a new run configured the same way')
    .argument('<run>', 'run number, name or id')
    .addOption(new Option('--only <which>', 'which tests').choices(['failed', 'unfinished', 'failed_and_unfinished']).default('failed_and_unfinished'))
    .option('--report <formats>', `write reports when the run ends: ${REPORT_FORMATS.join(', ')} (comma-separated)`)
    .option('--out <dir>', 'folder for --report', 'testdesk-report')
    .addOption(projectOption('the project of the run'))
    .action(async (ref: string, flags: { only: 'failed' | 'unfinished' | 'failed_and_unfinished'; report?: string; out: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const reports = reportFormats(flags.report)
      const ahead = new BrowsersAhead()
      process.exitCode = await withCore(globals, async (core) => {
        const original = await findRun(core, ref, flags.project)
        const launch: LaunchSettings = {
          browser: (original.browser_name ?? 'chromium') as LaunchSettings['browser'],
          headless: original.options.headless ?? true,
          endpoint: original.options.browser_endpoint ?? null,
        }
        await startBrowser(ahead, launch, await resolveExecutable(launch).catch(asUsage))
        const run = await invoke(core, 'runs.rerun', { id: original.id, only: flags.only })
        return runAndReport(core, run, out, reports, flags.out)
      }, { browsersAhead: ahead })
    })
}

function asUsage(error: unknown): never {
  throw error instanceof BrowserUnavailableError ? new CliExit(EXIT.usage, error.message) : error
}

/**
 * Starts the browser before the run exists: one that cannot start (or starts and dies at once)
 * is a broken environment, exit 2 with what it printed, and no run is left behind. The core was
 * opened with `ahead`, so the run then uses this browser for its first worker.
 */
async function startBrowser(ahead: BrowsersAhead, settings: LaunchSettings, executable: string | null): Promise<void> {
  await ahead.start(settings, executable).catch(asUsage)
}

/** runs.create, with "no tests match" said in the command's words. */
async function createRun(core: Core, input: Parameters<typeof invoke<'runs.create'>>[2]): Promise<TestRun> {
  try {
    return await invoke(core, 'runs.create', input)
  } catch (error) {
    if (error instanceof TestDeskError && error.issues?.some((issue) => issue.field === 'select')) {
      throw usageError('No tests match: check --suite, --test and --tag (see `testdesk tests`)')
    }
    throw error
  }
}

/** Runs a created run to its end, prints the summary and writes reports; returns the exit code. */
async function runAndReport(core: Core, run: TestRun, out: Output, reports: string[], outDir: string): Promise<number> {
  const finished = await execute(core, run, out)
  const summary = await invoke(core, 'runs.summary', { id: finished.id })
  const written = reports.length ? await writeRunReports(core, finished.id, reports, outDir) : []
  out.result({ run: finished, summary, reports: written })
  printSummary(out, finished, summary.items)
  for (const path of written) out.line(`Report: ${path}`)
  if (finished.status === 'failed') return EXIT.usage
  return finished.passed_tests === finished.total_tests && finished.status === 'completed' ? EXIT.ok : EXIT.testsFailed
}

function reportFormats(flag: string | undefined): string[] {
  const formats = (flag ?? '').split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
  const unknown = formats.find((f) => !(REPORT_FORMATS as readonly string[]).includes(f))
  if (unknown) throw usageError(`--report: unknown format '${unknown}' (use ${REPORT_FORMATS.join(', ')})`)
  return formats
}

/** Named tests resolved here (for a clear message); suites and tags resolved by the core. */
async function selection(core: Core, flags: RunFlags, projectId: string): Promise<{ testCaseIds: string[]; select?: { suite_paths?: string[][]; tags?: string[] } }> {
  const testCaseIds: string[] = []
  for (const ref of flags.test ?? []) {
    const byId = isId(ref) ? await invoke(core, 'tests.get', { id: ref }).catch(() => null) : null
    const found = byId?.project_id === projectId ? byId : await findTestByName(core, ref, projectId)
    if (!found) throw usageError(`No test named '${ref}' in this project (see \`testdesk tests\`)`)
    if (!testCaseIds.includes(found.id)) testCaseIds.push(found.id)
  }
  const suitePaths = (flags.suite ?? []).map((path) => suitePathFlag(path))
  // Resolved here too, only for its clear message about which part of a path is missing.
  for (const path of suitePaths) await invoke(core, 'suites.byPath', { path, project_id: projectId })
  if (suitePaths.length || flags.tag?.length) return { testCaseIds, select: { suite_paths: suitePaths, tags: flags.tag ?? [] } }
  if (testCaseIds.length) return { testCaseIds }
  for (let offset = 0; ; offset += 100) {
    const page = await invoke(core, 'tests.list', { project_id: projectId, status: [...SELECTED_STATUSES], limit: 100, offset })
    testCaseIds.push(...page.items.map((t) => t.id))
    if (offset + 100 >= page.total) break
  }
  if (!testCaseIds.length) throw usageError('There are no active tests to run (see `testdesk tests`, or `testdesk demo` for examples)')
  return { testCaseIds }
}

export async function findEnvironment(core: Core, name: string, projectId: string): Promise<string> {
  const page = await invoke(core, 'environments.list', { project_id: projectId, search: name, limit: 100 })
  const found = page.items.find((e) => e.name === name)
  if (!found) throw usageError(`No environment named '${name}'${page.items.length ? ` (did you mean ${page.items.map((e) => `'${e.name}'`).join(', ')}?)` : ''}`)
  return found.id
}

/** Starts the run and reports progress until it ends; Ctrl+C stops, a second Ctrl+C cancels. */
async function execute(core: Core, run: TestRun, out: Output): Promise<TestRun> {
  const live = !out.json && process.stdout.isTTY === true
  const bar = live ? new ProgressLine() : null
  let ended!: (run: TestRun) => void
  const end = new Promise<TestRun>((resolve) => (ended = resolve))
  const removeReporter = core.addRunReporter(progressReporter(run.id, out, bar, ended))
  let interrupts = 0
  const onInterrupt = () => {
    interrupts++
    bar?.clear()
    if (interrupts === 1) {
      out.note('Stopping after the current steps… (Ctrl+C again to cancel at once)')
      void invoke(core, 'runs.stop', { id: run.id }).catch(() => undefined)
    } else {
      out.note('Cancelling…')
      void invoke(core, 'runs.cancel', { id: run.id }).catch(() => undefined)
    }
  }
  process.on('SIGINT', onInterrupt)
  try {
    await invoke(core, 'runs.start', { id: run.id })
    if (!out.json) out.note(`${run.run_name}: ${run.total_tests} test${run.total_tests === 1 ? '' : 's'}, ${run.parallel_count} worker${run.parallel_count === 1 ? '' : 's'}`)
    return await end
  } finally {
    process.off('SIGINT', onInterrupt)
    removeReporter()
    bar?.clear()
  }
}

/** The CLI's run reporter: a line per finished test, the live bar on a terminal, and the run's end. */
function progressReporter(runId: string, out: Output, bar: ProgressLine | null, ended: (run: TestRun) => void): RunReporter {
  return {
    name: 'cli progress',
    onTestEnd: (item) => {
      if (item.run_id !== runId) return
      bar?.clear()
      if (!out.json) out.line(finishedLine(item))
      bar?.redraw()
    },
    onRunProgress: (progress) => {
      if (progress.run_id === runId) bar?.update(progress)
    },
    onStepBegin: (step) => {
      if (step.run_id === runId) bar?.step(step)
    },
    onRunEnd: (finished) => {
      if (finished.id === runId) ended(finished)
    },
  }
}

function finishedLine(item: ItemProgress): string {
  const mark = item.status === 'passed' ? (item.flaky ? '~' : '✓') : item.status === 'failed' ? '✗' : '-'
  const flaky = item.flaky ? ` (flaky: passed on attempt ${item.attempt + 1})` : ''
  const error = item.status === 'failed' && item.error_message ? `: ${item.error_message.split('\n')[0]}` : ''
  const status = item.status === 'passed' || item.status === 'failed' ? '' : ` [${item.status}]`
  return `${mark} ${item.test_case_name}${status} (${duration(item.duration_ms)})${flaky}${error}`
}

function printSummary(out: Output, run: TestRun, items: { status: string; is_data_driven: boolean; passed_iterations: number; total_iterations: number; retry_attempt: number }[]): void {
  const flaky = items.filter((i) => verdict(i).includes('flaky')).length
  out.line()
  out.line(
    `${run.run_name}: ${run.status}. ${run.passed_tests} passed, ${run.failed_tests} failed` +
      (run.skipped_tests ? `, ${run.skipped_tests} skipped` : '') +
      (run.no_run_tests ? `, ${run.no_run_tests} not run` : '') +
      (flaky ? ` (${flaky} flaky)` : '') +
      ` of ${run.total_tests}; pass rate ${run.pass_rate.toFixed(2)}% in ${duration(run.duration_ms)}`,
  )
  out.line(`Details: testdesk show ${run.run_number}`)
}

/** The live status line on a terminal: counts, a bar and the test in progress. */
class ProgressLine {
  private text = ''
  private progress: RunProgress | null = null

  step(step: StepProgress): void {
    const current = this.progress?.running.find((test) => test.item_id === step.item_id)
    if (!current || !this.progress) return
    current.step_number = step.step_number
    this.update(this.progress)
  }

  update(progress: RunProgress): void {
    this.progress = progress
    const width = 24
    const done = progress.total_tests ? Math.round((progress.finished_tests / progress.total_tests) * width) : 0
    const current = progress.running[0]
    const step = current?.step_number ? ` step ${current.step_number}` : ''
    this.text =
      `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${progress.finished_tests}/${progress.total_tests}` +
      ` ✓${progress.passed_tests} ✗${progress.failed_tests}` +
      (current ? `  ${current.test_case_name}${step}` : '')
    this.redraw()
  }

  redraw(): void {
    if (!this.text) return
    const columns = process.stdout.columns || 100
    process.stdout.write(`\r\x1b[2K${this.text.slice(0, columns - 1)}`)
  }

  clear(): void {
    if (this.text) process.stdout.write('\r\x1b[2K')
  }
}
