// `suites`: the suite tree of a project, and which test cases each suite holds.
import { z } from 'zod'
import { ById, Id } from '../model/common'
import { CreateSuiteInput, ListSuitesQuery, SetSuiteHooksInput, SuitePath, UpdateSuiteInput, type Suite, type SuiteHooks } from '../model/definition'
import { method, returns, type Namespace } from './contract'
import { crud } from './crud'

export const suites = {
  ...crud(CreateSuiteInput, UpdateSuiteInput, ListSuitesQuery, returns<Suite>()),
  /** Every suite of a project with its path, depth first. */
  tree: method(z.object({ project_id: Id.optional() }).strict().default({}), returns<Suite[]>()),
  byPath: method(z.object({ project_id: Id.optional(), path: SuitePath }).strict(), returns<Suite>()),
  addTests: method(z.object({ suite_id: Id, test_case_ids: z.array(Id).min(1).max(10_000) }).strict(), returns<Suite>()),
  removeTests: method(z.object({ suite_id: Id, test_case_ids: z.array(Id).min(1).max(10_000) }).strict(), returns<Suite>()),
  /** Test case ids of a suite in run order (with its descendants unless recursive is false). */
  testIds: method(ById.extend({ recursive: z.boolean().default(true) }), returns<string[]>()),
  /** The suite's set-up and tear-down steps (run before and after each of its tests). */
  hooks: method(ById, returns<SuiteHooks>()),
  /** Replaces the suite's set-up and/or tear-down steps (each list given replaces that list). */
  setHooks: method(SetSuiteHooksInput, returns<SuiteHooks>()),
} satisfies Namespace
