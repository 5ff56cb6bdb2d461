// `projects`: the top of the tree; the first project is the default one.
import { z } from 'zod'
import { ById, type Deleted, type Page } from '../model/common'
import { CreateProjectInput, UpdateProjectInput, type Project } from '../model/definition'
import { method, returns, type Namespace } from './contract'

export const projects = {
  list: method(z.object({}).strict().default({}), returns<Page<Project>>()),
  get: method(ById, returns<Project>()),
  create: method(CreateProjectInput, returns<Project>()),
  update: method(UpdateProjectInput, returns<Project>()),
  delete: method(ById, returns<Deleted>()),
} satisfies Namespace
