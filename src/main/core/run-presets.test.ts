// The run builder's contract: how many tests and data iterations a run would make, and presets
// saved by name (saved again under the same name replaces), listed, deleted; bad input refused
// with the field named and the database unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

const CONFIG = {
  name: 'Nightly',
  source: 'pick',
  suite_ids: [],
  tags: ['smoke'],
  test_ids: [],
  failed_run_id: null,
  browser_config_id: null,
  environment_id: null,
  workers: 3,
  retries: 1,
  screenshots: 'on-failure',
  trace: 'off',
  fail_fast: false,
  headless: true,
  test_timeout_s: 60,
  run_timeout_min: null,
}

describe('runs.preview', () => {
  it('counts one execution a test and one an enabled data row of a data-driven test', async () => {
    const rows = [{ values: { user: 'a' } }, { values: { user: 'b' } }, { values: { user: 'c' }, enabled: false }]
    const data = await t.ok('dataSets.create', { name: 'Users', columns: [{ name: 'user' }], rows })
    const plain = await t.ok('tests.create', { name: 'Plain' })
    const driven = await t.ok('tests.create', { name: 'Driven', data_set_id: data.id })
    expect(await t.ok('runs.preview', { test_case_ids: [plain.id, driven.id, driven.id, GHOST] })).toEqual({ tests: 2, data_driven_tests: 1, iterations: 3 })
    expect(await t.ok('runs.preview', { test_case_ids: [] })).toEqual({ tests: 0, data_driven_tests: 0, iterations: 0 })
    expect(await t.failUnchanged('runs.preview', { test_case_ids: ['x'] })).toMatchObject({ kind: 'validation' })
  })
})

describe('runPresets', () => {
  it('saves, replaces by name, lists by name and deletes', async () => {
    const saved = await t.ok('runPresets.save', { name: 'Nightly smoke', config: CONFIG })
    expect(saved).toMatchObject({ name: 'Nightly smoke', config: CONFIG })
    await t.ok('runPresets.save', { name: 'A quick one', config: { ...CONFIG, workers: 1 } })
    const replaced = await t.ok('runPresets.save', { name: 'Nightly smoke', config: { ...CONFIG, retries: 2 } })
    expect(replaced.id).toBe(saved.id)
    const list = await t.ok('runPresets.list', {})
    expect(list.map((p: any) => [p.name, p.config.workers, p.config.retries])).toEqual([
      ['A quick one', 1, 1],
      ['Nightly smoke', 3, 2],
    ])
    await t.ok('runPresets.delete', { id: saved.id })
    expect((await t.ok('runPresets.list', {})).map((p: any) => p.name)).toEqual(['A quick one'])
    expect(await t.failUnchanged('runPresets.delete', { id: saved.id })).toMatchObject({ kind: 'not_found' })
  })

  it('refuses a bad preset naming the field, and keeps presets apart by project', async () => {
    const bad = await t.failUnchanged('runPresets.save', { name: 'Too many', config: { ...CONFIG, workers: 11 } })
    expect(bad).toMatchObject({ kind: 'validation' })
    expect(JSON.stringify(bad.issues)).toContain('config.workers')
    expect(await t.failUnchanged('runPresets.save', { name: '', config: CONFIG })).toMatchObject({ kind: 'validation' })
    expect(await t.failUnchanged('runPresets.save', { name: 'x', config: { ...CONFIG, extra: 1 } })).toMatchObject({ kind: 'validation' })
    expect(await t.ok('runPresets.list', {})).toEqual([])
    const other = await t.ok('projects.create', { name: 'Other' })
    await t.ok('runPresets.save', { project_id: other.id, name: 'Theirs', config: CONFIG })
    expect(await t.ok('runPresets.list', {})).toEqual([])
    expect((await t.ok('runPresets.list', { project_id: other.id })).map((p: any) => p.name)).toEqual(['Theirs'])
  })
})
