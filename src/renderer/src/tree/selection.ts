// The tree rows a tester selected, read as suites and test rows (a test row knows its suite).
import type { AppState } from '../store'

export interface SelectedTest {
  nodeId: string
  testId: string
  suiteId: string
}

export function selectedRows(state: Pick<AppState, 'tree' | 'treeSelection'>, nodeIds = state.treeSelection): { suites: string[]; tests: SelectedTest[] } {
  const suites: string[] = []
  const tests: SelectedTest[] = []
  for (const nodeId of nodeIds) {
    const node = state.tree?.byId.get(nodeId)
    if (!node) continue
    if (node.kind === 'suite') suites.push(node.suite.id)
    else tests.push({ nodeId, testId: node.test.id, suiteId: node.suiteId })
  }
  return { suites, tests }
}
