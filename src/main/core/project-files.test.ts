import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runTestdesk } from '../../../e2e/support/cli'
import type { ProjectFile } from '../../shared/model/project-file'
import { openCore, type Core } from '.'
import { PROJECT_SCHEMA_NAME, projectFileJsonSchema, serializeProjectFile } from './project-files'

const cores: Core[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.close()
})

async function newCore(file = ':memory:'): Promise<Core> {
  const dataDir = mkdtempSync(join(tmpdir(), 'td-pf-'))
  const core = await openCore({ dataDir, databasePath: file === ':memory:' ? file : join(dataDir, file) })
  cores.push(core)
  return core
}

async function call<T = any>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!result.ok) throw Object.assign(new Error(result.error.message), { error: result.error })
  return result.value as T
}

async function failure(core: Core, name: string, input: unknown) {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (result.ok) throw new Error(`${name} succeeded`)
  return result.error
}

/** A small project: two suites, two tests, a data set with a secret column, an environment with a secret. */
async function seed(core: Core) {
  const regression = await call(core, 'suites.create', { name: 'Regression' })
  const smoke = await call(core, 'suites.create', { name: 'Smoke', parent_id: regression.id })
  const other = await call(core, 'suites.create', { name: 'Other' })
  const env = await call(core, 'environments.create', {
    name: 'Staging',
    base_url: 'http://127.0.0.1:4000',
    variables: [
      { name: 'user', value: 'demo@testdesk.dev' },
      { name: 'password', value: 'hunter2-secret', is_secret: true },
    ],
  })
  const browser = await call(core, 'browsers.create', { name: 'Phone', viewport_width: 390, viewport_height: 844 })
  const data = await call(core, 'dataSets.create', {
    name: 'Accounts',
    columns: [{ name: 'email' }, { name: 'pin', secret: true }],
    rows: [{ values: { email: 'a@x.dev', pin: '1111-secret' } }, { values: { email: 'b@x.dev', pin: '2222-secret' } }],
  })
  const login = await call(core, 'tests.create', {
    name: 'Login works',
    tags: ['smoke', 'auth'],
    suite_ids: [smoke.id],
    environment_id: env.id,
    browser_config_id: browser.id,
    data_set_id: data.id,
    steps: [
      { action: 'navigate', value: '/login.html' },
      { action: 'fill', target: { selector: 'label=Email', alternatives: ['#username'] }, value: '${email}' },
      { action: 'click', target: { selector: 'role=button[name="Sign in"]' }, description: 'Sign in' },
    ],
  })
  const unrelated = await call(core, 'tests.create', { name: 'Elsewhere', suite_ids: [other.id], steps: [{ action: 'navigate', value: '/' }] })
  await call(core, 'scripts.create', { name: 'Reset data', script_type: 'pre_execution', source: 'return 1', test_case_id: login.id })
  return { regression, smoke, other, env, browser, data, login, unrelated }
}

