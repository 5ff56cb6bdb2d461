// Several projects in one data folder through the contract, as the app's project switcher and
// the CLI use it: the default project, finding a project by name, which project a call without
// one works in, runs numbered per project, imports that meet rows of another project, and the
// run rules by test status.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '.'
import { serializeProjectFile } from './project-files'
import { GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
  await t.ok('projects.list')
})
afterEach(() => t.close())

const names = (list: { name: string }[]) => list.map((x) => x.name)

describe('the default project', () => {
  it('is the first project until another is chosen; calls naming no project work in it', async () => {
    const first = await t.ok('projects.getDefault')
    expect(first).toMatchObject({ name: 'Default', is_default: true })
    const shop = await t.ok('projects.create', { name: 'Shop' })
    expect(shop.is_default).toBe(false)
    expect(await t.ok('projects.setDefault', { id: shop.id })).toMatchObject({ id: shop.id, is_default: true })
    expect((await t.ok('projects.getDefault')).id).toBe(shop.id)
    expect((await t.ok('projects.get', { id: first.id })).is_default).toBe(false)

    const test = await t.ok('tests.create', { name: 'Checkout' })
    expect(test.project_id).toBe(shop.id)
    expect(names((await t.ok('tests.list', {})).items)).toEqual(['Checkout'])
    expect((await t.ok('tests.list', { project_id: first.id })).total).toBe(0)
    expect((await t.ok('suites.tree', {}))[0].project_id).toBe(shop.id)
    expect((await t.ok('runs.create', {})).project_id).toBe(shop.id)
  })

  it('lists every project with its counts, the default marked', async () => {
    const shop = await t.ok('projects.create', { name: 'shop' })
    const suite = await t.ok('suites.create', { project_id: shop.id, name: 'Smoke' })
    await t.ok('tests.create', { project_id: shop.id, name: 'A', suite_ids: [suite.id] })
    await t.ok('tests.create', { project_id: shop.id, name: 'B' })
    await t.ok('runs.create', { project_id: shop.id })
    const { items, total } = await t.ok('projects.list')
    expect(total).toBe(2)
    expect(items.map((p: { name: string; is_default: boolean; test_count: number; suite_count: number; run_count: number }) => [p.name, p.is_default, p.test_count, p.suite_count, p.run_count])).toEqual([
      ['Default', true, 0, 0, 0],
      ['shop', false, 2, 1, 1],
    ])
  })

  it('is read from the database each time, so a default chosen by another process holds at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'td-projects-'))
    const [app, cli] = [await openCore({ dataDir, execution: 'manual' }), await openCore({ dataDir, execution: 'manual' })]
    try {
      const call = async (core: typeof app, name: string, input: unknown = {}) => {
        const result = await core.dispatcher.call(name, input, { transport: 'direct' })
        if (!result.ok) throw new Error(result.error.message)
        return result.value as any
      }
      expect((await call(app, 'projects.getDefault')).name).toBe('Default')
      const other = await call(cli, 'projects.create', { name: 'Other' })
      await call(cli, 'projects.setDefault', { id: other.id })
      expect((await call(app, 'projects.getDefault')).id).toBe(other.id)
      expect((await call(app, 'tests.create', { name: 'Lands in Other' })).project_id).toBe(other.id)
    } finally {
      await app.close()
      await cli.close()
    }
  })

  it('cannot be deleted, nor can a project with a run in progress; others go with everything in them', async () => {
    const def = await t.ok('projects.getDefault')
    expect(await t.failUnchanged('projects.delete', { id: def.id })).toMatchObject({
      kind: 'invalid_state',
      message: "The default project cannot be deleted: make another project the default first ('Default' is the default)",
    })
    const side = await t.ok('projects.create', { name: 'Side' })
    const test = await t.ok('tests.create', { project_id: side.id, name: 'T' })
    const run = await t.ok('runs.create', { project_id: side.id, test_case_ids: [test.id] })
    await t.ok('runs.start', { id: run.id })
    expect((await t.failUnchanged('projects.delete', { id: side.id })).message).toBe("Project 'Side' has a run in progress (Run_001): stop or cancel it first")
    await t.ok('runs.cancel', { id: run.id })
    await t.ok('projects.delete', { id: side.id })
    expect(names((await t.ok('projects.list')).items)).toEqual(['Default'])
    // Once another project is the default, the first one can go.
    const next = await t.ok('projects.create', { name: 'Next' })
    await t.ok('projects.setDefault', { id: next.id })
    await t.ok('projects.delete', { id: def.id })
    expect((await t.ok('projects.getDefault')).id).toBe(next.id)
  })

  it('refuses to become a project that does not exist', async () => {
    expect((await t.failUnchanged('projects.setDefault', { id: GHOST })).kind).toBe('not_found')
    expect((await t.failUnchanged('projects.setDefault', { id: 'Shop' })).issues?.[0].field).toBe('id')
  })
})

