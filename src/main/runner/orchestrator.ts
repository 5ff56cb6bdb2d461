// Runs test runs: a priority queue of waiting runs, one browser per worker, a fresh context per
// test and per data iteration, retries with a flaky verdict, fail-fast, stop and cancel, per-test
// and per-run timeouts. What happens is told to the run reporters (./reporter): storing results,
// publishing events and the CLI's progress are reporters, not the orchestrator's business.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { hostname, release, tmpdir, type as osType } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright'
import { TestDeskError } from '../../shared/api/errors'
import type { BrowserConfiguration } from '../../shared/model/definition'
import type { TestRun } from '../../shared/model/execution'
import type { ItemProgress, RunningTest } from '../../shared/model/progress'
import { isFinishedItem, isFinishedRun, isFlaky } from '../../shared/model/states'
import type { Store } from '../store'
import { processAlive } from '../store/process-alive'
import type { RunItemView } from '../store/runs'
import type { BrowserName } from './browsers'
import { BrowsersAhead } from './browsers-ahead'
import { demoSiteHandle, type DemoSiteHandle } from './demo-site-link'
import { engineSteps, runTest, type CalledTest, type EngineStep, type TestOutcome, type VisualBaselineKey } from './engine'
import type { Masker } from './engine/masking'
import { contextOptions, launchBrowser, launchKey, resolveExecutable, type LaunchSettings } from './launch'
import { PriorityQueue } from './queue'
import { RunReporters, type RunReporter } from './reporter'
import type { RunControl } from './run-control'
import { calledTest, planTest, type Iteration, type TestPlan } from './test-plan'
import { attemptTracing, tracesByRerun, type AttemptTracing } from './trace-policy'

type TracedOutcome = TestOutcome & { trace?: Buffer | null }

/** What one data iteration of a test runs with: the test, its run and the worker's browser. */
interface IterationJob {
  run: TestRun
  item: RunItemView
  plan: TestPlan
  steps: EngineStep[]
  iteration: Iteration
  worker: Worker
  settings: LaunchSettings
  executable: string | null
  config: BrowserConfiguration | null
}

export interface OrchestratorOptions {
  store: Store
  /** Told what happens, in this order (the results store first, so the others see stored results). */
  reporters: readonly RunReporter[]
  /** Runs executing at the same time; others wait in the queue. */
  maxConcurrentRuns?: number
  /** Browsers started before their run (the CLI's); a run's first worker takes a matching one. */
  browsersAhead?: BrowsersAhead
}

interface StartSettings {
  browser_name?: string
  viewport_width?: number
  viewport_height?: number
}

export class Orchestrator implements RunControl {
  private readonly queue = new PriorityQueue<string>()
  private readonly active = new Map<string, RunExecution>()
  private readonly waiters = new Map<string, ((run: TestRun) => void)[]>()
  private readonly maxConcurrentRuns: number
  private readonly browsersAhead: BrowsersAhead
  readonly reporters: RunReporters

  constructor(private readonly options: OrchestratorOptions) {
    this.maxConcurrentRuns = options.maxConcurrentRuns ?? 1
    this.reporters = new RunReporters(options.reporters)
    this.browsersAhead = options.browsersAhead ?? new BrowsersAhead()
  }

  private get store(): Store {
    return this.options.store
  }

  /** At start-up: runs a crash left running become failed, their unfinished items marked. */
  recover(): TestRun[] {
    return this.store.runs.recoverInterrupted((pid, host) => host === hostname() && processAlive(pid))
  }

  start(runId: string, settings: StartSettings): TestRun {
    const run = this.store.runs.get(runId)
    if (run.status !== 'pending') throw TestDeskError.invalidState(`Cannot start test run: status is '${run.status}'`)
    if (run.total_tests === 0) throw TestDeskError.invalidState('Cannot start test run: it has no tests (add test cases first)')
    const queued = this.store.runs.transitionRun(runId, 'queued', 'started', { ...settings, runner_pid: process.pid, runner_host: hostname() })
    this.queue.push(runId, run.options.priority ?? 0)
    this.emitProgress(runId)
    queueMicrotask(() => this.pump())
    return queued
  }

