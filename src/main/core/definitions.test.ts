// The definition side through the contract: projects, the suite tree, test cases with steps and
// suite links, steps one at a time, data sets, scripts, environments (secrets) and browsers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTests, GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
  await t.ok('projects.list')
})
afterEach(() => t.close())

const names = (list: { name: string }[]) => list.map((x) => x.name)

describe('projects', () => {
  it('start with a default project that has a ROOT suite and cannot be deleted', async () => {
    const { items, total } = await t.ok('projects.list')
    expect(total).toBe(1)
    expect(items[0].name).toBe('Default')
    expect(await t.ok('suites.tree', { project_id: items[0].id })).toEqual([expect.objectContaining({ name: 'ROOT', path: ['ROOT'], parent_id: null })])
    const error = await t.failUnchanged('projects.delete', { id: items[0].id })
    expect(error).toMatchObject({ kind: 'invalid_state', message: expect.stringContaining('The default project cannot be deleted') })
  })

  it('are created, renamed and deleted; names are unique', async () => {
    const project = await t.ok('projects.create', { name: 'Shop', description: 'the web shop' })
    expect((await t.ok('suites.tree', { project_id: project.id })).map((s: { path: string[] }) => s.path)).toEqual([['ROOT']])
    expect((await t.ok('projects.update', { id: project.id, name: 'Shop 2' })).name).toBe('Shop 2')
    expect(await t.failUnchanged('projects.create', { name: 'Shop 2' })).toMatchObject({ kind: 'conflict', issues: [{ field: 'name' }] })
    expect(await t.failUnchanged('projects.update', { id: project.id, name: 'Default' })).toMatchObject({ kind: 'conflict', issues: [{ field: 'name' }] })
    await t.ok('projects.delete', { id: project.id })
    expect((await t.fail('projects.get', { id: project.id })).kind).toBe('not_found')
    expect((await t.failUnchanged('projects.create', { name: '  ' })).issues?.[0].field).toBe('name')
  })
})

describe('the default project on a fresh database', () => {
  it('survives a first call that creates it and then rolls back', async () => {
    const fresh = await openTestCore()
    try {
      // The first call to need the default project creates it inside its own transaction, then fails.
      const error = await fresh.failUnchanged('tests.bulkCreate', { items: [{ name: 'A' }, { name: 'B' }, { name: 'A' }] })
      expect(error.issues?.[0].field).toBe('items.2.name')
      const created = await fresh.ok('tests.create', { name: 'A' })
      const { items } = await fresh.ok('projects.list')
      expect(items.map((p: { id: string }) => p.id)).toEqual([created.project_id])
      expect(created.suite_ids).toEqual([(await fresh.ok('suites.byPath', { path: ['ROOT'] })).id])
    } finally {
      await fresh.close()
    }
  })
})