describe('projects.find', () => {
  it('finds a project by id, exact name, or name in other case when only one matches', async () => {
    const shop = await t.ok('projects.create', { name: 'Web Shop' })
    for (const ref of [shop.id, shop.id.toUpperCase(), 'Web Shop', 'web shop', '  Web Shop ']) expect((await t.ok('projects.find', { ref })).id, ref).toBe(shop.id)
    await t.ok('projects.create', { name: 'web shop' })
    expect((await t.ok('projects.find', { ref: 'web shop' })).name).toBe('web shop')
    const ambiguous = await t.fail('projects.find', { ref: 'WEB SHOP' })
    expect(ambiguous).toMatchObject({ kind: 'validation', issues: [{ field: 'ref' }] })
    expect(ambiguous.message).toContain("2 projects are named 'WEB SHOP' in different case")
    const missing = await t.fail('projects.find', { ref: 'Nope' })
    expect(missing).toMatchObject({ kind: 'not_found', message: "No project named 'Nope' (projects here: 'Default', 'Web Shop', 'web shop')" })
    expect((await t.fail('projects.find', { ref: ' ' })).issues?.[0].field).toBe('ref')
  })
})

describe('two projects side by side', () => {
  async function twoProjects() {
    const def = await t.ok('projects.getDefault')
    const todo = await t.ok('projects.create', { name: 'TodoMVC' })
    const suite = await t.ok('suites.create', { project_id: todo.id, name: 'TodoMVC' })
    const test = await t.ok('tests.create', { project_id: todo.id, name: 'Add a todo', suite_ids: [suite.id] })
    return { def, todo, suite, test }
  }

  it('number their runs each from 1; a run is found in the project named, and elsewhere is said', async () => {
    const { def, todo, test } = await twoProjects()
    const mine = await t.ok('runs.create', { project_id: todo.id, test_case_ids: [test.id] })
    expect(mine.run_number).toBe(1)
    expect((await t.ok('reports.findRun', { ref: '1', project_id: todo.id })).id).toBe(mine.id)
    expect((await t.ok('reports.findRun', { ref: 'run_001', project_id: todo.id })).id).toBe(mine.id)
    expect((await t.ok('reports.findRun', { ref: mine.id })).id).toBe(mine.id) // an id is enough anywhere
    const missing = await t.fail('reports.findRun', { ref: '1' })
    expect(missing.kind).toBe('not_found')
    expect(missing.message).toContain("No test run matches '1' in project 'Default' (project 'TodoMVC' has one: choose that project)")
    const theirs = await t.ok('runs.create', { project_id: def.id })
    expect(theirs.run_number).toBe(1)
    expect((await t.ok('reports.findRun', { ref: '#1' })).id).toBe(theirs.id)
    expect((await t.ok('runs.list', { project_id: todo.id })).items.map((r: { id: string }) => r.id)).toEqual([mine.id])
  })

  it('say which project has a suite that is not in the one asked', async () => {
    const { todo, suite } = await twoProjects()
    const error = await t.fail('suites.byPath', { path: ['ROOT', 'TodoMVC'] })
    expect(error).toMatchObject({
      kind: 'not_found',
      message: "Suite not found: ROOT / TodoMVC (no 'TodoMVC' under ROOT in project 'Default'; project 'TodoMVC' has it: choose that project)",
    })
    expect((await t.ok('suites.byPath', { path: ['ROOT', 'TodoMVC'], project_id: todo.id })).id).toBe(suite.id)
  })

  it('an import into a project while another holds the file’s rows says which and how to go on, and changes nothing', async () => {
    const { todo } = await twoProjects()
    const text = serializeProjectFile(await t.ok('projectFiles.export', { project_id: todo.id }))
    const error = await t.failUnchanged('projectFiles.import', { text, project: 'Default' })
    expect(error.kind).toBe('validation')
    expect(error.message).toContain("belongs to project 'TodoMVC', which already holds this file's rows")
    expect(error.message).toContain("Import the file into 'TodoMVC'")
    expect(error.message).toContain("or delete project 'TodoMVC' first to move its rows into 'Default'")
    // As the message says: into its own project (named, or not), it imports in place: the same
    // file again leaves every row as it is, and a changed test is updated where it stands.
    expect((await t.ok('projectFiles.import', { text, project: 'todomvc' })).project_name).toBe('TodoMVC')
    const again = await t.ok('projectFiles.import', { text })
    expect(again).toMatchObject({ project_name: 'TodoMVC', unchanged: { tests: 1 } })
    expect(again.created.tests ?? 0).toBe(0)
    const renamed = text.replace('"Add a todo"', '"Add a todo, renamed"')
    expect(renamed).not.toBe(text)
    expect((await t.ok('projectFiles.import', { text: renamed })).updated.tests).toBe(1)
    expect((await t.fail('projectFiles.import', { text, project: 'Elsewhere' })).message).toContain("No project named 'Elsewhere'")
  })
})

