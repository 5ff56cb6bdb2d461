import { describe, expect, it } from 'vitest'
import type { Outline, OutlineTest } from '../../../shared/api/tests'
import type { Suite } from '../../../shared/model/definition'
import { buildTree, copyName, filterTree, lowerNamesOf, parseQuery, suiteNodeId, suiteSubtree, testNodeId, type SuiteNode } from './tree-model'

const suite = (id: string, name: string, parent: string | null, path: string[]): Suite => ({
  id, name, parent_id: parent, path, project_id: 'p', description: null, position: 0, test_count: 0, own_test_count: 0, created_at: '', updated_at: '',
})
const test = (id: string, name: string, patch: Partial<OutlineTest> = {}): OutlineTest => ({
  id, name, tags: [], status: 'active', priority: 'medium', step_count: 0, version: 1, updated_at: '', last_status: null, last_run_at: null, pass_rate: null, executions: 0, ...patch,
})
const outline: Outline = {
  project: { id: 'p', name: 'Shop', description: null, is_default: true, created_at: '', updated_at: '' },
  suites: [suite('root', 'ROOT', null, ['ROOT']), suite('smoke', 'Smoke', 'root', ['ROOT', 'Smoke']), suite('pay', 'Payments', 'smoke', ['ROOT', 'Smoke', 'Payments'])],
  tests: [
    test('t1', 'Login works', { tags: ['auth', 'smoke'], last_status: 'passed' }),
    test('t2', 'Pay by card', { last_status: 'failed', status: 'draft' }),
    test('t3', 'Loose test'),
  ],
  links: [['smoke', 't1'], ['pay', 't2'], ['pay', 't1'], ['root', 't3']],
}

describe('buildTree', () => {
  it('puts ROOT children at the top, suites before tests, and counts each test once per suite', () => {
    const model = buildTree(outline)
    expect(model.nodes.map((n) => n.id)).toEqual([suiteNodeId('smoke'), testNodeId('root', 't3')])
    const smoke = model.nodes[0] as SuiteNode
    expect(smoke.children.map((n) => n.name)).toEqual(['Payments', 'Login works'])
    expect(smoke.count).toBe(2)
    expect(model.suitesOf.get('t1')).toEqual(['smoke', 'pay'])
    expect(suiteSubtree(model, 'smoke')).toEqual(['smoke', 'pay'])
  })
})

describe('the tree filter', () => {
  const model = buildTree(outline)
  const names = lowerNamesOf(model)
  const match = (text: string) => [...filterTree(model, parseQuery(text), names).nodes].sort()

  it('reads words, tag:, status: and result: (quotes keep spaces)', () => {
    expect(parseQuery('Login tag:auth status:draft result:failed')).toEqual({ words: ['login'], tags: ['auth'], statuses: ['draft'], results: ['failed'] })
    expect(parseQuery('tag:"two words" x')).toEqual({ words: ['x'], tags: ['two words'], statuses: [], results: [] })
  })

  it('matches tests by every part, in each suite they sit in, and suites by name for words alone', () => {
    expect(match('login')).toEqual([testNodeId('pay', 't1'), testNodeId('smoke', 't1')].sort())
    expect(match('tag:smoke')).toEqual([testNodeId('pay', 't1'), testNodeId('smoke', 't1')].sort())
    expect(match('result:failed')).toEqual([testNodeId('pay', 't2')])
    expect(match('result:never')).toEqual([testNodeId('root', 't3')])
    expect(match('status:draft pay')).toEqual([testNodeId('pay', 't2')])
    expect(match('payments')).toEqual([suiteNodeId('pay')])
    expect(filterTree(model, parseQuery('nothing-like-this'), names).tests).toBe(0)
  })
})

describe('copyName', () => {
  it('finds the first free copy name', () => {
    expect(copyName('Login', ['Login'])).toBe('Login (copy)')
    expect(copyName('Login', ['Login', 'Login (copy)'])).toBe('Login (copy 2)')
    expect(copyName('Login (copy)', ['Login (copy)'])).toBe('Login (copy 2)')
  })
})