describe('suites', () => {
  async function tree() {
    const regression = await t.ok('suites.create', { name: 'Regression' })
    const smoke = await t.ok('suites.create', { name: 'Smoke', parent_id: regression.id })
    const checkout = await t.ok('suites.create', { name: 'Checkout', parent_id: smoke.id })
    const nightly = await t.ok('suites.create', { name: 'Nightly' })
    return { regression, smoke, checkout, nightly }
  }

  it('form a tree with paths from ROOT, depth first', async () => {
    const { checkout } = await tree()
    expect(checkout.path).toEqual(['ROOT', 'Regression', 'Smoke', 'Checkout'])
    const paths = (await t.ok('suites.tree')).map((s: { path: string[] }) => s.path.join('/'))
    expect(paths).toEqual(['ROOT', 'ROOT/Regression', 'ROOT/Regression/Smoke', 'ROOT/Regression/Smoke/Checkout', 'ROOT/Nightly'])
    expect((await t.ok('suites.byPath', { path: ['ROOT', 'Regression', 'Smoke'] })).name).toBe('Smoke')
    const list = await t.ok('suites.list', { fields: ['name', 'path'], sort_by: 'name', sort_order: 'desc' })
    expect(list.items[0]).toEqual({ id: expect.any(String), name: 'Smoke', path: ['ROOT', 'Regression', 'Smoke'] })
    expect((await t.fail('suites.list', { fields: ['colour'] })).issues?.[0].field).toBe('fields.0')
  })

  it('say which part of a path is missing', async () => {
    await tree()
    expect(await t.fail('suites.byPath', { path: ['ROOT', 'Regression', 'Sanity', 'Deep'] })).toEqual({
      kind: 'not_found',
      message: "Suite not found: ROOT / Regression / Sanity / Deep (no 'Sanity' under ROOT / Regression in project 'Default')",
    })
    expect((await t.fail('suites.byPath', { path: ['Regression'] })).issues?.[0].message).toMatch(/starts with 'ROOT'/)
  })

  it('move, but never under themselves or their own descendants', async () => {
    const { regression, smoke, checkout, nightly } = await tree()
    for (const parent of [regression, smoke, checkout]) {
      const error = await t.failUnchanged('suites.update', { id: regression.id, parent_id: parent.id })
      expect(error).toMatchObject({ kind: 'validation', issues: [{ field: 'parent_id' }] })
    }
    const moved = await t.ok('suites.update', { id: smoke.id, parent_id: nightly.id })
    expect(moved.path).toEqual(['ROOT', 'Nightly', 'Smoke'])
    expect((await t.ok('suites.get', { id: checkout.id })).path).toEqual(['ROOT', 'Nightly', 'Smoke', 'Checkout'])
  })

  it('keep ROOT: it cannot be deleted, renamed or moved', async () => {
    const { nightly } = await tree()
    const root = await t.ok('suites.byPath', { path: ['ROOT'] })
    expect(await t.failUnchanged('suites.delete', { id: root.id })).toEqual({ kind: 'invalid_state', message: 'The ROOT suite cannot be deleted' })
    expect((await t.failUnchanged('suites.update', { id: root.id, name: 'Top' })).kind).toBe('invalid_state')
    expect((await t.failUnchanged('suites.update', { id: root.id, parent_id: nightly.id })).kind).toBe('invalid_state')
    expect((await t.failUnchanged('suites.bulkDelete', { ids: [nightly.id, root.id] })).kind).toBe('invalid_state')
  })

  it('have unique names among siblings only', async () => {
    const { regression, nightly } = await tree()
    expect(await t.failUnchanged('suites.create', { name: 'Smoke', parent_id: regression.id })).toEqual({
      kind: 'conflict',
      message: 'name: already exists in this parent suite',
      issues: [{ field: 'name', message: 'already exists in this parent suite' }],
    })
    const moved = await t.ok('suites.create', { name: 'Nightly', parent_id: regression.id })
    expect((await t.failUnchanged('suites.update', { id: moved.id, parent_id: (await t.ok('suites.byPath', { path: ['ROOT'] })).id })).issues?.[0].field).toBe('name')
    expect((await t.failUnchanged('suites.bulkCreate', { items: [{ name: 'New' }, { name: 'Nightly' }] })).issues?.[0].field).toBe('items.1.name')
    await t.ok('suites.create', { name: 'Smoke', parent_id: nightly.id })
  })

  it('hold test cases; deleting a suite removes its subtree and links but not the tests', async () => {
    const { regression, smoke, checkout } = await tree()
    const [a, b, c] = await createTests(t, ['A', 'B', 'C'])
    await t.ok('suites.addTests', { suite_id: checkout.id, test_case_ids: [c.id] })
    await t.ok('suites.addTests', { suite_id: regression.id, test_case_ids: [b.id, a.id] })
    await t.ok('suites.addTests', { suite_id: smoke.id, test_case_ids: [a.id] })
    // A suite counts its own tests and its descendants', each once; own_test_count only its own.
    expect(await t.ok('suites.get', { id: regression.id })).toMatchObject({ test_count: 3, own_test_count: 2 })
    expect(await t.ok('suites.get', { id: smoke.id })).toMatchObject({ test_count: 2, own_test_count: 1 })
    expect((await t.ok('suites.tree')).map((s: { name: string; test_count: number }) => `${s.name} ${s.test_count}`)).toEqual(['ROOT 3', 'Regression 3', 'Smoke 2', 'Checkout 1', 'Nightly 0'])
    expect(await t.ok('suites.testIds', { id: regression.id })).toEqual([b.id, a.id, c.id])
    expect(await t.ok('suites.testIds', { id: regression.id, recursive: false })).toEqual([b.id, a.id])
    await t.ok('suites.removeTests', { suite_id: regression.id, test_case_ids: [b.id] })
    expect(await t.ok('suites.testIds', { id: regression.id, recursive: false })).toEqual([a.id])
    const error = await t.failUnchanged('suites.addTests', { suite_id: smoke.id, test_case_ids: [b.id, GHOST] })
    expect(error.issues?.[0].field).toBe('test_case_ids.1')
    await t.ok('suites.delete', { id: regression.id })
    expect((await t.ok('suites.tree')).map((s: { name: string }) => s.name)).toEqual(['ROOT', 'Nightly'])
    expect((await t.ok('tests.list', {})).total).toBe(3)
    // C was also in ROOT (where a test case without suites lands); that link stays.
    expect((await t.ok('tests.get', { id: c.id })).suite_ids).toEqual([(await t.ok('suites.byPath', { path: ['ROOT'] })).id])
  })
})