  stop(runId: string): TestRun {
    const run = this.store.runs.get(runId)
    const execution = this.active.get(runId)
    if (execution) {
      execution.requestStop('Stopped by the tester')
      return run
    }
    if (run.status === 'queued') return this.cancel(runId)
    throw TestDeskError.invalidState(`Cannot stop test run: status is '${run.status}'`)
  }

  cancel(runId: string): TestRun {
    const run = this.store.runs.get(runId)
    if (isFinishedRun(run.status)) throw TestDeskError.invalidState(`Cannot cancel test run: status is '${run.status}'`)
    const execution = this.active.get(runId)
    if (execution) {
      execution.requestCancel('Cancelled by the tester')
      return run
    }
    this.queue.remove((id) => id === runId)
    const cancelled = this.store.tx(() => {
      const after = this.store.runs.transitionRun(runId, 'cancelled', 'cancelled before it ran')
      this.store.runs.finishUnfinishedItems(runId, 'no_run', 'cancelled')
      return after
    })
    this.finished(runId)
    return cancelled
  }

  /** Resolves with the run once it has finished (completed, cancelled or failed). */
  waitFor(runId: string): Promise<TestRun> {
    const run = this.store.runs.get(runId)
    if (isFinishedRun(run.status)) return Promise.resolve(run)
    return new Promise((resolve) => this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), resolve]))
  }

  /** Cancels everything running and waits for browsers to close. */
  async close(): Promise<void> {
    for (const id of this.queue.values()) this.cancel(id)
    await Promise.all([...this.active.values()].map((execution) => execution.cancelAndWait('TestDesk is closing')))
    await this.browsersAhead.close()
  }

  private pump(): void {
    while (this.active.size < this.maxConcurrentRuns && this.queue.size) {
      const runId = this.queue.shift()!
      const execution = new RunExecution(runId, this.store, this.reporters, () => this.emitProgress(runId), (key) => this.browsersAhead.take(key))
      this.active.set(runId, execution)
      void execution.execute().finally(() => {
        this.active.delete(runId)
        this.finished(runId)
        this.pump()
      })
    }
  }

  private finished(runId: string): void {
    this.emitProgress(runId)
    const run = this.store.runs.get(runId)
    this.reporters.tell('onRunEnd', run)
    for (const resolve of this.waiters.get(runId) ?? []) resolve(run)
    this.waiters.delete(runId)
  }

  private emitProgress(runId: string): void {
    const run = this.store.runs.get(runId)
    const execution = this.active.get(runId)
    this.reporters.tell('onRunProgress', {
      run_id: run.id,
      run_name: run.run_name,
      status: run.status,
      total_tests: run.total_tests,
      finished_tests: run.passed_tests + run.failed_tests + run.skipped_tests + run.no_run_tests,
      passed_tests: run.passed_tests,
      failed_tests: run.failed_tests,
      skipped_tests: run.skipped_tests,
      no_run_tests: run.no_run_tests,
      pass_rate: run.pass_rate,
      running: execution ? execution.runningTests() : [],
      elapsed_ms: run.started_at ? (run.completed_at ? run.duration_ms : Date.now() - Date.parse(run.started_at)) : 0,
      message: execution?.endMessage ?? null,
    })
  }
}

interface Worker {
  browser: Browser | null
}

/** One run from queued to finished. */
class RunExecution {
  private readonly cancelController = new AbortController()
  /** Set by stop: the tests in progress end after their current step. */
  private stopReason: string | null = null
  /** Set by stop and by fail-fast: no further test starts. */
  private noMoreTests: string | null = null
  endMessage: string | null = null
  private readonly running = new Map<string, RunningTest>()
  private readonly demoSite: DemoSiteHandle = demoSiteHandle()
  private downloadsDir: string | null = null
  private done: Promise<void> = Promise.resolve()

  constructor(
    private readonly runId: string,
    private readonly store: Store,
    private readonly reporters: RunReporters,
    private readonly progress: () => void,
    private readonly takeReady: (key: string) => Browser | null,
  ) {}

  requestStop(reason: string): void {
    this.stopReason ??= reason
    this.stopScheduling(reason)
  }

