// The suite tree as the tree view shows it, built from the outline (suites, tests, links), and
// the filter a tester types (`login tag:smoke status:draft result:failed`). Pure and fast: the
// filter runs on every keystroke over thousands of tests.
import type { Outline, OutlineTest } from '../../../shared/api/tests'
import type { Suite } from '../../../shared/model/definition'

export interface SuiteNode {
  id: string
  kind: 'suite'
  name: string
  suite: Suite
  /** Tests in this suite and below it, each counted once. */
  count: number
  children: TreeNode[]
}

export interface TestNode {
  id: string
  kind: 'test'
  name: string
  test: OutlineTest
  /** The suite this row sits in (a test may sit in several). */
  suiteId: string
}

export type TreeNode = SuiteNode | TestNode

export const suiteNodeId = (suiteId: string) => `s:${suiteId}`
export const testNodeId = (suiteId: string, testId: string) => `t:${suiteId}:${testId}`

export interface TreeModel {
  /** The ROOT suite's children: its suites, then its own tests. */
  nodes: TreeNode[]
  root: Suite | null
  suitesById: Map<string, Suite>
  testsById: Map<string, OutlineTest>
  /** Test ids of each suite, in run order. */
  testsOf: Map<string, string[]>
  /** Suite ids each test sits in. */
  suitesOf: Map<string, string[]>
  /** Every node by id. */
  byId: Map<string, TreeNode>
}

export function buildTree(outline: Outline): TreeModel {
  const suitesById = new Map(outline.suites.map((s) => [s.id, s]))
  const testsById = new Map(outline.tests.map((t) => [t.id, t]))
  const testsOf = new Map<string, string[]>()
  const suitesOf = new Map<string, string[]>()
  for (const [suiteId, testId] of outline.links) {
    if (!testsById.has(testId)) continue
    ;(testsOf.get(suiteId) ?? testsOf.set(suiteId, []).get(suiteId)!).push(testId)
    ;(suitesOf.get(testId) ?? suitesOf.set(testId, []).get(testId)!).push(suiteId)
  }
  const childSuites = new Map<string | null, Suite[]>()
  for (const suite of outline.suites) (childSuites.get(suite.parent_id) ?? childSuites.set(suite.parent_id, []).get(suite.parent_id)!).push(suite)
  const byId = new Map<string, TreeNode>()

  const build = (suite: Suite): { children: TreeNode[]; tests: Set<string> } => {
    const children: TreeNode[] = []
    const tests = new Set<string>()
    for (const child of childSuites.get(suite.id) ?? []) {
      const built = build(child)
      const node: SuiteNode = { id: suiteNodeId(child.id), kind: 'suite', name: child.name, suite: child, count: built.tests.size, children: built.children }
      byId.set(node.id, node)
      children.push(node)
      for (const id of built.tests) tests.add(id)
    }
    for (const testId of testsOf.get(suite.id) ?? []) {
      const test = testsById.get(testId)!
      const node: TestNode = { id: testNodeId(suite.id, testId), kind: 'test', name: test.name, test, suiteId: suite.id }
      byId.set(node.id, node)
      children.push(node)
      tests.add(testId)
    }
    return { children, tests }
  }

  const root = outline.suites.find((s) => s.parent_id === null) ?? null
  const nodes = root ? build(root).children : []
  return { nodes, root, suitesById, testsById, testsOf, suitesOf, byId }
}

// ── The filter ─────────────────────────────────────────────────────────────────────────────

export interface TreeQuery {
  words: string[]
  tags: string[]
  statuses: string[]
  /** passed, failed, skipped or never. */
  results: string[]
}

/** `login tag:smoke status:draft result:failed` → its parts; quotes keep spaces ("tag:two words"). */
export function parseQuery(text: string): TreeQuery {
  const query: TreeQuery = { words: [], tags: [], statuses: [], results: [] }
  for (const match of text.toLowerCase().matchAll(/(\w+:)?"([^"]*)"?|(\S+)/g)) {
    const token = match[2] !== undefined ? `${match[1] ?? ''}${match[2]}` : match[3]
    const colon = token.indexOf(':')
    const key = colon > 0 ? token.slice(0, colon) : ''
    const value = colon > 0 ? token.slice(colon + 1) : token
    if (!value) continue
    if (key === 'tag') query.tags.push(value)
    else if (key === 'status') query.statuses.push(value)
    else if (key === 'result' || key === 'last') query.results.push(value)
    else query.words.push(token)
  }
  return query
}

export function isEmptyQuery(query: TreeQuery): boolean {
  return !query.words.length && !query.tags.length && !query.statuses.length && !query.results.length
}

export function testMatches(test: OutlineTest, query: TreeQuery, lowerName = test.name.toLowerCase()): boolean {
  for (const word of query.words) if (!lowerName.includes(word)) return false
  for (const tag of query.tags) if (!test.tags.some((t) => t.toLowerCase() === tag)) return false
  if (query.statuses.length && !query.statuses.includes(test.status)) return false
  if (query.results.length && !query.results.includes(test.last_status ?? 'never')) return false
  return true
}

export interface FilterResult {
  /** Node ids the tree shows as matches (their suites are shown around them). */
  nodes: Set<string>
  /** How many tests match. */
  tests: number
}

/** Which rows match: tests by every part of the query; suites by name when only words are given. */
export function filterTree(model: TreeModel, query: TreeQuery, lowerNames?: Map<string, string>): FilterResult {
  const nodes = new Set<string>()
  let tests = 0
  const onlyWords = !query.tags.length && !query.statuses.length && !query.results.length
  for (const test of model.testsById.values()) {
    if (!testMatches(test, query, lowerNames?.get(test.id))) continue
    tests++
    for (const suiteId of model.suitesOf.get(test.id) ?? []) nodes.add(testNodeId(suiteId, test.id))
  }
  if (onlyWords) {
    for (const suite of model.suitesById.values()) {
      const name = suite.name.toLowerCase()
      if (suite.parent_id !== null && query.words.every((w) => name.includes(w))) nodes.add(suiteNodeId(suite.id))
    }
  }
  return { nodes, tests }
}

/** Lower-cased names, computed once per outline so each keystroke only compares. */
export function lowerNamesOf(model: TreeModel): Map<string, string> {
  return new Map([...model.testsById.values()].map((t) => [t.id, t.name.toLowerCase()]))
}

/** Suite ids under a suite (itself first), depth first. */
export function suiteSubtree(model: TreeModel, suiteId: string): string[] {
  const out: string[] = []
  const walk = (id: string) => {
    out.push(id)
    for (const suite of model.suitesById.values()) if (suite.parent_id === id) walk(suite.id)
  }
  walk(suiteId)
  return out
}

/** A name for a copy that no test uses yet: `Login (copy)`, `Login (copy 2)`… */
export function copyName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const stem = name.replace(/ \(copy( \d+)?\)$/, '')
  for (let n = 1; ; n++) {
    const candidate = `${stem} (copy${n === 1 ? '' : ` ${n}`})`
    if (!used.has(candidate)) return candidate
  }
}
