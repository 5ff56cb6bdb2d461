// Importing project files: the summary counts what really changed, hostile or broken files are
// refused with what is wrong and where (encoding, size, depth, names, counts), and nothing is
// written when they are.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runTestdesk } from '../../../e2e/support/cli'
import { MAX_SUITE_DEPTH } from '../../shared/model/definition'
import { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION, PROJECT_FILE_LIMITS, type ProjectFile, type ProjectFileInput } from '../../shared/model/project-file'
import { openCore } from '.'
import { serializeProjectFile } from './project-files'
import { decodeProjectFile } from './project-import'
import { openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

const PROJECT = { id: '01a20000-0000-7000-8000-0000000000aa', name: 'Imported', description: null }
const id = (n: number) => `01a20000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
const file = (parts: Partial<ProjectFileInput>) => ({ format: PROJECT_FILE_FORMAT, version: PROJECT_FILE_VERSION, project: PROJECT, ...parts })

async function seed() {
  const smoke = await t.ok('suites.create', { name: 'Smoke' })
  const other = await t.ok('suites.create', { name: 'Other' })
  const env = await t.ok('environments.create', { name: 'Staging', variables: [{ name: 'password', value: 'hunter2-secret', is_secret: true }] })
  const data = await t.ok('dataSets.create', { name: 'Accounts', columns: [{ name: 'email' }, { name: 'pin', secret: true }], rows: [{ values: { email: 'a@x.dev', pin: '1' } }] })
  const steps = [{ action: 'navigate', value: '/' }, { action: 'click', target: { selector: '#go', alternatives: ['text=Go'] } }]
  const login = await t.ok('tests.create', { name: 'Login', suite_ids: [smoke.id], environment_id: env.id, data_set_id: data.id, steps })
  const logout = await t.ok('tests.create', { name: 'Logout', suite_ids: [smoke.id], steps })
  const third = await t.ok('tests.create', { name: 'Third', suite_ids: [other.id], steps })
  await t.ok('scripts.create', { name: 'Reset', script_type: 'pre_execution', source: 'return 1', test_case_id: login.id })
  return { smoke, other, login, logout, third }
}

describe('the import summary counts what really changed', () => {
  it('an unchanged export is all unchanged, and writes nothing', async () => {
    await seed()
    const exported = await t.ok<ProjectFile>('projectFiles.export', {})
    const before = t.dump()
    const summary = await t.ok('projectFiles.import', { file: exported })
    expect(summary.created).toEqual({})
    expect(summary.updated).toEqual({})
    expect(summary.unchanged).toEqual({ environments: 1, data_sets: 1, tests: 3, suites: 3, scripts: 1 })
    expect(t.dump()).toEqual(before)
  })

  it('one test changed is one test updated (not every test, environment and suite)', async () => {
    const { login } = await seed()
    const exported = await t.ok<ProjectFile>('projectFiles.export', {})
    exported.tests.find((x) => x.id === login.id)!.steps[1].value = null
    exported.tests.find((x) => x.id === login.id)!.description = 'Signs in'
    const summary = await t.ok('projectFiles.import', { file: exported })
    expect(summary.updated).toEqual({ tests: 1 })
    expect(summary.unchanged).toEqual({ environments: 1, data_sets: 1, tests: 2, suites: 3, scripts: 1 })
    expect((await t.ok('tests.get', { id: login.id })).description).toBe('Signs in')
  })

  it('a test moving between suites updates those two suites', async () => {
    const { smoke, other, logout } = await seed()
    const exported = await t.ok<ProjectFile>('projectFiles.export', {})
    const suite = (suiteId: string) => exported.suites.find((s) => s.id === suiteId)!
    suite(smoke.id).tests = suite(smoke.id).tests.filter((x) => x !== logout.id)
    suite(other.id).tests.push(logout.id)
    const summary = await t.ok('projectFiles.import', { file: exported })
    expect(summary.updated).toEqual({ suites: 2 })
    expect((await t.ok('tests.get', { id: logout.id })).suite_ids).toEqual([other.id])
  })

  it('counts every suite a path creates: 500 for a path 500 levels deep', async () => {
    const path = ['ROOT', ...Array.from({ length: 500 }, (_, i) => `Level ${i + 1}`)]
    const summary = await t.ok('projectFiles.import', { file: file({ suites: [{ id: id(1), path, description: null, position: 0, tests: [] }] }) })
    expect(summary.created).toEqual({ suites: 500 })
    const deepest = (await t.ok('suites.list', { project_id: summary.project_id, limit: 100, search: 'Level 500' })).items[0]
    expect(deepest).toMatchObject({ id: id(1), path })
    const again = await t.ok('projectFiles.import', { file: file({ suites: [{ id: id(1), path, description: null, position: 0, tests: [] }] }) })
    expect(again.created).toEqual({})
    expect(again.unchanged).toEqual({ suites: 1 })
  })

  it('a suite listed after its child keeps the id the file gives it', async () => {
    const summary = await t.ok('projectFiles.import', {
      file: file({
        suites: [
          { id: id(2), path: ['ROOT', 'A', 'B'], description: null, position: 0, tests: [] },
          { id: id(1), path: ['ROOT', 'A'], description: 'parent', position: 0, tests: [] },
        ],
      }),
    })
    expect(summary.created).toEqual({ suites: 2 })
    expect(await t.ok('suites.get', { id: id(1) })).toMatchObject({ path: ['ROOT', 'A'], description: 'parent' })
  })
})

describe('suite set-up and tear-down in project files', () => {
  const setup = [{ action: 'navigate', value: '/todos.html', description: 'Open the app' }, { action: 'clear_storage', options: { storage: 'local' } }, { action: 'reload' }]
  const teardown = [{ action: 'clear_storage', disabled: true }]

  it('round-trip through export and import into an empty data directory, and count as a change', async () => {
    const { smoke } = await seed()
    await t.ok('suites.setHooks', { suite_id: smoke.id, setup, teardown })
    const exported = await t.ok<ProjectFile>('projectFiles.export', {})
    const inFile = exported.suites.find((s) => s.id === smoke.id)!
    expect(inFile.setup.map((s) => [s.action, s.value, s.options, s.description])).toEqual([
      ['navigate', '/todos.html', {}, 'Open the app'], ['clear_storage', null, { storage: 'local' }, null], ['reload', null, {}, null],
    ])
    expect(inFile.teardown.map((s) => [s.action, s.disabled])).toEqual([['clear_storage', true]])

    const elsewhere = await openTestCore()
    try {
      await elsewhere.ok('projectFiles.import', { text: serializeProjectFile(exported) })
      expect(await elsewhere.ok('projectFiles.export', {})).toEqual(exported)
      const untimed = (hooks: { setup: object[]; teardown: object[] }) =>
        [...hooks.setup, ...hooks.teardown].map(({ created_at: _c, updated_at: _u, ...step }: any) => step)
      expect(untimed(await elsewhere.ok('suites.hooks', { id: smoke.id }))).toEqual(untimed(await t.ok('suites.hooks', { id: smoke.id })))
    } finally {
      await elsewhere.close()
    }

    expect((await t.ok('projectFiles.import', { file: exported })).updated).toEqual({})
    inFile.setup = inFile.setup.slice(1)
    const summary = await t.ok('projectFiles.import', { file: exported })
    expect(summary.updated).toEqual({ suites: 1 })
    expect((await t.ok('suites.hooks', { id: smoke.id })).setup.map((s: { action: string }) => s.action)).toEqual(['clear_storage', 'reload'])
  })

  it('refuse a set-up step the catalogue does not accept, naming its place, and write nothing', async () => {
    const error = await t.failUnchanged('projectFiles.import', {
      file: file({ suites: [{ id: id(1), path: ['ROOT', 'Todos'], tests: [], setup: [{ id: id(2), action: 'reload' }, { id: id(3), action: 'navigate' }] }] }),
    })
    expect(error.kind).toBe('validation')
    expect(error.issues?.map((i) => i.field)).toEqual([expect.stringMatching(/^suites\.0\.setup\.1/)])
  })
})

describe('hostile and broken files are refused, saying what and where, and change nothing', () => {
  async function refused(raw: unknown): Promise<{ field: string; message: string }[]> {
    const error = await t.failUnchanged('projectFiles.import', typeof raw === 'string' ? { text: raw } : { file: raw })
    expect(error.kind).toBe('validation')
    return error.issues ?? []
  }

  it(`refuses a suite path deeper than ${MAX_SUITE_DEPTH} levels`, async () => {
    const path = ['ROOT', ...Array.from({ length: MAX_SUITE_DEPTH + 1 }, (_, i) => `L${i}`)]
    expect(await refused(file({ suites: [{ id: id(1), path, description: null, position: 0, tests: [] }] }))).toEqual([
      { field: 'suites.0.path', message: `a suite path has at most ${MAX_SUITE_DEPTH} levels below ROOT` },
    ])
  })

  it('refuses control characters, U+FFFD and over-long names, naming the JSON path', async () => {
    const test = (n: number, name: string, extra = {}) => ({ id: id(n), name, ...extra })
    const issues = await refused(
      file({
        tests: [
          test(1, 'Log\u0000in'),
          test(2, 'Tab\tbed', { tags: ['ok', 'new\nline'] }),
          test(3, 'caf\ufffd'),
          test(4, 'x'.repeat(256)),
        ] as ProjectFile['tests'],
        suites: [{ id: id(9), path: ['ROOT', 'Reg', 'Es\u001bc'], description: null, position: 0, tests: [] }],
      }),
    )
    expect(issues).toEqual([
      { field: 'suites.0.path.2', message: 'must not contain control characters (U+001B at character 3)' },
      { field: 'tests.0.name', message: 'must not contain control characters (U+0000 at character 4)' },
      { field: 'tests.1.name', message: 'must not contain control characters (U+0009 at character 4)' },
      { field: 'tests.1.tags.1', message: 'must not contain control characters (U+000A at character 4)' },
      { field: 'tests.2.name', message: 'contains U+FFFD at character 4: the text was not valid UTF-8 where it came from' },
      { field: 'tests.3.name', message: 'must be at most 255 characters' },
    ])
  })

  it('refuses too many of a thing in one file', async () => {
    const steps = Array.from({ length: PROJECT_FILE_LIMITS.stepsPerTest + 1 }, (_, i) => ({ id: id(100 + i), action: 'navigate', value: '/' }))
    expect(await refused(file({ tests: [{ id: id(1), name: 'Long', steps }] as ProjectFile['tests'] }))).toEqual([
      { field: 'tests.0.steps', message: 'at most 5,000 steps in one test' },
    ])
  })

  it('reads UTF-8 with or without a BOM; names any other encoding; locates bytes that are not UTF-8', () => {
    const json = JSON.stringify(file({}), null, 2)
    expect(decodeProjectFile(Buffer.from(json))).toBe(json)
    expect(decodeProjectFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))).toBe(json)
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])
    expect(() => decodeProjectFile(utf16le)).toThrow('The file is encoded as UTF-16 (little-endian); TestDesk reads project files as UTF-8')
    expect(() => decodeProjectFile(Buffer.from(json, 'utf16le').swap16())).toThrow('UTF-16 (big-endian)')
    expect(() => decodeProjectFile(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('{\0\0\0')]))).toThrow('UTF-32 (little-endian)')
    const broken = Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')])
    expect(() => decodeProjectFile(broken)).toThrow('The file is not valid UTF-8: byte 0xE9 at line 2, column 15 (byte 17)')
  })

  it('accepts text with a BOM through the contract', async () => {
    const summary = await t.ok('projectFiles.import', { text: '\ufeff' + JSON.stringify(file({})) })
    expect(summary.project_name).toBe('Imported')
  })
})

describe('testdesk import', () => {
  it('prints what was created, updated and left unchanged; refuses other encodings and oversized files before reading them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'td-import-'))
    const core = await openCore({ dataDir })
    const suite = (await core.dispatcher.call('suites.create', { name: 'Smoke' }, { transport: 'direct' })) as { ok: true; value: { id: string } }
    await core.dispatcher.call('tests.create', { name: 'One', suite_ids: [suite.value.id] }, { transport: 'direct' })
    await core.dispatcher.call('tests.create', { name: 'Two', suite_ids: [suite.value.id] }, { transport: 'direct' })
    const exported = (await core.dispatcher.call('projectFiles.export', {}, { transport: 'direct' })) as { ok: true; value: ProjectFile }
    await core.close()
    const path = join(dataDir, 'project.json')
    exported.value.tests[0].description = 'changed'
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(serializeProjectFile(exported.value))]))
    const imported = await runTestdesk(['import', path, '--data-dir', dataDir])
    expect(imported.stderr).toBe('')
    expect(imported.stdout).toContain('  created: nothing\n  updated: 1 test\n  unchanged: 1 test, 2 suites\n')

    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(serializeProjectFile(exported.value), 'utf16le')]))
    const utf16 = await runTestdesk(['import', path, '--data-dir', dataDir])
    expect(utf16.code).toBe(2)
    expect(utf16.stderr).toContain('is encoded as UTF-16 (little-endian); TestDesk reads project files as UTF-8. Save it as UTF-8')

    writeFileSync(path, '')
    truncateSync(path, PROJECT_FILE_LIMITS.bytes + 1024 * 1024)
    const huge = await runTestdesk(['import', path, '--data-dir', dataDir])
    expect(huge.code).toBe(2)
    expect(huge.stderr).toContain('The file is 129.0 MB; a project file is at most 128 MB')
  }, 120_000)
})
