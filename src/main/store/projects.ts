// Projects: the top of the tree. Each has a ROOT suite. One is the default (see
// StoreBase.defaultProjectId); which one is kept in the settings table.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import { isId, type Page } from '../../shared/model/common'
import type { CreateProjectInput, Project, ProjectSummary, UpdateProjectInput } from '../../shared/model/definition'
import { DEFAULT_PROJECT_SETTING, type StoreBase } from './base'
import { guarded } from './errors'
import type { ProjectRow } from './rows'



export class ProjectsRepo {
  constructor(private readonly s: StoreBase) {}

  get(id: string): Project {
    const row = this.s.mustGet<ProjectRow>('projects', id, 'Project')
    return { ...row, is_default: row.id === this.s.defaultProjectId }
  }

  getDefault(): Project {
    return this.get(this.s.defaultProjectId)
  }

  list(): Page<ProjectSummary> {
    const defaultId = this.s.defaultProjectId // the default project exists before anyone lists
    const rows = this.s.statements
      .get(
        `SELECT p.*,
           (SELECT count(*) FROM test_cases t WHERE t.project_id = p.id) AS test_count,
           (SELECT count(*) FROM suites s WHERE s.project_id = p.id AND s.parent_id IS NOT NULL) AS suite_count,
           (SELECT count(*) FROM test_runs r WHERE r.project_id = p.id) AS run_count
         FROM projects p ORDER BY p.name COLLATE NOCASE, p.name`,
      )
      .all() as (ProjectRow & { test_count: number; suite_count: number; run_count: number })[]
    const items = rows.map((row) => ({ ...row, is_default: row.id === defaultId }))
    return { items, total: items.length, limit: items.length, offset: 0 }
  }

  /** Every project's id and name, oldest first, without creating the default project when there is none. */
  names(): { id: string; name: string }[] {
    return this.s.statements.get('SELECT id, name FROM projects ORDER BY created_at').all() as { id: string; name: string }[]
  }

  /** The project a reference names: an id, a name, or a name in other case when only one matches. */
  find(ref: string): Project {
    const text = ref.trim()
    const rows = this.s.t.projects.all(undefined, 'ORDER BY created_at')
    if (isId(text)) {
      const byId = rows.find((p) => p.id === text.toLowerCase())
      if (byId) return this.get(byId.id)
    }
    const exact = rows.find((p) => p.name === text)
    if (exact) return this.get(exact.id)
    const loose = rows.filter((p) => p.name.toLowerCase() === text.toLowerCase())
    if (loose.length === 1) return this.get(loose[0].id)
    if (loose.length > 1) {
      throw TestDeskError.validation('ref', `${loose.length} projects are named '${text}' in different case (${loose.map((p) => `'${p.name}'`).join(', ')}): give the exact name or the id`)
    }
    const known = rows.map((p) => `'${p.name}'`).join(', ')
    throw new TestDeskError('not_found', `No project named '${text}'${known ? ` (projects here: ${known})` : ''}`)
  }

  create(input: z.infer<typeof CreateProjectInput>): Project {
    return this.get(this.s.createProjectRow(input.name, input.description ?? null))
  }

  update(input: z.infer<typeof UpdateProjectInput>): Project {
    this.get(input.id)
    const { id, ...patch } = input
    guarded(() => this.s.t.projects.update(id, patch))
    return this.get(id)
  }

  setDefault(id: string): Project {
    this.get(id)
    this.s.statements
      .get(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, json_quote(?), ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(DEFAULT_PROJECT_SETTING, id, this.s.now())
    return this.get(id)
  }

  delete(id: string): { id: string; deleted: true } {
    return this.s.tx(() => {
      const project = this.get(id)
      if (project.is_default) {
        throw TestDeskError.invalidState(`The default project cannot be deleted: make another project the default first ('${project.name}' is the default)`)
      }
      const active = this.s.statements
        .get("SELECT run_name FROM test_runs WHERE project_id = ? AND status IN ('queued', 'running') ORDER BY created_at LIMIT 1")
        .get(id) as { run_name: string } | undefined
      if (active) throw TestDeskError.invalidState(`Project '${project.name}' has a run in progress (${active.run_name}): stop or cancel it first`)
      this.s.t.projects.delete(id)
      return { id, deleted: true as const }
    })
  }
}
