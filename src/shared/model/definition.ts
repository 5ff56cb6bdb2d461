// The definition side of the model (reference/001): projects, the suite tree, test cases and
// their steps, data sets, scripts, browser configurations and environments.
import { z } from 'zod'
import { Id, JsonObject, listQuery, LongText, Name, nameOf, Tags, type Timestamp } from './common'

// ── Projects and users ──────────────────────────────────────────────────────────────────────

export interface Project {
  id: string
  name: string
  description: string | null
  /** The project every call that names none works in (one project at a time). */
  is_default: boolean
  created_at: Timestamp
  updated_at: Timestamp
}

/** A project as the project switcher and `testdesk projects` list it. */
export interface ProjectSummary extends Project {
  test_count: number
  /** Suites below ROOT. */
  suite_count: number
  run_count: number
}

export interface User {
  id: string
  name: string
  email: string | null
  is_local: boolean
  created_at: Timestamp
}

export const CreateProjectInput = z.object({ name: Name, description: LongText.nullish() }).strict()
export const UpdateProjectInput = z.object({ id: Id, name: Name.optional(), description: LongText.nullish() }).strict()
/** A project as a tester names it: its id, or its name (exact, else ignoring case). */
export const FindProjectInput = z.object({ ref: z.string().trim().min(1, 'must not be empty').max(255) }).strict()

// ── Suites ──────────────────────────────────────────────────────────────────────────────────

export const ROOT_SUITE = 'ROOT'

export interface Suite {
  id: string
  project_id: string
  parent_id: string | null
  name: string
  description: string | null
  position: number
  /** From the root down to this suite: ['ROOT', 'Regression', 'Smoke']. */
  path: string[]
  /** Distinct tests in this suite and its descendants: what a run of the suite runs. */
  test_count: number
  /** Tests linked to this suite itself. */
  own_test_count: number
  created_at: Timestamp
  updated_at: Timestamp
}

/** Levels of suites below ROOT: deep enough for any real tree, bounded so paths stay cheap. */
export const MAX_SUITE_DEPTH = 1000

export const SuitePath = z
  .array(nameOf(255))
  .min(1)
  .max(MAX_SUITE_DEPTH + 1, `a suite path has at most ${MAX_SUITE_DEPTH} levels below ROOT`)
  .refine((p) => p[0] === ROOT_SUITE, { message: `a suite path starts with '${ROOT_SUITE}'` })

/** Whether suite path `path` is `root` itself or lies under it. */
export function isUnder(path: readonly string[], root: readonly string[]): boolean {
  return path.length >= root.length && root.every((name, i) => path[i] === name)
}

export const CreateSuiteInput = z
  .object({
    /** Given when a suite is put back (undoing a delete); new otherwise. */
    id: Id.optional(),
    project_id: Id.optional(),
    parent_id: Id.nullish(),
    name: Name,
    description: LongText.nullish(),
    position: z.number().int().min(0).optional(),
  })
  .strict()

export const UpdateSuiteInput = z
  .object({
    id: Id,
    name: Name.optional(),
    description: LongText.nullish(),
    /** Moves the suite under another parent (never under itself or a descendant). */
    parent_id: Id.optional(),
    position: z.number().int().min(0).optional(),
  })
  .strict()

export const ListSuitesQuery = listQuery(['name', 'position', 'created_at'], {
  project_id: Id.optional(),
  parent_id: Id.optional(),
}).extend({ sort_order: z.enum(['asc', 'desc']).default('asc'), limit: z.number().int().min(1).max(10_000).default(1000) })

// ── Steps ───────────────────────────────────────────────────────────────────────────────────

/** Which of several matches: the first, the last, or by index counted from 0. */
export const Nth = z.union([z.enum(['first', 'last']), z.number().int().min(0, 'counts from 0 (the first)').max(10_000)])
export type Nth = z.infer<typeof Nth>

/**
 * Narrowing a selector's matches in a tester's words rather than selector syntax: those that
 * have (or have not) a text, only the visible ones, then one of them by position. Applied to
 * the primary selector and to each alternative alike, in that order (filters, then nth).
 */
