import { describe, expect, it } from 'vitest'
import { assertionFailure, assertionHolds, resolveAssertion } from './checkpoints'
import { elementName, locatorCode, parseRoleSelector, parseSelector, selectorProblem, splitChain } from './selectors'
import {
  describeStep,
  interpolate,
  interpolateStep,
  maskSecrets,
  playwrightCode,
  referencedVariables,
  scriptIsExpression,
  SECRET_MASK,
  STEP_ACTION_NAMES,
  STEP_ACTIONS,
  UnknownVariableError,
  validateStep,
  type StepLike,
} from './steps'

const t = (selector: string, more: { alternatives?: string[]; frames?: string[] } = {}) => ({ selector, ...more })
const element = (assertions: unknown[]) => ({ checkpoint: { type: 'element', assertions } })

describe('validateStep', () => {
  it('accepts a valid step of every action', () => {
    const valid: StepLike[] = [
      { action: 'navigate', value: 'https://example.test/' },
      { action: 'reload' },
      { action: 'go_back' },
      { action: 'go_forward', options: { wait_until: 'domcontentloaded' } },
      { action: 'clear_storage', options: { storage: 'session' } },
      { action: 'set_storage', value: 'hidden', options: { storage: 'cookie', name: 'tip' } },
      { action: 'click', target: t('role=button[name="Sign in"]') },
      { action: 'dblclick', target: t('#box') },
      { action: 'hover', target: t('#menu') },
      { action: 'fill', target: t('label=Email'), value: '' },
      { action: 'type', target: t('#key-input'), value: 'abc' },
      { action: 'press', value: 'Control+a' },
      { action: 'select', target: t('#color'), value: 'blue' },
      { action: 'check', target: t('#remember-me') },
      { action: 'uncheck', target: t('#remember-me') },
      { action: 'upload', target: t('#file'), options: { files: [] } },
      { action: 'drag', target: t('#apple'), options: { to: { selector: '#basket' } } },
      { action: 'scroll', options: { y: 200 } },
      { action: 'wait', options: { ms: 100 } },
      { action: 'switch_page', options: { by: 'new' } },
      { action: 'switch_frame', target: t('#inner-frame') },
      { action: 'dialog', options: { response: 'accept' } },
      { action: 'set_variable', value: 'x', options: { name: 'greeting' } },
      { action: 'run_script', value: 'document.title' },
      { action: 'call_test', value: 'Login' },
      { action: 'screenshot', value: 'after-login' },
      { action: 'checkpoint', target: t('#login-error'), options: element([{ property: 'text', operator: 'equals', expected: 'x' }]) },
      { action: 'request', value: '/api/users', options: { capture: [{ name: 'first', from: 'json', path: '$.users[0].name' }] } },
    ]
    expect(valid.map((s) => s.action).sort()).toEqual([...STEP_ACTION_NAMES].sort())
    for (const step of valid) expect(validateStep(step, ''), step.action).toEqual([])
  })

  it('names an unknown action and lists the known ones', () => {
    const [issue] = validateStep({ action: 'clik', target: t('#a') }, 'steps.3')
    expect(issue.field).toBe('steps.3.action')
    expect(issue.message).toMatch(/^Unknown action 'clik'\. Use one of: navigate, reload, go_back, go_forward, clear_storage, set_storage, click/)
  })

  it('says what is wrong with the new words', () => {
    const at = (cp: unknown) => validateStep({ action: 'checkpoint', target: t('#x'), options: { checkpoint: cp } }, 'steps.4')
    expect(validateStep({ action: 'set_storage', value: 'x', options: { storage: 'local', name: 'k', domain: 'a.test' } }, 'steps.1')).toEqual([
      { field: 'steps.1.options.domain', message: 'a domain and a path are for cookies only (storage: cookie)' },
    ])
    expect(validateStep({ action: 'set_storage', options: { storage: 'local', name: 'k' } }, '')[0]).toMatchObject({ field: 'value' })
    expect(validateStep({ action: 'clear_storage', options: { storage: 'indexeddb' } }, '')[0].field).toBe('options.storage')
    expect(validateStep({ action: 'reload', target: t('#a') }, '')).toEqual([{ field: 'target', message: 'reload does not act on an element: remove the target' }])
    expect(validateStep({ action: 'click', target: { selector: '#a', within: { selector: 'bogus=1' } } }, 'steps.0')[0]).toMatchObject({ field: 'steps.0.target.within.selector' })
    expect(at({ type: 'element', assertions: [{ property: 'texts' }] })[0]).toEqual({ field: 'steps.4.options.checkpoint.assertions.0.texts', message: 'list the texts the elements should have, one an element' })
    expect(at({ type: 'element', assertions: [{ property: 'class', operator: 'contains', expected: 'a b' }] })[0].message).toBe('one class name, without spaces (check two classes with two assertions)')
    expect(at({ type: 'element', assertions: [{ property: 'css', expected: 'red' }] })[0].message).toBe('say which CSS property to check (color, display, font-weight…)')
    expect(at({ type: 'element', assertions: [{ property: 'class', operator: 'equals', expected: 'a' }] })[0].message).toBe('class can be checked with contains, not_contains, not equals')
  })

  it('reports a missing target or value with the field path', () => {
    expect(validateStep({ action: 'click' }, 'steps.0')).toEqual([{ field: 'steps.0.target', message: 'click needs a target element' }])
    expect(validateStep({ action: 'fill', target: t('#a') }, '')).toEqual([{ field: 'value', message: 'fill needs a value: the text to enter (may be empty)' }])
    expect(validateStep({ action: 'navigate', target: t('#a'), value: 'x' }, '')[0].field).toBe('target')
  })

  it('reports unknown and malformed options under options.<name>', () => {
    const issues = validateStep({ action: 'click', target: t('#a'), options: { buton: 'left', click_count: 9 } }, 'steps.1')
    expect(issues.map((i) => i.field).sort()).toEqual(['steps.1.options.buton', 'steps.1.options.click_count'])
    expect(issues.find((i) => i.field.endsWith('buton'))?.message).toMatch(/click has no option 'buton'; it takes button, modifiers/)
  })

  it('checks rules across fields: drag needs options.to, wait one thing', () => {
    expect(validateStep({ action: 'drag', target: t('#a') }, 'steps.2')).toEqual([{ field: 'steps.2.options.to', message: 'say where to drop: a target with a selector' }])
    expect(validateStep({ action: 'drag', target: t('#a'), options: { to: { selector: 'bogus=x' } } }, '')[0].field).toBe('options.to.selector')
    expect(validateStep({ action: 'wait' }, '')[0].field).toBe('options')
    expect(validateStep({ action: 'wait', target: t('#a'), options: { ms: 5 } }, '')[0].message).toMatch(/one thing at a time/)
    expect(validateStep({ action: 'wait', options: { ms: 'soon' } }, '')[0].field).toBe('options.ms')
    expect(validateStep({ action: 'wait', options: { ms: '${pause}' } }, '')).toEqual([])
    expect(validateStep({ action: 'switch_page', value: 'Popup' }, '')[0].field).toBe('options.by')
    expect(validateStep({ action: 'set_variable', options: { name: 'x', from: 'text' } }, '')[0].field).toBe('target')
    expect(validateStep({ action: 'set_variable', value: 'v', options: { name: '1bad' } }, '')[0].field).toBe('options.name')
    expect(validateStep({ action: 'select', target: t('#s') }, '')[0].field).toBe('value')
    expect(validateStep({ action: 'dialog' }, '')[0].field).toBe('options.response')
  })

  it('checks selectors, alternatives and frames', () => {
    const issues = validateStep({ action: 'click', target: t('foo=bar', { alternatives: ['#ok', 'label='], frames: ['#f >> '] }) }, 's')
    expect(issues.map((i) => i.field)).toEqual(['s.target.selector', 's.target.alternatives.1', 's.target.frames.0'])
    expect(issues[0].message).toMatch(/unknown selector type 'foo='/)
  })

  it('validates checkpoints by type, property and operator', () => {
    const at = (cp: unknown, target = true) => validateStep({ action: 'checkpoint', target: target ? t('#x') : null, options: { checkpoint: cp } }, 'steps.4')
    expect(at({ type: 'pixels' })).toEqual([{ field: 'steps.4.options.checkpoint.type', message: "Unknown checkpoint type 'pixels'. Use one of: element, screenshot, accessibility, api, download" }])
    expect(at({ type: 'element', assertions: [{ property: 'count', operator: 'contains', expected: 1 }] })[0]).toEqual({
      field: 'steps.4.options.checkpoint.assertions.0.operator',
      message: 'count can be checked with equals, greater_than, less_than, at_least, at_most, not contains',
    })
    expect(at({ type: 'element', assertions: [{ property: 'text', operator: 'matches', expected: '(' }] })[0].field).toBe('steps.4.options.checkpoint.assertions.0.expected')
    expect(at({ type: 'element', assertions: [{ property: 'attribute', operator: 'exists' }] })[0].field).toBe('steps.4.options.checkpoint.assertions.0.name')
    expect(at({ type: 'element', assertions: [{ property: 'text', expected: 'x' }] }, false)[0]).toEqual({ field: 'steps.4.target', message: 'checkpoint needs a target element' })
    expect(at({ type: 'element', assertions: [{ property: 'url', operator: 'contains', expected: 'x' }] }, false)).toEqual([])
    expect(at({ type: 'element', assertions: [] })[0].message).toBe('add at least one property to verify')
  })
})

