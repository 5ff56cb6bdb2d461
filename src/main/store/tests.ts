// Test cases and their ordered steps. A test case is written with its steps and suite links in
// one transaction; lists filter by suite (with descendants), tags, status, priority and name.
import type { z } from 'zod'
import { type FieldIssue, TestDeskError, validationError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type {
  CreateStepInput,
  CreateTestCaseInput,
  ListTestCasesQuery,
  ReorderStepsInput,
  StepInput,
  TestCase,
  TestCaseWithSteps,
  TestStep,
  UpdateStepInput,
  UpdateTestCaseInput,
} from '../../shared/model/definition'
import { OUTLINE_PASS_RATE_WINDOW, type OutlineTest } from '../../shared/api/tests'
import { percentage } from '../../shared/model/states'
import type { StoreBase } from './base'
import type { TestCaseRow } from './rows'
import { guarded } from './errors'
import type { RunsRepo } from './runs'
import type { SuitesRepo } from './suites'
import { Where, type Row } from './table'


/** Checks a step's action and parameters against the step catalogue; returns what is wrong. */
/** A step's own columns as stored, absent fields given their defaults (test and suite steps alike). */
export function stepColumns(step: StepInput) {
  return {
    action: step.action,
    target: step.target ?? null,
    value: step.value ?? null,
    options: step.options ?? {},
    description: step.description ?? null,
    disabled: step.disabled ?? false,
  }
}

export type StepValidator = (step: StepInput, path: string) => FieldIssue[]

const PRIORITY_ORDER = "CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END"

export class TestsRepo {
  constructor(
    private readonly s: StoreBase,
    private readonly suites: SuitesRepo,
    private readonly runs: RunsRepo,
    private readonly validateStep: StepValidator = () => [],
  ) {}

  get(id: string): TestCaseWithSteps {
    const row = this.s.mustGet<TestCaseRow>('testCases', id, 'Test case')
    return { ...this.decorate(row), steps: this.steps(id) }
  }

  byName(name: string, projectId?: string): TestCase | null {
    const row = this.s.statements
      .get('SELECT * FROM test_cases WHERE project_id = ? AND name = ?')
      .get(this.s.projectOrDefault(projectId), name) as Row | undefined
    return row ? this.decorate(this.s.t.testCases.fromRow(row)) : null
  }

  private decorate(row: TestCaseRow): TestCase {
    const count = this.s.statements.get('SELECT count(*) AS n FROM test_steps WHERE test_case_id = ?').get(row.id) as { n: number }
    return { ...row, suite_ids: this.suites.suiteIdsOf(row.id), step_count: count.n }
  }

  /** The test case as stored, without its steps and suites. */
  row(id: string): TestCaseRow {
    return this.s.mustGet<TestCaseRow>('testCases', id, 'Test case')
  }

  steps(testCaseId: string): TestStep[] {
    return this.s.t.steps.all(new Where().eq('test_case_id', testCaseId), 'ORDER BY position')
  }

  private checkReferences(input: Partial<z.infer<typeof CreateTestCaseInput>>, projectId: string, prefix = ''): void {
    const at = (f: string) => (prefix ? `${prefix}.${f}` : f)
    if (input.browser_config_id) this.s.assertInProject('browserConfigs', input.browser_config_id, projectId, at('browser_config_id'), 'browser configuration')
    if (input.environment_id) this.s.assertInProject('environments', input.environment_id, projectId, at('environment_id'), 'environment')
    if (input.data_set_id) this.s.assertInProject('dataSets', input.data_set_id, projectId, at('data_set_id'), 'data set')
    input.suite_ids?.forEach((suiteId, i) => this.s.assertInProject('suites', suiteId, projectId, at(`suite_ids.${i}`), 'suite'))
    const issues = (input.steps ?? []).flatMap((step, i) => this.validateStep(step, at(`steps.${i}`)))
    if (issues.length) throw validationError(issues, 'Invalid steps')
  }

  create(input: z.infer<typeof CreateTestCaseInput>, prefix = ''): TestCaseWithSteps {
    return this.s.tx(() => this.get(this.insert(input, prefix)))
  }

  /**
   * Writes a new test case and returns its id without reading it back: for writes in bulk (an
   * import), which may have checked every step already (`stepsChecked`) and link the test to
   * its suites themselves, in one go, before the transaction ends (`unlinked`).
   */
  insert(input: z.infer<typeof CreateTestCaseInput>, prefix = '', options: { stepsChecked?: boolean; unlinked?: boolean } = {}): string {
    return this.s.tx(() => {
      const projectId = this.s.projectOrDefault(input.project_id, prefix ? `${prefix}.project_id` : 'project_id')
      this.checkReferences(options.stepsChecked ? { ...input, steps: undefined } : input, projectId, prefix)
      const id = guarded(
        () =>
          this.s.t.testCases.insert({
            id: input.id,
            project_id: projectId,
            name: input.name,
            description: input.description ?? null,
            tags: input.tags ?? [],
            priority: input.priority,
            status: input.status,
            start_url: input.start_url ?? null,
            step_timeout_ms: input.step_timeout_ms ?? null,
            test_timeout_ms: input.test_timeout_ms ?? null,
            browser_config_id: input.browser_config_id ?? null,
            environment_id: input.environment_id ?? null,
            data_set_id: input.data_set_id ?? null,
            created_by: this.s.localUserId,
          }),
        prefix,
      )
      if (!options.unlinked) {
        const suiteIds = input.suite_ids?.length ? input.suite_ids : [this.suites.rootId(projectId)]
        for (const suiteId of suiteIds) this.suites.link(suiteId, [id])
      }
      this.writeSteps(id, input.steps ?? [])
      return id
    })
  }

  update(input: z.infer<typeof UpdateTestCaseInput>, prefix = ''): TestCaseWithSteps {
    return this.s.tx(() => {
      const current = this.s.mustGet<TestCaseRow>('testCases', input.id, 'Test case')
      this.s.checkVersion('testCases', input.id, input.if_version, 'Test case', prefix)
      this.checkReferences(input, current.project_id, prefix)
      const { id, suite_ids: suiteIds, steps, if_version: _version, ...fields } = input
      guarded(() => this.s.t.testCases.update(id, fields), prefix)
      if (suiteIds) this.suites.setSuitesOf(id, suiteIds.length ? suiteIds : [this.suites.rootId(current.project_id)])
      if (steps) {
        this.s.statements.get('DELETE FROM test_steps WHERE test_case_id = ?').run(id)
        this.writeSteps(id, steps)
      }
      return this.get(id)
    })
  }

  private writeSteps(testCaseId: string, steps: readonly StepInput[]): void {
    const rows = steps.map((step, position) => ({ id: step.id, test_case_id: testCaseId, position, ...stepColumns(step) }))
    guarded(() => this.s.t.steps.insertMany(rows), 'steps')
  }

  /**
   * Deletes a test case with its steps, links, run items and history (reference/003 cascades),
   * then recounts the runs that held it. Refused while one of them is queued or running: the
   * runner may be executing it, and the run would wait for its result forever.
   */
  delete(id: string): { id: string; deleted: true } {
    return this.s.tx(() => {
      const busy = this.s.statements
        .get(
          "SELECT r.run_name, r.status FROM test_run_items i JOIN test_runs r ON r.id = i.test_run_id WHERE i.test_case_id = ? AND r.status IN ('queued', 'running') LIMIT 1",
        )
        .get(id) as { run_name: string; status: string } | undefined
      if (busy) throw TestDeskError.invalidState(`Cannot delete test case: it is in test run '${busy.run_name}', which is ${busy.status}`)
      const runIds = (this.s.statements.get('SELECT test_run_id FROM test_run_items WHERE test_case_id = ?').all(id) as { test_run_id: string }[]).map(
        (r) => r.test_run_id,
      )
      if (!this.s.t.testCases.delete(id)) throw TestDeskError.notFound('Test case', id)
      for (const runId of runIds) this.runs.rollupRun(runId)
      return { id, deleted: true }
    })
  }

  list(query: ListTestCasesQuery): Page<TestCase> {
    const projectId = this.s.projectOrDefault(query.project_id)
    const where = new Where().eq('project_id', projectId).in('status', query.status).in('priority', query.priority).jsonHasAll('tags', query.tags)
    const suiteIds = this.suiteFilter(query, projectId)
    if (suiteIds) {
      if (!suiteIds.length) return { items: [], total: 0, limit: query.limit, offset: query.offset }
      where.raw(`id IN (SELECT test_case_id FROM suite_test_cases WHERE suite_id IN (${suiteIds.map(() => '?').join(', ')}))`, ...suiteIds)
    }
    const page = this.s.t.testCases.list({
      where,
      search: query.search,
      sortBy: query.sort_by === 'priority' ? PRIORITY_ORDER : query.sort_by,
      sortOrder: query.sort_order, limit: query.limit, offset: query.offset })
    return { ...page, items: (page.items).map((row) => this.decorate(row)) }
  }

  private suiteFilter(query: ListTestCasesQuery, projectId: string): string[] | null {
    if (!query.suite_id && !query.suite_path) return null
    const suite = query.suite_id ? this.suites.get(query.suite_id) : this.suites.byPath(query.suite_path!, projectId)
    if (!suite) return []
    return query.recursive ? this.suites.idsUnder(suite.path, projectId) : [suite.id]
  }

  // ── Steps one by one ──────────────────────────────────────────────────────────────────────

  getStep(id: string): TestStep {
    return this.s.mustGet<TestStep>('steps', id, 'Step')
  }

  createStep(input: z.infer<typeof CreateStepInput>): TestStep {
    return this.s.tx(() => {
      this.s.mustGet('testCases', input.test_case_id, 'Test case')
      const { test_case_id: testCaseId, position: wanted, ...step } = input
      const issues = this.validateStep(step, '')
      if (issues.length) throw validationError(issues, 'Invalid step')
      const count = this.steps(testCaseId).length
      const position = Math.min(wanted ?? count, count)
      this.s.statements.get('UPDATE test_steps SET position = position + 1 WHERE test_case_id = ? AND position >= ?').run(testCaseId, position)
      const id = this.s.t.steps.insert({ ...step, target: step.target ?? null, options: step.options ?? {}, test_case_id: testCaseId, position })
      this.touch(testCaseId)
      return this.getStep(id)
    })
  }

  updateStep(input: z.infer<typeof UpdateStepInput>): TestStep {
    return this.s.tx(() => {
      const current = this.getStep(input.id)
      const merged = {
        action: input.action ?? current.action,
        target: input.target === undefined ? current.target : input.target,
        value: input.value === undefined ? current.value : input.value,
        options: input.options ?? current.options,
      }
      const issues = this.validateStep(merged, '')
      if (issues.length) throw validationError(issues, 'Invalid step')
      const { id, ...patch } = input
      this.s.t.steps.update(id, patch)
      this.touch(current.test_case_id)
      return this.getStep(id)
    })
  }

  deleteStep(id: string): { id: string; deleted: true } {
    return this.s.tx(() => {
      const step = this.getStep(id)
      this.s.t.steps.delete(id)
      this.s.statements.get('UPDATE test_steps SET position = position - 1 WHERE test_case_id = ? AND position > ?').run(step.test_case_id, step.position)
      this.touch(step.test_case_id)
      return { id, deleted: true }
    })
  }

  reorderSteps(input: z.infer<typeof ReorderStepsInput>): TestStep[] {
    return this.s.tx(() => {
      const current = this.steps(input.test_case_id)
      const ids = new Set(current.map((s) => s.id))
      if (input.step_ids.length !== ids.size || !input.step_ids.every((id) => ids.has(id)) || new Set(input.step_ids).size !== ids.size) {
        throw TestDeskError.validation('step_ids', `must list each of the test case's ${ids.size} steps exactly once`)
      }
      const update = this.s.statements.get('UPDATE test_steps SET position = ? WHERE id = ?')
      input.step_ids.forEach((id, position) => update.run(position, id))
      this.touch(input.test_case_id)
      return this.steps(input.test_case_id)
    })
  }

  private touch(testCaseId: string): void {
    this.s.t.testCases.update(testCaseId, {})
  }

  /** Every test of a project with its last result, and the suite links, for the suite tree. */
  outline(projectId: string): { tests: OutlineTest[]; links: [string, string][] } {
    const rows = this.s.statements
      .get(
        `SELECT t.id, t.name, t.tags, t.status, t.priority, t.version, t.updated_at,
           (SELECT count(*) FROM test_steps s WHERE s.test_case_id = t.id) AS step_count,
           (SELECT h.status FROM test_execution_history h WHERE h.test_case_id = t.id ORDER BY h.executed_at DESC LIMIT 1) AS last_status,
           (SELECT h.executed_at FROM test_execution_history h WHERE h.test_case_id = t.id ORDER BY h.executed_at DESC LIMIT 1) AS last_run_at,
           (SELECT count(*) FROM (SELECT 1 FROM test_execution_history h WHERE h.test_case_id = t.id ORDER BY h.executed_at DESC LIMIT ${OUTLINE_PASS_RATE_WINDOW})) AS executions,
           (SELECT sum(status = 'passed') FROM (SELECT h.status FROM test_execution_history h WHERE h.test_case_id = t.id ORDER BY h.executed_at DESC LIMIT ${OUTLINE_PASS_RATE_WINDOW})) AS passed
         FROM test_cases t WHERE t.project_id = ? ORDER BY t.name`,
      )
      .all(projectId) as (Omit<OutlineTest, 'tags' | 'pass_rate'> & { tags: string; passed: number | null })[]
    const tests = rows.map(({ passed, ...row }) => ({
      ...row,
      tags: JSON.parse(row.tags) as string[],
      pass_rate: row.executions ? percentage(passed ?? 0, row.executions) : null,
    }))
    const links = (
      this.s.statements
        .get(
          'SELECT l.suite_id, l.test_case_id FROM suite_test_cases l JOIN suites s ON s.id = l.suite_id WHERE s.project_id = ? ORDER BY l.suite_id, l.position, l.test_case_id',
        )
        .all(projectId) as { suite_id: string; test_case_id: string }[]
    ).map((l) => [l.suite_id, l.test_case_id] as [string, string])
    return { tests, links }
  }

  /** Ids of the project's test cases in these statuses. */
  idsWithStatus(statuses: readonly string[], projectId?: string): string[] {
    const rows = this.s.statements
      .get('SELECT id FROM test_cases WHERE project_id = ? AND status IN (SELECT value FROM json_each(?))')
      .all(this.s.projectOrDefault(projectId), JSON.stringify(statuses)) as { id: string }[]
    return rows.map((r) => r.id)
  }

  /** Test case ids with any of these tags (for runs built from tags), by name. */
  idsByTags(tags: readonly string[], projectId?: string): string[] {
    const project = this.s.projectOrDefault(projectId)
    const rows = this.s.statements
      .get(
        `SELECT id FROM test_cases WHERE project_id = ? AND EXISTS (SELECT 1 FROM json_each(tags) WHERE json_each.value IN (SELECT value FROM json_each(?))) ORDER BY name`,
      )
      .all(project, JSON.stringify(tags)) as { id: string }[]
    return rows.map((r) => r.id)
  }
}

