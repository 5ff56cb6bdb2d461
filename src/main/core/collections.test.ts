// What every editable collection of the contract does the same way (tests, data sets, scripts,
// environments, browser configurations): CRUD, lists with pagination, sorting, field selection
// and search, bulk operations that land whole or not at all, and a unique name per project.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, type TestCore } from './testing'

interface Collection {
  /** A valid create input whose name is `name`. */
  make(name: string): Record<string, unknown>
  /** A field zod refuses, as [input patch, field path]. */
  invalid: [Record<string, unknown>, string]
  table: string
  /** Names are unique per project (scripts are not: each test case may have its own 'login'). */
  uniqueName: boolean
}

const COLLECTIONS: Record<string, Collection> = {
  tests: { make: (name) => ({ name, tags: ['smoke'] }), invalid: [{ name: '' }, 'name'], table: 'test_cases', uniqueName: true },
  dataSets: { make: (name) => ({ name, columns: [{ name: 'user' }], rows: [{ values: { user: 'ann' } }] }), invalid: [{ columns: [] }, 'columns'], table: 'test_data_sets', uniqueName: true },
  scripts: { make: (name) => ({ name, script_type: 'pre_execution', source: 'console.log(1)' }), invalid: [{ script_type: 'sometimes' }, 'script_type'], table: 'test_scripts', uniqueName: false },
  environments: { make: (name) => ({ name, base_url: 'http://localhost:3000', variables: [{ name: 'USER', value: 'ann' }] }), invalid: [{ variables: [{ name: '1bad', value: 'x' }] }, 'variables.0.name'], table: 'environments', uniqueName: true },
  browsers: { make: (name) => ({ name, browser_name: 'firefox', viewport_width: 1280, viewport_height: 720 }), invalid: [{ browser_name: 'netscape' }, 'browser_name'], table: 'browser_configurations', uniqueName: true },
}

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
  await t.ok('projects.list') // the default project exists before any "unchanged" comparison
})
afterEach(() => t.close())

const names = (page: { items: { name: string }[] }) => page.items.map((item) => item.name)
const padded = (i: number) => `Item ${String(i).padStart(2, '0')}`

