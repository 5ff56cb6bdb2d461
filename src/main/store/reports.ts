// What a report reads: a whole run with everything its executions produced, in a handful of
// queries (one per table, each served by an index on the run or its results) instead of one
// query per result, so a run of thousands of steps is read in milliseconds.
import { isId } from '../../shared/model/common'
import type { RunItemView } from '../../shared/api/runs'
import type {
  Artifact,
  CheckpointResult,
  ConsoleLog,
  NetworkLog,
  ScriptResult,
  TestRun,
  TestRunResult,
  TestStepResult,
} from '../../shared/model/execution'
import type { StoreBase } from './base'
import type { Row } from './table'

export interface RunReportRows {
  run: TestRun
  environment_name: string | null
  items: (RunItemView & { tags: string[] })[]
  /** Every result of the run, by item, attempt, then iteration. */
  results: TestRunResult[]
  steps: ReportStepRow[]
  checkpoints: CheckpointResult[]
  scripts: ScriptResult[]
  console: ConsoleLog[]
  network: NetworkLog[]
  /** Suite links of the run's test cases. */
  suiteLinks: { test_case_id: string; suite_id: string }[]
}

/** The columns of a step result a report shows (a run can have tens of thousands). */
export type ReportStepRow = Pick<
  TestStepResult,
  | 'id'
  | 'test_run_result_id'
  | 'step_number'
  | 'action'
  | 'description'
  | 'status'
  | 'duration_ms'
  | 'selector'
  | 'healed_selector'
  | 'input_value'
  | 'window_title'
  | 'error_message'
  | 'screenshot_path'
  | 'phase'
>

const STEP_COLUMNS =
  'id, test_run_result_id, step_number, action, description, status, duration_ms, selector, healed_selector, input_value, window_title, error_message, screenshot_path, phase'


export class ReportsRepo {
  constructor(private readonly s: StoreBase) {}

  /** The whole run as stored; `run` must exist (callers fetch it first for a not_found error). */
  runRows(run: TestRun): RunReportRows {
    const byRun = (sql: string) => this.s.statements.get(sql).all(run.id) as Row[]
    const environmentId = run.options.environment_id
    const environment = environmentId
      ? ((this.s.statements.get('SELECT name FROM environments WHERE id = ?').get(environmentId) as { name: string } | undefined)?.name ?? null)
      : null
    const items = byRun(
      `SELECT i.*, c.name AS test_case_name, c.tags AS tags FROM test_run_items i JOIN test_cases c ON c.id = i.test_case_id
       WHERE i.test_run_id = ? ORDER BY i.execution_order`,
    ).map((row) => ({
      ...this.s.t.items.fromRow(row),
      test_case_name: row.test_case_name as string,
      tags: JSON.parse((row.tags as string | null) ?? '[]') as string[],
    }))
    const results = byRun(
      `SELECT * FROM test_run_results WHERE test_run_id = ?
       ORDER BY test_run_item_id, retry_attempt, coalesce(iteration_number, 0), created_at, rowid`,
    ).map((row) => this.s.t.results.fromRow(row))
    // IN (…) rather than a join: SQLite then walks each table's result index in order, with no
    // temporary sort of tens of thousands of rows.
    const underResults = (table: string, order: string, columns = 'x.*') =>
      byRun(`SELECT ${columns} FROM ${table} x WHERE x.test_run_result_id IN (SELECT id FROM test_run_results WHERE test_run_id = ?) ORDER BY ${order}`)
    return {
      run,
      environment_name: environment,
      items,
      results,
      // Step results have no JSON or boolean columns: rows are used as they come.
      steps: underResults('test_step_results', 'x.test_run_result_id, x.step_number', STEP_COLUMNS) as unknown as ReportStepRow[],
      checkpoints: underResults('checkpoint_results', 'x.test_run_result_id, x.created_at, x.rowid').map(
        (row) => this.s.t.checkpoints.fromRow(row),
      ),
      scripts: underResults('script_results', 'x.test_run_result_id, x.created_at, x.rowid').map((row) => this.s.t.scriptResults.fromRow(row)),
      console: underResults('console_logs', 'x.test_run_result_id, x.timestamp, x.rowid').map((row) => this.s.t.consoleLogs.fromRow(row)),
      network: underResults('network_logs', 'x.test_run_result_id, x.timestamp, x.rowid').map((row) => this.s.t.networkLogs.fromRow(row)),
      suiteLinks: byRun(
        `SELECT l.test_case_id, l.suite_id FROM suite_test_cases l JOIN test_run_items i ON i.test_case_id = l.test_case_id
         WHERE i.test_run_id = ? ORDER BY l.test_case_id, l.position`,
      ) as { test_case_id: string; suite_id: string }[],
    }
  }

  /** Artifacts stored under these relative paths (screenshots referenced by results). */
  artifactsAt(paths: readonly string[]): Artifact[] {
    if (!paths.length) return []
    return this.s.statements.get('SELECT * FROM artifacts WHERE path IN (SELECT value FROM json_each(?))').all(JSON.stringify(paths)) as Artifact[]
  }

  setReportPath(runId: string, path: string): void {
    this.s.t.runs.update(runId, { report_path: path })
  }

  /**
   * Ids of the runs a tester's reference names: an id (in any project), a run number (`12`,
   * `#12`) or a run name (exact, else ignoring case), in `projectId` when given, else in every
   * project (each numbers its own runs, so there may be several).
   */
  findRunIds(ref: string, projectId?: string): string[] {
    const text = ref.trim()
    const ids = (sql: string, ...params: unknown[]) => (this.s.statements.get(sql).all(...params) as { id: string }[]).map((r) => r.id)
    if (isId(text)) return ids('SELECT id FROM test_runs WHERE id = ?', text.toLowerCase())
    const scope = projectId ? 'project_id = ? AND' : ''
    const inScope = (condition: string, value: unknown) =>
      ids(`SELECT id FROM test_runs WHERE ${scope} ${condition} ORDER BY created_at`, ...(projectId ? [projectId] : []), value)
    const number = /^#?(\d{1,9})$/.exec(text)
    if (number) return inScope('run_number = ?', Number(number[1]))
    const exact = inScope('run_name = ?', text)
    return exact.length ? exact : inScope('lower(run_name) = lower(?)', text)
  }
}
