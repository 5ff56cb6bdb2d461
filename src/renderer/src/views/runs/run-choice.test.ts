import { describe, expect, it } from 'vitest'
import type { Outline } from '../../../../shared/api/tests'
import { buildTree } from '../../tree/tree-model'
import { allTags, chosenTestIds, defaultChoice, readChoice, runConfig } from './run-choice'

const suite = (id: string, parent_id: string | null, name: string) => ({ id, parent_id, name, path: parent_id ? ['ROOT', name] : ['ROOT'], position: 0 })
const test = (id: string, tags: string[], status = 'active') => ({ id, name: id, tags, status })
const outline = {
  project: {},
  suites: [suite('root', null, 'ROOT'), suite('a', 'root', 'A'), { ...suite('a1', 'a', 'A1'), path: ['ROOT', 'A', 'A1'] }, suite('b', 'root', 'B')],
  tests: [test('t1', ['smoke']), test('t2', []), test('t3', ['smoke'], 'draft'), test('t4', ['slow'])],
  links: [['a', 't1'], ['a1', 't2'], ['a1', 't3'], ['b', 't4'], ['b', 't1']],
} as unknown as Outline
const tree = buildTree(outline)

describe('run choice', () => {
  it('runs a suite with its descendants, active tests only, each once, named tests first', () => {
    expect(chosenTestIds(tree, { suite_ids: ['a'], tags: [], test_ids: [] })).toEqual(['t1', 't2'])
    expect(chosenTestIds(tree, { suite_ids: ['a', 'b'], tags: [], test_ids: ['t3'] })).toEqual(['t3', 't1', 't2', 't4'])
  })

  it('adds active tests having any of the tags, and forgets tests and suites that are gone', () => {
    expect(chosenTestIds(tree, { suite_ids: ['gone'], tags: ['smoke', 'slow'], test_ids: ['gone'] })).toEqual(['t1', 't4'])
    expect(allTags(tree)).toEqual(['slow', 'smoke'])
  })

  it('turns the choice into the contract fields (timeouts in ms, one worker is not parallel)', () => {
    const choice = { ...defaultChoice(null), name: ' Nightly ', workers: 2, retries: 1, test_timeout_s: 30, run_timeout_min: 5, fail_fast: true }
    expect(runConfig(choice)).toMatchObject({ run_name: 'Nightly', parallel_enabled: true, parallel_count: 2, retry_on_failure: true, retry_count: 1, options: { test_timeout_ms: 30_000, run_timeout_ms: 300_000, fail_fast: true } })
    expect(runConfig(defaultChoice(null))).not.toHaveProperty('run_name')
    expect(runConfig(defaultChoice(null)).parallel_enabled).toBe(false)
  })

  it('reads the remembered choice back, keeping the defaults for what is missing or malformed', () => {
    const defaults = { workers: 3, retries: 1, screenshots: 'every-step', trace: 'off', headless: true } as const
    expect(readChoice(null, defaults)).toMatchObject({ workers: 3, retries: 1 })
    expect(readChoice('{not json', defaults).workers).toBe(3)
    const back = readChoice(JSON.stringify({ workers: 5, tags: 'smoke', suite_ids: ['a'], failed_run_id: 'r1', unknown: 1 }), defaults)
    expect(back).toMatchObject({ workers: 5, tags: [], suite_ids: ['a'], failed_run_id: 'r1', retries: 1 })
    expect(back).not.toHaveProperty('unknown')
  })
})
