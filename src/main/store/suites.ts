// The suite tree of a project: a ROOT suite per project, children ordered by position, test
// cases linked many-to-many. Paths (['ROOT','Regression','Smoke']) are computed from the tree.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import {
  isUnder,
  type CreateSuiteInput,
  type ListSuitesQuery,
  type Suite,
  type UpdateSuiteInput,
} from '../../shared/model/definition'
import type { StoreBase } from './base'
import { guarded } from './errors'
import { SuiteTree } from './suite-tree'


type SuiteRow = Omit<Suite, 'path' | 'test_count' | 'own_test_count'>

export class SuitesRepo {
  constructor(private readonly s: StoreBase) {}

  private rows(projectId: string): SuiteRow[] {
    return this.s.statements
      .get('SELECT * FROM suites WHERE project_id = ? ORDER BY position, name')
      .all(projectId) as SuiteRow[]
  }

  /**
   * Per suite: its own linked tests, and the distinct tests of it and its descendants (what a
   * run of the suite runs), in one pass over the links and each link's ancestors.
   */
  private counts(projectId: string): Map<string, { own: number; all: number }> {
    const rows = this.s.statements
      .get(
        `WITH RECURSIVE up(suite_id, ancestor_id) AS (
           SELECT id, id FROM suites WHERE project_id = ?
           UNION ALL
           SELECT up.suite_id, s.parent_id FROM up JOIN suites s ON s.id = up.ancestor_id WHERE s.parent_id IS NOT NULL
         )
         SELECT up.ancestor_id AS id, count(DISTINCT l.test_case_id) AS n_all, sum(up.suite_id = up.ancestor_id) AS n_own
         FROM up JOIN suite_test_cases l ON l.suite_id = up.suite_id
         GROUP BY up.ancestor_id`,
      )
      .all(projectId) as { id: string; n_all: number; n_own: number }[]
    return new Map(rows.map((r) => [r.id, { own: r.n_own, all: r.n_all }]))
  }

  /** Every suite of a project with its path, in tree order (depth first, by position). */
  tree(projectId?: string): Suite[] {
    const project = this.s.projectOrDefault(projectId)
    const rows = this.rows(project)
    const counts = this.counts(project)
    const children = new Map<string | null, SuiteRow[]>()
    for (const row of rows) {
      const list = children.get(row.parent_id) ?? []
      list.push(row)
      children.set(row.parent_id, list)
    }
    const out: Suite[] = []
    const walk = (parent: string | null, path: string[]) => {
      for (const row of children.get(parent) ?? []) {
        const own = [...path, row.name]
        out.push({ ...row, path: own, test_count: counts.get(row.id)?.all ?? 0, own_test_count: counts.get(row.id)?.own ?? 0 })
        walk(row.id, own)
      }
    }
    walk(null, [])
    return out
  }

  /** The id of the project's ROOT suite (one seek: creating tests in bulk asks for it each time). */
  rootId(projectId?: string): string {
    const project = this.s.projectOrDefault(projectId)
    return (this.s.statements.get('SELECT id FROM suites WHERE project_id = ? AND parent_id IS NULL').get(project) as { id: string }).id
  }

  /** The tree in memory, for many suite writes in a row (see SuiteTree). */
  bulk(projectId?: string): SuiteTree {
    return new SuiteTree(this.s, this.s.projectOrDefault(projectId))
  }

  get(id: string): Suite {
    const row = this.s.mustGet<SuiteRow>('suites', id, 'Suite')
    return this.withPath(row)
  }

  private withPath(row: SuiteRow): Suite {
    const found = this.tree(row.project_id).find((suite) => suite.id === row.id)
    if (!found) throw TestDeskError.notFound('Suite', row.id)
    return found
  }

  byPath(path: readonly string[], projectId?: string): Suite | null {
    const key = path.join('\u0000')
    return this.tree(projectId).find((suite) => suite.path.join('\u0000') === key) ?? null
  }

  /** The suite at `path`, or a not_found error saying which part of the path is missing. */
  mustByPath(path: readonly string[], projectId?: string): Suite {
    const suite = this.byPath(path, projectId)
    if (suite) return suite
    const tree = this.tree(projectId)
    let known = 0
    while (known < path.length && tree.some((s) => s.path.join('\u0000') === path.slice(0, known + 1).join('\u0000'))) known++
    const project = this.s.projectOrDefault(projectId)
    const projects = this.s.statements.get('SELECT id, name FROM projects ORDER BY name').all() as { id: string; name: string }[]
    const here = projects.find((p) => p.id === project)?.name
    const elsewhere = projects.filter((p) => p.id !== project && this.byPath(path, p.id)).map((p) => `project '${p.name}'`)
    const hint = elsewhere.length ? `; ${elsewhere.join(' and ')} ${elsewhere.length === 1 ? 'has' : 'have'} it: choose that project` : ''
    throw new TestDeskError(
      'not_found',
      `Suite not found: ${path.join(' / ')} (no '${path[known]}' under ${path.slice(0, known).join(' / ') || 'the project'} in project '${here}'${hint})`,
    )
  }

  create(input: z.infer<typeof CreateSuiteInput>, prefix = ''): Suite {
    const at = (field: string) => (prefix ? `${prefix}.${field}` : field)
    return this.s.tx(() => {
      const projectId = input.parent_id
        ? this.s.mustGet<SuiteRow>('suites', input.parent_id, 'Parent suite').project_id
        : this.s.projectOrDefault(input.project_id)
      if (input.project_id && input.project_id !== projectId) {
        throw TestDeskError.validation(at('parent_id'), 'the parent suite belongs to another project')
      }
      const parentId = input.parent_id ?? this.rootId(projectId)
      const position = input.position ?? this.nextPosition(parentId)
      const id = guarded(() =>
        this.s.t.suites.insert({ id: input.id, project_id: projectId, parent_id: parentId, name: input.name, description: input.description ?? null, position }),
        prefix,
      )
      return this.get(id)
    })
  }

