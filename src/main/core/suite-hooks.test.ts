// Suite set-up and tear-down through the contract: stored per phase in order, replaced list by
// list, checked against the step catalogue, removed with their suite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

const open = { action: 'navigate', value: '/todos' }
const clear = { action: 'clear_storage', options: { storage: 'local' } }
const reload = { action: 'reload', description: 'Start from an empty list' }

describe('suite set-up and tear-down', () => {
  it('are stored per phase in order and read back as written', async () => {
    const suite = await t.ok('suites.create', { name: 'Todos' })
    expect(await t.ok('suites.hooks', { id: suite.id })).toEqual({ suite_id: suite.id, setup: [], teardown: [] })
    const saved = await t.ok('suites.setHooks', { suite_id: suite.id, setup: [open, clear, reload], teardown: [{ action: 'clear_storage', options: { storage: 'all' }, disabled: true }] })
    const again = await t.ok('suites.hooks', { id: suite.id })
    expect(again).toEqual(saved)
    expect(again.setup.map((s: any) => [s.phase, s.position, s.action, s.value, s.options, s.description, s.disabled])).toEqual([
      ['setup', 0, 'navigate', '/todos', {}, null, false],
      ['setup', 1, 'clear_storage', null, { storage: 'local' }, null, false],
      ['setup', 2, 'reload', null, {}, 'Start from an empty list', false],
    ])
    expect(again.teardown.map((s: any) => [s.phase, s.action, s.options, s.disabled])).toEqual([['teardown', 'clear_storage', { storage: 'all' }, true]])
  })

  it('replace only the lists given, keeping step ids so an edit is not a new step', async () => {
    const suite = await t.ok('suites.create', { name: 'Todos' })
    const first = await t.ok('suites.setHooks', { suite_id: suite.id, setup: [open, reload], teardown: [clear] })
    const [a, b] = first.setup
    const second = await t.ok('suites.setHooks', { suite_id: suite.id, setup: [{ ...b, id: b.id }, { id: a.id, action: 'navigate', value: '/other' }].map(({ id, action, value, options, description }: any) => ({ id, action, value, options, description })) })
    expect(second.setup.map((s: any) => [s.id, s.action, s.value])).toEqual([[b.id, 'reload', null], [a.id, 'navigate', '/other']])
    expect(second.teardown).toEqual(first.teardown)
  })

  it('refuse a step the catalogue does not accept, saying where, and change nothing', async () => {
    const suite = await t.ok('suites.create', { name: 'Todos' })
    await t.ok('suites.setHooks', { suite_id: suite.id, setup: [open] })
    const error = await t.failUnchanged('suites.setHooks', { suite_id: suite.id, setup: [open], teardown: [reload, { action: 'navigate' }] })
    expect(error.kind).toBe('validation')
    expect(error.issues?.[0].field).toMatch(/^teardown\.1/)
    expect((await t.fail('suites.setHooks', { suite_id: GHOST, setup: [] })).kind).toBe('not_found')
    expect((await t.fail('suites.setHooks', { suite_id: suite.id, setup: [{ action: 'reload', bogus: 1 }] })).kind).toBe('validation')
  })

  it('go with their suite when it is deleted', async () => {
    const suite = await t.ok('suites.create', { name: 'Todos' })
    await t.ok('suites.setHooks', { suite_id: suite.id, setup: [open], teardown: [clear] })
    await t.ok('suites.delete', { id: suite.id })
    expect(t.dump().suite_steps).toEqual([])
  })
})
