// Every action against the demo site, as a tester would write the steps.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoSiteRoot } from '../../demosite/server'
import { CheckpointResultInput, ConsoleLogInput, NetworkLogInput, StepResultInput } from '../../../shared/model/execution'
import { validateStep } from '../../../shared/steps'
import type { StepValidator } from '../../store/tests'
import { engineSteps, stepResultOf } from './index'
import { startEngineFixture, step, verify, type EngineFixture } from './testing'
import type { TestOutcome } from './types'

let fx: EngineFixture
beforeAll(async () => {
  fx = await startEngineFixture()
})
afterAll(async () => {
  await fx?.close()
})

function expectPassed(outcome: TestOutcome) {
  const failed = outcome.steps.find((s) => s.status !== 'passed')
  expect(failed?.error_message ?? failed?.status ?? null, failed?.description ?? '').toBeNull()
  expect(outcome.status).toBe('passed')
}

const text = (selector: string, expected: string, operator = 'equals') => verify(selector, { property: 'text', operator, expected })

describe('catalogue and store', () => {
  it("the catalogue's validator is the store's, and stored steps map to engine steps", () => {
    const validator: StepValidator = validateStep
    expect(validator({ action: 'click' }, 'steps.0')).toEqual([{ field: 'steps.0.target', message: 'click needs a target element' }])
    const stored = { id: 'b', test_case_id: 't', position: 1, action: 'click', target: { selector: '#b', alternatives: [] }, value: null, options: {}, description: null, disabled: false, created_at: '', updated_at: '' }
    expect(engineSteps([stored, { ...stored, id: 'a', position: 0, action: 'navigate', target: null, value: 'index.html' }]).map((s) => [s.step_number, s.action])).toEqual([
      [1, 'navigate'],
      [2, 'click'],
    ])
  })
})

describe('login', () => {
  it('signs in and lands on the dashboard', async () => {
    const outcome = await fx.run(
      [
        step('navigate', null, 'login.html'),
        step('fill', 'label=Email', '${user}'),
        step('fill', 'label=Password', '${password}'),
        step('check', 'label=Remember me'),
        step('click', 'role=button[name="Sign in"]'),
        text('#welcome-message', 'Welcome, Demo User!'),
        verify(null, { property: 'url', operator: 'contains', expected: 'dashboard.html' }, { property: 'title', expected: 'Dashboard - TestDesk Demo' }),
        text('#remember-status', 'You will stay signed in on this browser'),
      ],
      { variables: { user: 'demo@testdesk.dev', password: 'secret123' } },
    )
    expectPassed(outcome)
    expect(outcome.steps[1]).toMatchObject({
      description: "Fill 'Email' with 'demo@testdesk.dev'",
      input_value: 'demo@testdesk.dev',
      playwright_code: "await page.getByLabel('Email').fill('demo@testdesk.dev');",
      selector: 'label=Email',
      window_id: 'main',
      window_title: 'Login - TestDesk Demo',
    })
    expect(outcome.steps[4].playwright_code).toBe("await page.getByRole('button', { name: 'Sign in', exact: true }).click();")
    expect(outcome.steps[5].checkpoints[0]).toMatchObject({ status: 'passed', checkpoint_type: 'element', actual_properties: { text: 'Welcome, Demo User!' } })
    expect(outcome.initialUrl).toBe(`${fx.site.url}login.html`)
    expect(outcome.finalUrl).toBe(`${fx.site.url}dashboard.html`)
    for (const s of outcome.steps) {
      expect(() => StepResultInput.parse(stepResultOf(s))).not.toThrow()
      for (const c of s.checkpoints) expect(() => CheckpointResultInput.parse(c)).not.toThrow()
      expect(s.timings.total_ms).toBeGreaterThanOrEqual(s.timings.playwright_ms)
    }
    for (const log of outcome.networkLogs) expect(() => NetworkLogInput.parse(log)).not.toThrow()
    for (const log of outcome.consoleLogs) expect(() => ConsoleLogInput.parse(log)).not.toThrow()
  })

  it('shows the error for a wrong password', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'login.html'),
      step('fill', 'testid=login-username', 'demo@testdesk.dev'),
      step('fill', 'testid=login-password', 'wrong'),
      step('press', 'testid=login-password', 'Enter'),
      verify('#login-error', { property: 'visible' }, { property: 'text', expected: 'Invalid username or password' }, { property: 'attribute', name: 'role', expected: 'alert' }),
      verify('#username', { property: 'value', operator: 'contains', expected: '@testdesk' }),
    ])
    expectPassed(outcome)
  })
})

