// `runs` and `runItems`: build test runs (pick tests, browser, viewport, workers, retries), move
// them through their states, and read their summaries.
import { z } from 'zod'
import { ById, ByIds, Id, type BulkDeleted, type Deleted, type Page } from '../model/common'
import {
  AddItemsInput,
  CreateRunInput,
  ListItemsQuery,
  RerunInput,
  ListRunsQuery,
  ReorderItemsInput,
  UpdateItemInput,
  UpdateRunInput,
  type RunSummary,
  type StateTransition,
  type TestRun,
  type TestRunItem,
} from '../model/execution'
import { BrowserName } from '../model/definition'
import type { ItemProgress, RunProgress, StepProgress } from '../model/progress'
import { event, method, returns, type Namespace } from './contract'

export interface RunItemView extends TestRunItem {
  test_case_name: string
}

export const StartRunInput = z
  .object({
    id: Id,
    browser_name: BrowserName.optional(),
    viewport_width: z.number().int().min(100).max(10_000).optional(),
    viewport_height: z.number().int().min(100).max(10_000).optional(),
  })
  .strict()

/** What a run of these tests would execute, before it is made. */
export interface RunPreview {
  /** Tests that exist, each once. */
  tests: number
  data_driven_tests: number
  /** Executions without retries: one per test, one per enabled data row of a data-driven test. */
  iterations: number
}

export const runs = {
  /** How many tests and data iterations a run of these tests makes (the run builder's count). */
  preview: method(z.object({ test_case_ids: z.array(Id).max(10_000) }).strict(), returns<RunPreview>()),
  create: method(CreateRunInput, returns<TestRun>()),
  get: method(ById, returns<TestRun>()),
  update: method(UpdateRunInput, returns<TestRun>()),
  delete: method(ById, returns<Deleted>()),
  bulkDelete: method(ByIds, returns<BulkDeleted>()),
  list: method(ListRunsQuery, returns<Page<TestRun>>()),
  summary: method(ById, returns<RunSummary>()),
  /** A new pending run, configured like this one, of its failed and/or unfinished tests. */
  rerun: method(RerunInput, returns<TestRun>()),
  /** Every state change of the run and its items, oldest first (the audit trail). */
  transitions: method(ById, returns<StateTransition[]>()),
  start: method(StartRunInput, returns<TestRun>()),
  /** Finish the steps in progress, then mark what did not run as no_run. */
  stop: method(ById, returns<TestRun>()),
  /** Stop at once; unfinished items become no_run and the run cancelled. */
  cancel: method(ById, returns<TestRun>()),
  /** Run counts and what is running, whenever something changes. */
  onProgress: event<RunProgress>({ filters: { run_id: (p) => p.run_id }, latestBy: (p) => p.run_id }),
  /** A test started, finished, or moved to another status. */
  onItem: event<ItemProgress>({ filters: { run_id: (p) => p.run_id } }),
  /** A step started or finished. */
  onStep: event<StepProgress>({ filters: { run_id: (p) => p.run_id } }),
} satisfies Namespace

export const runItems = {
  add: method(AddItemsInput, returns<{ items: TestRunItem[]; total_added: number }>()),
  list: method(ListItemsQuery, returns<Page<RunItemView>>()),
  get: method(ById, returns<TestRunItem>()),
  /** Moves an item to another place in the run. */
  update: method(UpdateItemInput, returns<TestRunItem>()),
  delete: method(ById, returns<Deleted>()),
  reorder: method(ReorderItemsInput, returns<RunItemView[]>()),
} satisfies Namespace

export type { TestRun, TestRunItem, RunSummary }
