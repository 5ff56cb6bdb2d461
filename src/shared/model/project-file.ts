// A project (or one suite of it) as one JSON file: everything needed to recreate its tests on
// another machine, diffable in git. Secret values never leave the machine they were typed on.
import { z } from 'zod'
import { Id, JsonObject, LongText, Name, Tags } from './common'
import {
  BrowserName,
  DataColumn,
  MAX_HOOK_STEPS,
  Priority,
  ScriptLanguage,
  ScriptType,
  SuitePath,
  Target,
  TestCaseStatus,
  VariableName,
} from './definition'

export const PROJECT_FILE_FORMAT = 'testdesk-project'
export const PROJECT_FILE_VERSION = 1

/**
 * What one file may hold. Far beyond real projects (20,000 tests make about 60 MB), and small
 * enough that a hostile or broken file is refused with a clear message instead of taking the
 * machine's memory and time.
 */
export const PROJECT_FILE_LIMITS = {
  bytes: 128 * 1024 * 1024,
  suites: 100_000,
  tests: 100_000,
  stepsPerTest: 5000,
  steps: 2_000_000,
  dataSets: 10_000,
  rowsPerDataSet: 100_000,
  scripts: 100_000,
  environments: 10_000,
  browserConfigurations: 1000,
} as const

const L = PROJECT_FILE_LIMITS
const atMost = (n: number, what: string) => `at most ${n.toLocaleString('en-US')} ${what} in one file`

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null)

export const FileStep = z
  .object({
    id: Id,
    action: z.string().trim().min(1).max(100),
    target: Nullable(Target),
    value: Nullable(z.string().max(100_000)),
    options: JsonObject.default({}),
    description: Nullable(z.string().max(2000)),
    disabled: z.boolean().default(false),
  })
  .strict()

export const FileTest = z
  .object({
    id: Id,
    name: Name,
    description: Nullable(LongText),
    tags: Tags.default([]),
    priority: Priority.default('medium'),
    status: TestCaseStatus.default('active'),
    start_url: Nullable(z.string().max(2000)),
    step_timeout_ms: Nullable(z.number().int().min(100).max(3_600_000)),
    test_timeout_ms: Nullable(z.number().int().min(100).max(3_600_000)),
    browser_config_id: Nullable(Id),
    environment_id: Nullable(Id),
    data_set_id: Nullable(Id),
    steps: z.array(FileStep).max(L.stepsPerTest, `at most ${L.stepsPerTest.toLocaleString('en-US')} steps in one test`).default([]),
  })
  .strict()

export const FileSuite = z
  .object({
    id: Id,
    path: SuitePath,
    description: Nullable(LongText),
    position: z.number().int().min(0).default(0),
    /** Test ids in the suite's order. */
    tests: z.array(Id).max(L.tests, atMost(L.tests, 'tests')).default([]),
    /** Steps run before each test of the suite and of its child suites (outermost suite first). */
    setup: z.array(FileStep).max(MAX_HOOK_STEPS, `at most ${MAX_HOOK_STEPS} set-up steps in one suite`).default([]),
    /** Steps run after each test of the suite and of its child suites (innermost suite first), also after a failure. */
    teardown: z.array(FileStep).max(MAX_HOOK_STEPS, `at most ${MAX_HOOK_STEPS} tear-down steps in one suite`).default([]),
  })
  .strict()

export const FileDataSet = z
  .object({
    id: Id,
    name: Name,
    description: Nullable(LongText),
    columns: z.array(DataColumn).min(1).max(200),
    /** Values of secret columns are left out of the file. */
    rows: z
      .array(z.object({ id: Id, values: z.record(z.string(), z.string()), enabled: z.boolean().default(true) }).strict())
      .max(L.rowsPerDataSet, `at most ${L.rowsPerDataSet.toLocaleString('en-US')} rows in one data set`)
      .default([]),
  })
  .strict()

export const FileScript = z
  .object({
    id: Id,
    test_id: Nullable(Id),
    name: Name,
    script_type: ScriptType,
    language: ScriptLanguage.default('javascript'),
    source: z.string().max(1_000_000),
    is_critical: z.boolean().default(false),
    timeout_ms: z.number().int().min(100).max(3_600_000).default(30_000),
    attached_to_step: Nullable(z.number().int().min(1)),
    position: z.number().int().min(0).default(0),
  })
  .strict()

export const FileEnvironment = z
  .object({
    id: Id,
    name: Name,
    description: Nullable(LongText),
    base_url: Nullable(z.string().max(2000)),
    /** A secret's value is null in the file; importing keeps the value stored on this machine. */
    variables: z
      .array(z.object({ name: VariableName, value: z.string().max(100_000).nullable(), is_secret: z.boolean().default(false) }).strict())
      .max(1000)
      .default([]),
  })
  .strict()

export const FileBrowserConfiguration = z
  .object({
    id: Id,
    name: Name,
    browser_name: BrowserName.default('chromium'),
    headless: z.boolean().default(true),
    viewport_width: Nullable(z.number().int().min(100).max(10_000)),
    viewport_height: Nullable(z.number().int().min(100).max(10_000)),
    device_name: Nullable(z.string().max(100)),
    locale: Nullable(z.string().max(35)),
    timezone_id: Nullable(z.string().max(64)),
    user_agent: Nullable(z.string().max(1000)),
    color_scheme: Nullable(z.enum(['light', 'dark'])),
  })
  .strict()

export const ProjectFile = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(PROJECT_FILE_FORMAT),
    version: z.literal(PROJECT_FILE_VERSION),
    project: z.object({ id: Id, name: Name, description: Nullable(LongText) }).strict(),
    /** Set when the file holds one suite (and its descendants) rather than the whole project. */
    scope: Nullable(SuitePath),
    suites: z.array(FileSuite).max(L.suites, atMost(L.suites, 'suites')).default([]),
    tests: z.array(FileTest).max(L.tests, atMost(L.tests, 'tests')).default([]),
    data_sets: z.array(FileDataSet).max(L.dataSets, atMost(L.dataSets, 'data sets')).default([]),
    scripts: z.array(FileScript).max(L.scripts, atMost(L.scripts, 'scripts')).default([]),
    environments: z.array(FileEnvironment).max(L.environments, atMost(L.environments, 'environments')).default([]),
    browser_configurations: z
      .array(FileBrowserConfiguration)
      .max(L.browserConfigurations, atMost(L.browserConfigurations, 'browser configurations'))
      .default([]),
  })
  .strict()

export type ProjectFile = z.infer<typeof ProjectFile>
export type ProjectFileInput = z.input<typeof ProjectFile>

export interface ImportSummary {
  project_id: string
  project_name: string
  created: Record<string, number>
  /** What existed and the file changed. */
  updated: Record<string, number>
  /** What existed and the file left as it was (nothing written). */
  unchanged: Record<string, number>
  /** Things the tester should know, e.g. secret variables to fill in on this machine. */
  warnings: string[]
}
