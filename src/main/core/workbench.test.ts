// What the app's workbench needs from the contract beyond plain CRUD: versions that refuse an
// edit made on a stale copy, the outline the suite tree reads in one call, shared settings, and
// change events whoever wrote (another connection stands in for the CLI in another process).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DataChange } from '../../shared/api/system'
import { openCore, type Core } from '.'
import { openTestCore, submit, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

describe('versions of the documents a tester edits', () => {
  it('count every write of a test case, its steps included', async () => {
    const test = await t.ok('tests.create', { name: 'Login', steps: [{ action: 'click', target: { selector: '#a' } }] })
    expect(test.version).toBe(1)
    const renamed = await t.ok('tests.update', { id: test.id, name: 'Login works' })
    expect(renamed.version).toBe(2)
    await t.ok('steps.create', { test_case_id: test.id, action: 'click', target: { selector: '#b' } })
    await t.ok('steps.reorder', { test_case_id: test.id, step_ids: (await t.ok('steps.list', { test_case_id: test.id })).map((s: { id: string }) => s.id).reverse() })
    expect((await t.ok('tests.get', { id: test.id })).version).toBe(4)
  })

  it('refuse an update made on an older version with a conflict that names both versions, and change nothing', async () => {
    const test = await t.ok('tests.create', { name: 'Checkout' })
    await t.ok('tests.update', { id: test.id, if_version: 1, description: 'from the CLI' })
    const error = await t.failUnchanged('tests.update', { id: test.id, if_version: 1, description: 'from a stale window' })
    expect(error.kind).toBe('conflict')
    expect(error.message).toMatch(/Test case 'Checkout' was changed elsewhere \(now version 2, saved .*\); this edit was made on version 1/)
    expect(error.issues).toEqual([{ field: 'if_version', message: error.message }])
    const saved = await t.ok('tests.update', { id: test.id, if_version: 2, description: 'after reloading' })
    expect(saved).toMatchObject({ version: 3, description: 'after reloading' })
  })

  it('name the item of a bulk update whose version is stale', async () => {
    const [a, b] = await t.ok('tests.bulkCreate', { items: [{ name: 'A' }, { name: 'B' }] })
    await t.ok('tests.update', { id: b.id, tags: ['x'] })
    const error = await t.failUnchanged('tests.bulkUpdate', { items: [{ id: a.id, if_version: 1, tags: ['y'] }, { id: b.id, if_version: 1, tags: ['y'] }] })
    expect(error).toMatchObject({ kind: 'conflict', issues: [{ field: 'items.1.if_version' }] })
  })

  it('guard data sets and environments the same way', async () => {
    const set = await t.ok('dataSets.create', { name: 'Users', columns: [{ name: 'user' }], rows: [{ values: { user: 'a' } }] })
    expect(set.version).toBe(1)
    expect((await t.ok('dataSets.update', { id: set.id, if_version: 1, rows: [{ values: { user: 'b' } }] })).version).toBe(2)
    expect((await t.failUnchanged('dataSets.update', { id: set.id, if_version: 1, name: 'Old' })).kind).toBe('conflict')
    const env = await t.ok('environments.create', { name: 'Staging', variables: [{ name: 'user', value: 'a' }] })
    expect((await t.ok('environments.update', { id: env.id, if_version: 1, base_url: 'http://x.test' })).version).toBe(2)
    expect(await t.failUnchanged('environments.update', { id: env.id, if_version: 1, base_url: 'http://y.test' })).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining("Environment 'Staging' was changed elsewhere"),
    })
  })

  it('keep a data column type, and refuse one that does not exist', async () => {
    const set = await t.ok('dataSets.create', { name: 'Typed', columns: [{ name: 'age', type: 'number' }, { name: 'note' }] })
    expect(set.columns).toEqual([{ name: 'age', secret: false, type: 'number' }, { name: 'note', secret: false }])
    const error = await t.failUnchanged('dataSets.create', { name: 'Bad', columns: [{ name: 'x', type: 'money' }] })
    expect(error.issues?.[0].field).toBe('columns.0.type')
  })
})

describe('suites put back with their id', () => {
  it('take the id given, and refuse one already used', async () => {
    const id = '01a20000-0000-7000-8000-0000000000aa'
    expect((await t.ok('suites.create', { id, name: 'Restored' })).id).toBe(id)
    expect((await t.failUnchanged('suites.create', { id, name: 'Other' })).kind).toBe('conflict')
  })
})

