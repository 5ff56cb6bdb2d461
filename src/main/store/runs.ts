// Test runs and their items: sequential run numbers per project, one test case per run, ordered
// items, the run and item state machines with every transition recorded, statistics rollup,
// and recovery of runs a crash left running.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import type { RunItemView } from '../../shared/api/runs'
import type { Page } from '../../shared/model/common'
import {
  type CreateRunInput,
  type ItemStatus,
  type ListItemsQuery,
  type ListRunsQuery,
  type RunStatus,
  type RunSummary,
  type RunSummaryItem,
  type StateTransition,
  type TestRun,
  type TestRunItem,
  type UpdateRunInput,
} from '../../shared/model/execution'
import { canTransitionItem, canTransitionRun, isFinishedItem, isFinishedRun, percentage } from '../../shared/model/states'
import { whyNotRunnable } from '../../shared/run-rules'
import type { StoreBase } from './base'
import { guarded } from './errors'
import { dateBounds, listOptions, type Row, Where } from './table'

export type { RunItemView }

const INTERRUPTED_RUNNING = 'Interrupted: TestDesk stopped while this test was running'
const INTERRUPTED_WAITING = 'Interrupted: TestDesk stopped before this test ran'

export class RunsRepo {
  constructor(private readonly s: StoreBase) {}

  // ── Runs ──────────────────────────────────────────────────────────────────────────────────

  get(id: string): TestRun {
    return this.s.mustGet<TestRun>('runs', id, 'Test run')
  }

  create(input: z.infer<typeof CreateRunInput>): TestRun {
    return this.s.tx(() => {
      const projectId = this.s.projectOrDefault(input.project_id)
      const { n } = this.s.statements.get('SELECT coalesce(max(run_number), 0) + 1 AS n FROM test_runs WHERE project_id = ?').get(projectId) as {
        n: number
      }
      if (input.options?.environment_id) this.s.assertInProject('environments', input.options.environment_id, projectId, 'options.environment_id', 'environment')
      if (input.options?.browser_config_id) {
        this.s.assertInProject('browserConfigs', input.options.browser_config_id, projectId, 'options.browser_config_id', 'browser configuration')
      }
      const parallelCount = input.parallel_count ?? 1
      const { test_case_ids: testCaseIds, project_id: _project, ...fields } = input
      const id = guarded(() =>
        this.s.t.runs.insert({
          ...fields,
          project_id: projectId,
          run_number: n,
          run_name: input.run_name ?? `Run_${String(n).padStart(3, '0')}`,
          created_by: this.s.localUserId,
          parallel_count: parallelCount,
          parallel_enabled: input.parallel_enabled ?? parallelCount > 1,
          retry_on_failure: input.retry_on_failure ?? (input.retry_count ?? 0) > 0,
          tags: input.tags ?? [],
          options: input.options ?? {},
        }),
      )
      this.recordTransition('run', id, id, null, 'pending', 'created')
      if (testCaseIds?.length) this.addItems(id, testCaseIds)
      return this.get(id)
    })
  }

  /** A new pending run of this run's failed and/or unfinished tests, configured the same way. */
  rerun(id: string, only: 'failed' | 'unfinished' | 'failed_and_unfinished'): TestRun {
    return this.s.tx(() => {
      const run = this.get(id)
      if (!isFinishedRun(run.status)) throw TestDeskError.invalidState(`Cannot rerun test run: status is '${run.status}' (wait for it to end, or stop it)`)
      const wanted = new Set<ItemStatus>(only === 'failed' ? ['failed'] : only === 'unfinished' ? ['skipped', 'no_run'] : ['failed', 'skipped', 'no_run'])
      const items = this.items(id).filter((item) => wanted.has(item.status))
      if (!items.length) throw TestDeskError.invalidState(`Nothing to rerun: test run ${run.run_name} has no ${only.replace(/_/g, ' ')} tests`)
      const { runner_pid: _pid, runner_host: _host, ...config } = run
      return this.create({
        project_id: run.project_id,
        run_name: `${run.run_name} rerun`,
        suite_path: config.suite_path,
        suite_name: config.suite_name,
        parallel_count: config.parallel_count,
        parallel_enabled: config.parallel_enabled,
        retry_count: config.retry_count,
        retry_on_failure: config.retry_on_failure,
        browser_name: (config.browser_name as 'chromium' | 'firefox' | 'webkit' | null) ?? undefined,
        viewport_width: config.viewport_width,
        viewport_height: config.viewport_height,
        tags: config.tags,
        notes: `Rerun of ${run.run_name} (#${run.run_number}): ${items.length} ${only.replace(/_/g, ' ')} test${items.length === 1 ? '' : 's'}`,
        options: { ...config.options, is_scheduled: false },
        test_case_ids: items.map((item) => item.test_case_id),
      })
    })
  }