  /** Lets the tests in progress finish, and starts no more (fail-fast). */
  stopScheduling(reason: string): void {
    this.noMoreTests ??= reason
    this.endMessage ??= reason
    this.progress()
  }

  requestCancel(reason: string): void {
    this.endMessage = reason
    this.cancelController.abort(new Error(reason))
  }

  async cancelAndWait(reason: string): Promise<void> {
    this.requestCancel(reason)
    await this.done
  }

  runningTests(): RunningTest[] {
    return [...this.running.values()]
  }

  async execute(): Promise<void> {
    let finish!: () => void
    this.done = new Promise((resolve) => (finish = resolve))
    try {
      await this.executeRun()
    } catch (error) {
      this.failRun(`The run failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      await this.demoSite.close().catch(() => undefined)
      if (this.downloadsDir) rmSync(this.downloadsDir, { recursive: true, force: true })
      finish()
    }
  }

  private async executeRun(): Promise<void> {
    let run = this.store.runs.get(this.runId)
    const config = run.options.browser_config_id ? (this.store.browserConfigs.get(run.options.browser_config_id) as BrowserConfiguration) : null
    const settings: LaunchSettings = {
      browser: (run.browser_name ?? config?.browser_name ?? 'chromium') as BrowserName,
      headless: run.options.headless ?? config?.headless ?? true,
      endpoint: run.options.browser_endpoint ?? null,
    }
    let executable: string | null
    try {
      executable = await resolveExecutable(settings)
    } catch (error) {
      this.failRun(error instanceof Error ? error.message : String(error))
      return
    }
    run = this.store.runs.transitionRun(this.runId, 'running', 'a worker picked it up', {
      browser_name: settings.browser,
      os_name: osType(),
      os_version: release(),
    })
    this.progress()
    const runTimeout = run.options.run_timeout_ms
      ? setTimeout(() => this.requestCancel(`Run timed out after ${run.options.run_timeout_ms} ms`), run.options.run_timeout_ms)
      : null
    this.downloadsDir = mkdtempSync(join(tmpdir(), 'testdesk-downloads-'))

    const pending = this.store.runs.items(this.runId).filter((item) => item.status === 'pending')
    for (const item of pending) this.store.runs.transitionItem(item.id, 'queued', 'waiting for a worker')
    const workers = Math.max(1, Math.min(run.parallel_count, pending.length))
    let next = 0
    const take = (): RunItemView | null => (this.noMoreTests || this.cancelled ? null : (pending[next++] ?? null))

    const work = async (worker: Worker) => {
      try {
        for (let item = take(); item; item = take()) {
          await this.executeItem(run, item, worker, settings, executable, config)
          if (this.cancelled) break
        }
      } finally {
        await worker.browser?.close().catch(() => undefined)
      }
    }
    try {
      await Promise.all(Array.from({ length: workers }, () => work({ browser: null })))
    } finally {
      if (runTimeout) clearTimeout(runTimeout)
    }
    this.finishRun()
  }

  private get cancelled(): boolean {
    return this.cancelController.signal.aborted
  }

  private finishRun(): void {
    this.store.tx(() => {
      const run = this.store.runs.get(this.runId)
      if (isFinishedRun(run.status)) return
      if (this.cancelled) {
        this.store.runs.transitionRun(this.runId, 'cancelled', this.endMessage ?? 'cancelled')
        this.store.runs.finishUnfinishedItems(this.runId, 'no_run', this.endMessage ?? 'cancelled')
        return
      }
      this.store.runs.finishUnfinishedItems(this.runId, 'no_run', this.noMoreTests ?? 'not run')
      const after = this.store.runs.get(this.runId)
      if (after.status === 'running') this.store.runs.transitionRun(this.runId, 'completed', this.noMoreTests ?? 'every test finished')
    })
    this.progress()
  }

  /** An infrastructure failure: the run fails, and what did not finish says why. */
  private failRun(message: string): void {
    this.endMessage = message
    this.store.tx(() => {
      const run = this.store.runs.get(this.runId)
      if (isFinishedRun(run.status)) return
      this.store.runs.finishUnfinishedItems(this.runId, 'no_run', message, message)
      this.store.runs.transitionRun(this.runId, 'failed', message)
    })
    this.progress()
  }

  private async browserFor(worker: Worker, settings: LaunchSettings, executable: string | null): Promise<Browser> {
    if (worker.browser?.isConnected()) return worker.browser
    // A crashed browser fails only the test it was running; the next test gets a new one.
    await worker.browser?.close().catch(() => undefined)
    worker.browser = this.takeReady(launchKey(settings, executable)) ?? (await launchBrowser(settings, executable))
    this.store.runs.setBrowserVersion(this.runId, worker.browser.version())
    return worker.browser
  }

  private async executeItem(
    run: TestRun,
    item: RunItemView,
    worker: Worker,
    settings: LaunchSettings,
    executable: string | null,
    config: BrowserConfiguration | null,
  ): Promise<void> {
    let plan: TestPlan
    try {
      plan = await planTest(this.store, run, item.test_case_id, this.demoSite)
    } catch (error) {
      this.finishItem(item, 'failed', `Could not prepare the test: ${error instanceof Error ? error.message : String(error)}`)
      return
    }
    const steps = engineSteps(plan.testCase.steps)
    if (!steps.length) {
      this.finishItem(item, 'no_run', 'No recording exists: the test has no steps')
      return
    }
    if (!plan.iterations.length) {
      this.finishItem(item, 'no_run', 'The data set has no enabled rows')
      return
    }
    this.store.runs.transitionItem(item.id, 'running', 'a worker started it')
    const maxAttempt = run.retry_on_failure ? run.retry_count : 0
    const policy = run.options.trace ?? 'on-failure'
    for (let attempt = 0; attempt <= maxAttempt; attempt++) {
      const tracing = attemptTracing(policy, attempt)
      const outcomes: { iteration: Iteration; outcome: TracedOutcome | null }[] = []
      for (const iteration of plan.iterations) {
        if (this.cancelled || (this.stopReason && outcomes.length)) break
        this.running.set(item.id, {
          item_id: item.id,
          test_case_name: item.test_case_name,
          attempt,
          iteration: iteration.number,
          step_number: null,
          step_description: null,
        })
        this.reporters.tell('onTestBegin', this.itemProgress(item, 'running', attempt, iteration.number, plan.iterations.length))
        this.progress()
        const outcome = await this.executeIteration({ run, item, plan, steps, iteration, worker, settings, executable, config }, { tracing })
        outcomes.push({ iteration, outcome })
        this.running.delete(item.id)
        if (!outcome) break
      }
      if (this.cancelled) return
      const failed = outcomes.some((o) => o.outcome?.status === 'failed')
      const final = !failed || attempt === maxAttempt || !!this.stopReason
      if (final && failed && !this.stopReason && tracesByRerun(policy, tracing)) {
        for (const { iteration, outcome } of outcomes) {
          if (outcome?.status === 'failed') await this.traceByRerun({ run, item, plan, steps, iteration, worker, settings, executable, config }, outcome)
        }
        if (this.cancelled) return
      }
      outcomes.forEach(({ iteration, outcome }, i) => {
        if (!outcome) return
        const stopped = outcome.interrupted === 'stopped' && outcome.status !== 'failed'
        this.reporters.tell('onAttemptEnd', { outcome, context: {
          runId: run.id,
          itemId: item.id,
          testCaseId: item.test_case_id,
          attempt,
          iteration: iteration.number,
          rowIndex: iteration.rowIndex,
          rowValues: iteration.shownValues,
          completesItem: final && i === outcomes.length - 1,
          environmentInfo: {
            browser_name: settings.browser,
            browser_version: worker.browser?.version() ?? null,
            os_name: osType(),
            os_version: release(),
            headless: settings.headless,
            environment: plan.environmentName,
          },
          status: stopped ? 'skipped' : undefined,
          errorMessage: stopped ? `${this.stopReason} after step ${outcome.steps.filter((s) => s.status !== 'skipped').length}` : undefined,
          trace: outcome.trace ?? null,
          mask: iteration.mask,
        } })
      })
      const after = this.store.runs.getItem(item.id)
      if (isFinishedItem(after.status)) {
        this.reporters.tell('onTestEnd', this.itemProgress(item, after.status, attempt, null, plan.iterations.length, after.error_message, isFlaky(after)))
        if (after.status === 'failed' && run.options.fail_fast) this.stopScheduling(`Fail-fast: '${item.test_case_name}' failed`)
        this.progress()
        return
      }
      if (final) return this.resultsLost(item, after.status)
    }
  }

  /**
   * The last attempt ended and its results reached no store (the storing reporter failed and was
   * logged): the test fails saying so rather than waiting to be marked not run at the end.
   */
  private resultsLost(item: RunItemView, status: RunItemView['status']): void {
    if (status !== 'running') return
    const message = 'The results of this test could not be stored (see the TestDesk log)'
    this.store.tx(() => {
      this.store.runs.transitionItem(item.id, 'failed', message, { error_message: message })
      this.store.runs.rollupRun(this.runId)
    })
    this.reporters.tell('onTestEnd', this.itemProgress(item, 'failed', 0, null, 0, message))
    this.progress()
  }

  /**
   * Runs a failed iteration once more, recording a trace, and gives `failed` that trace when the
   * re-run fails too; when it passes, `failed` says so instead. Nothing else of the re-run is
   * kept or told: the test's results and verdict are the attempt's that failed.
   */
  private async traceByRerun(job: IterationJob, failed: TracedOutcome): Promise<void> {
    const rerun = await this.executeIteration(job, { tracing: 'keep-if-failed', rerun: true })
    if (!rerun) return
    if (rerun.trace) failed.trace = rerun.trace
    else if (rerun.status === 'passed' && failed.errorMessage) {
      failed.errorMessage = `${failed.errorMessage} (run again to record a trace, the test passed: no trace was kept)`
    }
  }

  private async executeIteration(job: IterationJob, how: { tracing: AttemptTracing; rerun?: boolean }): Promise<TracedOutcome | null> {
    const { run, item, plan, steps, iteration, worker, settings, executable, config } = job
    let context: BrowserContext | null = null
    const { tracing, rerun = false } = how
    try {
      context = await this.newContext(worker, settings, executable, await contextOptions(config, run))
      if (tracing !== 'none') await context.tracing.start({ screenshots: true, snapshots: true })
      const outcome = await runTest({
        context,
        steps,
        ...plan.hooks,
        scripts: plan.scripts,
        startUrl: plan.startUrl,
        baseUrl: plan.baseUrl,
        variables: iteration.variables,
        secrets: iteration.secrets,
        mask: iteration.mask,
        stepTimeoutMs: plan.stepTimeoutMs,
        testTimeoutMs: plan.testTimeoutMs,
        // A re-run for a trace keeps nothing but the trace, which has its own screenshots.
        screenshots: rerun ? 'off' : (run.options.screenshots ?? 'on-failure'),
        downloadsDir: this.downloadsDir!,
        baselines: { get: (key) => this.baselineOf(plan.testCase.id, key) },
        signal: this.cancelController.signal,
        testId: plan.testCase.id,
        testName: plan.testCase.name,
        stopAfterStep: () => this.stopReason !== null,
        resolveTest: (ref: string) => this.resolveTest(run, ref),
        onStepStart: rerun ? undefined : (step) => this.stepStarted(item, step, steps.length, iteration.mask),
        onStepEnd: rerun ? undefined : (result) => this.stepEnded(item, result, steps.length),
      })
      if (this.cancelled) return null
      let trace: Buffer | null = null
      if (tracing === 'keep' || (tracing === 'keep-if-failed' && outcome.status === 'failed')) {
        const path = join(this.downloadsDir!, `trace-${item.id}-${Date.now()}.zip`)
        await context.tracing.stop({ path }).catch(() => undefined)
        trace = existsSync(path) ? readFileSync(path) : null
      }
      return { ...outcome, trace }
    } catch (error) {
      if (this.cancelled) return null
      // Also when the browser cannot start at all: this test fails with the reason; the next one retries.
      return failedOutcome(steps, error instanceof Error ? error.message : String(error))
    } finally {
      await context?.close().catch(() => undefined)
    }
  }

  private baselineOf(testCaseId: string, key: VisualBaselineKey): Buffer | null {
    const baseline = this.store.baselines.get({ test_case_id: testCaseId, ...key })
    if (!baseline) return null
    const file = this.store.artifacts.absolute(baseline.path)
    // A baseline whose file went missing is made again, which the result says.
    return existsSync(file) ? readFileSync(file) : null
  }

  /** A fresh context; a browser that died since the last test is replaced first. */
  private async newContext(worker: Worker, settings: LaunchSettings, executable: string | null, options: BrowserContextOptions): Promise<BrowserContext> {
    const browser = await this.browserFor(worker, settings, executable)
    try {
      return await browser.newContext(options)
    } catch (error) {
      // isConnected() can lag a crash by a moment: a closed browser shows here first.
      if (browser.isConnected() && !/closed/i.test(String(error))) throw error
      worker.browser = null
      return (await this.browserFor(worker, settings, executable)).newContext(options)
    }
  }

  private async resolveTest(run: TestRun, ref: string): Promise<CalledTest> {
    const test = calledTest(this.store, run, ref)
    return { id: test.id, name: test.name, steps: engineSteps(test.steps) }
  }

  private finishItem(item: RunItemView, status: 'failed' | 'no_run', message: string): void {
    this.store.tx(() => {
      if (status === 'failed') this.store.runs.transitionItem(item.id, 'running', 'preparing')
      this.store.runs.transitionItem(item.id, status, message, { error_message: message })
      this.store.runs.rollupRun(this.runId)
    })
    this.reporters.tell('onTestEnd', this.itemProgress(item, status, 0, null, 0, message))
    this.progress()
  }

  private stepStarted(item: RunItemView, step: EngineStep, total: number, mask: Masker): void {
    const description = step.description === null ? null : mask.text(step.description)
    const running = this.running.get(item.id)
    if (running) {
      running.step_number = step.step_number
      running.step_description = description
    }
    this.reporters.tell('onStepBegin', {
      run_id: this.runId,
      item_id: item.id,
      step_number: step.step_number,
      total_steps: total,
      action: step.action,
      description,
      status: 'running',
      duration_ms: null,
      error_message: null,
      healed_selector: null,
    })
  }

  private stepEnded(item: RunItemView, result: TestOutcome['steps'][number], total: number): void {
    this.reporters.tell('onStepEnd', {
      run_id: this.runId,
      item_id: item.id,
      step_number: result.step_number,
      total_steps: total,
      action: result.action,
      description: result.description ?? null,
      status: result.status,
      duration_ms: result.duration_ms ?? null,
      error_message: result.error_message ?? null,
      healed_selector: result.healed_selector ?? null,
    })
  }

  private itemProgress(
    item: RunItemView,
    status: RunItemView['status'],
    attempt: number,
    iteration: number | null,
    totalIterations: number,
    error: string | null = null,
    flaky = false,
  ): ItemProgress {
    const current = this.store.runs.getItem(item.id)
    return {
      run_id: this.runId,
      item_id: item.id,
      test_case_id: item.test_case_id,
      test_case_name: item.test_case_name,
      status,
      attempt,
      iteration,
      total_iterations: totalIterations > 1 ? totalIterations : 0,
      duration_ms: current.duration_ms,
      error_message: error,
      flaky,
    }
  }
}

/** What a test that could not run at all reports: its first step failed with the reason. */
function failedOutcome(steps: EngineStep[], message: string): TestOutcome {
  const now = new Date().toISOString()
  return {
    status: 'failed',
    interrupted: null,
    steps: steps.map((step, i) => ({
      step_number: step.step_number,
      step_path: String(step.step_number),
      action: step.action,
      description: step.description,
      status: i === 0 ? 'failed' : 'skipped',
      error_message: i === 0 ? message : null,
      checkpoints: [],
      healing: [],
      timings: { total_ms: 0, playwright_ms: 0, overhead_ms: 0 },
    })),
    scripts: [],
    preScriptAborted: false,
    consoleLogs: [],
    networkLogs: [],
    dialogs: [],
    initialUrl: null,
    finalUrl: null,
    errorMessage: message,
    errorStepNumber: steps[0]?.step_number ?? null,
    downloads: [],
    variables: {},
    startedAt: now,
    completedAt: now,
    durationMs: 0,
  }
}
