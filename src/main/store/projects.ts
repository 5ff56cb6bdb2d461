// Projects: the top of the tree. Each has a ROOT suite; the first one is the default project.
import type { z } from 'zod'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { CreateProjectInput, Project, UpdateProjectInput } from '../../shared/model/definition'
import type { StoreBase } from './base'
import { guarded } from './errors'

export class ProjectsRepo {
  constructor(private readonly s: StoreBase) {}

  get(id: string): Project {
    return this.s.mustGet<Project>('projects', id, 'Project')
  }

  list(): Page<Project> {
    void this.s.defaultProjectId // the default project exists before anyone lists
    const items = this.s.t.projects.all(undefined, 'ORDER BY created_at') as unknown as Project[]
    return { items, total: items.length, limit: items.length, offset: 0 }
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

  delete(id: string): { id: string; deleted: true } {
    this.get(id)
    if (id === this.s.defaultProjectId) throw TestDeskError.invalidState('The default project cannot be deleted')
    this.s.t.projects.delete(id)
    return { id, deleted: true }
  }
}