  update(input: z.infer<typeof UpdateRunInput>): TestRun {
    return this.s.tx(() => {
      const run = this.get(input.id)
      const { id, run_name: runName, notes, tags, ...config } = input
      const changesConfig = Object.values(config).some((v) => v !== undefined)
      if (changesConfig && run.status !== 'pending' && run.status !== 'queued') {
        throw TestDeskError.invalidState(`Cannot change the configuration of a test run whose status is '${run.status}'`)
      }
      const patch: Row = { run_name: runName, notes, tags, ...config }
      if (config.options) patch.options = { ...run.options, ...config.options }
      if (config.parallel_count !== undefined && config.parallel_enabled === undefined) patch.parallel_enabled = config.parallel_count > 1
      guarded(() => this.s.t.runs.update(id, patch))
      return this.get(id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    const run = this.get(id)
    if (run.status === 'running' || run.status === 'queued') {
      throw TestDeskError.invalidState(`Cannot delete test run: status is '${run.status}' (stop or cancel it first)`)
    }
    this.s.t.runs.delete(id)
    return { id, deleted: true }
  }

  list(query: ListRunsQuery): Page<TestRun> {
    const where = new Where()
      .eq('project_id', query.project_id)
      .in('status', query.status)
      .eq('created_by', query.created_by)
      .jsonHasAll('tags', query.tags)
    const { from, toExclusive } = dateBounds(query.from_date, query.to_date)
    where.gte('created_at', from).lt('created_at', toExclusive)
    if (query.suite_path) {
      // The suite or anything below it, as an exact prefix of the JSON text: LIKE would ignore
      // case and read '_' and '%' in suite names as wildcards.
      const exact = JSON.stringify(query.suite_path)
      const below = `${exact.slice(0, -1)},`
      where.raw('(suite_path = ? OR substr(suite_path, 1, length(?)) = ?)', exact, below, below)
    }
    return this.s.t.runs.list(listOptions(where, query))
  }

  /** Moves a run to another status if the state machine allows it, and records why. */
  transitionRun(id: string, to: RunStatus, reason: string, patch: Row = {}): TestRun {
    return this.s.tx(() => {
      const run = this.get(id)
      if (!canTransitionRun(run.status, to)) {
        throw TestDeskError.invalidState(`Cannot move test run from '${run.status}' to '${to}'`)
      }
      const now = this.s.now()
      const timing: Row = {}
      if (to === 'running' && !run.started_at) timing.started_at = now
      if (isFinishedRun(to)) {
        timing.completed_at = now
        const started = run.started_at ?? (timing.started_at as string | undefined)
        timing.duration_ms = started ? Math.max(0, Date.parse(now) - Date.parse(started)) : 0
      }
      this.s.t.runs.update(id, { ...timing, ...patch, status: to })
      this.recordTransition('run', id, id, run.status, to, reason)
      return this.get(id)
    })
  }

  /** Every transition of a run and its items, in the order they were recorded. */
  /** The version of the browser the run's first worker started, kept once known. */
  setBrowserVersion(id: string, version: string): void {
    if (!this.get(id).browser_version) this.s.t.runs.update(id, { browser_version: version })
  }

  runTransitions(runId: string): StateTransition[] {
    return this.s.t.transitions.all(new Where().eq('test_run_id', runId), 'ORDER BY created_at, rowid')
  }

  private recordTransition(type: 'run' | 'item', entityId: string, runId: string, from: string | null, to: string, reason: string): void {
    this.s.t.transitions.insert({ entity_type: type, entity_id: entityId, test_run_id: runId, from_status: from, to_status: to, reason })
  }

  // ── Items ─────────────────────────────────────────────────────────────────────────────────

  getItem(id: string): TestRunItem {
    return this.s.mustGet<TestRunItem>('items', id, 'Test run item')
  }

  items(runId: string): RunItemView[] {
    return (
      this.s.statements
        .get('SELECT i.*, c.name AS test_case_name FROM test_run_items i JOIN test_cases c ON c.id = i.test_case_id WHERE i.test_run_id = ? ORDER BY i.execution_order')
        .all(runId) as Row[]
    ).map((row): RunItemView => ({ ...this.s.t.items.fromRow(row), test_case_name: row.test_case_name as string }))
  }

  listItems(query: z.infer<typeof ListItemsQuery>): Page<RunItemView> {
    this.get(query.test_run_id)
    let items = this.items(query.test_run_id)
    if (query.status) {
      const wanted = new Set(Array.isArray(query.status) ? query.status : [query.status])
      items = items.filter((i) => wanted.has(i.status))
    }
    if (query.search) {
      const needle = query.search.toLowerCase()
      items = items.filter((i) => i.test_case_name.toLowerCase().includes(needle))
    }
    if (query.sort_by) {
      const key = query.sort_by
      const sign = query.sort_order === 'asc' ? 1 : -1
      items.sort((a, b) => sign * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0))
    } else if (query.sort_order === 'desc') {
      items.reverse()
    }
    return { items: items.slice(query.offset, query.offset + query.limit), total: items.length, limit: query.limit, offset: query.offset }
  }

  /** Adds test cases at the end of a pending run; a test case already in the run is a conflict. */
  addItems(runId: string, testCaseIds: readonly string[], field = 'test_case_ids'): TestRunItem[] {
    return this.s.tx(() => {
      const run = this.get(runId)
      if (run.status !== 'pending') throw TestDeskError.invalidState(`Cannot add tests to a test run whose status is '${run.status}'`)
      const seen = new Set<string>()
      testCaseIds.forEach((id, i) => {
        this.s.assertInProject('testCases', id, run.project_id, `${field}.${i}`, 'test case')
        const refusal = whyNotRunnable(this.s.mustGet<{ name: string; status: string }>('testCases', id, 'Test case'))
        if (refusal) throw TestDeskError.validation(`${field}.${i}`, refusal)
        if (seen.has(id)) throw TestDeskError.conflict(`${field}.${i}: the test case appears twice`, `${field}.${i}`)
        seen.add(id)
      })
      const existing = this.s.statements.get('SELECT 1 FROM test_run_items WHERE test_run_id = ? AND test_case_id = ?')
      testCaseIds.forEach((id, i) => {
        if (existing.get(runId, id)) throw TestDeskError.conflict('Test case already exists in this run', `${field}.${i}`)
      })
      const { n } = this.s.statements.get('SELECT coalesce(max(execution_order), 0) AS n FROM test_run_items WHERE test_run_id = ?').get(runId) as {
        n: number
      }
      const ids = this.s.t.items.insertMany(testCaseIds.map((testCaseId, i) => ({ test_run_id: runId, test_case_id: testCaseId, execution_order: n + i + 1 })))
      for (const id of ids) this.recordTransition('item', id, runId, null, 'pending', 'added')
      this.rollupRun(runId)
      return ids.map((id) => this.getItem(id))
    })
  }

  removeItem(itemId: string): { id: string; deleted: true } {
    return this.s.tx(() => {
      const item = this.getItem(itemId)
      const run = this.get(item.test_run_id)
      if (run.status !== 'pending') throw TestDeskError.invalidState(`Cannot remove tests from a test run whose status is '${run.status}'`)
      this.s.t.items.delete(itemId)
      this.renumber(run.id, this.items(run.id).map((i) => i.id))
      this.rollupRun(run.id)
      return { id: itemId, deleted: true }
    })
  }

  /** Moves one item to a new 1-based place; the others keep their relative order. */
  moveItem(itemId: string, executionOrder: number): TestRunItem {
    return this.s.tx(() => {
      const item = this.getItem(itemId)
      this.assertReorderable(item.test_run_id)
      const ids = this.items(item.test_run_id).map((i) => i.id).filter((id) => id !== itemId)
      ids.splice(Math.min(executionOrder, ids.length + 1) - 1, 0, itemId)
      this.renumber(item.test_run_id, ids)
      return this.getItem(itemId)
    })
  }

  reorderItems(runId: string, itemIds: readonly string[]): RunItemView[] {
    return this.s.tx(() => {
      this.assertReorderable(runId)
      const current = new Set(this.items(runId).map((i) => i.id))
      if (itemIds.length !== current.size || new Set(itemIds).size !== current.size || !itemIds.every((id) => current.has(id))) {
        throw TestDeskError.validation('item_ids', `must list each of the run's ${current.size} items exactly once`)
      }
      this.renumber(runId, itemIds)
      return this.items(runId)
    })
  }

  private assertReorderable(runId: string): void {
    const run = this.get(runId)
    if (run.status !== 'pending' && run.status !== 'queued') {
      throw TestDeskError.invalidState(`Cannot reorder a test run whose status is '${run.status}'`)
    }
  }

  private renumber(runId: string, ids: readonly string[]): void {
    const update = this.s.statements.get('UPDATE test_run_items SET execution_order = ?, updated_at = ? WHERE id = ? AND test_run_id = ?')
    const now = this.s.now()
    ids.forEach((id, i) => update.run(i + 1, now, id, runId))
  }

  /** Moves an item to another status if the state machine allows it, and records why. */
  transitionItem(id: string, to: ItemStatus, reason: string, patch: Row = {}): TestRunItem {
    return this.s.tx(() => {
      const item = this.getItem(id)
      if (item.status === to && !isFinishedItem(to)) {
        this.s.t.items.update(id, patch)
        return this.getItem(id)
      }
      if (!canTransitionItem(item.status, to)) {
        throw TestDeskError.invalidState(`Cannot move test run item from '${item.status}' to '${to}'`)
      }
      const now = this.s.now()
      const timing: Row = {}
      if (to === 'running' && !item.started_at) timing.started_at = now
      if (isFinishedItem(to)) timing.completed_at = now
      this.s.t.items.update(id, { ...timing, ...patch, status: to })
      this.recordTransition('item', id, item.test_run_id, item.status, to, reason)
      return this.getItem(id)
    })
  }

  /** Marks every unfinished item of a run (e.g. no_run after a stop or cancel). */
  finishUnfinishedItems(runId: string, to: 'no_run' | 'skipped' | 'failed', reason: string, errorMessage?: string): number {
    return this.s.tx(() => {
      let changed = 0
      for (const item of this.items(runId)) {
        if (isFinishedItem(item.status)) continue
        if (to === 'failed' && item.status !== 'running') this.transitionItem(item.id, 'running', reason)
        this.transitionItem(item.id, to, reason, errorMessage ? { error_message: errorMessage } : {})
        changed++
      }
      this.rollupRun(runId)
      return changed
    })
  }

  // ── Statistics ────────────────────────────────────────────────────────────────────────────

  /**
   * Recomputes a run's counts and pass rate from its items (pass rate = passed / total tests);
   * a running run whose items have all finished becomes completed.
   */
  rollupRun(runId: string): TestRun {
    return this.s.tx(() => {
      const counts = this.s.statements
        .get('SELECT status, count(*) AS n FROM test_run_items WHERE test_run_id = ? GROUP BY status')
        .all(runId) as { status: ItemStatus; n: number }[]
      const by = (status: ItemStatus) => counts.find((c) => c.status === status)?.n ?? 0
      const total = counts.reduce((sum, c) => sum + c.n, 0)
      const passed = by('passed')
      this.s.t.runs.update(runId, {
        total_tests: total,
        passed_tests: passed,
        failed_tests: by('failed'),
        skipped_tests: by('skipped'),
        no_run_tests: by('no_run'),
        pass_rate: percentage(passed, total),
      })
      const run = this.get(runId)
      const finished = counts.filter((c) => isFinishedItem(c.status)).reduce((sum, c) => sum + c.n, 0)
      if (run.status === 'running' && total > 0 && finished === total) {
        return this.transitionRun(runId, 'completed', 'every test finished')
      }
      return run
    })
  }

  summary(runId: string): RunSummary {
    const run = this.get(runId)
    const totals = this.s.statements
      .get(
        `SELECT coalesce(sum(total_steps),0) AS total_steps, coalesce(sum(passed_steps),0) AS passed_steps, coalesce(sum(failed_steps),0) AS failed_steps,
                coalesce(sum(total_checkpoints),0) AS total_checkpoints, coalesce(sum(passed_checkpoints),0) AS passed_checkpoints,
                coalesce(sum(failed_checkpoints),0) AS failed_checkpoints
         FROM test_run_items WHERE test_run_id = ?`,
      )
      .get(runId) as RunSummary['summary']
    const items: RunSummaryItem[] = this.items(runId).map((item) => ({
      id: item.id,
      test_case_id: item.test_case_id,
      test_case_name: item.test_case_name,
      execution_order: item.execution_order,
      status: item.status,
      duration_ms: item.duration_ms,
      pass_rate: item.is_data_driven ? percentage(item.passed_iterations, item.total_iterations) : percentage(item.passed_steps, item.total_steps),
      error_message: item.error_message,
      is_data_driven: item.is_data_driven,
      total_iterations: item.total_iterations,
      passed_iterations: item.passed_iterations,
      failed_iterations: item.failed_iterations,
      retry_attempt: item.retry_attempt,
    }))
    return {
      id: run.id,
      run_name: run.run_name,
      status: run.status,
      started_at: run.started_at,
      completed_at: run.completed_at,
      duration_ms: run.duration_ms,
      summary: {
        ...totals,
        total_tests: run.total_tests,
        passed_tests: run.passed_tests,
        failed_tests: run.failed_tests,
        skipped_tests: run.skipped_tests,
        no_run_tests: run.no_run_tests,
        pass_rate: run.pass_rate,
      },
      items,
    }
  }

  /**
   * At start-up: runs a crashed TestDesk process left queued or running become failed; their
   * running items fail as interrupted, waiting ones are marked no_run. Finished results stay
   * untouched. Runs of live processes, and runs started without a runner (results submitted by
   * another client), are left alone.
   */
  recoverInterrupted(isAlive: (pid: number, host: string) => boolean = () => false): TestRun[] {
    return this.s.tx(() => {
      const stuck = (
        this.s.statements.get("SELECT id, runner_pid, runner_host FROM test_runs WHERE status IN ('running', 'queued')").all() as {
          id: string
          runner_pid: number | null
          runner_host: string | null
        }[]
      ).filter((run) => run.runner_pid !== null && !isAlive(run.runner_pid, run.runner_host ?? ''))
      return stuck.map(({ id }) => {
        const unfinished = this.items(id).filter((item) => !isFinishedItem(item.status))
        // Failed first, so the rollup of the interrupted items cannot mark the run completed.
        if (unfinished.length) this.transitionRun(id, 'failed', 'interrupted: TestDesk stopped during the run')
        for (const item of unfinished) {
          if (item.status === 'running') this.transitionItem(item.id, 'failed', 'interrupted', { error_message: INTERRUPTED_RUNNING })
          else this.transitionItem(item.id, 'no_run', 'interrupted', { error_message: INTERRUPTED_WAITING })
        }
        const run = this.rollupRun(id)
        return isFinishedRun(run.status) ? run : this.transitionRun(id, 'failed', 'interrupted: TestDesk stopped during the run')
      })
    })
  }
}