describe('which tests a run takes, by status', () => {
  it('suites, tags and "every test" take active tests; drafts may be named; archived never run', async () => {
    const suite = await t.ok('suites.create', { name: 'Todos' })
    const active = await t.ok('tests.create', { name: 'Active', suite_ids: [suite.id], tags: ['todo'] })
    const draft = await t.ok('tests.create', { name: 'Draft helper', suite_ids: [suite.id], tags: ['todo'], status: 'draft' })
    const archived = await t.ok('tests.create', { name: 'Archived', suite_ids: [suite.id], tags: ['todo'], status: 'archived' })
    const items = async (run: { id: string }) => (await t.ok('runItems.list', { test_run_id: run.id })).items.map((i: { test_case_name: string }) => i.test_case_name)
    expect(await items(await t.ok('runs.create', { select: { suite_ids: [suite.id] } }))).toEqual(['Active'])
    expect(await items(await t.ok('runs.create', { select: { tags: ['todo'] } }))).toEqual(['Active'])
    expect(await items(await t.ok('runs.create', { test_case_ids: [draft.id], select: { suite_paths: [['ROOT', 'Todos']] } }))).toEqual(['Draft helper', 'Active'])

    const refused = await t.failUnchanged('runs.create', { test_case_ids: [active.id, archived.id] })
    expect(refused).toMatchObject({ kind: 'validation', issues: [{ field: 'test_case_ids.1' }] })
    expect(refused.message).toContain("test case 'Archived' is archived: archived tests never run (set it to active or draft to run it)")
    const pending = await t.ok('runs.create', {})
    expect((await t.failUnchanged('runItems.add', { test_run_id: pending.id, test_case_ids: [archived.id] })).issues?.[0].field).toBe('test_case_ids.0')
    expect((await t.ok('runItems.add', { test_run_id: pending.id, test_case_ids: [draft.id] })).total_added).toBe(1)
  })
})
