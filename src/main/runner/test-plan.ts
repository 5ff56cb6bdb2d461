// Everything needed to execute one run item, read from the store before the browser starts:
// the steps, the data rows to iterate, variables (environment, then data row) and the secret
// values to mask, timeouts and where relative URLs point, the set-up and tear-down of its suites;
// and the test a call_test step calls.
import { isId } from '../../shared/model/common'
import type { TestCaseWithSteps } from '../../shared/model/definition'
import { whyNotCallable } from '../../shared/run-rules'
import type { TestRun } from '../../shared/model/execution'
import { SECRET_MASK } from '../../shared/steps'
import type { Store } from '../store'
import { DEMO_SITE_URL, type DemoSiteHandle } from './demo-site-link'
import { DEFAULT_STEP_TIMEOUT_MS } from './engine'
import type { EngineScript } from './engine/scripts'
import { createMasker, type Masker } from './engine/masking'
import { suiteHooksFor, type SuiteHooksPlan } from './suite-hooks'

export interface Iteration {
  /** 1-based; null when the test is not data-driven. */
  number: number | null
  rowIndex: number | null
  /** The row as stored in the result, secret columns masked. */
  shownValues: Record<string, string> | null
  variables: Record<string, string>
  secrets: string[]
  /** Masks `secrets` in everything this iteration gives back: results, events, files. */
  mask: Masker
}

export interface TestPlan {
  testCase: TestCaseWithSteps
  /** The test's own scripts in their order; each data iteration runs them all. */
  scripts: EngineScript[]
  iterations: Iteration[]
  baseUrl: string | null
  startUrl: string | null
  stepTimeoutMs: number
  testTimeoutMs: number | null
  environmentName: string | null
  /** Set-up and tear-down of the suites the test runs in. */
  hooks: SuiteHooksPlan
}

/** `run` needs only its options: a recording session plans its replay with an environment alone. */
export async function planTest(
  store: Store,
  run: { options: Pick<TestRun['options'], 'environment_id' | 'test_timeout_ms'>; suite_path?: string[] | null },
  testCaseId: string,
  demoSite: DemoSiteHandle,
): Promise<TestPlan> {
  const testCase = store.tests.get(testCaseId)
  const environmentId = run.options.environment_id ?? testCase.environment_id
  const environment = environmentId ? store.environments.resolve(environmentId) : { baseUrl: null, variables: {}, secrets: [] }
  const environmentName = environmentId ? store.environments.get(environmentId).name : null
  let baseUrl = environment.baseUrl
  if (baseUrl?.startsWith(DEMO_SITE_URL)) baseUrl = (await demoSite.url()) + baseUrl.slice(DEMO_SITE_URL.length).replace(/^\//, '')
  const common = { ...environment.variables, ...(baseUrl ? { baseUrl } : {}) }

  let iterations: Iteration[] = [{ number: null, rowIndex: null, shownValues: null, variables: common, secrets: environment.secrets, mask: createMasker(environment.secrets) }]
  if (testCase.data_set_id) {
    const set = store.dataSets.forRun(testCase.data_set_id)
    const secretColumns = new Set(set.columns.filter((c) => c.secret).map((c) => c.name))
    const rows = set.rows
    iterations = rows.map((row, i) => {
      const secrets = [...environment.secrets, ...[...secretColumns].map((c) => row.values[c]).filter((v): v is string => !!v)]
      const mask = createMasker(secrets)
      return {
        number: i + 1,
        rowIndex: row.row_index,
        // A secret column shows the mask; any other cell holding a secret is masked too.
        shownValues: Object.fromEntries(Object.entries(row.values).map(([k, v]) => [k, secretColumns.has(k) ? SECRET_MASK : mask.text(v)])),
        variables: { ...common, ...row.values },
        secrets,
        mask,
      }
    })
  }
  return {
    testCase,
    scripts: testScripts(store, testCase),
    iterations,
    baseUrl,
    startUrl: testCase.start_url,
    stepTimeoutMs: testCase.step_timeout_ms ?? DEFAULT_STEP_TIMEOUT_MS,
    testTimeoutMs: testCase.test_timeout_ms ?? run.options.test_timeout_ms ?? null,
    environmentName,
    hooks: suiteHooksFor(store, testCase.project_id, testCase.id, run.suite_path ?? null),
  }
}


/** Scripts attached to the test; those with no test are a project's library and run with none. */
function testScripts(store: Store, testCase: TestCaseWithSteps): EngineScript[] {
  const scripts: EngineScript[] = []
  for (let offset = 0, total = 1; offset < total; offset += 1000) {
    const page = store.scripts.list({ project_id: testCase.project_id, limit: 1000, offset, sort_by: 'position', sort_order: 'asc' }, { test_case_id: testCase.id })
    total = page.total
    scripts.push(...page.items)
  }
  return scripts
}

/**
 * The test a call_test step names (by id or name) with its steps: a test of the run's own project
 * whose status may be called (run-rules: active or draft). Throws saying why not otherwise.
 */
export function calledTest(store: Store, run: TestRun, ref: string): TestCaseWithSteps {
  const found = findTest(store, run.project_id, ref)
  if (!found) throw new Error(`No test case named '${ref}' in this project to call`)
  if (found.project_id !== run.project_id) throw new Error(`test case ${ref} belongs to another project`)
  const refusal = whyNotCallable(found)
  if (refusal) throw new Error(refusal)
  return found
}

function findTest(store: Store, projectId: string, ref: string): TestCaseWithSteps | null {
  const id = ref.trim().toLowerCase()
  if (isId(id) && store.projectOf('testCases', id)) return store.tests.get(id)
  const named = store.tests.byName(ref, projectId)
  return named && { ...named, steps: store.tests.steps(named.id) }
}
