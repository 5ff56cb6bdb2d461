// Selenium IDE and DevTools Recorder imports through the contract: what each command becomes,
// nothing dropped silently (every unconverted command reported and kept as a disabled step),
// all or nothing with a dry run, clear errors for bad files; and the Playwright export's files.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { demoProjectFile } from '../demo/demo-project'
import { openTestCore, type TestCore } from './testing'

const FIXTURES = join(import.meta.dirname, '../../../e2e/fixtures/interop')
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

async function testNamed(name: string) {
  const page = await t.ok('tests.list', { search: name, limit: 10 })
  const found = page.items.find((item: { name: string }) => item.name === name)
  expect(found, `test ${name}`).toBeTruthy()
  return t.ok('tests.get', { id: found.id })
}

describe('Selenium IDE import', () => {
  it('maps commands to steps, keeps the targets as alternatives, and makes suites, environment and browser configuration', async () => {
    const result = await t.ok('interop.importSide', { text: fixture('demo-site.side'), file_name: 'demo-site.side' })
    expect(result.counts).toEqual({ commands: 79, converted: 79, unconverted: 0 })
    expect(result.unconverted).toEqual([])
    expect(result.summary.created).toMatchObject({ tests: 5, environments: 1, browser_configurations: 1 })
    const tree = await t.ok('suites.tree', {})
    expect(tree.map((s: { path: string[] }) => s.path.join('/'))).toEqual(expect.arrayContaining(['ROOT/Demo site', 'ROOT/Demo site/Accounts', 'ROOT/Demo site/Pages']))

    const signIn = await testNamed('Sign in and out')
    const steps = signIn.steps
    expect(steps[0]).toMatchObject({ action: 'navigate', value: '/login.html' })
    expect(steps[1]).toMatchObject({ action: 'fill', value: 'demo@testdesk.dev', description: 'Who signs in', target: { selector: 'id=username', alternatives: ['css=[name="username"]', 'css=#username', "xpath=//input[@id='username']"] } })
    expect(steps[2].target.selector).toBe('css=[name="password"]')
    expect(steps[3].target).toEqual({ selector: 'css=#login-submit', alternatives: ['id=login-submit', "xpath=//button[@id='login-submit']", 'xpath=//form/button'] })
    expect(steps[4]).toMatchObject({ action: 'checkpoint', target: null, options: { checkpoint: { assertions: [{ property: 'title', expected: 'Dashboard - TestDesk Demo' }] } } })
    expect(steps[5].options).toMatchObject({ continue_on_failure: true, checkpoint: { assertions: [{ property: 'text', expected: 'Welcome, Demo User!' }] } })
    expect(steps[6]).toMatchObject({ action: 'set_variable', options: { name: 'email', from: 'text' } })
    expect(steps[9].target.selector).toBe('role=link[name="Log out"]')
    expect(steps[10].target).toEqual({ selector: 'role=link[name*="Log out"]', alternatives: ['role=link[name="Log out"]', 'id=logout-link'] })
    expect(steps[11]).toMatchObject({ action: 'wait', options: { state: 'visible', timeout_ms: 5000 } })

    const environments = await t.ok('environments.list', {})
    expect(environments.items[0]).toMatchObject({ name: 'Demo site', base_url: 'http://localhost:8080' })
    expect(signIn.environment_id).toBe(environments.items[0].id)
    const browsers = await t.ok('browsers.list', {})
    expect(browsers.items[0]).toMatchObject({ viewport_width: 1280, viewport_height: 800 })

    const todos = await testNamed('Todos')
    // `times 2` unrolled: type + press, twice.
    expect(todos.steps.map((s: { action: string }) => s.action)).toEqual(['navigate', 'fill', 'press', 'type', 'press', 'type', 'press', 'set_variable', 'run_script', 'checkpoint', 'wait', 'set_variable', 'checkpoint'])
    const windows = await testNamed('Frames, windows and dialogs')
    expect(windows.steps.filter((s: { action: string }) => s.action === 'switch_page').map((s: { options: unknown }) => s.options)).toEqual([{ by: 'new' }, { by: 'main' }])
    expect(windows.steps.filter((s: { action: string }) => s.action === 'switch_frame').map((s: { target: { selector: string } | null }) => s.target?.selector ?? null)).toEqual(['id=inner-frame', null])
    const calls = await testNamed('Sign in, then the todos')
    expect(calls.steps[0]).toMatchObject({ action: 'call_test', value: 'Sign in and out' })
  })

  it('reports every command it cannot convert, with test, position and reason, and keeps it as a disabled step holding the original', async () => {
    const result = await t.ok('interop.importSide', { text: fixture('unconvertible.side') })
    expect(result.counts.commands).toBe(31)
    expect(result.counts.converted + result.counts.unconverted).toBe(31)
    const positions = result.unconverted.map((u: { position: number }) => u.position)
    expect(positions).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
    expect(result.unconverted[0]).toEqual({ test: 'Control flow and odd commands', position: 2, command: 'setSpeed', reason: expect.stringContaining('full speed') })
    expect(result.unconverted.find((u: { command: string }) => u.command === 'if').reason).toContain('control flow')
    expect(result.unconverted.find((u: { position: number }) => u.position === 5).reason).toContain("inside the 'if' block at command 4")
    expect(result.unconverted.find((u: { position: number }) => u.position === 20).reason).toContain("'dom='")
    expect(result.unconverted.find((u: { command: string }) => u.command === 'frobnicate').reason).toContain("unknown Selenium IDE command 'frobnicate'")
    // A locator it cannot read, with a convertible alternative: the alternative becomes the primary.
    const test = await testNamed('Control flow and odd commands')
    expect(test.steps).toHaveLength(31)
    const disabled = test.steps.filter((s: { disabled: boolean }) => s.disabled)
    expect(disabled).toHaveLength(28)
    expect(disabled[0]).toMatchObject({ action: 'run_script', description: expect.stringContaining('"command":"setSpeed","target":"1000"') })
    expect(disabled[0].value).toContain('throw new Error')
    expect(test.steps[20]).toMatchObject({ action: 'click', disabled: false, target: { selector: 'css=#add-todo' } })
  })

  it('a dry run says what would be created and writes nothing; importing again changes nothing', async () => {
    await t.ok('projects.getDefault', {})
    const before = t.dump()
    const dry = await t.ok('interop.importSide', { text: fixture('demo-site.side'), dry_run: true })
    expect(dry.dry_run).toBe(true)
    expect(dry.summary.created).toMatchObject({ tests: 5 })
    expect(dry.tests.map((x: { name: string }) => x.name)).toContain('Todos')
    expect(t.dump()).toEqual(before)
    await t.ok('interop.importSide', { text: fixture('demo-site.side') })
    const again = await t.ok('interop.importSide', { text: fixture('demo-site.side') })
    expect(again.summary.created).toEqual({})
    expect(again.summary.unchanged).toMatchObject({ tests: 5, suites: 3 })
  })

  it('refuses broken files with what is wrong and where, and writes nothing', async () => {
    const syntax = await t.failUnchanged('interop.importSide', { text: '{"name": "x", "tests": [}' })
    expect(syntax.message).toMatch(/not valid JSON at line 1, column 25/)
    const shape = await t.failUnchanged('interop.importSide', { text: JSON.stringify({ name: 'x', tests: [{ id: 'a', name: 'T', commands: [{ target: 'x' }] }] }), file_name: 'broken.side' })
    expect(shape.message).toContain('broken.side is not a Selenium IDE project')
    expect(shape.issues).toEqual([{ field: 'tests.0.commands.0.command', message: 'must be the command name' }])
    const recording = await t.failUnchanged('interop.importRecording', { text: JSON.stringify({ title: 'R', steps: [{ selectors: [] }] }) })
    expect(recording.issues?.[0]).toMatchObject({ field: 'steps.0.type' })
  })
})