export const TargetRefinements = {
  /** Only matches whose text contains this (any case), like Playwright's filter({ hasText }). */
  has_text: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
  /** Only matches whose text does not contain this (any case). */
  has_not_text: z.string().trim().min(1, 'must not be empty').max(1000).optional(),
  /** Only visible matches. */
  visible_only: z.boolean().optional(),
  /** One of the matches left: first, last, or an index from 0. */
  nth: Nth.optional(),
}

/** The element a target is searched inside: a selector with its own refinements (and, in turn, its own container). */
export interface TargetScope {
  selector: string
  has_text?: string
  has_not_text?: string
  visible_only?: boolean
  nth?: Nth
  within?: TargetScope
}

/** Containers inside containers: deep enough for any page, bounded so a file cannot nest without end. */
export const MAX_WITHIN_DEPTH = 5

function withinDepth(scope: TargetScope | undefined): number {
  return scope ? 1 + withinDepth(scope.within) : 0
}

export const TargetScope: z.ZodType<TargetScope> = z.lazy(() =>
  z
    .object({
      selector: z.string().trim().min(1, 'must not be empty').max(1000),
      ...TargetRefinements,
      within: TargetScope.optional(),
    })
    .strict(),
).meta({ id: 'TargetScope', description: 'The element a target is searched inside, narrowed like the target itself' })

/**
 * Where a step acts: a primary Playwright selector plus alternatives recorded with it, tried in
 * order when the primary finds nothing. `frames` is the chain of frame selectors to enter first;
 * `within` the element to search inside; the refinements narrow what the selector matches.
 */
export const Target = z
  .object({
    selector: z.string().trim().min(1, 'must not be empty').max(1000),
    alternatives: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
    frames: z.array(z.string().trim().min(1).max(1000)).max(10).optional(),
    ...TargetRefinements,
    /** Search inside this element (searched in the target's frames). */
    within: TargetScope.optional(),
  })
  .strict()
  .refine((target) => withinDepth(target.within) <= MAX_WITHIN_DEPTH, {
    path: ['within'],
    message: `at most ${MAX_WITHIN_DEPTH} containers inside one another`,
  })
export type Target = z.infer<typeof Target>

export interface TestStep {
  id: string
  test_case_id: string
  position: number
  action: string
  target: Target | null
  value: string | null
  options: Record<string, unknown>
  description: string | null
  disabled: boolean
  created_at: Timestamp
  updated_at: Timestamp
}

export const StepFields = {
  action: z.string().trim().min(1).max(100),
  target: Target.nullish(),
  value: z.string().max(100_000).nullish(),
  options: JsonObject.optional(),
  description: z.string().max(2000).nullish(),
  disabled: z.boolean().optional(),
}

/** A step as written inside a test case (create with steps, project files). */
export const StepInput = z.object({ id: Id.optional(), ...StepFields }).strict()
export type StepInput = z.infer<typeof StepInput>

export const CreateStepInput = z
  .object({ test_case_id: Id, position: z.number().int().min(0).optional(), ...StepFields })
  .strict()
export const UpdateStepInput = z
  .object({
    id: Id,
    action: StepFields.action.optional(),
    target: StepFields.target,
    value: StepFields.value,
    options: StepFields.options,
    description: StepFields.description,
    disabled: StepFields.disabled,
  })
  .strict()
export const ReorderStepsInput = z
  .object({ test_case_id: Id, step_ids: z.array(Id).min(1) })
  .strict()

// ── Suite set-up and tear-down ──────────────────────────────────────────────────────────────

/**
 * When a suite's steps run: `setup` before each test of the suite and of its child suites
 * (outermost suite first), `teardown` after each (innermost first, also after a failure).
 */
export const SuiteHookPhase = z.enum(['setup', 'teardown'])
export type SuiteHookPhase = z.infer<typeof SuiteHookPhase>

/** A set-up or tear-down step of a suite: a test step that belongs to a suite and a phase. */
export interface SuiteStep extends Omit<TestStep, 'test_case_id'> {
  suite_id: string
  phase: SuiteHookPhase
}