describe('test cases', () => {
  it('are written with their steps and suite links in one call', async () => {
    const suite = await t.ok('suites.create', { name: 'Login' })
    const created = await t.ok('tests.create', {
      name: 'Sign in',
      tags: ['smoke', 'auth'],
      priority: 'high',
      suite_ids: [suite.id],
      steps: [
        { action: 'navigate', value: '/login' },
        { action: 'fill', target: { selector: '#user' }, value: 'ann' },
        { action: 'click', target: { selector: 'text=Sign in', alternatives: ['#submit'] } },
      ],
    })
    expect(created).toMatchObject({ name: 'Sign in', priority: 'high', status: 'active', tags: ['smoke', 'auth'], suite_ids: [suite.id], step_count: 3 })
    expect(created.steps.map((s: { position: number; action: string }) => `${s.position}:${s.action}`)).toEqual(['0:navigate', '1:fill', '2:click'])
    expect(created.steps[2].target).toEqual({ selector: 'text=Sign in', alternatives: ['#submit'] })
    expect(created.steps[0]).toMatchObject({ options: {}, disabled: false, target: null })
    // A test case without suites lands in ROOT.
    const loose = await t.ok('tests.create', { name: 'Loose' })
    expect(loose.suite_ids).toEqual([(await t.ok('suites.byPath', { path: ['ROOT'] })).id])
    // Updating steps replaces them all; other fields stay.
    const updated = await t.ok('tests.update', { id: created.id, steps: [{ action: 'navigate', value: '/' }] })
    expect(updated).toMatchObject({ step_count: 1, tags: ['smoke', 'auth'], suite_ids: [suite.id] })
    expect((await t.ok('steps.list', { test_case_id: created.id })).length).toBe(1)
  })

  it('refuse references that do not exist, naming the field, changing nothing', async () => {
    for (const field of ['environment_id', 'browser_config_id', 'data_set_id']) {
      const error = await t.failUnchanged('tests.create', { name: 'Broken', [field]: GHOST })
      expect(error).toMatchObject({ kind: 'validation', issues: [{ field }] })
    }
    expect((await t.failUnchanged('tests.create', { name: 'Broken', suite_ids: [GHOST] })).issues?.[0].field).toBe('suite_ids.0')
    const other = await t.ok('projects.create', { name: 'Other' })
    const foreign = await t.ok('environments.create', { project_id: other.id, name: 'Far' })
    const error = await t.failUnchanged('tests.create', { name: 'Broken', environment_id: foreign.id })
    expect(error.issues?.[0]).toMatchObject({ field: 'environment_id', message: expect.stringContaining('another project') })
    const bulk = await t.failUnchanged('tests.bulkCreate', { items: [{ name: 'Fine' }, { name: 'Fine 2' }, { name: 'Fine 3' }, { name: 'Broken', environment_id: GHOST }] })
    expect(bulk.issues?.[0].field).toBe('items.3.environment_id')
    const steps = await t.failUnchanged('tests.create', { name: 'Broken', steps: [{ action: 'click' }, { action: '' }] })
    expect(steps.issues?.[0].field).toBe('steps.1.action')
  })

  describe('list', () => {
    async function library() {
      const regression = await t.ok('suites.create', { name: 'Regression' })
      const smoke = await t.ok('suites.create', { name: 'Smoke', parent_id: regression.id })
      const make = (name: string, extra: Record<string, unknown>) => t.ok('tests.create', { name, ...extra })
      await make('Login', { suite_ids: [smoke.id], tags: ['smoke', 'auth'], priority: 'critical' })
      await make('Search', { suite_ids: [regression.id], tags: ['search'], priority: 'low' })
      await make('Cart', { suite_ids: [regression.id, smoke.id], tags: ['smoke'], priority: 'medium', status: 'draft' })
      await make('Profile', { tags: ['auth'], priority: 'high', status: 'archived' })
      return { regression, smoke }
    }

    it('filters by suite path, with or without its descendants', async () => {
      const { regression } = await library()
      const recursive = await t.ok('tests.list', { suite_path: ['ROOT', 'Regression'] })
      expect(names(recursive.items).sort()).toEqual(['Cart', 'Login', 'Search'])
      const own = await t.ok('tests.list', { suite_path: ['ROOT', 'Regression'], recursive: false })
      expect(names(own.items).sort()).toEqual(['Cart', 'Search'])
      expect(names((await t.ok('tests.list', { suite_id: regression.id, recursive: false })).items).sort()).toEqual(['Cart', 'Search'])
      expect(names((await t.ok('tests.list', { suite_path: ['ROOT', 'Regression', 'Smoke'] })).items).sort()).toEqual(['Cart', 'Login'])
      expect((await t.ok('tests.list', { suite_path: ['ROOT'] })).total).toBe(4)
      expect(await t.ok('tests.list', { suite_path: ['ROOT', 'Nowhere'] })).toMatchObject({ items: [], total: 0 })
    })

    it('filters by tags (all of them), status and priority', async () => {
      await library()
      expect(names((await t.ok('tests.list', { tags: ['smoke'] })).items)).toEqual(['Cart', 'Login'])
      expect(names((await t.ok('tests.list', { tags: ['smoke', 'auth'] })).items)).toEqual(['Login'])
      expect(names((await t.ok('tests.list', { status: 'draft' })).items)).toEqual(['Cart'])
      expect(names((await t.ok('tests.list', { status: ['active', 'archived'] })).items)).toEqual(['Login', 'Profile', 'Search'])
      expect(names((await t.ok('tests.list', { priority: ['low', 'critical'] })).items)).toEqual(['Login', 'Search'])
      expect((await t.fail('tests.list', { status: 'deleted' })).issues?.[0].field).toBe('status')
    })

    it('sorts by priority from low to critical and back', async () => {
      await library()
      expect(names((await t.ok('tests.list', { sort_by: 'priority', sort_order: 'asc' })).items)).toEqual(['Search', 'Cart', 'Profile', 'Login'])
      expect(names((await t.ok('tests.list', { sort_by: 'priority', sort_order: 'desc' })).items)).toEqual(['Login', 'Profile', 'Cart', 'Search'])
      expect(names((await t.ok('tests.list', { sort_by: 'status', sort_order: 'asc', limit: 1 })).items)).toEqual(['Login'])
    })

    it('carries suite links and step counts, and selects them as fields', async () => {
      const { smoke } = await library()
      const page = await t.ok('tests.list', { search: 'log', fields: ['suite_ids', 'step_count'] })
      expect(page.items).toEqual([{ id: expect.any(String), suite_ids: [smoke.id], step_count: 0 }])
    })
  })
})