describe('project files', () => {
  it('round-trips: export, import into an empty data directory, export again gives the same text', async () => {
    const source = await newCore()
    await seed(source)
    const text = serializeProjectFile(await call(source, 'projectFiles.export', {}))
    const target = await newCore()
    const summary = await call(target, 'projectFiles.import', { text })
    expect(summary.created).toEqual({ browser_configurations: 1, environments: 1, data_sets: 1, tests: 2, suites: 3, scripts: 1 })
    expect(serializeProjectFile(await call(target, 'projectFiles.export', {}))).toBe(text)
  })

  it('writes stable, pretty JSON with keys in a fixed order', async () => {
    const core = await newCore()
    await seed(core)
    const first = serializeProjectFile(await call(core, 'projectFiles.export', {}))
    expect(serializeProjectFile(await call(core, 'projectFiles.export', {}))).toBe(first)
    expect(first.endsWith('}\n')).toBe(true)
    expect(Object.keys(JSON.parse(first))).toEqual(['$schema', 'format', 'version', 'project', 'scope', 'suites', 'tests', 'data_sets', 'scripts', 'environments', 'browser_configurations'])
    expect(first).toContain('\n  "suites": [\n    {\n      "id"')
  })

  it('never writes secret values, and re-importing keeps the ones stored on this machine', async () => {
    const core = await newCore()
    const { env, data } = await seed(core)
    const text = serializeProjectFile(await call(core, 'projectFiles.export', {}))
    expect(text).not.toContain('hunter2-secret')
    expect(text).not.toContain('1111-secret')
    await call(core, 'projectFiles.import', { text })
    expect(core.context.store.environments.resolve(env.id).variables.password).toBe('hunter2-secret')
    expect(core.context.store.dataSets.rows(data.id).map((r) => r.values.pin)).toEqual(['1111-secret', '2222-secret'])
  })

  it('warns about secrets that have no value on a new machine', async () => {
    const source = await newCore()
    await seed(source)
    const target = await newCore()
    const summary = await call(target, 'projectFiles.import', { file: await call(source, 'projectFiles.export', {}) })
    expect(summary.warnings).toEqual(["Environment 'Staging': secret variable password has no value on this machine; set it before running."])
  })

  it('imports again without duplicates, updating by id', async () => {
    const core = await newCore()
    const { login } = await seed(core)
    const file = await call<ProjectFile>(core, 'projectFiles.export', {})
    file.tests.find((t) => t.id === login.id)!.steps[2].description = 'Press Sign in'
    file.tests.find((t) => t.id === login.id)!.tags = ['smoke']
    const summary = await call(core, 'projectFiles.import', { file })
    expect(summary.created).toEqual({})
    // Only what the file changed counts as updated.
    expect(summary.updated).toEqual({ tests: 1 })
    expect(summary.unchanged).toEqual({ browser_configurations: 1, environments: 1, data_sets: 1, tests: 1, suites: 4, scripts: 1 })
    const tests = await call(core, 'tests.list', {})
    expect(tests.total).toBe(2)
    const updated = await call(core, 'tests.get', { id: login.id })
    expect(updated.tags).toEqual(['smoke'])
    expect(updated.steps[2].description).toBe('Press Sign in')
  })

  it('moves a test between suites when the file says so', async () => {
    const core = await newCore()
    const { login, smoke, other } = await seed(core)
    const file = await call<ProjectFile>(core, 'projectFiles.export', {})
    file.suites.find((s) => s.id === smoke.id)!.tests = []
    file.suites.find((s) => s.id === other.id)!.tests.push(login.id)
    await call(core, 'projectFiles.import', { file })
    expect((await call(core, 'tests.get', { id: login.id })).suite_ids).toEqual([other.id])
  })

  it('exports one suite with its descendants and only what its tests use', async () => {
    const core = await newCore()
    const { login } = await seed(core)
    const file = await call<ProjectFile>(core, 'projectFiles.export', { suite_path: ['ROOT', 'Regression'] })
    expect(file.scope).toEqual(['ROOT', 'Regression'])
    expect(file.suites.map((s) => s.path.join('/'))).toEqual(['ROOT/Regression', 'ROOT/Regression/Smoke'])
    expect(file.tests.map((t) => t.id)).toEqual([login.id])
    expect(file.data_sets).toHaveLength(1)
    expect(file.environments).toHaveLength(1)
    expect(file.scripts).toHaveLength(1)
    const missing = await failure(core, 'projectFiles.export', { suite_path: ['ROOT', 'Nope'] })
    expect(missing.kind).toBe('not_found')
    expect(missing.message).toContain("no 'Nope' under ROOT")
  })

  it('puts the tests of a suite file in the suites it names, not also at ROOT', async () => {
    const source = await newCore()
    const { login, smoke } = await seed(source)
    const file = await call<ProjectFile>(source, 'projectFiles.export', { suite_path: ['ROOT', 'Regression'] })
    const target = await newCore()
    await call(target, 'projectFiles.import', { file })
    expect((await call(target, 'tests.get', { id: login.id })).suite_ids).toEqual([smoke.id])
    const counts = (await call<{ path: string[]; test_count: number }[]>(target, 'suites.tree', {})).map((s) => `${s.path.join('/')} ${s.test_count}`)
    expect(counts).toEqual(['ROOT 1', 'ROOT/Regression 1', 'ROOT/Regression/Smoke 1'])
  })

  it('names the JSON path of every schema error and writes nothing', async () => {
    const core = await newCore()
    await seed(core)
    const file = await call<ProjectFile>(core, 'projectFiles.export', {})
    const before = serializeProjectFile(file)
    const broken = JSON.parse(before)
    broken.tests[1].steps[1].target = { selector: '' }
    broken.tests[0].priority = 'urgent'
    broken.suites[1].tests.push('01a20000-0000-7000-8000-000000000000')
    broken.tests[1].name = 'Brand new name'
    const error = await failure(core, 'projectFiles.import', { file: broken })
    expect(error.kind).toBe('validation')
    expect(error.issues?.map((i) => i.field)).toEqual(['tests.0.priority', 'tests.1.steps.1.target.selector'])
    const refs = JSON.parse(before)
    refs.suites[1].tests.push('01a20000-0000-7000-8000-000000000000')
    refs.tests[0].data_set_id = '01a20000-0000-7000-8000-000000000001'
    const refError = await failure(core, 'projectFiles.import', { file: refs })
    expect(refError.issues?.map((i) => i.field).sort()).toEqual(['suites.1.tests.1', 'tests.0.data_set_id'])
    expect(serializeProjectFile(await call(core, 'projectFiles.export', {}))).toBe(before)
  })

  it('rolls back everything when a write fails half way', async () => {
    const core = await newCore()
    await seed(core)
    const before = serializeProjectFile(await call(core, 'projectFiles.export', {}))
    const file = JSON.parse(before)
    file.tests[0].description = 'changed first'
    // The second test takes the first one's name: only the database's unique index can see it.
    file.tests[1].name = file.tests[0].name
    const error = await failure(core, 'projectFiles.import', { file })
    expect(error.kind).toBe('conflict')
    expect(error.issues?.[0].field).toBe('tests.1.name')
    expect(serializeProjectFile(await call(core, 'projectFiles.export', {}))).toBe(before)
  })

  it('reports malformed JSON with its line and column', async () => {
    const core = await newCore()
    const error = await failure(core, 'projectFiles.import', { text: '{\n  "format": "testdesk-project",\n  "version": 1\n  "project": {}\n}' })
    expect(error.kind).toBe('validation')
    expect(error.message).toBe('The file is not valid JSON at line 4, column 3: comma expected')
  })

  it('ships a JSON Schema that matches the zod schemas', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/schema', PROJECT_SCHEMA_NAME), 'utf8'))
    // Run `npm run schema` after changing src/shared/model/project-file.ts.
    expect(shipped).toEqual(projectFileJsonSchema())
    expect(shipped.required).toEqual(['format', 'version', 'project'])
  })
})

