// `tests`: test cases with their steps and suite links, and the outline the suite tree shows.
import { z } from 'zod'
import { Id } from '../model/common'
import {
  CreateTestCaseInput,
  ListTestCasesQuery,
  UpdateTestCaseInput,
  type Priority,
  type Project,
  type Suite,
  type TestCase,
  type TestCaseStatus,
  type TestCaseWithSteps,
} from '../model/definition'
import type { ResultStatus } from '../model/execution'
import { method, returns, type Namespace } from './contract'
import { crud } from './crud'

/** How many of a test's latest executions its pass rate in the outline counts. */
export const OUTLINE_PASS_RATE_WINDOW = 20

/** A test case as the suite tree shows it: no steps, with its last result. */
export interface OutlineTest {
  id: string
  name: string
  tags: string[]
  status: TestCaseStatus
  priority: Priority
  step_count: number
  version: number
  updated_at: string
  /** The newest execution's status; null when it never ran. */
  last_status: ResultStatus | null
  last_run_at: string | null
  /** Percentage of the last OUTLINE_PASS_RATE_WINDOW executions that passed; null when it never ran. */
  pass_rate: number | null
  /** How many executions the pass rate counts (at most OUTLINE_PASS_RATE_WINDOW). */
  executions: number
}

/** A whole project in one read: the suite tree, every test, and which suite holds which test. */
export interface Outline {
  project: Project
  suites: Suite[]
  tests: OutlineTest[]
  /** [suite id, test id], in each suite's run order. */
  links: [string, string][]
}

export const tests = {
  ...crud(CreateTestCaseInput, UpdateTestCaseInput, ListTestCasesQuery, returns<TestCase>(), returns<TestCaseWithSteps>()),
  outline: method(z.object({ project_id: Id.optional() }).strict().default({}), returns<Outline>()),
} satisfies Namespace