describe('steps', () => {
  async function withSteps(...actions: string[]) {
    // Steps named by their description; the action must be a real one from the catalogue.
    const step = (name: string) => ({ action: 'wait', options: { ms: 1 }, description: name })
    const test = await t.ok('tests.create', { name: 'Steps', steps: actions.map(step) })
    const list = async () => (await t.ok('steps.list', { test_case_id: test.id })).map((s: { position: number; description: string }) => `${s.position}:${s.description}`)
    return { test, list }
  }

  it('insert at a position, shifting the ones after it', async () => {
    const { test, list } = await withSteps('a', 'b', 'c')
    const wait = { action: 'wait', options: { ms: 1 } }
    const inserted = await t.ok('steps.create', { test_case_id: test.id, ...wait, description: 'x', position: 1 })
    expect(inserted.position).toBe(1)
    expect(await list()).toEqual(['0:a', '1:x', '2:b', '3:c'])
    await t.ok('steps.create', { test_case_id: test.id, ...wait, description: 'end' })
    await t.ok('steps.create', { test_case_id: test.id, ...wait, description: 'far', position: 99 })
    expect(await list()).toEqual(['0:a', '1:x', '2:b', '3:c', '4:end', '5:far'])
    expect((await t.failUnchanged('steps.create', { test_case_id: GHOST, ...wait })).kind).toBe('not_found')
    const unknown = await t.failUnchanged('steps.create', { test_case_id: test.id, action: 'teleport' })
    expect(unknown).toMatchObject({ kind: 'validation', issues: [{ field: 'action' }] })
  })

  it('delete closing the gap', async () => {
    const { test, list } = await withSteps('a', 'b', 'c', 'd')
    const steps = await t.ok('steps.list', { test_case_id: test.id })
    await t.ok('steps.delete', { id: steps[1].id })
    expect(await list()).toEqual(['0:a', '1:c', '2:d'])
    expect((await t.ok('tests.get', { id: test.id })).step_count).toBe(3)
  })

  it('reorder only when every step is listed once', async () => {
    const { test, list } = await withSteps('a', 'b', 'c')
    const [a, b, c] = await t.ok('steps.list', { test_case_id: test.id })
    for (const step_ids of [[c.id, a.id], [c.id, a.id, a.id], [c.id, a.id, b.id, GHOST]]) {
      expect(await t.failUnchanged('steps.reorder', { test_case_id: test.id, step_ids })).toMatchObject({ kind: 'validation', issues: [{ field: 'step_ids' }] })
    }
    await t.ok('steps.reorder', { test_case_id: test.id, step_ids: [c.id, a.id, b.id] })
    expect(await list()).toEqual(['0:c', '1:a', '2:b'])
  })

  it('update their fields', async () => {
    const { test } = await withSteps('a')
    const [step] = await t.ok('steps.list', { test_case_id: test.id })
    const updated = await t.ok('steps.update', { id: step.id, action: 'fill', target: { selector: '#q' }, value: 'shoes', options: {}, disabled: true })
    expect(updated).toMatchObject({ action: 'fill', target: { selector: '#q', alternatives: [] }, value: 'shoes', disabled: true, position: 0 })
    expect((await t.failUnchanged('steps.update', { id: step.id, target: { selector: '' } })).issues?.[0].field).toBe('target.selector')
  })
})