  private nextPosition(parentId: string): number {
    const row = this.s.statements.get('SELECT max(position) AS p FROM suites WHERE parent_id = ?').get(parentId) as { p: number | null }
    return row.p === null ? 0 : row.p + 1
  }

  update(input: z.infer<typeof UpdateSuiteInput>, prefix = ''): Suite {
    const at = (field: string) => (prefix ? `${prefix}.${field}` : field)
    return this.s.tx(() => {
      const current = this.s.mustGet<SuiteRow>('suites', input.id, 'Suite')
      if (current.parent_id === null && (input.name !== undefined || input.parent_id !== undefined)) {
        throw TestDeskError.invalidState('The ROOT suite cannot be renamed or moved')
      }
      if (input.parent_id !== undefined) {
        const parent = this.s.mustGet<SuiteRow>('suites', input.parent_id, 'Parent suite')
        if (parent.project_id !== current.project_id) throw TestDeskError.validation(at('parent_id'), 'the new parent belongs to another project')
        const moving = this.get(current.id).path
        const target = this.get(parent.id).path
        if (isUnder(target, moving)) {
          throw TestDeskError.validation(at('parent_id'), 'a suite cannot move under itself or one of its own suites')
        }
      }
      guarded(() =>
        this.s.t.suites.update(input.id, {
          name: input.name,
          description: input.description,
          parent_id: input.parent_id,
          position: input.position ?? (input.parent_id !== undefined ? this.nextPosition(input.parent_id) : undefined),
        }),
        prefix,
      )
      return this.get(input.id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    const current = this.s.mustGet<SuiteRow>('suites', id, 'Suite')
    if (current.parent_id === null) throw TestDeskError.invalidState('The ROOT suite cannot be deleted')
    this.s.t.suites.delete(id)
    return { id, deleted: true }
  }

  list(query: z.infer<typeof ListSuitesQuery>): Page<Suite> {
    let suites = this.tree(query.project_id)
    if (query.parent_id) suites = suites.filter((s) => s.parent_id === query.parent_id)
    if (query.search) {
      const needle = query.search.toLowerCase()
      suites = suites.filter((s) => s.name.toLowerCase().includes(needle))
    }
    if (query.sort_by) {
      const key: 'name' | 'position' | 'created_at' = query.sort_by
      const sign = query.sort_order === 'asc' ? 1 : -1
      suites = [...suites].sort((a, b) => (a[key] < b[key] ? -sign : a[key] > b[key] ? sign : 0))
    }
    return { items: suites.slice(query.offset, query.offset + query.limit), total: suites.length, limit: query.limit, offset: query.offset }
  }

  /** Links test cases to a suite (appended in order; already linked ones stay where they are). */
  link(suiteId: string, testCaseIds: readonly string[]): void {
    const row = this.s.statements.get('SELECT max(position) AS p FROM suite_test_cases WHERE suite_id = ?').get(suiteId) as { p: number | null }
    let position = row.p === null ? 0 : row.p + 1
    const insert = this.s.statements.get('INSERT OR IGNORE INTO suite_test_cases (suite_id, test_case_id, position) VALUES (?, ?, ?)')
    for (const id of testCaseIds) insert.run(suiteId, id, position++)
  }

  /** Replaces the suites a test case belongs to. */
  setSuitesOf(testCaseId: string, suiteIds: readonly string[]): void {
    const keep = new Set(suiteIds)
    const current = this.suiteIdsOf(testCaseId)
    const remove = this.s.statements.get('DELETE FROM suite_test_cases WHERE suite_id = ? AND test_case_id = ?')
    for (const id of current) if (!keep.has(id)) remove.run(id, testCaseId)
    for (const id of suiteIds) if (!current.includes(id)) this.link(id, [testCaseId])
  }

  suiteIdsOf(testCaseId: string): string[] {
    return (this.s.statements.get('SELECT suite_id FROM suite_test_cases WHERE test_case_id = ? ORDER BY suite_id').all(testCaseId) as { suite_id: string }[]).map(
      (r) => r.suite_id,
    )
  }

  /**
   * Test case ids of a suite in run order: its own tests by position, then each child suite's,
   * depth first. Each test appears once, at its first place.
   */
  testIds(suiteId: string, recursive = true): string[] {
    const row = this.s.mustGet<SuiteRow>('suites', suiteId, 'Suite')
    let suiteIds = [row.id]
    if (recursive) {
      const tree = this.tree(row.project_id)
      const suite = tree.find((s) => s.id === row.id)
      if (!suite) throw TestDeskError.notFound('Suite', row.id)
      suiteIds = suiteIdsUnder(tree, suite.path)
    }
    const select = this.s.statements.get('SELECT test_case_id FROM suite_test_cases WHERE suite_id = ? ORDER BY position, test_case_id')
    const seen = new Set<string>()
    for (const id of suiteIds) {
      for (const { test_case_id } of select.all(id) as { test_case_id: string }[]) seen.add(test_case_id)
    }
    return [...seen]
  }

  /** Suites of the project whose path starts with `path` (for filters by suite path). */
  idsUnder(path: readonly string[], projectId?: string): string[] {
    return suiteIdsUnder(this.tree(projectId), path)
  }
}

/** Ids of the suites of `tree` whose path starts with `path`, in tree order. */
function suiteIdsUnder(tree: readonly Suite[], path: readonly string[]): string[] {
  return tree.filter((s) => isUnder(s.path, path)).map((s) => s.id)
}

