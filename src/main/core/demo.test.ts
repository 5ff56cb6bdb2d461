// `demo.seed`: the demo project as `testdesk demo` and `serve --demo` add it, through the contract;
// each test in its own suite under Demo.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_SECRETS, DEMO_TEST_COUNT } from '../demo/demo-project'
import { GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

const counts = async (projectId?: string) =>
  (await t.ok('suites.tree', projectId ? { project_id: projectId } : {})).map((s: { path: string[]; test_count: number }) => `${s.path.join('/')} ${s.test_count}`)

describe('demo.seed', () => {
  it('puts each test in one suite under Demo, which counts them all', async () => {
    await t.ok('demo.seed')
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

  it('returns the project, what the import did and the test count; a second seed refreshes', async () => {
    const first = await t.ok('demo.seed', {})
    const defaultProject = await t.ok('projects.getDefault')
    expect(first).toMatchObject({ project: { id: defaultProject.id, is_default: true }, test_count: DEMO_TEST_COUNT, summary: { project_id: defaultProject.id, created: { tests: DEMO_TEST_COUNT } } })
    // The secret the project file leaves out is set, so the demo's sign-in tests can pass.
    expect(first.summary.warnings.join('\n')).not.toContain('secret variable password')
    const environment = (await t.ok('environments.list', { limit: 10 })).items[0]
    expect(t.store.environments.resolve(environment.id).variables.password).toBe(DEMO_SECRETS.environment.password)
    const second = await t.ok('demo.seed', {})
    expect(second.summary.created.tests ?? 0).toBe(0)
    expect((await t.ok('tests.list', { limit: 100 })).total).toBe(DEMO_TEST_COUNT)
  })

  it('seeds the project given, leaving the default one alone', async () => {
    await t.ok('projects.getDefault') // the first project made is the default one
    const other = await t.ok('projects.create', { name: 'Showcase' })
    const seeded = await t.ok('demo.seed', { project_id: other.id })
    expect(seeded.project).toMatchObject({ id: other.id, name: 'Showcase', is_default: false })
    expect(seeded.summary.project_id).toBe(other.id)
    expect(await counts(other.id)).toContain(`ROOT/Demo ${DEMO_TEST_COUNT}`)
    expect((await t.ok('tests.list', { limit: 100 })).total).toBe(0)
  })

  it('refreshing moves demo tests an older TestDesk also linked to ROOT out of it', async () => {
    await t.ok('demo.seed')
    const root = await t.ok('suites.byPath', { path: ['ROOT'] })
    const ids = (await t.ok('tests.list', { limit: 100 })).items.map((test: { id: string }) => test.id)
    await t.ok('suites.addTests', { suite_id: root.id, test_case_ids: ids })
    await t.ok('demo.seed')
    expect((await t.ok('suites.get', { id: root.id })).own_test_count).toBe(0)
    expect((await t.ok('suites.get', { id: root.id })).test_count).toBe(DEMO_TEST_COUNT)
  })

  it('refuses a project that is not there and bad input, writing nothing', async () => {
    await t.ok('projects.getDefault')
    expect(await t.failUnchanged('demo.seed', { project_id: GHOST })).toMatchObject({ kind: 'validation', issues: [{ field: 'project_id', message: `no project with id ${GHOST}` }] })
    expect(await t.failUnchanged('demo.seed', { project_id: 'Default' })).toMatchObject({ kind: 'validation', issues: [{ field: 'project_id', message: 'must be a UUID' }] })
    expect((await t.failUnchanged('demo.seed', { project: 'Default' })).kind).toBe('validation')
  })
})