describe('data sets', () => {
  it('never return the values of secret columns, and keep them when updated with null', async () => {
    const set = await t.ok('dataSets.create', {
      name: 'Logins',
      columns: [{ name: 'user' }, { name: 'password', secret: true }],
      rows: [{ values: { user: 'ann', password: 'ann-secret' } }, { values: { user: 'bob', password: 'bob-secret' } }],
    })
    expect(set.rows.map((r: { values: object }) => r.values)).toEqual([{ user: 'ann', password: null }, { user: 'bob', password: null }])
    expect(JSON.stringify(await t.ok('dataSets.get', { id: set.id }))).not.toMatch(/ann-secret|bob-secret/)
    // Editing what the UI shows (nulls included) keeps the stored secrets.
    const rows = set.rows.map((r: { id: string; values: Record<string, string | null> }) => ({ id: r.id, values: { ...r.values, user: r.values.user!.toUpperCase() } }))
    await t.ok('dataSets.update', { id: set.id, rows })
    expect(t.store.dataSets.forRun(set.id).rows.map((r) => r.values)).toEqual([{ user: 'ANN', password: 'ann-secret' }, { user: 'BOB', password: 'bob-secret' }])
    const plain = await t.failUnchanged('dataSets.update', { id: set.id, rows: [{ values: { user: null, password: 'x' } }] })
    expect(plain.issues?.[0].field).toBe('rows.0.values.user')
  })

  it('keep rows in order and refuse a value for an unknown column (rows.N.values.col)', async () => {
    const set = await t.ok('dataSets.create', {
      name: 'Users',
      columns: [{ name: 'user' }, { name: 'password', secret: true }],
      rows: [{ values: { user: 'ann', password: 'a' } }, { values: { user: 'bob', password: 'b' }, enabled: false }],
    })
    expect(set.rows.map((r: { row_index: number; values: { user: string }; enabled: boolean }) => [r.row_index, r.values.user, r.enabled])).toEqual([
      [0, 'ann', true],
      [1, 'bob', false],
    ])
    expect(set.row_count).toBe(2)
    const error = await t.failUnchanged('dataSets.create', { name: 'Bad', columns: [{ name: 'user' }], rows: [{ values: { user: 'a' } }, { values: { user: 'b', email: 'x' } }] })
    expect(error).toMatchObject({ kind: 'validation', issues: [{ field: 'rows.1.values.email' }] })
    const bulk = await t.failUnchanged('dataSets.bulkCreate', {
      items: [{ name: 'Ok', columns: [{ name: 'a' }] }, { name: 'Bad', columns: [{ name: 'a' }], rows: [{ values: { b: '1' } }] }],
    })
    expect(bulk.issues?.[0].field).toBe('items.1.rows.0.values.b')
    // Dropping a column still used by a row is refused too.
    expect((await t.failUnchanged('dataSets.update', { id: set.id, columns: [{ name: 'user' }] })).issues?.[0].field).toBe('rows.0.values.password')
    const replaced = await t.ok('dataSets.update', { id: set.id, rows: [{ values: { user: 'cy' } }] })
    expect(replaced.rows.map((r: { values: { user: string } }) => r.values.user)).toEqual(['cy'])
    expect((await t.ok('dataSets.list', {})).items[0].row_count).toBe(1)
  })
})

