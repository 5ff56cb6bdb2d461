// `projects`: the top of the tree. One project is the default: calls that name no project work in
// it (the first project created, until another is made the default). The app's project switcher
// and `testdesk projects` use these methods alone.
import { z } from 'zod'
import { ById, type Deleted, type Page } from '../model/common'
import { CreateProjectInput, FindProjectInput, UpdateProjectInput, type Project, type ProjectSummary } from '../model/definition'
import { method, returns, type Namespace } from './contract'

export const projects = {
  /** Every project, by name, with its counts and which one is the default. */
  list: method(z.object({}).strict().default({}), returns<Page<ProjectSummary>>()),
  get: method(ById, returns<Project>()),
  /** The project a tester's reference names: its id, or its name (exact, else ignoring case). */
  find: method(FindProjectInput, returns<Project>()),
  /** The project calls that name none work in. */
  getDefault: method(z.object({}).strict().default({}), returns<Project>()),
  /** Makes this project the default one. */
  setDefault: method(ById, returns<Project>()),
  create: method(CreateProjectInput, returns<Project>()),
  /** Renames a project or changes its description. */
  update: method(UpdateProjectInput, returns<Project>()),
  /** Deletes a project with everything in it; not the default project, nor one with a run in progress. */
  delete: method(ById, returns<Deleted>()),
} satisfies Namespace