describe('tests.outline', () => {
  it('gives the project, the suite tree, every test with its last result and pass rate, and the links in suite order', async () => {
    const smoke = await t.ok('suites.create', { name: 'Smoke' })
    const [login, search, idle] = await t.ok('tests.bulkCreate', {
      items: [
        { name: 'Login', tags: ['auth'], suite_ids: [smoke.id], steps: [{ action: 'navigate', value: '/' }] },
        { name: 'Search', suite_ids: [smoke.id], status: 'draft' },
        { name: 'Idle', priority: 'low' },
      ],
    })
    const run = await t.ok('runs.create', { test_case_ids: [login.id, search.id] })
    await t.ok('runs.start', { id: run.id })
    const items = (await t.ok('runItems.list', { test_run_id: run.id })).items
    await submit(t, items[0], { status: 'passed' })
    await submit(t, items[1], { status: 'failed', error_message: 'nope' })
    const outline = await t.ok('tests.outline')
    expect(outline.project.name).toBe('Default')
    expect(outline.suites.map((s: { path: string[] }) => s.path)).toEqual([['ROOT'], ['ROOT', 'Smoke']])
    expect(outline.tests.map((x: { name: string }) => x.name)).toEqual(['Idle', 'Login', 'Search'])
    expect(outline.tests[1]).toMatchObject({ id: login.id, tags: ['auth'], status: 'active', step_count: 1, version: 1, last_status: 'passed', pass_rate: 100, executions: 1 })
    expect(outline.tests[2]).toMatchObject({ last_status: 'failed', pass_rate: 0, status: 'draft' })
    expect(outline.tests[0]).toMatchObject({ last_status: null, last_run_at: null, pass_rate: null, executions: 0, priority: 'low' })
    const root = outline.suites[0].id
    expect(outline.links).toEqual(expect.arrayContaining([[smoke.id, login.id], [smoke.id, search.id], [root, idle.id]]))
    expect(outline.links).toHaveLength(3)
  })

  it('says which project is missing', async () => {
    expect(await t.fail('tests.outline', { project_id: '01a20000-0000-7000-8000-000000000000' })).toMatchObject({ kind: 'validation', issues: [{ field: 'project_id' }] })
  })
})

describe('settings', () => {
  it('start from defaults, merge what is given, and refuse values out of range without changing anything', async () => {
    expect(await t.ok('settings.get')).toEqual({ run_defaults: { workers: 1, retries: 0, screenshots: 'on-failure', trace: 'on-failure', headless: true } })
    const updated = await t.ok('settings.update', { run_defaults: { workers: 3, trace: 'off' } })
    expect(updated.run_defaults).toMatchObject({ workers: 3, trace: 'off', retries: 0 })
    expect(await t.ok('settings.get')).toEqual(updated)
    // A later change to one setting leaves the others as they are.
    expect((await t.ok('settings.update', { run_defaults: { screenshots: 'every-step' } })).run_defaults).toEqual({
      workers: 3, retries: 0, screenshots: 'every-step', trace: 'off', headless: true,
    })
    const error = await t.failUnchanged('settings.update', { run_defaults: { workers: 11 } })
    expect(error.issues?.[0]).toEqual({ field: 'run_defaults.workers', message: 'Must be between 1 and 10' })
    expect((await t.failUnchanged('settings.update', { theme: 'dark' })).kind).toBe('validation')
  })
})

describe('system.onChanged', () => {
  let dataDir: string
  let cores: Core[]
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'td-changes-'))
    cores = []
  })
  afterEach(async () => {
    for (const core of cores) await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function open(): Promise<Core> {
    const core = await openCore({ dataDir, userName: 'tester', execution: 'manual' })
    cores.push(core)
    return core
  }

  function nextChange(core: Core, kind: string): Promise<DataChange> {
    return new Promise((resolve) => {
      const stop = core.events.subscribe((name, payload) => {
        if (name === 'system.onChanged' && (payload as DataChange).kinds.includes(kind as never)) {
          stop()
          resolve(payload as DataChange)
        }
      })
    })
  }

  it('tells a listening window what kind of data another process changed', async () => {
    const window = await open()
    const cli = await open()
    const listening = nextChange(window, 'tests')
    await new Promise((r) => setTimeout(r, 300)) // the watcher has read its starting point
    const call = (core: Core, name: string, input: unknown) => core.dispatcher.call(name, input, { transport: 'direct' })
    await call(cli, 'tests.create', { name: 'Made by the CLI' })
    const change = await listening
    expect(change.kinds).toEqual(expect.arrayContaining(['tests']))
    expect(change.kinds).not.toContain('runs')
    expect(change.revisions.tests).toBeGreaterThan(0)
    const settingsChanged = nextChange(window, 'settings')
    await call(cli, 'settings.update', { run_defaults: { retries: 2 } })
    expect((await settingsChanged).kinds).toEqual(['settings'])
  })
})
