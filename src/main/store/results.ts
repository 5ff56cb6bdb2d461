// Results of executions and everything attached to them: step results, checkpoint results,
// script results, console and network logs. Submitting a result rolls statistics up to its
// item and run (reference/003 note 8), writes execution history and groups data-driven
// iterations in an execution bundle, all in one transaction.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type {
  CheckpointResult,
  CheckpointResultInput,
  ConsoleLog,
  ConsoleLogInput,
  ExecutionBundle,
  ExecutionBundleView,
  ListLogsQuery,
  ListNetworkLogsQuery,
  ListResultsQuery,
  NetworkLog,
  NetworkLogInput,
  ResultStatus,
  ScriptResult,
  ScriptResultInput,
  StepResultInput,
  SubmitResultInput,
  TestRunItem,
  TestRunResult,
  TestStepResult,
} from '../../shared/model/execution'
import { isFinishedItem, percentage } from '../../shared/model/states'
import type { StoreBase } from './base'
import { guarded } from './errors'
import type { RunsRepo } from './runs'
import { listOptions, type Row, Where } from './table'

export interface SubmitOptions {
  /**
   * Whether this result finishes its item. Defaults to true for a plain result and false for a
   * data iteration; the runner passes false for an attempt that will be retried and true with
   * the last iteration.
   */
  completesItem?: boolean
}

const PHASE_ORDER = { setup: 0, test: 1, teardown: 2 } as const

/**
 * Set-up, then the test's own steps, then tear-down, each in step order as they ran. Sorted here
 * (stable) so the query keeps reading idx_step_results_number in order.
 */
export function inRunOrder<T extends Pick<TestStepResult, 'phase'>>(steps: T[]): T[] {
  return steps.sort((a, b) => PHASE_ORDER[a.phase ?? 'test'] - PHASE_ORDER[b.phase ?? 'test'])
}

export class ResultsRepo {
  constructor(
    private readonly s: StoreBase,
    private readonly runs: RunsRepo,
  ) {}

  get(id: string): TestRunResult {
    return this.s.mustGet<TestRunResult>('results', id, 'Test run result')
  }

  list(query: z.infer<typeof ListResultsQuery>): Page<TestRunResult> {
    const where = new Where()
      .eq('test_run_id', query.test_run_id)
      .eq('test_run_item_id', query.test_run_item_id)
      .eq('test_case_id', query.test_case_id)
      .eq('status', query.status)
    return this.s.t.results.list({
      where,
      sortBy: query.sort_by,
      sortOrder: query.sort_order,
      limit: query.limit,
      offset: query.offset,
    })
  }

  submit(input: SubmitResultInput, options: SubmitOptions = {}): TestRunResult {
    return this.s.tx(() => {
      const run = this.runs.get(input.test_run_id)
      if (run.status !== 'running') {
        throw TestDeskError.invalidState(`Cannot submit a result: test run status is '${run.status}'`)
      }
      const item = this.runs.getItem(input.test_run_item_id)
      if (item.test_run_id !== run.id) throw TestDeskError.validation('test_run_item_id', 'belongs to another test run')
      if (item.test_case_id !== input.test_case_id) throw TestDeskError.validation('test_case_id', "is not the item's test case")
      if (isFinishedItem(item.status)) {
        throw TestDeskError.invalidState(`Cannot submit a result: the item already finished as '${item.status}'`)
      }
      const row: Row = {
        ...input,
        duration_ms: input.duration_ms ?? durationOf(input.started_at, input.completed_at),
        pass_rate: input.pass_rate ?? percentage(input.passed_steps ?? 0, input.total_steps ?? 0),
        checkpoint_pass_rate: input.checkpoint_pass_rate ?? percentage(input.passed_checkpoints ?? 0, input.total_checkpoints ?? 0),
      }
      const id = guarded(() => this.s.t.results.insert(row))
      const result = this.get(id)
      this.s.t.history.insert({
        test_case_id: result.test_case_id,
        test_run_id: run.id,
        test_run_result_id: result.id,
        status: result.status,
        executed_at: result.started_at ?? result.created_at,
        duration_ms: result.duration_ms,
        total_steps: result.total_steps,
        passed_steps: result.passed_steps,
        failed_steps: result.failed_steps,
        pass_rate: result.pass_rate,
        error_message: result.error_message,
        run_name: run.run_name,
        is_scheduled: !!run.options.is_scheduled || run.scheduled_at !== null,
        retry_attempt: result.retry_attempt,
        iteration_number: result.iteration_number,
      })
      if (result.iteration_number !== null) this.addToBundle(item, result.id)
      this.rollupItem(item.id, options.completesItem ?? result.iteration_number === null)
      this.runs.rollupRun(run.id)
      return result
    })
  }