describe('scripts', () => {
  it('belong to the project or to one of its test cases, and filter by both', async () => {
    const [login] = await createTests(t, ['Login'])
    await t.ok('scripts.create', { name: 'Seed db', script_type: 'pre_execution', source: 'seed()' })
    await t.ok('scripts.create', { name: 'Clean', script_type: 'post_execution', source: 'clean()', test_case_id: login.id, is_critical: true })
    expect(names((await t.ok('scripts.list', { test_case_id: login.id })).items)).toEqual(['Clean'])
    expect(names((await t.ok('scripts.list', { script_type: 'pre_execution' })).items)).toEqual(['Seed db'])
    expect((await t.ok('scripts.list', {})).total).toBe(2)
    const error = await t.failUnchanged('scripts.create', { name: 'X', script_type: 'on_demand', source: 'x', test_case_id: GHOST })
    expect(error.issues?.[0].field).toBe('test_case_id')
  })
})

describe('environments', () => {
  const input = {
    name: 'Staging',
    base_url: 'https://staging.example.com',
    variables: [
      { name: 'USER', value: 'ann' },
      { name: 'PASSWORD', value: 's3cret!', is_secret: true },
    ],
  }

  it('never return secret values, from get, list or create', async () => {
    const created = await t.ok('environments.create', input)
    const secret = { name: 'PASSWORD', value: null, is_secret: true }
    expect(created.variables).toEqual([{ name: 'USER', value: 'ann', is_secret: false }, secret])
    expect((await t.ok('environments.get', { id: created.id })).variables[1]).toEqual(secret)
    expect((await t.ok('environments.list', {})).items[0].variables[1]).toEqual(secret)
    expect((await t.ok('environments.bulkUpdate', { items: [{ id: created.id, description: 'x' }] }))[0].variables[1]).toEqual(secret)
    expect(JSON.stringify(await t.ok('environments.list', { fields: ['variables'] }))).not.toContain('s3cret')
    expect(t.store.environments.resolve(created.id)).toEqual({
      baseUrl: 'https://staging.example.com',
      variables: { USER: 'ann', PASSWORD: 's3cret!' },
      secrets: ['s3cret!'],
    })
  })

  it('keep a stored secret when updated with value null, and replace it when given', async () => {
    const created = await t.ok('environments.create', input)
    await t.ok('environments.update', { id: created.id, variables: [{ name: 'USER', value: 'bob' }, { name: 'PASSWORD', value: null, is_secret: true }] })
    expect(t.store.environments.resolve(created.id).variables).toEqual({ USER: 'bob', PASSWORD: 's3cret!' })
    await t.ok('environments.update', { id: created.id, variables: [{ name: 'PASSWORD', value: 'n3w', is_secret: true }] })
    expect(t.store.environments.resolve(created.id).variables).toEqual({ PASSWORD: 'n3w' })
    // null is not a value for a plain variable; a secret never stored stays unset (an imported
    // project names secrets without carrying their values).
    const plain = await t.failUnchanged('environments.update', { id: created.id, variables: [{ name: 'USER', value: null }] })
    expect(plain.issues?.[0].field).toBe('variables.0.value')
    await t.ok('environments.update', { id: created.id, variables: [{ name: 'PASSWORD', value: 'x', is_secret: true }, { name: 'TOKEN', value: null, is_secret: true }] })
    expect(t.store.environments.resolve(created.id).variables).toEqual({ PASSWORD: 'x', TOKEN: '' })
    expect(t.store.environments.unsetSecrets(created.id)).toEqual(['TOKEN'])
    const twice = await t.failUnchanged('environments.update', { id: created.id, variables: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] })
    expect(twice.issues?.[0].field).toBe('variables')
  })
})

describe('browser configurations', () => {
  it('default to headless chromium and check the browser name', async () => {
    const config = await t.ok('browsers.create', { name: 'Default' })
    expect(config).toMatchObject({ browser_name: 'chromium', headless: true, viewport_width: null })
    expect((await t.failUnchanged('browsers.create', { name: 'Tiny', viewport_width: 10 })).issues?.[0].field).toBe('viewport_width')
    const updated = await t.ok('browsers.update', { id: config.id, headless: false, color_scheme: 'dark' })
    expect(updated).toMatchObject({ headless: false, color_scheme: 'dark', name: 'Default' })
    expect(names((await t.ok('browsers.list', { sort_by: 'browser_name' })).items)).toEqual(['Default'])
  })
})