describe('todos', () => {
  it('adds, completes, filters and deletes todos', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'todos.html'),
      step('fill', 'placeholder=What needs to be done?', 'Buy milk'),
      step('press', 'placeholder=What needs to be done?', 'Enter'),
      step('fill', 'testid=new-todo', 'Walk the dog'),
      step('click', 'role=button[name="Add"]'),
      step('fill', 'testid=new-todo', 'Write tests'),
      step('press', 'testid=new-todo', 'Enter'),
      verify('testid=todo-item', { property: 'count', expected: 3 }),
      step('check', '#todo-list >> li:has-text("Buy milk") >> testid=todo-toggle'),
      text('testid=todo-count', '2 items left'),
      step('click', 'testid=filter-active'),
      verify('testid=todo-item', { property: 'count', expected: 2 }),
      step('click', 'testid=filter-completed'),
      verify('testid=todo-title', { property: 'text', expected: 'Buy milk' }, { property: 'count', operator: 'at_most', expected: 1 }),
      step('click', 'testid=filter-all'),
      step('click', 'role=button[name="Delete Walk the dog"]'),
      verify('testid=todo-item', { property: 'count', operator: 'less_than', expected: 3 }),
      verify('#todo-1 >> testid=todo-toggle', { property: 'checked' }),
      verify('#todo-3 >> testid=todo-toggle', { property: 'checked', expected: false }),
      step('click', 'testid=clear-completed'),
      text('testid=todo-count', '1 item left'),
      verify('testid=clear-completed', { property: 'disabled' }),
    ])
    expectPassed(outcome)
  })
})

describe('table', () => {
  it('filters by role with select and sorts by column', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'table.html'),
      step('select', 'label=Role', 'Tester'),
      text('testid=row-count', 'Showing 6 of 20'),
      step('click', 'testid=sort-age'),
      text('#people-body tr:first-child td[data-column=name]', 'Fatima Zahra'),
      step('click', 'testid=sort-age'),
      text('#people-body tr:first-child td[data-column=name]', 'Samuel Okoro'),
      step('select', 'testid=role-filter', '', { by: 'value' }),
      step('fill', 'placeholder=Filter by name or city', 'an'),
      verify('testid=row', { property: 'count', operator: 'greater_than', expected: 3 }),
      text('testid=row-count', '/^Showing \\d+ of 20$/', 'matches'),
    ])
    expectPassed(outcome)
    expect(outcome.steps[1].output).toBe('Tester')
  })
})

describe('waiting', () => {
  it('waits for delayed content, spinners and buttons enabled later', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'delayed.html?delay=300'),
      step('click', 'testid=load-content'),
      text('testid=loaded-content', 'Content loaded'),
      step('wait', 'testid=spinner', null, { state: 'hidden' }),
      step('wait', 'testid=spinner-done'),
      step('click', 'role=button[name="Continue"]'),
      text('testid=enable-later-result', 'Continue clicked'),
      step('wait', null, null, { ms: 20 }),
      step('wait', null, null, { load_state: 'load' }),
      step('wait', null, null, { url: 'delay=300' }),
    ])
    expectPassed(outcome)
    expect(outcome.steps.map((s) => s.description).slice(3, 5)).toEqual(["Wait until 'spinner' is hidden", "Wait until 'spinner-done' is visible"])
  })
})