describe('testdesk import / export / suites / tests', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

  it('leaves the database byte-for-byte unchanged after a malformed or wrong-schema import', async () => {
    const core = await newCore('testdesk.db')
    await seed(core)
    const dataDir = core.context.dataDir
    await core.close()
    const db = join(dataDir, 'testdesk.db')
    const before = sha(db)
    writeFileSync(join(dataDir, 'broken.json'), '{"format": "testdesk-project", "version": 1,, }')
    writeFileSync(join(dataDir, 'wrong.json'), JSON.stringify({ format: 'testdesk-project', version: 2, project: { id: 'x', name: 'P' } }))
    const broken = await runTestdesk(['import', join(dataDir, 'broken.json'), '--data-dir', dataDir])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('The file is not valid JSON at line 1, column 45: property name expected')
    const wrong = await runTestdesk(['import', join(dataDir, 'wrong.json'), '--data-dir', dataDir])
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain('version')
    expect(wrong.stderr).toContain('project.id: must be a UUID')
    expect(sha(db)).toBe(before)
  })

  it('exports to a file, imports it elsewhere and lists suites and tests', async () => {
    const core = await newCore('testdesk.db')
    await seed(core)
    const dataDir = core.context.dataDir
    await core.close()
    const file = join(dataDir, 'project.json')
    const exported = await runTestdesk(['export', '-o', file, '--data-dir', dataDir])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain('Wrote 2 tests in 4 suites')
    // The schema the file names is written beside it, so editors can check the file.
    const named = JSON.parse(readFileSync(file, 'utf8')).$schema
    expect(JSON.parse(readFileSync(join(dataDir, named), 'utf8'))).toEqual(projectFileJsonSchema())
    expect(exported.stdout).toContain(`JSON Schema: ${join(dataDir, PROJECT_SCHEMA_NAME)}`)
    // On standard output there is nothing beside the file: it names no schema.
    const printed = await runTestdesk(['export', '--data-dir', dataDir])
    expect(JSON.parse(printed.stdout).$schema).toBeUndefined()
    const elsewhere = mkdtempSync(join(tmpdir(), 'td-pf-'))
    const imported = await runTestdesk(['import', file, '--data-dir', elsewhere])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('created: 1 browser configuration, 1 environment, 1 data set, 2 tests, 3 suites, 1 script')
    const suites = await runTestdesk(['suites', '--data-dir', elsewhere])
    expect(suites.stdout).toBe('(root)  (2 tests)\n  Regression  (1 test)\n    Smoke  (1 test)\n  Other  (1 test)\n')
    const tests = await runTestdesk(['tests', '--suite', 'Regression', '--tag', 'auth', '--json', '--data-dir', elsewhere])
    expect(JSON.parse(tests.stdout).map((t: { name: string }) => t.name)).toEqual(['Login works'])
    const missing = await runTestdesk(['tests', '--suite', 'Nope', '--data-dir', elsewhere])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Suite not found: ROOT / Nope')
  })
})