describe('DevTools Recorder import', () => {
  it('converts selectors to a primary with alternatives, merges keys into presses, follows frames and popups', async () => {
    const result = await t.ok('interop.importRecording', { text: fixture('demo-login.recording.json') })
    expect(result.counts).toEqual({ commands: 15, converted: 15, unconverted: 0 })
    const test = await testNamed('Sign in on the demo site')
    const steps = test.steps
    expect(steps[0]).toMatchObject({ action: 'navigate', value: 'login.html' })
    expect(steps[1]).toMatchObject({ action: 'checkpoint', options: { checkpoint: { assertions: [{ property: 'url', operator: 'contains', expected: 'login.html' }] } } })
    expect(steps[3]).toMatchObject({ action: 'click', target: { selector: 'css=#username', alternatives: ['css=#username', 'xpath=//*[@id="username"]', 'text="Email"'].filter((s) => s !== 'css=#username') } })
    expect(steps[5]).toMatchObject({ action: 'press', value: 'Tab', target: null })
    expect(steps[7].target).toEqual({ selector: 'role=button[name="Sign in"]', alternatives: ['css=[data-testid=login-submit]', 'text=Sign in', 'xpath=//*[@id="login-submit"]'] })
    const environments = await t.ok('environments.list', {})
    expect(environments.items[0].base_url).toBe('http://localhost:8080/')

    const widgets = await t.ok('interop.importRecording', { text: fixture('demo-widgets.recording.json') })
    expect(widgets.unconverted.map((u: { command: string; position: number }) => `${u.position} ${u.command}`)).toEqual(['22 keyDown', '23 close', '24 emulateNetworkConditions', '25 customStep', '26 click'])
    const w = await testNamed('Widgets on the demo site')
    expect(w.steps.find((s: { action: string; value: string }) => s.action === 'press')).toMatchObject({ value: 'Shift+A' })
    expect(w.steps.find((s: { action: string; options: { button?: string } }) => s.options.button === 'right')).toBeTruthy()
    const inFrame = w.steps.find((s: { action: string; value: string }) => s.action === 'fill' && s.value === 'Ada')
    expect(inFrame.target).toMatchObject({ selector: 'css=#frame-name', frames: ['css=iframe, frame >> nth=0'] })
    expect(w.steps.filter((s: { action: string }) => s.action === 'switch_page').map((s: { value: string | null }) => s.value)).toEqual(['http://localhost:8080/popup-target.html?from=button', null])
    expect(w.step_timeout_ms).toBe(8000)
    const browsers = await t.ok('browsers.list', {})
    expect(browsers.items.map((b: { viewport_width: number }) => b.viewport_width).sort()).toEqual([1024, 1280])
  })
})