describe('describeStep and playwrightCode', () => {
  const cases: [StepLike, string, string][] = [
    [{ action: 'navigate', value: 'https://demo.test/login.html' }, 'Navigate to https://demo.test/login.html', "await page.goto('https://demo.test/login.html');"],
    [{ action: 'reload', options: { wait_until: 'domcontentloaded' } }, 'Reload the page', "await page.reload({ waitUntil: 'domcontentloaded' });"],
    [{ action: 'go_back' }, 'Go back to the previous page', 'await page.goBack();'],
    [{ action: 'go_forward' }, 'Go forward to the next page', 'await page.goForward();'],
    [{ action: 'clear_storage' }, 'Clear cookies, local storage and session storage', 'await page.context().clearCookies();\nawait page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });'],
    [{ action: 'clear_storage', options: { storage: 'local' } }, 'Clear local storage', 'await page.evaluate(() => localStorage.clear());'],
    [{ action: 'set_storage', value: 'dark', options: { storage: 'local', name: 'theme' } }, "Set local storage item 'theme' to 'dark'", "await page.evaluate(([name, value]) => localStorage.setItem(name, value), ['theme', 'dark']);"],
    [
      { action: 'set_storage', value: 'abc', options: { storage: 'cookie', name: 'session', domain: 'demo.test' } },
      "Set cookie 'session' to 'abc' for demo.test",
      "await page.context().addCookies([{ name: 'session', value: 'abc', domain: 'demo.test', path: '/' }]);",
    ],
    [
      { action: 'click', target: { selector: 'role=button[name="Delete"]', nth: 1, within: { selector: 'role=row', has_text: 'milk' } } },
      "Click the 2nd button 'Delete' in row that has text 'milk'",
      "await page.getByRole('row').filter({ hasText: 'milk' }).getByRole('button', { name: 'Delete', exact: true }).nth(1).click();",
    ],
    [
      { action: 'click', target: { selector: '.item', has_text: 'a', has_not_text: 'b', visible_only: true, nth: 'last', frames: ['#f'] } },
      "Click the last .item (visible) that has text 'a' but not 'b' in frame #f",
      "await page.locator('#f').contentFrame().locator('.item').filter({ hasText: 'a', hasNotText: 'b', visible: true }).last().click();",
    ],
    [{ action: 'click', target: t('role=button[name="Sign in"]') }, "Click button 'Sign in'", "await page.getByRole('button', { name: 'Sign in', exact: true }).click();"],
    [{ action: 'click', target: t('[data-testid=save]'), options: { button: 'right' } }, "Right-click 'save'", "await page.locator('[data-testid=save]').click({ button: 'right' });"],
    [{ action: 'dblclick', target: t('testid=dblclick-box') }, "Double-click 'dblclick-box'", "await page.getByTestId('dblclick-box').dblclick();"],
    [{ action: 'hover', target: t('text=Features') }, "Hover over 'Features'", "await page.getByText('Features').hover();"],
    [{ action: 'fill', target: t('label=Email'), value: 'demo@testdesk.dev' }, "Fill 'Email' with 'demo@testdesk.dev'", "await page.getByLabel('Email').fill('demo@testdesk.dev');"],
    [{ action: 'fill', target: t('placeholder=City'), value: '' }, "Clear 'City'", "await page.getByPlaceholder('City').fill('');"],
    [{ action: 'type', target: t('#key-input'), value: "it's" }, "Type 'it's' into #key-input", "await page.locator('#key-input').pressSequentially('it\\'s');"],
    [{ action: 'press', target: t('#key-input'), value: 'Control+a' }, 'Press Control+a in #key-input', "await page.locator('#key-input').press('Control+a');"],
    [{ action: 'press', value: 'Enter' }, 'Press Enter', "await page.keyboard.press('Enter');"],
    [{ action: 'select', target: t('#role-filter'), value: 'Tester' }, "Select 'Tester' in #role-filter", "await page.locator('#role-filter').selectOption('Tester');"],
    [{ action: 'select', target: t('#langs'), options: { values: ['TypeScript', 'Go'], by: 'label' } }, "Select 'TypeScript', 'Go' in #langs", "await page.locator('#langs').selectOption([{ label: 'TypeScript' }, { label: 'Go' }]);"],
    [{ action: 'check', target: t('label=Remember me') }, "Check 'Remember me'", "await page.getByLabel('Remember me').check();"],
    [{ action: 'uncheck', target: t('#notify-email') }, 'Uncheck #notify-email', "await page.locator('#notify-email').uncheck();"],
    [{ action: 'upload', target: t('#single-file'), value: 'files/notes.txt' }, "Upload 'notes.txt' to #single-file", "await page.locator('#single-file').setInputFiles('files/notes.txt');"],
    [{ action: 'drag', target: t('#fruit-apple'), options: { to: { selector: 'role=region[name="Basket"]' } } }, "Drag #fruit-apple to region 'Basket'", "await page.locator('#fruit-apple').dragTo(page.getByRole('region', { name: 'Basket', exact: true }));"],
    [{ action: 'scroll', target: t('#far-element') }, 'Scroll to #far-element', "await page.locator('#far-element').scrollIntoViewIfNeeded();"],
    [{ action: 'scroll', options: { y: 400 } }, 'Scroll the page by 0, 400', 'await page.evaluate(() => (window.scrollBy(0, 400)));'],
    [{ action: 'wait', options: { ms: 250 } }, 'Wait 250 ms', 'await page.waitForTimeout(250);'],
    [{ action: 'wait', target: t('#spinner'), options: { state: 'hidden' } }, 'Wait until #spinner is hidden', "await page.locator('#spinner').waitFor({ state: 'hidden' });"],
    [{ action: 'wait', options: { url: '**/dashboard.html' } }, 'Wait until the URL matches **/dashboard.html', "await page.waitForURL('**/dashboard.html');"],
    [{ action: 'wait', options: { load_state: 'networkidle' } }, 'Wait until the network is idle', "await page.waitForLoadState('networkidle');"],
    [{ action: 'switch_page', options: { by: 'new' } }, 'Switch to the new window', 'page = context.pages()[context.pages().length - 1];'],
    [{ action: 'switch_page', value: 'Popup target', options: { by: 'title' } }, "Switch to the window titled 'Popup target'", "for (const p of context.pages()) if ((await p.title()).includes('Popup target')) page = p;"],
    [{ action: 'switch_frame', target: t('#inner-frame') }, 'Switch to frame #inner-frame', "frame = page.locator('#inner-frame').contentFrame();"],
    [{ action: 'switch_frame' }, 'Switch back to the main page', 'frame = page.mainFrame();'],
    [{ action: 'dialog', value: 'Ada', options: { response: 'accept' } }, "Accept the next dialog, answering 'Ada'", "page.once('dialog', (dialog) => dialog.accept('Ada'));"],
    [{ action: 'dialog', options: { response: 'dismiss', for: 'all' } }, 'Dismiss every dialog from now on', "page.on('dialog', (dialog) => dialog.dismiss());"],
    [{ action: 'set_variable', target: t('#welcome-message'), options: { name: 'welcome' } }, "Store the text of #welcome-message in variable 'welcome'", "vars['welcome'] = (await page.locator('#welcome-message').textContent()).trim();"],
    [{ action: 'set_variable', value: '42', options: { name: 'answer' } }, "Set variable 'answer' to '42'", "vars['answer'] = '42';"],
    [{ action: 'run_script', value: 'return document.title', options: { store_as: 'title' } }, "Run script 'return document.title' and store the result in variable 'title'", "vars['title'] = await page.evaluate(async () => {\nreturn document.title\n});"],
    [{ action: 'call_test', value: 'Login' }, "Call test 'Login'", "// Call test 'Login': its steps run here"],
    [
      { action: 'request', value: 'https://demo.test/api/login', options: { method: 'POST', body: '{"user":"${user}"}', capture: [{ name: 'token', from: 'json', path: '$.token', secret: true }] } },
      "Send POST https://demo.test/api/login and store 'token'",
      "const response = await page.request.fetch('https://demo.test/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, data: '{\"user\":\"${user}\"}' });\nexpect(response.ok()).toBeTruthy();\nvars['token'] = String((await response.json()).token);",
    ],
    [{ action: 'screenshot', value: 'home', options: { full_page: true } }, "Take a screenshot of the full page named 'home'", "await page.screenshot({ path: 'home.png', fullPage: true });"],
    [
      { action: 'checkpoint', target: t('#login-error'), options: element([{ property: 'text', operator: 'equals', expected: 'Invalid username or password' }]) },
      "Verify text of #login-error equals 'Invalid username or password'",
      "await expect(page.locator('#login-error')).toHaveText('Invalid username or password');",
    ],
    [
      { action: 'checkpoint', target: t('testid=todo-item'), options: element([{ property: 'count', operator: 'at_least', expected: 2 }, { property: 'visible' }]) },
      "Verify the number of 'todo-item' is at least 2 and 'todo-item' is visible",
      "expect(await page.getByTestId('todo-item').count()).toBeGreaterThanOrEqual(2);\nawait expect(page.getByTestId('todo-item')).toBeVisible();",
    ],
    [
      { action: 'checkpoint', options: element([{ property: 'url', operator: 'matches', expected: '/dash.*/' }, { property: 'title', operator: 'contains', expected: 'Dashboard' }]) },
      'Verify the URL matches /dash.*/ and the page title contains \'Dashboard\'',
      'await expect(page).toHaveURL(/dash.*/);\nawait expect(page).toHaveTitle(/Dashboard/);',
    ],
    [
      { action: 'checkpoint', target: t('#list li'), options: element([{ property: 'texts', texts: ['a', 'b'] }, { property: 'count', expected: 2 }]) },
      "Verify the texts of #list li are ['a', 'b'] in this order and the number of #list li equals 2",
      "await expect(page.locator('#list li')).toHaveText(['a', 'b']);\nawait expect(page.locator('#list li')).toHaveCount(2);",
    ],
    [
      { action: 'checkpoint', target: t('#row'), options: element([{ property: 'class', operator: 'not_contains', expected: 'done' }, { property: 'css', name: 'color', operator: 'matches', expected: '/rgb/' }, { property: 'in_viewport', expected: false }]) },
      "Verify #row has no class 'done' and CSS color of #row matches /rgb/ and #row is not in the viewport",
      "await expect(page.locator('#row')).not.toContainClass('done');\nawait expect(page.locator('#row')).toHaveCSS('color', /rgb/);\nawait expect(page.locator('#row')).not.toBeInViewport();",
    ],
  ]
  it.each(cases)('%j', (step, words, code) => {
    expect(describeStep(step)).toBe(words)
    expect(playwrightCode(step)).toBe(code)
  })

  it('shows a relative navigate as the URL it opened, else says it needs a baseURL', () => {
    const relative = { action: 'navigate', value: 'react/index.html' }
    expect(describeStep(relative)).toBe('Navigate to react/index.html')
    expect(playwrightCode(relative, { url: 'http://127.0.0.1:4000/examples/react/index.html' })).toBe(
      "await page.goto('http://127.0.0.1:4000/examples/react/index.html');",
    )
    const unresolved = playwrightCode(relative)
    expect(unresolved.split('\n')).toEqual([
      "// 'react/index.html' is relative: it opens against a baseURL, e.g. browser.newContext({ baseURL: 'https://example.com/' })",
      "await page.goto('react/index.html');",
    ])
    // host:port opens over http, as the engine opens it; page.goto() needs the scheme written.
    expect(playwrightCode({ action: 'navigate', value: 'localhost:3000/app' })).toBe("await page.goto('http://localhost:3000/app');")
    expect(playwrightCode({ action: 'navigate', value: 'about:blank' })).toBe("await page.goto('about:blank');")
  })

  it('covers every action', () => {
    expect(new Set(cases.map(([s]) => s.action))).toEqual(new Set(STEP_ACTION_NAMES))
  })

  it('names the frame a target lives in, in words and in code', () => {
    const step = { action: 'click', target: t('role=button[name="Send"]', { frames: ['#inner-frame'] }) }
    expect(describeStep(step)).toBe("Click button 'Send' in frame #inner-frame")
    expect(playwrightCode(step)).toBe("await page.locator('#inner-frame').contentFrame().getByRole('button', { name: 'Send', exact: true }).click();")
    expect(playwrightCode({ action: 'fill', target: t('#frame-name'), value: 'Ada' }, { frames: ['#inner-frame', 'testid=nested-frame'] })).toBe(
      "await page.locator('#inner-frame').contentFrame().getByTestId('nested-frame').contentFrame().locator('#frame-name').fill('Ada');",
    )
  })

  it('describes every checkpoint property and operator', () => {
    const words = (a: Record<string, unknown>) => describeStep({ action: 'checkpoint', target: t('#x'), options: element([a]) })
    expect(words({ property: 'hidden' })).toBe('Verify #x is hidden')
    expect(words({ property: 'visible', expected: false })).toBe('Verify #x is not visible')
    expect(words({ property: 'checked' })).toBe('Verify #x is checked')
    expect(words({ property: 'enabled' })).toBe('Verify #x is enabled')
    expect(words({ property: 'disabled' })).toBe('Verify #x is disabled')
    expect(words({ property: 'value', operator: 'not_contains', expected: 'a' })).toBe("Verify value of #x does not contain 'a'")
    expect(words({ property: 'text', operator: 'not_equals', expected: 'a' })).toBe("Verify text of #x does not equal 'a'")
    expect(words({ property: 'count', operator: 'less_than', expected: 3 })).toBe('Verify the number of #x is less than 3')
    expect(words({ property: 'attribute', name: 'href', operator: 'contains', expected: 'a' })).toBe("Verify attribute href of #x contains 'a'")
    expect(words({ property: 'attribute', name: 'disabled', operator: 'exists', expected: false })).toBe('Verify #x has no attribute disabled')
  })

  it('lists every action with its parameters for the step editor', () => {
    expect(STEP_ACTIONS.map((a) => a.action)).toEqual(STEP_ACTION_NAMES)
    const fill = STEP_ACTIONS.find((a) => a.action === 'fill')!
    expect(fill).toMatchObject({ label: 'Fill', target: 'required', value: 'required' })
    expect(Object.keys(fill.options)).toContain('continue_on_failure')
  })
})