  /** Data iterations of one item are grouped in a bundle keyed by their data set. */
  private addToBundle(item: TestRunItem, resultId: string): void {
    const bundle = this.s.statements.get('SELECT id, execution_ids FROM execution_bundles WHERE test_run_item_id = ?').get(item.id) as
      | { id: string; execution_ids: string }
      | undefined
    if (bundle) {
      this.s.t.bundles.update(bundle.id, { execution_ids: [...(JSON.parse(bundle.execution_ids) as string[]), resultId] })
      return
    }
    const testCase = this.s.statements.get('SELECT data_set_id FROM test_cases WHERE id = ?').get(item.test_case_id) as { data_set_id: string | null }
    this.s.t.bundles.insert({
      test_group_id: testCase.data_set_id ?? item.test_case_id,
      test_run_id: item.test_run_id,
      test_run_item_id: item.id,
      execution_ids: [resultId],
    })
  }

  /**
   * Item statistics come from the results of its latest attempt (data iterations summed), its
   * duration from all of them; when the result completes the item, its status follows: any
   * failed iteration fails it.
   */
  rollupItem(itemId: string, completes: boolean): TestRunItem {
    const item = this.runs.getItem(itemId)
    const attempt = (this.s.statements.get('SELECT coalesce(max(retry_attempt), 0) AS a FROM test_run_results WHERE test_run_item_id = ?').get(itemId) as { a: number })
      .a
    const results = this.s.t.results.all(
      new Where().eq('test_run_item_id', itemId).eq('retry_attempt', attempt),
      'ORDER BY iteration_number, created_at, rowid',
    )
    const sum = (key: keyof TestRunResult) => results.reduce((total, r) => total + ((r[key] as number) ?? 0), 0)
    const iterations = results.filter((r) => r.iteration_number !== null)
    const failed = results.find((r) => r.status === 'failed')
    const patch: Row = {
      total_steps: sum('total_steps'),
      passed_steps: sum('passed_steps'),
      failed_steps: sum('failed_steps'),
      skipped_steps: sum('skipped_steps'),
      total_checkpoints: sum('total_checkpoints'),
      passed_checkpoints: sum('passed_checkpoints'),
      failed_checkpoints: sum('failed_checkpoints'),
      // The time covers every attempt (what the test cost the run, shown beside "2 attempts").
      duration_ms: (this.s.statements.get('SELECT coalesce(sum(duration_ms), 0) AS ms FROM test_run_results WHERE test_run_item_id = ?').get(itemId) as { ms: number }).ms,
      is_data_driven: iterations.length > 0,
      total_iterations: new Set(iterations.map((r) => r.iteration_number)).size,
      passed_iterations: iterations.filter((r) => r.status === 'passed').length,
      failed_iterations: iterations.filter((r) => r.status === 'failed').length,
      retry_attempt: attempt,
      error_message: failed?.error_message ?? null,
      error_screenshot_path: failed?.error_screenshot_path ?? null,
    }
    if (item.status === 'pending' || item.status === 'queued') this.runs.transitionItem(itemId, 'running', 'result received')
    if (!completes) {
      this.s.t.items.update(itemId, patch)
      return this.runs.getItem(itemId)
    }
    const status: ResultStatus = iterations.length
      ? failed
        ? 'failed'
        : iterations.some((r) => r.status === 'passed')
          ? 'passed'
          : 'skipped'
      : results.at(-1)!.status
    const run = this.runs.get(item.test_run_id)
    patch.max_retries_exhausted = status === 'failed' && run.retry_on_failure && attempt >= run.retry_count
    return this.runs.transitionItem(itemId, status, attempt > 0 ? `finished on attempt ${attempt + 1}` : 'finished', patch)
  }

  // ── Step, checkpoint and script results ───────────────────────────────────────────────────

  private assertResult(resultId: string): void {
    if (!this.s.t.results.exists(resultId)) throw TestDeskError.notFound('Test run result', resultId)
  }

  addSteps(resultId: string, steps: readonly StepResultInput[]): TestStepResult[] {
    return this.s.tx(() => {
      this.assertResult(resultId)
      const ids = guarded(() => this.s.t.stepResults.insertMany(steps, { test_run_result_id: resultId }), 'steps')
      return ids.map((id) => this.s.t.stepResults.written(id))
    })
  }

  /** The same as addSteps without reading the rows back: the runner's and benchmark's hot path. */
  insertSteps(resultId: string, steps: readonly StepResultInput[]): string[] {
    return this.s.tx(() => this.s.t.stepResults.insertMany(steps, { test_run_result_id: resultId }))
  }

  steps(resultId: string, status?: ResultStatus): TestStepResult[] {
    this.assertResult(resultId)
    return inRunOrder(this.s.t.stepResults.all(new Where().eq('test_run_result_id', resultId).eq('status', status), 'ORDER BY step_number'))
  }