describe('Playwright export', () => {
  it('writes a config, support module and one spec a suite; secrets only as environment variable names', async () => {
    const { project_id } = await t.ok('projectFiles.import', { file: demoProjectFile() })
    const environment = (await t.ok('environments.list', { project_id })).items[0]
    await t.ok('environments.update', { id: environment.id, variables: [{ name: 'user', value: 'demo@testdesk.dev' }, { name: 'password', value: 'hunter2-secret', is_secret: true }] })
    const result = await t.ok('interop.exportPlaywright', { project_id, suite_path: ['ROOT', 'Demo'] })
    const paths = result.files.map((f: { path: string }) => f.path)
    expect(paths).toEqual(['playwright.config.ts', 'testdesk.ts', 'package.json', 'tests/demo-checkpoints.spec.ts', 'tests/demo-login.spec.ts', 'tests/demo-smoke.spec.ts', 'tests/demo-table.spec.ts', 'tests/demo-todos.spec.ts', 'tests/demo-widgets.spec.ts', 'README.md'])
    const all = result.files.map((f: { text: string }) => f.text).join('\n')
    expect(all).not.toContain('hunter2-secret')
    expect(all).toContain("required('PASSWORD'")
    const login = result.files.find((f: { path: string }) => f.path === 'tests/demo-login.spec.ts').text
    expect(login).toContain("test.describe('Demo / Login', () => {")
    expect(login).toContain("for (const [i, row] of dataSets['Demo accounts'].entries()) {")
    expect(login).toContain('.toHaveText(`Welcome, ${vars.name}!`)')
    // Titles keep ${name} as written: a title shows in reports, and a value may be a secret.
    expect(login).toContain(`await test.step("Fill 'Password' with '\${password}'", async () => {`)
    expect(result.unsupported).toEqual([])
  })

  it("writes suites' set-up and tear-down as beforeEach and afterEach, outer suite's outside the inner's", async () => {
    const outer = await t.ok('suites.create', { name: 'Todos' })
    const inner = await t.ok('suites.create', { name: 'Seeded', parent_id: outer.id })
    await t.ok('suites.setHooks', { suite_id: outer.id, setup: [{ action: 'navigate', value: '/todos.html', description: 'Open the app' }, { action: 'clear_storage', options: { storage: 'local' } }, { action: 'reload' }], teardown: [{ action: 'clear_storage', options: { storage: 'cookies' } }] })
    await t.ok('suites.setHooks', { suite_id: inner.id, setup: [{ action: 'fill', target: { selector: '#new-todo' }, value: '${item}' }, { action: 'call_test', value: 'Nowhere' }] })
    await t.ok('tests.create', { name: 'Counts one', suite_ids: [inner.id], steps: [{ action: 'reload' }] })
    const result = await t.ok('interop.exportPlaywright', { suite_path: ['ROOT', 'Todos'] })
    const spec = result.files.find((f: { path: string }) => f.path === 'tests/todos-seeded.spec.ts').text as string
    const at = (text: string) => {
      expect(spec).toContain(text)
      return spec.indexOf(text)
    }
    // Outer hooks directly in the spec's describe; the inner suite's in a describe within it, before the test.
    const order = [
      at("test.describe('Todos / Seeded', () => {\n  // Set-up of suite 'Todos'\n  test.beforeEach(async ({ page }) => {"),
      at("await test.step('Open the app', async () => {"),
      at('await page.evaluate(() => localStorage.clear());'),
      at('await page.reload();'),
      at("// Tear-down of suite 'Todos'\n  test.afterEach(async ({ page }) => {\n    await test.step('Clear cookies'"),
      at("  test.describe(() => {\n    // Set-up of suite 'Seeded'\n    test.beforeEach(async ({ page }) => {\n      const vars = variables(null);"),
      at('.fill(vars.item)'),
      at("test('Counts one', async ({ page }) => {"),
    ]
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(result.unsupported).toEqual([{ test: "Set-up of suite 'Seeded'", step: 2, reason: "calls test 'Nowhere', which is not in the exported tests" }])
    const { diagnostics } = ts.transpileModule(spec, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
    expect(diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])
  })

  it('writes a step without a Playwright equivalent as code that fails with a message, never drops it', async () => {
    await t.ok('tests.create', { name: 'Caller', steps: [{ action: 'navigate', value: 'https://example.com/' }, { action: 'call_test', value: 'Nowhere' }] })
    const result = await t.ok('interop.exportPlaywright', { test: 'Caller' })
    expect(result.unsupported).toEqual([{ test: 'Caller', step: 2, reason: "calls test 'Nowhere', which is not in the exported tests" }])
    const spec = result.files.find((f: { path: string }) => f.path.endsWith('.spec.ts')).text
    expect(spec).toContain(`throw new Error('Step 2: calls test \\'Nowhere\\', which is not in the exported tests');`)
    const missing = await t.fail('interop.exportPlaywright', { test: 'No such test' })
    expect(missing.message).toContain("No test named 'No such test'")
  })
})
