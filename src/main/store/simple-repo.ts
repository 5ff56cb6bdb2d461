// Create/get/update/delete/list for a project-scoped table whose rows are the domain objects
// themselves (browser configurations, scripts). Richer entities build on the same Table calls.
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { StoreBase, TableName } from './base'
import { guarded } from './errors'
import { listOptions, type Row, Where } from './table'

export interface ProjectListQuery {
  project_id?: string
  limit: number
  offset: number
  sort_by?: string
  sort_order: 'asc' | 'desc'
  search?: string
}

export class SimpleRepo<T extends { id: string; project_id: string }, C extends { project_id?: string }, U extends { id: string }> {
  constructor(
    protected readonly s: StoreBase,
    protected readonly table: TableName,
    protected readonly what: string,
    /** Checks references of an input (field paths under `prefix`); throws validation errors. */
    protected readonly checkRefs: (input: Partial<C>, projectId: string, prefix: string) => void = () => undefined,
  ) {}

  get(id: string): T {
    return this.s.mustGet<T>(this.table, id, this.what)
  }

  exists(id: string): boolean {
    return this.s.t[this.table].exists(id)
  }

  create(input: C, prefix = ''): T {
    return this.s.tx(() => {
      const projectId = this.s.projectOrDefault(input.project_id, prefix ? `${prefix}.project_id` : 'project_id')
      this.checkRefs(input, projectId, prefix)
      const id = guarded(() => this.s.t[this.table].insert({ ...(input as Row), project_id: projectId }), prefix)
      return this.get(id)
    })
  }

  update(input: U, prefix = ''): T {
    return this.s.tx(() => {
      const current = this.get(input.id)
      this.checkRefs(input as unknown as Partial<C>, current.project_id, prefix)
      const { id, ...patch } = input as U & Row
      guarded(() => this.s.t[this.table].update(id, patch), prefix)
      return this.get(id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    if (!this.s.t[this.table].delete(id)) throw TestDeskError.notFound(this.what, id)
    return { id, deleted: true }
  }

  /** Lists the project's rows; `equal` adds column = value filters (undefined ones are skipped). */
  list(query: ProjectListQuery, equal: Record<string, unknown> = {}): Page<T> {
    const where = new Where().eq('project_id', this.s.projectOrDefault(query.project_id))
    for (const [column, value] of Object.entries(equal)) {
      if (!this.s.t[this.table].hasColumn(column)) throw new Error(`${this.table} has no column ${column}`)
      where.eq(column, value)
    }
    const page = this.s.t[this.table].list(listOptions(where, query))
    return page as unknown as Page<T>
  }

  byName(name: string, projectId?: string): T | null {
    const row = this.s.statements
      .get(`SELECT * FROM ${this.s.t[this.table].name} WHERE project_id = ? AND name = ?`)
      .get(this.s.projectOrDefault(projectId), name) as Row | undefined
    return row ? (this.s.t[this.table].fromRow(row) as unknown as T) : null
  }
}