describe('mouse, keyboard and form controls', () => {
  it('hovers a menu, double-clicks, presses chords, types, scrolls, selects and checks', async () => {
    const outcome = await fx.run(
      [
        step('navigate', null, 'interactions.html'),
        step('hover', 'testid=menu-trigger'),
        step('click', 'role=menuitem[name="Runner"]'),
        text('testid=menu-result', 'Selected: Runner'),
        step('hover', 'testid=hover-target'),
        verify('role=tooltip', { property: 'visible' }),
        step('dblclick', 'testid=dblclick-box'),
        text('testid=dblclick-result', 'Double-click count: 1'),
        step('click', 'testid=dblclick-box', null, { click_count: 2 }),
        text('testid=dblclick-result', 'Double-click count: 2'),
        step('type', 'label=Type here', 'hello'),
        text('testid=typed-text', 'You typed: hello'),
        step('press', 'label=Type here', 'Control+a'),
        text('testid=last-key', 'Last key: Control+a'),
        step('press', 'label=Type here', 'Backspace'),
        text('testid=typed-text', 'You typed: '),
        step('press', null, 'Shift+Tab'),
        text('testid=last-key', 'Last key: Shift+Tab'),
        step('scroll', 'testid=far-element'),
        verify('testid=far-element', { property: 'visible' }),
        text('testid=scroll-status', 'Bottom reached'),
        step('select', 'label=Favourite colour', 'blue'),
        text('testid=color-result', 'Colour: Blue'),
        step('select', 'testid=languages-select', null, { values: ['TypeScript', 'Go'], by: 'label' }),
        text('testid=languages-result', 'Languages: TypeScript, Go'),
        step('uncheck', 'label=Email'),
        step('check', '#notify-sms'),
        text('testid=notify-result', 'Notifications: SMS'),
        verify('#notify-email', { property: 'checked', expected: false }),
        step('check', 'label=Pro'),
        text('testid=plan-result', 'Plan: Pro'),
        verify('label=Volume', { property: 'value', expected: '50' }, { property: 'enabled' }),
        step('navigate', null, 'interactions.html'),
        step('scroll', 'testid=scroll-area', null, { y: 5000 }),
        text('testid=scroll-status', 'Bottom reached'),
        step('scroll', null, null, { y: '${down}' }),
        step('run_script', null, 'window.scrollY > 0', { store_as: 'scrolled' }),
      ],
      { variables: { down: '300' } },
    )
    expectPassed(outcome)
    expect(outcome.variables.scrolled).toBe('true')
    expect(outcome.steps[23]).toMatchObject({ input_value: 'TypeScript, Go', output: 'typescript, go' })
  })

  it('drags fruit into the basket and reorders a list', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'dragdrop.html'),
      step('drag', 'testid=fruit-apple', null, { to: { selector: 'role=region[name="Basket"]' } }),
      text('testid=basket-contents', 'Basket: Apple'),
      step('drag', '#item-1', null, { to: { selector: '#item-3' } }),
      text('testid=sort-order', 'Order: Item 2, Item 3, Item 1, Item 4, Item 5'),
    ])
    expectPassed(outcome)
  })
})

describe('files', () => {
  it('uploads one and several files from the files folder', async () => {
    const outcome = await fx.run(
      [
        step('navigate', null, 'upload.html'),
        step('upload', 'label=Choose a file', 'files/notes.txt'),
        text('testid=single-file-summary', '1 file selected'),
        text('#single-file-list', 'notes.txt (113 bytes)'),
        step('upload', 'testid=multi-file', null, { files: ['files/notes.txt', 'files/report.csv'] }),
        text('testid=multi-file-summary', '2 files selected'),
        step('upload', 'testid=multi-file', null, { files: [] }),
        text('testid=multi-file-summary', 'No files selected'),
        step('upload', 'testid=single-file', 'files/missing.txt'),
      ],
      { filesRoot: demoSiteRoot() },
    )
    expect(outcome.steps.map((s) => s.status)).toEqual([...Array(8).fill('passed'), 'failed'])
    expect(outcome.steps[4].input_value).toBe('notes.txt, report.csv')
    expect(outcome.steps[8].error_message).toBe(`File not found: ${join(demoSiteRoot(), 'files/missing.txt')}`)
  })
})

describe('variables and scripts', () => {
  it('stores an element text in a variable and uses it in later steps', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'table.html'),
      step('set_variable', '#people-body tr:first-child td[data-column=name]', null, { name: 'first' }),
      step('fill', 'testid=table-filter', '${first}'),
      text('testid=row-count', 'Showing 1 of 20'),
      step('set_variable', 'testid=table-filter', null, { name: 'typed', from: 'value' }),
      step('set_variable', 'testid=sort-age', null, { name: 'sort', from: 'attribute', attribute: 'data-sort' }),
      step('set_variable', null, null, { name: 'where', from: 'url' }),
      step('set_variable', null, null, { name: 'title', from: 'title' }),
      step('set_variable', null, '20 * 2 + 2', { name: 'answer', from: 'script' }),
      step('set_variable', null, 'literal ${answer}', { name: 'literal' }),
      verify('testid=sort-${sort}', { property: 'text', expected: 'Age' }),
    ])
    expectPassed(outcome)
    expect(outcome.variables).toMatchObject({
      first: 'Alice Martin',
      typed: 'Alice Martin',
      sort: 'age',
      where: `${fx.site.url}table.html`,
      title: 'Table - TestDesk Demo',
      answer: '42',
      literal: 'literal 42',
    })
    expect(outcome.steps[2].description).toBe("Fill 'table-filter' with 'Alice Martin'")
    expect(outcome.steps[1].output).toBe('Alice Martin')
  })

  it('runs scripts in the page: expressions, bodies, on an element, and reports errors', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'index.html'),
      step('run_script', null, 'document.title', { store_as: 'title' }),
      step('run_script', null, 'const items = document.querySelectorAll("#page-list li");\nreturn items.length', { store_as: 'cards' }),
      step('run_script', 'testid=card-login', 'element.getAttribute("href")', { store_as: 'href' }),
      step('run_script', null, 'await new Promise((r) => setTimeout(r, 10)); return { ok: true }', { store_as: 'json' }),
      step('run_script', null, 'nope.missing', { continue_on_failure: true }),
      step('run_script', null, 'new Promise(() => {})', { timeout_ms: 300 }),
    ])
    expect(outcome.variables).toMatchObject({ title: 'TestDesk Demo', cards: '15', href: 'login.html', json: '{"ok":true}' })
    expect(outcome.steps[5]).toMatchObject({ status: 'failed', error_message: 'The script failed: ReferenceError: nope is not defined' })
    expect(outcome.steps[6]).toMatchObject({ status: 'failed', error_message: 'The script did not finish within 300 ms' })
    expect(outcome.status).toBe('failed')
  })
})