/** A suite's set-up and tear-down steps, each list in run order. */
export interface SuiteHooks {
  suite_id: string
  setup: SuiteStep[]
  teardown: SuiteStep[]
}

/** Set-up or tear-down steps of one suite: more than any real suite needs, bounded like a test's. */
export const MAX_HOOK_STEPS = 1000

export const SetSuiteHooksInput = z
  .object({
    suite_id: Id,
    /** Replaces every set-up step when given. */
    setup: z.array(StepInput).max(MAX_HOOK_STEPS).optional(),
    /** Replaces every tear-down step when given. */
    teardown: z.array(StepInput).max(MAX_HOOK_STEPS).optional(),
  })
  .strict()
export type SetSuiteHooksInput = z.infer<typeof SetSuiteHooksInput>

// ── Test cases ──────────────────────────────────────────────────────────────────────────────

export const TestCaseStatus = z.enum(['active', 'draft', 'archived'])
export type TestCaseStatus = z.infer<typeof TestCaseStatus>
export const Priority = z.enum(['low', 'medium', 'high', 'critical'])
export type Priority = z.infer<typeof Priority>

export interface TestCase {
  id: string
  project_id: string
  name: string
  description: string | null
  tags: string[]
  priority: Priority
  status: TestCaseStatus
  start_url: string | null
  step_timeout_ms: number | null
  test_timeout_ms: number | null
  browser_config_id: string | null
  environment_id: string | null
  data_set_id: string | null
  created_by: string
  /** Ids of the suites the test case belongs to (many-to-many). */
  suite_ids: string[]
  step_count: number
  /** Raised by every write of the test case or its steps (see IfVersion). */
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

export interface TestCaseWithSteps extends TestCase {
  steps: TestStep[]
}

const TimeoutMs = z.number().int().min(100).max(3_600_000)

/**
 * The version an edit was made on. When the stored row has moved on (the CLI, another window or
 * another tester wrote it since), the update is refused with a `conflict` error instead of
 * silently overwriting what they wrote.
 */
export const IfVersion = z.number().int().min(1).optional()

const TestCaseFields = {
  name: Name,
  description: LongText.nullish(),
  tags: Tags.optional(),
  priority: Priority.optional(),
  status: TestCaseStatus.optional(),
  start_url: z.string().trim().max(2000).nullish(),
  step_timeout_ms: TimeoutMs.nullish(),
  test_timeout_ms: TimeoutMs.nullish(),
  browser_config_id: Id.nullish(),
  environment_id: Id.nullish(),
  data_set_id: Id.nullish(),
}

export const CreateTestCaseInput = z
  .object({
    id: Id.optional(),
    project_id: Id.optional(),
    ...TestCaseFields,
    suite_ids: z.array(Id).max(100).optional(),
    steps: z.array(StepInput).max(5000).optional(),
  })
  .strict()
export type CreateTestCaseInput = z.infer<typeof CreateTestCaseInput>

export const UpdateTestCaseInput = z
  .object({
    id: Id,
    if_version: IfVersion,
    name: Name.optional(),
    description: TestCaseFields.description,
    tags: TestCaseFields.tags,
    priority: TestCaseFields.priority,
    status: TestCaseFields.status,
    start_url: TestCaseFields.start_url,
    step_timeout_ms: TestCaseFields.step_timeout_ms,
    test_timeout_ms: TestCaseFields.test_timeout_ms,
    browser_config_id: TestCaseFields.browser_config_id,
    environment_id: TestCaseFields.environment_id,
    data_set_id: TestCaseFields.data_set_id,
    suite_ids: z.array(Id).max(100).optional(),
    /** Replaces every step when given. */
    steps: z.array(StepInput).max(5000).optional(),
  })
  .strict()
export type UpdateTestCaseInput = z.infer<typeof UpdateTestCaseInput>

// ── Data sets ───────────────────────────────────────────────────────────────────────────────

/** What a data column holds; values are text either way, the type says how to check and show them. */
export const DATA_COLUMN_TYPES = ['text', 'number', 'boolean', 'date'] as const
export const DataColumnType = z.enum(DATA_COLUMN_TYPES)
export type DataColumnType = z.infer<typeof DataColumnType>

export const DataColumn = z
  .object({
    name: z.string().trim().min(1).max(100).regex(/^[A-Za-z_][\w.-]*$/, 'use letters, digits, _ . -'),
    secret: z.boolean().default(false),
    /** Absent means text. */
    type: DataColumnType.optional(),
  })
  .strict()
export type DataColumn = z.infer<typeof DataColumn>

export interface DataRow {
  id: string
  data_set_id: string
  row_index: number
  /** Values of secret columns read as null: they never leave the store except for a run. */
  values: Record<string, string | null>
  enabled: boolean
}

export interface DataSet {
  id: string
  project_id: string
  name: string
  description: string | null
  columns: DataColumn[]
  row_count: number
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DataSetWithRows extends DataSet {
  rows: DataRow[]
}

export const DataRowInput = z
  .object({
    id: Id.optional(),
    /** A secret column's value may be null: the row (by id) keeps what is stored. */
    values: z.record(z.string(), z.string().max(100_000).nullable()),
    enabled: z.boolean().optional(),
  })
  .strict()

export const CreateDataSetInput = z
  .object({
    id: Id.optional(),
    project_id: Id.optional(),
    name: Name,
    description: LongText.nullish(),
    columns: z.array(DataColumn).min(1).max(200),
    rows: z.array(DataRowInput).max(100_000).optional(),
  })
  .strict()
export const UpdateDataSetInput = z
  .object({
    id: Id,
    if_version: IfVersion,
    name: Name.optional(),
    description: LongText.nullish(),
    columns: z.array(DataColumn).min(1).max(200).optional(),
    /** Replaces every row when given. */
    rows: z.array(DataRowInput).max(100_000).optional(),
  })
  .strict()

// ── Scripts ─────────────────────────────────────────────────────────────────────────────────

export const ScriptType = z.enum(['pre_execution', 'post_execution', 'on_demand'])
export type ScriptType = z.infer<typeof ScriptType>
export const ScriptLanguage = z.enum(['javascript', 'shell', 'python'])
export type ScriptLanguage = z.infer<typeof ScriptLanguage>

export interface TestScript {
  id: string
  project_id: string
  test_case_id: string | null
  name: string
  script_type: ScriptType
  language: ScriptLanguage
  source: string
  is_critical: boolean
  timeout_ms: number
  attached_to_step: number | null
  position: number
  created_at: Timestamp
  updated_at: Timestamp
}

const ScriptFields = {
  name: Name,
  script_type: ScriptType,
  language: ScriptLanguage.optional(),
  source: z.string().max(1_000_000),
  is_critical: z.boolean().optional(),
  timeout_ms: TimeoutMs.optional(),
  attached_to_step: z.number().int().min(1).nullish(),
  position: z.number().int().min(0).optional(),
}
export const CreateScriptInput = z
  .object({ id: Id.optional(), project_id: Id.optional(), test_case_id: Id.nullish(), ...ScriptFields })
  .strict()
export const UpdateScriptInput = z
  .object({
    id: Id,
    test_case_id: Id.nullish(),
    name: Name.optional(),
    script_type: ScriptType.optional(),
    language: ScriptLanguage.optional(),
    source: ScriptFields.source.optional(),
    is_critical: z.boolean().optional(),
    timeout_ms: TimeoutMs.optional(),
    attached_to_step: ScriptFields.attached_to_step,
    position: ScriptFields.position,
  })
  .strict()

// ── Browser configurations ──────────────────────────────────────────────────────────────────

export const BrowserName = z.enum(['chromium', 'firefox', 'webkit'])

export interface BrowserConfiguration {
  id: string
  project_id: string
  name: string
  browser_name: z.infer<typeof BrowserName>
  headless: boolean
  viewport_width: number | null
  viewport_height: number | null
  /** A Playwright device descriptor name, e.g. 'iPhone 13'. */
  device_name: string | null
  locale: string | null
  timezone_id: string | null
  user_agent: string | null
  color_scheme: 'light' | 'dark' | null
  created_at: Timestamp
  updated_at: Timestamp
}

const Viewport = z.number().int().min(100).max(10_000)
const BrowserConfigFields = {
  name: Name,
  browser_name: BrowserName.optional(),
  headless: z.boolean().optional(),
  viewport_width: Viewport.nullish(),
  viewport_height: Viewport.nullish(),
  device_name: z.string().max(100).nullish(),
  locale: z.string().max(35).nullish(),
  timezone_id: z.string().max(64).nullish(),
  user_agent: z.string().max(1000).nullish(),
  color_scheme: z.enum(['light', 'dark']).nullish(),
}
export const CreateBrowserConfigInput = z
  .object({ id: Id.optional(), project_id: Id.optional(), ...BrowserConfigFields })
  .strict()
export const UpdateBrowserConfigInput = z
  .object({ id: Id, ...BrowserConfigFields, name: Name.optional() })
  .strict()

// ── Environments ────────────────────────────────────────────────────────────────────────────

export interface EnvironmentVariable {
  name: string
  /** Secret values are never returned by the contract: they read as null with is_secret true. */
  value: string | null
  is_secret: boolean
}

export interface Environment {
  id: string
  project_id: string
  name: string
  description: string | null
  base_url: string | null
  variables: EnvironmentVariable[]
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

export const VariableName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][\w.-]*$/, 'use letters, digits, _ . - (starting with a letter or _)')

export const EnvironmentVariableInput = z
  .object({
    name: VariableName,
    /** For a secret, null keeps the stored value (so an edit need not re-enter it). */
    value: z.string().max(100_000).nullable(),
    is_secret: z.boolean().default(false),
  })
  .strict()

export const CreateEnvironmentInput = z
  .object({
    id: Id.optional(),
    project_id: Id.optional(),
    name: Name,
    description: LongText.nullish(),
    base_url: z.string().trim().max(2000).nullish(),
    variables: z.array(EnvironmentVariableInput).max(1000).optional(),
  })
  .strict()
export const UpdateEnvironmentInput = z
  .object({
    id: Id,
    if_version: IfVersion,
    name: Name.optional(),
    description: LongText.nullish(),
    base_url: z.string().trim().max(2000).nullish(),
    /** Replaces every variable when given. */
    variables: z.array(EnvironmentVariableInput).max(1000).optional(),
  })
  .strict()

// ── List queries ────────────────────────────────────────────────────────────────────────────

export const ListTestCasesQuery = listQuery(['name', 'created_at', 'updated_at', 'priority', 'status'], {
  project_id: Id.optional(),
  /** Tests linked to this suite (and, unless recursive is false, to its descendants). */
  suite_id: Id.optional(),
  suite_path: SuitePath.optional(),
  recursive: z.boolean().default(true),
  tags: Tags.optional(),
  status: z.union([TestCaseStatus, z.array(TestCaseStatus).min(1)]).optional(),
  priority: z.union([Priority, z.array(Priority).min(1)]).optional(),
}).extend({ sort_order: z.enum(['asc', 'desc']).default('asc') })
export type ListTestCasesQuery = z.infer<typeof ListTestCasesQuery>

const byProject = { project_id: Id.optional() }
export const ListDataSetsQuery = listQuery(['name', 'created_at', 'updated_at'], byProject).extend({
  sort_order: z.enum(['asc', 'desc']).default('asc'),
})
export const ListScriptsQuery = listQuery(['name', 'position', 'created_at'], {
  ...byProject,
  test_case_id: Id.optional(),
  script_type: ScriptType.optional(),
}).extend({ sort_order: z.enum(['asc', 'desc']).default('asc') })
export const ListEnvironmentsQuery = listQuery(['name', 'created_at', 'updated_at'], byProject).extend({
  sort_order: z.enum(['asc', 'desc']).default('asc'),
})
export const ListBrowserConfigsQuery = listQuery(['name', 'created_at', 'browser_name'], byProject).extend({
  sort_order: z.enum(['asc', 'desc']).default('asc'),
})
export const ListStepsQuery = z.object({ test_case_id: Id }).strict()
