// `demo`: the demo project, about 40 tests against the demo site that ships with TestDesk, so a
// tester sees runs, results and reports before writing a test (`testdesk demo`, `serve --demo`).
import { z } from 'zod'
import { Id } from '../model/common'
import type { Project } from '../model/definition'
import type { ImportSummary } from '../model/project-file'
import { method, returns, type Namespace } from './contract'

export interface DemoSeeded {
  /** The project the demo went into. */
  project: Project
  /** What the import created, changed and left as it was (a second seed only refreshes). */
  summary: ImportSummary
  /** The demo's tests, all in suite Demo. */
  test_count: number
}

export const demo = {
  /**
   * Adds the demo project's tests, suites, data set and environment to a project (the default one
   * unless given; the app's window gives its own), or refreshes them there; the demo's secret
   * values are set too.
   */
  seed: method(z.object({ project_id: Id.optional() }).strict().default({}), returns<DemoSeeded>()),
} satisfies Namespace