describe('selectors', () => {
  it('reads readable names from every form', () => {
    expect(elementName('role=button[name="Sign in"]')).toBe("button 'Sign in'")
    expect(elementName('role=textbox[name="Email"]')).toBe("field 'Email'")
    expect(elementName('role=link')).toBe('link')
    expect(elementName('[data-testid=save]')).toBe("'save'")
    expect(elementName('[data-testid="save"]')).toBe("'save'")
    expect(elementName('data-testid=save')).toBe("'save'")
    expect(elementName('testid=save')).toBe("'save'")
    expect(elementName('text=Log out')).toBe("'Log out'")
    expect(elementName('text="Log out"')).toBe("'Log out'")
    expect(elementName('label=Email')).toBe("'Email'")
    expect(elementName('placeholder=City')).toBe("'City'")
    expect(elementName('alt=TestDesk logo')).toBe("image 'TestDesk logo'")
    expect(elementName('title=Settings')).toBe("'Settings'")
    expect(elementName('css=.todo-item > button')).toBe('.todo-item > button')
    expect(elementName('xpath=//main//h1')).toBe('xpath=//main//h1')
    expect(elementName('#login-error')).toBe('#login-error')
    expect(elementName('#todo-list >> text=Buy milk')).toBe("#todo-list › 'Buy milk'")
  })

  it('names every part of a chain, the index as an ordinal, and every frame', () => {
    const row = '#todo-list li >> nth=1 >> .toggle'
    expect(elementName(row)).toBe('the 2nd #todo-list li › .toggle')
    expect(describeStep({ action: 'check', target: t(row) })).toBe('Check the 2nd #todo-list li › .toggle')
    expect(describeStep({ action: 'hover', target: t('#todo-list li >> nth=1') })).toBe('Hover over the 2nd #todo-list li')
    expect(describeStep({ action: 'checkpoint', target: t('#todo-list li >> nth=1'), options: element([{ property: 'text', expected: 'Walk' }]) })).toBe(
      "Verify text of the 2nd #todo-list li equals 'Walk'",
    )
    expect(elementName('role=listitem >> nth=0 >> role=button[name="Delete"]')).toBe("the 1st listitem › button 'Delete'")
    expect(elementName('li >> nth=-1')).toBe('the last li')
    expect(elementName('li >> nth=-3')).toBe('the 3rd from last li')
    expect(['nth=2', 'nth=10', 'nth=11', 'nth=12', 'nth=20', 'nth=21', 'nth=111'].map((n) => elementName(`li >> ${n}`))).toEqual([
      'the 3rd li', 'the 11th li', 'the 12th li', 'the 13th li', 'the 21st li', 'the 22nd li', 'the 112th li',
    ])
    expect(elementName('.toast >> visible=true')).toBe('.toast (visible)')
    expect(describeStep({ action: 'click', target: t('testid=send', { frames: ['#outer', 'iframe >> nth=1'] }) })).toBe(
      "Click 'send' in frame #outer › the 2nd iframe",
    )
  })

  it('writes chains as Playwright calls that run: nth() and filter() instead of selector engines', () => {
    expect(playwrightCode({ action: 'check', target: t('#todo-list li >> nth=1 >> .toggle') })).toBe(
      "await page.locator('#todo-list li').nth(1).locator('.toggle').check();",
    )
    expect(locatorCode('li >> nth=-1')).toBe("page.locator('li').last()")
    expect(locatorCode('.toast >> visible=true')).toBe("page.locator('.toast').filter({ visible: true })")
    // A chain cannot start with nth() on a page: the selector engine form stays.
    expect(locatorCode('nth=0')).toBe("page.locator('nth=0')")
  })

  it('splits chains outside quotes and maps getBy forms', () => {
    expect(splitChain('a >> text="x >> y" >> b')).toEqual(['a', 'text="x >> y"', 'b'])
    expect(parseSelector('#form >> label="Email"')).toEqual([
      { kind: 'native', selector: '#form' },
      { kind: 'label', text: 'Email', exact: true },
    ])
    expect(parseSelector('alt=/logo/i')[0]).toEqual({ kind: 'alt', text: /logo/i, exact: false })
    expect(locatorCode('#form >> label=Email')).toBe("page.locator('#form').getByLabel('Email')")
  })

  it('keeps the meaning of role selectors in getByRole code', () => {
    expect(parseRoleSelector('role=button[name="sign in"i]')?.name).toEqual(/^sign in$/i)
    expect(parseRoleSelector('role=button[name*="Sign"]')?.name).toEqual(/Sign/)
    expect(parseRoleSelector('role=heading[level=2]')?.options).toEqual({ level: 2 })
    expect(locatorCode('role=checkbox[checked][name="Accept"]')).toBe("page.getByRole('checkbox', { name: 'Accept', exact: true, checked: true })")
    expect(parseRoleSelector('role=button[nope=1]')).toBeNull()
  })

  it('says what is wrong with a selector', () => {
    expect(selectorProblem('')).toBe('must not be empty')
    expect(selectorProblem('label=')).toBe('label= needs the text to look for')
    expect(selectorProblem('placeholder=/(/')).toMatch(/invalid regular expression/)
    expect(selectorProblem('role=')).toMatch(/not a valid role selector/)
    expect(selectorProblem('internal:role=button')).toBeNull()
    expect(selectorProblem('xpath=//a[@x="1"]')).toBeNull()
  })
})