describe.each(Object.entries(COLLECTIONS))('%s', (ns, collection) => {
  const count = () => (t.core.context.db.prepare(`SELECT count(*) AS n FROM ${collection.table}`).get() as { n: number }).n

  it('creates, gets, updates and deletes one', async () => {
    const created = await t.ok(`${ns}.create`, collection.make('First'))
    expect(created).toMatchObject({ name: 'First', project_id: expect.any(String) })
    expect(await t.ok(`${ns}.get`, { id: created.id })).toEqual(created)
    const updated = await t.ok(`${ns}.update`, { id: created.id, name: 'Renamed' })
    expect(updated.name).toBe('Renamed')
    expect(updated.updated_at >= created.updated_at).toBe(true)
    expect(await t.ok(`${ns}.delete`, { id: created.id })).toEqual({ id: created.id, deleted: true })
    const missing = await t.fail(`${ns}.get`, { id: created.id })
    expect(missing.kind).toBe('not_found')
    expect(missing.message).toContain(created.id)
    expect((await t.fail(`${ns}.delete`, { id: created.id })).kind).toBe('not_found')
    expect((await t.fail(`${ns}.update`, { id: created.id, name: 'Ghost' })).kind).toBe('not_found')
  })

  it.runIf(collection.uniqueName)('refuses a second one with the same name in the project (conflict on name), changing nothing', async () => {
    await t.ok(`${ns}.create`, collection.make('Twin'))
    const error = await t.failUnchanged(`${ns}.create`, collection.make('Twin'))
    expect(error.kind).toBe('conflict')
    expect(error.issues?.[0].field).toBe('name')
    const other = await t.ok(`${ns}.create`, collection.make('Other'))
    expect((await t.failUnchanged(`${ns}.update`, { id: other.id, name: 'Twin' })).issues?.[0].field).toBe('name')
    // Another project may use the name.
    const project = await t.ok('projects.create', { name: 'Elsewhere' })
    await t.ok(`${ns}.create`, { ...collection.make('Twin'), project_id: project.id })
  })

  it('refuses malformed input naming the field, changing nothing', async () => {
    const [patch, field] = collection.invalid
    const error = await t.failUnchanged(`${ns}.create`, { ...collection.make('Bad'), ...patch })
    expect(error.kind).toBe('validation')
    expect(error.issues?.map((i) => i.field)).toContain(field)
    expect((await t.failUnchanged(`${ns}.create`, { ...collection.make('Bad'), surprise: 1 })).kind).toBe('validation')
    expect((await t.failUnchanged(`${ns}.create`, { ...collection.make('Bad'), project_id: '01a20000-0000-7000-8000-000000000000' })).issues?.[0].field).toBe(
      'project_id',
    )
  })

  describe('list', () => {
    beforeEach(async () => {
      // Created out of order so the sort is the list's doing.
      const order = Array.from({ length: 25 }, (_, i) => i + 1).sort((a, b) => ((a * 7) % 25) - ((b * 7) % 25))
      await t.ok(`${ns}.bulkCreate`, { items: order.map((i) => collection.make(padded(i))) })
    })

    it('pages 20 at a time by default, with the total', async () => {
      const byName = { sort_by: 'name', sort_order: 'asc' }
      const first = await t.ok(`${ns}.list`, byName)
      expect(first).toMatchObject({ total: 25, limit: 20, offset: 0 })
      expect(first.items).toHaveLength(20)
      const rest = await t.ok(`${ns}.list`, { ...byName, offset: 20 })
      expect(rest).toMatchObject({ total: 25, offset: 20 })
      expect(names(rest)).toEqual([21, 22, 23, 24, 25].map(padded))
      expect([...names(first), ...names(rest)]).toEqual(Array.from({ length: 25 }, (_, i) => padded(i + 1)))
      expect((await t.ok(`${ns}.list`, { offset: 30 })).items).toEqual([])
      expect((await t.ok(`${ns}.list`, { limit: 100 })).items).toHaveLength(25)
      expect(names(await t.ok(`${ns}.list`, { ...byName, limit: 3, offset: 4 }))).toEqual([5, 6, 7].map(padded))
      // Whatever the default order, pages neither repeat nor skip anything.
      const pages = [await t.ok(`${ns}.list`, { limit: 10 }), await t.ok(`${ns}.list`, { limit: 10, offset: 10 }), await t.ok(`${ns}.list`, { limit: 10, offset: 20 })]
      expect(new Set(pages.flatMap(names)).size).toBe(25)
    })

    it('refuses a limit above 100 or below 1, and a negative offset', async () => {
      for (const [input, field] of [
        [{ limit: 101 }, 'limit'],
        [{ limit: 0 }, 'limit'],
        [{ offset: -1 }, 'offset'],
      ] as const) {
        const error = await t.fail(`${ns}.list`, input)
        expect(error.kind).toBe('validation')
        expect(error.issues?.[0].field).toBe(field)
      }
    })

    it('sorts both ways', async () => {
      const asc = await t.ok(`${ns}.list`, { sort_by: 'name', sort_order: 'asc', limit: 3 })
      expect(names(asc)).toEqual([1, 2, 3].map(padded))
      const desc = await t.ok(`${ns}.list`, { sort_by: 'name', sort_order: 'desc', limit: 3 })
      expect(names(desc)).toEqual([25, 24, 23].map(padded))
      expect((await t.fail(`${ns}.list`, { sort_by: 'color' })).issues?.[0].field).toBe('sort_by')
    })

    it('returns only the asked-for fields (and id), and names an unknown one', async () => {
      const page = await t.ok(`${ns}.list`, { fields: ['name'], limit: 2 })
      expect(page.total).toBe(25)
      for (const item of page.items) expect(Object.keys(item).sort()).toEqual(['id', 'name'])
      const error = await t.fail(`${ns}.list`, { fields: ['nope', 'name'] })
      expect(error.kind).toBe('validation')
      expect(error.issues?.[0].field).toBe('fields.0')
      expect(error.message).toContain("'nope'")
    })

    it('searches names case-insensitively, with wildcards taken literally', async () => {
      const page = await t.ok(`${ns}.list`, { search: 'ITEM 1', sort_by: 'name', sort_order: 'asc' })
      expect(page.total).toBe(10)
      expect(names(page)[0]).toBe('Item 10')
      expect((await t.ok(`${ns}.list`, { search: '%' })).total).toBe(0)
      expect((await t.ok(`${ns}.list`, { search: 'Item _1' })).total).toBe(0)
    })

    it('lists one project at a time', async () => {
      const project = await t.ok('projects.create', { name: 'Elsewhere' })
      await t.ok(`${ns}.create`, { ...collection.make('Far away'), project_id: project.id })
      expect((await t.ok(`${ns}.list`, {})).total).toBe(25)
      expect(names(await t.ok(`${ns}.list`, { project_id: project.id }))).toEqual(['Far away'])
    })
  })

  describe('bulk', () => {
    it('creates all of them in one call', async () => {
      const created = await t.ok(`${ns}.bulkCreate`, { items: [1, 2, 3].map((i) => collection.make(padded(i))) })
      expect(created.map((c: { name: string }) => c.name)).toEqual([1, 2, 3].map(padded))
      expect(count()).toBe(3)
    })

    it('creates nothing when item 3 is malformed, naming items.3.<field>', async () => {
      const [patch, field] = collection.invalid
      const items = [1, 2, 3, 4].map((i) => collection.make(padded(i)))
      items[3] = { ...items[3], ...patch }
      const error = await t.failUnchanged(`${ns}.bulkCreate`, { items })
      expect(error.kind).toBe('validation')
      expect(error.issues?.map((i) => i.field)).toContain(`items.3.${field}`)
      expect(count()).toBe(0)
    })

    it.runIf(collection.uniqueName)('creates nothing when item 3 collides with item 0 in the database, naming items.3.name', async () => {
      const items = [1, 2, 3, 1].map((i) => collection.make(padded(i)))
      const error = await t.failUnchanged(`${ns}.bulkCreate`, { items })
      expect(error.kind).toBe('conflict')
      expect(error.issues?.[0].field).toBe('items.3.name')
      expect(count()).toBe(0)
      // The store is still usable after the rollback.
      await t.ok(`${ns}.bulkCreate`, { items: items.slice(0, 3) })
      expect(count()).toBe(3)
    })

    it('updates all of them or none', async () => {
      const created = await t.ok(`${ns}.bulkCreate`, { items: [1, 2, 3].map((i) => collection.make(padded(i))) })
      const renamed = await t.ok(`${ns}.bulkUpdate`, { items: created.map((c: { id: string }, i: number) => ({ id: c.id, name: `Renamed ${i}` })) })
      expect(renamed.map((c: { name: string }) => c.name)).toEqual(['Renamed 0', 'Renamed 1', 'Renamed 2'])
      if (collection.uniqueName) {
        const clash = await t.failUnchanged(`${ns}.bulkUpdate`, {
          items: [
            { id: created[0].id, name: 'Fresh' },
            { id: created[2].id, name: 'Renamed 1' },
          ],
        })
        expect(clash.kind).toBe('conflict')
        expect(clash.issues?.[0].field).toBe('items.1.name')
      }
      const [patch, field] = collection.invalid
      const malformed = await t.failUnchanged(`${ns}.bulkUpdate`, { items: [{ id: created[0].id, name: 'Fresh' }, { id: created[1].id, ...patch }] })
      expect(malformed.issues?.map((i) => i.field)).toContain(`items.1.${field}`)
      const missing = await t.failUnchanged(`${ns}.bulkUpdate`, { items: [{ id: created[0].id, name: 'Fresh' }, { id: '01a20000-0000-7000-8000-000000000000', name: 'Ghost' }] })
      expect(missing.kind).toBe('not_found')
    })

    it('deletes all of them or none, naming ids.N when one is missing', async () => {
      const created = await t.ok(`${ns}.bulkCreate`, { items: [1, 2, 3].map((i) => collection.make(padded(i))) })
      const ghost = '01a20000-0000-7000-8000-000000000000'
      const error = await t.failUnchanged(`${ns}.bulkDelete`, { ids: [created[0].id, created[1].id, ghost] })
      expect(error.kind).toBe('validation')
      expect(error.issues?.[0].field).toBe('ids.2')
      expect(count()).toBe(3)
      expect(await t.ok(`${ns}.bulkDelete`, { ids: [created[0].id, created[2].id] })).toEqual({ deleted: 2 })
      expect(names(await t.ok(`${ns}.list`, {}))).toEqual([padded(2)])
      expect((await t.fail(`${ns}.bulkDelete`, { ids: [] })).issues?.[0].field).toBe('ids')
    })
  })
})
