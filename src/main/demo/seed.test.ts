// The demo project as `testdesk demo` adds it: each test in its own suite under Demo.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, type TestCore } from '../core/testing'
import { DEMO_TEST_COUNT } from './demo-project'
import { seedDemo } from './seed'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

const counts = async () => (await t.ok('suites.tree')).map((s: { path: string[]; test_count: number }) => `${s.path.join('/')} ${s.test_count}`)

describe('the demo project', () => {
  it('puts each test in one suite under Demo, which counts them all', async () => {
    seedDemo(t.store)
    expect(await counts()).toEqual([
      `ROOT ${DEMO_TEST_COUNT}`,
      `ROOT/Demo ${DEMO_TEST_COUNT}`,
      'ROOT/Demo/Smoke 3',
      'ROOT/Demo/Login 7',
      // Three of them use the step language's newer words (storage, history, lists, refinements).
      'ROOT/Demo/Todos 9',
      'ROOT/Demo/Table 5',
      'ROOT/Demo/Widgets 11',
      'ROOT/Demo/Checkpoints 3',
    ])
    const tests = await t.ok('tests.list', { limit: 100 })
    expect(tests.items.every((test: { suite_ids: string[] }) => test.suite_ids.length === 1)).toBe(true)
  })

  it('refreshing moves demo tests an older TestDesk also linked to ROOT out of it', async () => {
    seedDemo(t.store)
    const root = await t.ok('suites.byPath', { path: ['ROOT'] })
    const ids = (await t.ok('tests.list', { limit: 100 })).items.map((test: { id: string }) => test.id)
    await t.ok('suites.addTests', { suite_id: root.id, test_case_ids: ids })
    seedDemo(t.store)
    expect((await t.ok('suites.get', { id: root.id })).own_test_count).toBe(0)
    expect((await t.ok('suites.get', { id: root.id })).test_count).toBe(DEMO_TEST_COUNT)
  })
})