describe('variables', () => {
  it('replaces ${name} and keeps $${name} literal', () => {
    expect(interpolate('Hello ${ name }!', { name: 'Ada' })).toBe('Hello Ada!')
    expect(interpolate('`${a}` $${b}', { a: '1' })).toBe('`1` ${b}')
    expect(interpolate('no variables', {})).toBe('no variables')
  })

  it('fails naming an unknown variable', () => {
    expect(() => interpolate('${user} ${missing}', { user: 'x' })).toThrow(new UnknownVariableError('missing'))
    expect(() => interpolate('${missing}', {})).toThrow('Unknown variable ${missing}')
  })

  it('replaces in every string parameter of a step', () => {
    const step = {
      action: 'drag',
      target: { selector: '#${from}', alternatives: ['text=${from}'], frames: ['#${frame}'] },
      value: null,
      options: { to: { selector: '#${to}' }, timeout_ms: 500 },
      description: 'Move ${from}',
    }
    const vars = { from: 'apple', to: 'basket', frame: 'f' }
    expect(interpolateStep(step, vars)).toEqual({
      action: 'drag',
      target: { selector: '#apple', alternatives: ['text=apple'], frames: ['#f'] },
      value: null,
      options: { to: { selector: '#basket' }, timeout_ms: 500 },
      description: 'Move apple',
    })
    expect(referencedVariables(step)).toEqual(['from', 'frame', 'to'])
    expect(referencedVariables({ action: 'checkpoint', options: element([{ property: 'text', expected: '${expected}' }]) })).toEqual(['expected'])
  })

  it('masks secrets, also URL-encoded and JSON-escaped', () => {
    const secret = 'p@ss "word"'
    const text = `pw=${secret} q=${encodeURIComponent(secret)} json={"p":${JSON.stringify(secret)}}`
    const masked = maskSecrets(text, [secret, ''])
    expect(masked).not.toContain('p@ss')
    expect(masked).not.toContain('p%40ss')
    expect(masked.split(SECRET_MASK).length).toBe(4)
    expect(maskSecrets('nothing to hide', [])).toBe('nothing to hide')
  })
})