  step(resultId: string, stepNumber: number): TestStepResult {
    const row = this.s.statements.get('SELECT * FROM test_step_results WHERE test_run_result_id = ? AND step_number = ? AND phase IS NULL').get(resultId, stepNumber) as
      | Row
      | undefined
    if (!row) throw new TestDeskError('not_found', `Step ${stepNumber} not found in result ${resultId}`)
    return this.s.t.stepResults.fromRow(row)
  }

  addCheckpoints(resultId: string, checkpoints: readonly CheckpointResultInput[]): CheckpointResult[] {
    return this.s.tx(() => {
      this.assertResult(resultId)
      checkpoints.forEach((checkpoint, i) => {
        if (!checkpoint.test_step_result_id) return
        const owner = this.s.statements.get('SELECT test_run_result_id FROM test_step_results WHERE id = ?').get(checkpoint.test_step_result_id) as
          | { test_run_result_id: string }
          | undefined
        if (owner?.test_run_result_id !== resultId) {
          throw TestDeskError.validation(`checkpoints.${i}.test_step_result_id`, 'is not a step result of this result')
        }
      })
      const ids = guarded(() => this.s.t.checkpoints.insertMany(checkpoints, { test_run_result_id: resultId }), 'checkpoints')
      return ids.map((id) => this.s.t.checkpoints.written(id))
    })
  }

  checkpoints(resultId: string, status?: 'passed' | 'failed'): CheckpointResult[] {
    this.assertResult(resultId)
    return this.s.t.checkpoints.all(new Where().eq('test_run_result_id', resultId).eq('status', status), 'ORDER BY created_at, rowid')
  }

  addScriptResult(resultId: string, script: ScriptResultInput): ScriptResult {
    return this.s.tx(() => {
      this.assertResult(resultId)
      if (script.test_script_id) this.s.assertExists('scripts', script.test_script_id, 'script.test_script_id', 'script')
      const id = guarded(() => this.s.t.scriptResults.insert({ ...script, test_run_result_id: resultId }), 'script')
      return this.s.t.scriptResults.written(id)
    })
  }

  scriptResults(resultId: string): ScriptResult[] {
    this.assertResult(resultId)
    return this.s.t.scriptResults.all(new Where().eq('test_run_result_id', resultId), 'ORDER BY created_at, rowid')
  }

  // ── Logs ──────────────────────────────────────────────────────────────────────────────────

  addConsoleLogs(resultId: string, logs: readonly ConsoleLogInput[]): number {
    return this.s.tx(() => {
      this.assertResult(resultId)
      return guarded(() => this.s.t.consoleLogs.insertMany(logs, { test_run_result_id: resultId }), 'logs').length
    })
  }

  addNetworkLogs(resultId: string, logs: readonly NetworkLogInput[]): number {
    return this.s.tx(() => {
      this.assertResult(resultId)
      return guarded(() => this.s.t.networkLogs.insertMany(logs, { test_run_result_id: resultId }), 'logs').length
    })
  }

  consoleLogs(query: z.infer<typeof ListLogsQuery>): Page<ConsoleLog> {
    this.assertResult(query.test_run_result_id)
    const where = new Where().eq('test_run_result_id', query.test_run_result_id).in('log_level', query.log_level).eq('step_index', query.step_index)
    return this.s.t.consoleLogs.list(listOptions(where, query))
  }

  networkLogs(query: z.infer<typeof ListNetworkLogsQuery>): Page<NetworkLog> {
    this.assertResult(query.test_run_result_id)
    const where = new Where().eq('test_run_result_id', query.test_run_result_id).eq('status_code', query.status_code).eq('step_index', query.step_index)
    if (query.failed_only) where.raw('(status_code >= 400 OR error_message IS NOT NULL)')
    return this.s.t.networkLogs.list(listOptions(where, query))
  }

  // ── Bundles ───────────────────────────────────────────────────────────────────────────────

  /** Bundles of a data group (a data set, or a test case run with none), of a run, or both; newest first. */
  bundles(query: { test_group_id?: string; test_run_id?: string }): ExecutionBundleView[] {
    return this.withGroupNames(this.s.t.bundles.all(new Where().eq('test_group_id', query.test_group_id).eq('test_run_id', query.test_run_id), 'ORDER BY created_at DESC, rowid DESC'))
  }

  bundle(id: string): ExecutionBundleView {
    return this.withGroupNames([this.s.mustGet<ExecutionBundle>('bundles', id, 'Execution bundle')])[0]
  }

  /** Each bundle with its data group's name: its data set's, null for a test run with none. */
  private withGroupNames(bundles: readonly ExecutionBundle[]): ExecutionBundleView[] {
    const name = this.s.statements.get('SELECT name FROM test_data_sets WHERE id = ?')
    return bundles.map((b) => ({ ...b, data_group_name: (name.get(b.test_group_id) as { name: string } | undefined)?.name ?? null }))
  }
}

function durationOf(start?: string | null, end?: string | null): number {
  if (!start || !end) return 0
  return Math.max(0, Date.parse(end) - Date.parse(start))
}
