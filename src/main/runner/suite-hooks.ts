// Which suites' set-up and tear-down a test runs with. A test runs inside the suite that holds
// it and every suite above it: set-up from the outermost (ROOT) down, tear-down from the
// innermost up, as nested beforeEach/afterEach hooks do. A test held by several suites runs in
// the first of them (tree order) inside the suite the run was made from, else the first of all.
import { isUnder, type Suite } from '../../shared/model/definition'
import type { Store } from '../store'
import { engineSteps, type SuiteHookSteps } from './engine'

export interface SuiteHooksPlan {
  setup: SuiteHookSteps[]
  teardown: SuiteHookSteps[]
}

const NONE: SuiteHooksPlan = { setup: [], teardown: [] }

export function suiteHooksFor(store: Store, projectId: string, testCaseId: string, runSuitePath: readonly string[] | null = null): SuiteHooksPlan {
  // One query answers for the usual project, whose suites have no set-up or tear-down.
  const withHooks = store.suiteSteps.suitesWithHooks(projectId)
  if (!withHooks.size) return NONE
  const tree = store.suites.tree(projectId)
  const holders = new Set(store.suites.suiteIdsOf(testCaseId))
  const held = tree.filter((suite) => holders.has(suite.id))
  const home = (runSuitePath && held.find((suite) => isUnder(suite.path, runSuitePath))) || held[0]
  if (!home) return NONE
  const chain: Suite[] = tree.filter((suite) => isUnder(home.path, suite.path) && withHooks.has(suite.id)).sort((a, b) => a.path.length - b.path.length)
  const listOf = (suite: Suite, phase: 'setup' | 'teardown'): SuiteHookSteps => ({ suiteName: suite.name, steps: engineSteps(store.suiteSteps.steps(suite.id, phase)) })
  return {
    setup: chain.map((suite) => listOf(suite, 'setup')).filter((hook) => hook.steps.length),
    teardown: [...chain].reverse().map((suite) => listOf(suite, 'teardown')).filter((hook) => hook.steps.length),
  }
}