describe('element checkpoint comparisons', () => {
  const check = (a: Record<string, unknown>, actual: unknown) => assertionHolds(resolveAssertion(a as never), actual)
  it('compares with every operator', () => {
    expect(check({ property: 'text', operator: 'equals', expected: ' Invalid   password ' }, 'Invalid password')).toBe(true)
    expect(check({ property: 'text', operator: 'contains', expected: 'pass' }, 'Invalid password')).toBe(true)
    expect(check({ property: 'text', operator: 'matches', expected: '/^invalid/i' }, 'Invalid password')).toBe(true)
    expect(check({ property: 'text', operator: 'not_equals', expected: 'x' }, 'y')).toBe(true)
    expect(check({ property: 'text', operator: 'not_contains', expected: 'x' }, 'xyz')).toBe(false)
    expect(check({ property: 'count', operator: 'greater_than', expected: '2' }, 3)).toBe(true)
    expect(check({ property: 'count', operator: 'at_most', expected: 2 }, 3)).toBe(false)
    expect(check({ property: 'attribute', name: 'href', operator: 'exists' }, null)).toBe(false)
    expect(check({ property: 'visible', expected: 'false' }, false)).toBe(true)
  })

  it('explains a failure with expected and actual', () => {
    const a = resolveAssertion({ property: 'text', operator: 'equals', expected: 'X' })
    expect(assertionFailure(a, '#login-error', 'Y')).toBe("Expected text of #login-error to equal 'X' but was 'Y'")
    expect(assertionFailure(a, '#login-error', null, '#login-error')).toBe("Expected text of #login-error to equal 'X' but no element matches #login-error")
    expect(assertionFailure(resolveAssertion({ property: 'visible' }), '#x', false)).toBe('Expected #x to be visible but it is hidden')
    expect(assertionFailure(resolveAssertion({ property: 'count', operator: 'at_least', expected: 3 }), "'row'", 1)).toBe("Expected the number of 'row' to be at least 3 but was 1")
    expect(() => resolveAssertion({ property: 'count', expected: 'many' })).toThrow(/whole number, not 'many'/)
  })
})

describe('scripts', () => {
  it('tells an expression from a function body', () => {
    expect(scriptIsExpression('document.title')).toBe(true)
    expect(scriptIsExpression('await fetch("/x").then(r => r.status)')).toBe(true)
    expect(scriptIsExpression('const a = 1; return a + 1')).toBe(false)
  })
})