describe('screenshots', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47])

  it('takes named screenshots of the page and of an element', async () => {
    const outcome = await fx.run([step('navigate', null, 'index.html'), step('screenshot', null, 'home'), step('screenshot', 'h1')])
    expectPassed(outcome)
    expect(outcome.steps[1].screenshot?.subarray(0, 4)).toEqual(PNG)
    expect(outcome.steps[1].screenshot_name).toBe('home')
    expect(outcome.steps[2].screenshot_name).toBe('step-3')
    expect(outcome.steps[0].screenshot).toBeUndefined()
  })

  it('follows the screenshot policy', async () => {
    const every = await fx.run([step('navigate', null, 'index.html'), step('click', 'testid=card-todos')], { screenshots: 'every-step' })
    expect(every.steps.every((s) => s.screenshot?.subarray(0, 4).equals(PNG))).toBe(true)
    const onFailure = await fx.run([step('navigate', null, 'index.html'), step('click', '#missing', null, { timeout_ms: 300 })], { screenshots: 'on-failure' })
    expect(onFailure.steps[0].screenshot).toBeUndefined()
    expect(onFailure.steps[1].screenshot?.subarray(0, 4)).toEqual(PNG)
    expect(onFailure.errorScreenshot).toBe(onFailure.steps[1].screenshot)
  })
})

describe('navigation', () => {
  it('opens the start URL and resolves relative URLs against the base URL', async () => {
    const outcome = await fx.run([verify(null, { property: 'title', expected: 'Todos - TestDesk Demo' }), step('navigate', null, '/table.html?x=1')], { startUrl: 'todos.html' })
    expectPassed(outcome)
    expect(outcome.initialUrl).toBe(`${fx.site.url}todos.html`)
    expect(outcome.finalUrl).toBe(`${fx.site.url}table.html?x=1`)
  })
})

describe('what a result shows', () => {
  it('names the row a chained target means, and shows code that runs as shown, without a baseURL', async () => {
    const row = '#todo-list li >> nth=1'
    const mismatch = verify(row, { property: 'text', expected: 'Walk the cat' })
    const outcome = await fx.run([
      step('navigate', null, 'todos.html'),
      ...['Buy milk', 'Walk the dog'].flatMap((title) => [step('fill', 'testid=new-todo', title), step('press', 'testid=new-todo', 'Enter')]),
      step('check', `${row} >> .todo-toggle`),
      step('hover', row),
      { ...mismatch, options: { ...mismatch.options, timeout_ms: 500 } },
    ])
    const [navigate, , , , , check, hover, checkpoint] = outcome.steps
    expect(navigate.playwright_code).toBe(`await page.goto('${fx.site.url}todos.html');`)
    expect(check).toMatchObject({ status: 'passed', description: 'Check the 2nd #todo-list li › .todo-toggle' })
    expect(check.playwright_code).toBe("await page.locator('#todo-list li').nth(1).locator('.todo-toggle').check();")
    expect(hover.description).toBe('Hover over the 2nd #todo-list li')
    expect(checkpoint.status).toBe('failed')
    expect(checkpoint.error_message).toContain('the 2nd #todo-list li')

    // The shown code, replayed with plain Playwright in a context with no baseURL, does the same.
    const context = await fx.browser.newContext()
    try {
      const page = await context.newPage()
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (page: unknown) => Promise<void>
      for (const shown of outcome.steps.slice(0, 7)) await new AsyncFunction('page', shown.playwright_code!)(page)
      expect(await page.locator('#todo-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-completed')))).toEqual(['false', 'true'])
    } finally {
      await context.close()
    }
  })
})
