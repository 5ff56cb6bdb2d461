// The demo project `testdesk demo` seeds: ~30 tests of 10+ steps against the bundled demo site,
// in suites under ROOT/Demo, with tags, a data set and an environment. It is a project file, so
// seeding twice updates rather than duplicates. One test fails on purpose, to show what a failure
// looks like (screenshot, trace, failing checkpoint with expected and actual).
import { createHash } from 'node:crypto'
import type { ProjectFileInput } from '../../shared/model/project-file'
import { DEMO_SITE_URL } from '../runner/demo-site-link'
import { CHECKPOINT_TESTS } from './demo-checkpoints'
import type { DemoTarget, DemoTest, Step } from './demo-types'

export type { DemoTest, Step } from './demo-types'

/** Stable ids from names, so every machine seeds the same ids (a valid version-8 UUID). */
export function demoId(key: string): string {
  const hex = createHash('sha256').update(`testdesk-demo:${key}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export const DEMO_SUITE = ['ROOT', 'Demo'] as const
export const DEMO_ENVIRONMENT = 'Demo site'
export const DEMO_SECRETS = { environment: { password: 'secret123' }, accounts: ['secret123', 'admin123'] }
/** The verdicts a run of the demo suite gives: every test passes except the one failing on purpose. */
export const DEMO_FAILING_TEST = 'Table: joined dates sort newest first (fails on purpose)'

const t = (selector: string, ...alternatives: string[]) => ({ selector, alternatives })
const go = (path: string): Step => ({ action: 'navigate', value: path })
const click = (selector: string, ...alts: string[]): Step => ({ action: 'click', target: t(selector, ...alts) })
const fill = (selector: string, value: string, ...alts: string[]): Step => ({ action: 'fill', target: t(selector, ...alts), value })
const press = (key: string, selector?: string): Step => ({ action: 'press', value: key, target: selector ? t(selector) : null })
const check = (selector: string): Step => ({ action: 'check', target: t(selector) })
const uncheck = (selector: string): Step => ({ action: 'uncheck', target: t(selector) })
const select = (selector: string, ...values: string[]): Step =>
  values.length === 1 ? { action: 'select', target: t(selector), value: values[0] } : { action: 'select', target: t(selector), options: { values } }
const verify = (selector: string | DemoTarget, property: string, expected: string | number | boolean, operator = 'equals', name?: string): Step => ({
  action: 'checkpoint',
  target: typeof selector === 'string' ? t(selector) : selector,
  options: { checkpoint: { type: 'element', assertions: [{ property, operator, expected, ...(name ? { name } : {}) }] } },
})
/** The texts of every match, read at once: in this order (equals) or in any order (contains). */
const verifyTexts = (selector: string | DemoTarget, texts: string[], operator = 'equals'): Step => ({
  action: 'checkpoint',
  target: typeof selector === 'string' ? t(selector) : selector,
  options: { checkpoint: { type: 'element', assertions: [{ property: 'texts', operator, texts }] } },
})
/** A todo row told apart by its title. */
const todoRow = (title: string): DemoTarget => ({ selector: '[data-testid=todo-item]', has_text: title })
const inRow = (title: string, selector: string): DemoTarget => ({ selector, within: todoRow(title) })
const verifyText = (selector: string | DemoTarget, expected: string, operator = 'equals') => verify(selector, 'text', expected, operator)
const verifyAttribute = (selector: string, name: string, expected: string, operator = 'equals'): Step => ({
  action: 'checkpoint',
  target: t(selector),
  options: { checkpoint: { type: 'element', assertions: [{ property: 'attribute', name, operator, expected }] } },
})
const verifySort = (column: string, order: 'ascending' | 'descending' | 'none') => verifyAttribute(`#col-${column}`, 'aria-sort', order)
const verifyVisible = (selector: string, visible = true) => verify(selector, 'visible', visible)
const verifyTitle = (expected: string, operator = 'equals'): Step => ({
  action: 'checkpoint',
  options: { checkpoint: { type: 'element', assertions: [{ property: 'title', operator, expected }] } },
})
const verifyUrl = (expected: string, operator = 'contains'): Step => ({
  action: 'checkpoint',
  options: { checkpoint: { type: 'element', assertions: [{ property: 'url', operator, expected }] } },
})


const login = (email: string, password: string): Step[] => [
  go('login.html'),
  verifyTitle('Login - TestDesk Demo'),
  fill('label=Email', email, '#username', '[data-testid=login-username]'),
  fill('label=Password', password, '#password'),
  click('role=button[name="Sign in"]', '#login-submit'),
]

const addTodos = (...titles: string[]): Step[] =>
  titles.flatMap((title) => [fill('[data-testid=new-todo]', title, 'placeholder=What needs to be done?'), press('Enter', '[data-testid=new-todo]')])

const TESTS: DemoTest[] = [
  // ── Smoke ──
  {
    name: 'Smoke: home page lists every demo page',
    suite: 'Smoke',
    tags: ['smoke'],
    priority: 'critical',
    steps: [
      go('/'),
      verifyTitle('TestDesk Demo'),
      verifyText('h1', 'TestDesk Demo'),
      verify('#page-list li', 'count', 15),
      verifyVisible('[data-testid=card-login]'),
      verifyVisible('[data-testid=card-todos]'),
      verifyVisible('[data-testid=card-table]'),
      click('[data-testid=card-login]', 'text=Login form'),
      verifyUrl('login.html'),
      verifyText('h1', 'Log in'),
      click('[data-testid=nav-home]'),
      verifyTitle('TestDesk Demo'),
    ],
  },
  {
    name: 'Smoke: navigation reaches the main pages',
    suite: 'Smoke',
    tags: ['smoke'],
    priority: 'high',
    steps: [
      go('/'),
      click('[data-testid=nav-todos]'),
      verifyText('h1', 'Todo list'),
      click('[data-testid=nav-table]'),
      verifyText('h1', 'Sortable table'),
      click('[data-testid=nav-dialogs]'),
      verifyText('h1', 'Alert, confirm and prompt'),
      click('[data-testid=nav-network]'),
      verifyText('h1', 'Network requests'),
      click('[data-testid=nav-home]'),
      verifyText('h1', 'TestDesk Demo'),
    ],
  },
  {
    name: 'Smoke: demo user can sign in',
    suite: 'Smoke',
    tags: ['smoke', 'login'],
    priority: 'critical',
    steps: [
      ...login('${user}', '${password}'),
      verifyUrl('dashboard.html'),
      verifyText('[data-testid=welcome-message]', 'Welcome, Demo User!'),
      verifyText('#user-email', 'demo@testdesk.dev', 'contains'),
      verifyVisible('[data-testid=logout-link]'),
      click('[data-testid=logout-link]'),
      verifyText('#login-status', 'You have been logged out'),
    ],
  },
  // ── Login ──
  {
    name: 'Login: wrong password shows an error',
    suite: 'Login',
    tags: ['login', 'negative'],
    steps: [
      ...login('demo@testdesk.dev', 'not-the-password'),
      verifyVisible('[data-testid=login-error]'),
      verifyText('[data-testid=login-error]', 'Invalid username or password'),
      verifyUrl('login.html'),
      verify('#password', 'value', 'not-the-password'),
      fill('label=Password', ''),
      verify('#password', 'value', ''),
    ],
  },
  {
    name: 'Login: empty fields are required',
    suite: 'Login',
    tags: ['login', 'validation'],
    steps: [
      go('login.html'),
      click('role=button[name="Sign in"]', '#login-submit'),
      verifyText('#username-error', 'Email is required'),
      verifyText('#password-error', 'Password is required'),
      verifyAttribute('#username', 'aria-invalid', 'true'),
      fill('label=Email', 'demo@testdesk.dev'),
      click('role=button[name="Sign in"]'),
      verifyText('#password-error', 'Password is required'),
      verifyUrl('login.html'),
      verifyTitle('Login', 'contains'),
    ],
  },
  {
    name: 'Login: a malformed email is refused',
    suite: 'Login',
    tags: ['login', 'validation'],
    steps: [
      ...login('not-an-email', 'secret123'),
      verifyText('#username-error', 'Please enter a valid email address'),
      verifyUrl('login.html'),
      fill('label=Email', 'demo@testdesk.dev'),
      click('role=button[name="Sign in"]'),
      verifyUrl('dashboard.html'),
      verifyText('[data-testid=welcome-message]', 'Welcome, Demo User!'),
    ],
  },
  {
    name: 'Login: Enter in the password field signs in',
    suite: 'Login',
    tags: ['login', 'keyboard'],
    steps: [
      go('login.html'),
      fill('label=Email', '${user}'),
      fill('label=Password', '${password}'),
      press('Enter', 'label=Password'),
      verifyUrl('dashboard.html'),
      verifyText('[data-testid=welcome-message]', 'Welcome, Demo User!'),
      verifyText('#remember-status', 'You will be signed out when you close the browser'),
      go('dashboard.html'),
      verifyText('[data-testid=welcome-message]', 'Welcome, Demo User!'),
      click('[data-testid=logout-link]'),
      verifyUrl('loggedout=1'),
    ],
  },
  {
    name: 'Login: a locked account cannot sign in',
    suite: 'Login',
    tags: ['login', 'negative'],
    steps: [
      ...login('locked@testdesk.dev', 'locked123'),
      verifyText('[data-testid=login-error]', 'This account is locked'),
      verifyUrl('login.html'),
      go('dashboard.html'),
      verifyText('#not-logged-in', 'You are not logged in.'),
      click('#go-to-login', 'text=Go to login'),
      verifyText('h1', 'Log in'),
    ],
  },
  {
    name: 'Login: remember me keeps the session',
    suite: 'Login',
    tags: ['login'],
    steps: [
      go('login.html'),
      fill('label=Email', '${user}'),
      fill('label=Password', '${password}'),
      check('label=Remember me'),
      verify('#remember-me', 'checked', true),
      click('role=button[name="Sign in"]'),
      verifyText('#remember-status', 'You will stay signed in on this browser'),
      click('[data-testid=logout-link]'),
      verifyText('#login-status', 'You have been logged out'),
      verify('#remember-me', 'checked', false),
    ],
  },
  {
    name: 'Login: each account in the data set',
    suite: 'Login',
    tags: ['login', 'data-driven'],
    dataDriven: true,
    description: 'Data-driven: runs once per row of the "Demo accounts" data set.',
    steps: [
      ...login('${email}', '${password}'),
      verifyUrl('dashboard.html'),
      verifyText('[data-testid=welcome-message]', 'Welcome, ${name}!'),
      verifyText('#user-email', '${email}', 'contains'),
      verifyText('#user-role', '${role}', 'contains'),
      click('[data-testid=logout-link]'),
      verifyUrl('login.html'),
    ],
  },
  // ── Todos (each starts from the suite's set-up: the app open on an empty list) ──
  {
    name: 'Todos: add items and count them',
    suite: 'Todos',
    tags: ['todos', 'smoke'],
    steps: [
      verifyText('#todo-empty', 'Nothing to do yet.'),
      ...addTodos('Buy milk', 'Write tests', 'Review report'),
      verify('[data-testid=todo-item]', 'count', 3),
      verifyText('#todo-count', '3 items left'),
      verify('#todo-empty', 'visible', false),
      verifyText({ selector: '[data-testid=todo-item]', nth: 'first' }, 'Buy milk', 'contains'),
    ],
  },
  {
    name: 'Todos: complete an item',
    suite: 'Todos',
    tags: ['todos'],
    steps: [
      ...addTodos('Buy milk', 'Write tests'),
      check('role=checkbox[name="Buy milk"]'),
      verify('role=checkbox[name="Buy milk"]', 'checked', true),
      verifyText('#todo-count', '1 item left'),
      uncheck('role=checkbox[name="Buy milk"]'),
      verifyText('#todo-count', '2 items left'),
      verify('#clear-completed', 'disabled', true),
    ],
  },
  {
    name: 'Todos: filter active and completed',
    suite: 'Todos',
    tags: ['todos'],
    steps: [
      ...addTodos('One', 'Two', 'Three'),
      check('role=checkbox[name="Two"]'),
      click('#filter-active'),
      verify({ selector: '[data-testid=todo-item]', visible_only: true }, 'count', 2),
      click('#filter-completed'),
      verify({ selector: '[data-testid=todo-item]', visible_only: true }, 'count', 1),
      verifyText({ selector: '[data-testid=todo-item]', visible_only: true }, 'Two', 'contains'),
      click('#filter-all'),
      verify('[data-testid=todo-item]', 'count', 3),
    ],
  },
  {
    name: 'Todos: delete an item',
    suite: 'Todos',
    tags: ['todos'],
    steps: [
      ...addTodos('Keep me', 'Delete me', 'Keep me too'),
      verify('[data-testid=todo-item]', 'count', 3),
      click('role=button[name="Delete Delete me"]'),
      verify('[data-testid=todo-item]', 'count', 2),
      verifyText('#todo-count', '2 items left'),
      verify('text=Delete me', 'count', 0),
    ],
  },
  {
    name: 'Todos: clear completed items',
    suite: 'Todos',
    tags: ['todos'],
    steps: [
      ...addTodos('A', 'B', 'C'),
      check('role=checkbox[name="A"]'),
      check('role=checkbox[name="C"]'),
      verify('#clear-completed', 'enabled', true),
      click('#clear-completed'),
      verify('[data-testid=todo-item]', 'count', 1),
      verifyText('#todo-count', '1 item left'),
      verify('#clear-completed', 'disabled', true),
    ],
  },
  {
    name: 'Todos: blank titles are ignored',
    suite: 'Todos',
    tags: ['todos', 'validation'],
    steps: [
      fill('[data-testid=new-todo]', '   '),
      click('#add-todo'),
      verify('[data-testid=todo-item]', 'count', 0),
      fill('[data-testid=new-todo]', 'Real item'),
      click('#add-todo', 'role=button[name="Add"]'),
      verify('[data-testid=todo-item]', 'count', 1),
      verify('[data-testid=new-todo]', 'value', ''),
      verifyText('#todo-count', '1 item left'),
      verify('#todo-empty', 'visible', false),
    ],
  },
  {
    name: 'Todos: a saved list survives a reload and clears',
    suite: 'Todos',
    tags: ['todos', 'storage'],
    description: 'Seeds the list the app keeps in session storage, reloads, checks it as a whole, then clears the storage.',
    steps: [
      {
        action: 'set_storage',
        value: JSON.stringify({ nextId: 4, items: [{ id: 1, title: 'Buy milk', completed: false }, { id: 2, title: 'Walk the dog', completed: true }, { id: 3, title: 'Write tests', completed: false }] }),
        options: { storage: 'session', name: 'testdesk-demo-todos' },
      },
      { action: 'reload' },
      verifyTexts('[data-testid=todo-title]', ['Buy milk', 'Walk the dog', 'Write tests']),
      verify(todoRow('Walk the dog'), 'class', 'completed', 'contains'),
      verify(todoRow('Buy milk'), 'class', 'completed', 'not_contains'),
      verify(inRow('Walk the dog', '[data-testid=todo-title]'), 'css', 'line-through', 'equals', 'text-decoration-line'),
      verifyText('#todo-count', '2 items left'),
      { action: 'clear_storage', options: { storage: 'session' } },
      { action: 'reload' },
      verify('[data-testid=todo-item]', 'count', 0),
      verifyVisible('#todo-empty'),
    ],
  },
  {
    name: 'Todos: filters follow Back and Forward',
    suite: 'Todos',
    tags: ['todos', 'navigation'],
    steps: [
      ...addTodos('Buy milk', 'Buy bread', 'Walk the dog'),
      { action: 'check', target: inRow('bread', '[data-testid=todo-toggle]') },
      { action: 'check', target: { selector: '[data-testid=todo-toggle]', nth: 'last' } },
      click('#filter-active'),
      verifyTexts('[data-testid=todo-title]', ['Buy milk']),
      click('#filter-completed'),
      verifyTexts('[data-testid=todo-title]', ['Walk the dog', 'Buy bread'], 'contains'),
      { action: 'go_back' },
      verifyUrl('#/active'),
      verify({ selector: '[data-testid=todo-item]', has_not_text: 'milk' }, 'count', 0),
      { action: 'go_back' },
      verifyTexts('[data-testid=todo-title]', ['Buy milk', 'Buy bread', 'Walk the dog']),
      verify({ selector: '[data-testid=todo-item]', nth: 1 }, 'class', 'completed', 'contains'),
      { action: 'go_forward' },
      verify({ selector: '[data-testid=todo-item]', visible_only: true }, 'count', 1),
      verify({ selector: '[data-testid=todo-item]', nth: 0 }, 'class', 'completed', 'not_contains'),
    ],
  },
  {
    name: 'Todos: a dismissed tip stays hidden',
    suite: 'Todos',
    tags: ['todos', 'storage'],
    description: 'The page remembers the dismissed tip in a cookie: setting the cookie hides the tip, clearing cookies brings it back.',
    steps: [
      verifyVisible('#todo-tip'),
      verify('#todo-tip', 'in_viewport', true),
      { action: 'set_storage', value: 'hidden', options: { storage: 'cookie', name: 'todo-tip' } },
      { action: 'reload' },
      verifyVisible('#todo-tip', false),
      { action: 'clear_storage', options: { storage: 'cookies' } },
      { action: 'reload' },
      verifyVisible('#todo-tip'),
      click('#dismiss-tip'),
      { action: 'reload' },
      verifyVisible('#todo-tip', false),
    ],
  },
  // ── Table ──
  {
    name: 'Table: sort by name',
    suite: 'Table',
    tags: ['table', 'smoke'],
    steps: [
      go('table.html'),
      verifyText('#row-count', 'Showing 20 of 20'),
      click('[data-testid=sort-name]'),
      verifySort('name', 'ascending'),
      verifyText('#people-body tr >> nth=0 >> td[data-column=name]', 'A', 'matches'),
      click('[data-testid=sort-name]'),
      verifySort('name', 'descending'),
      verify('#people-body tr', 'count', 20),
      verifySort('age', 'none'),
      verifyText('#row-count', 'Showing 20 of 20'),
    ],
  },
  {
    name: 'Table: sort by age both ways',
    suite: 'Table',
    tags: ['table'],
    steps: [
      go('table.html'),
      click('[data-testid=sort-age]'),
      verifySort('age', 'ascending'),
      verifyText('#people-body tr >> nth=0 >> td[data-column=name]', 'Kofi Mensah'),
      click('[data-testid=sort-age]'),
      verifySort('age', 'descending'),
      verifyText('#people-body tr >> nth=0 >> td[data-column=name]', 'Julia Rossi'),
      click('[data-testid=sort-city]'),
      verifySort('age', 'none'),
      verifySort('city', 'ascending'),
    ],
  },
  {
    name: 'Table: filter by text',
    suite: 'Table',
    tags: ['table'],
    steps: [
      go('table.html'),
      fill('label=Search', 'Julia'),
      verifyText('#row-count', 'Showing 1 of 20'),
      verifyText('#people-body tr >> nth=0 >> td[data-column=name]', 'Julia Rossi'),
      fill('label=Search', 'zzz-nobody'),
      verifyText('#row-count', 'Showing 0 of 20'),
      verifyVisible('#no-results'),
      fill('label=Search', ''),
      verifyText('#row-count', 'Showing 20 of 20'),
      verify('#no-results', 'visible', false),
    ],
  },
  {
    name: 'Table: filter by role',
    suite: 'Table',
    tags: ['table'],
    steps: [
      go('table.html'),
      select('label=Role', 'Tester'),
      verifyText('#row-count', 'Showing 6 of 20'),
      verify('#people-body tr', 'count', 6),
      select('label=Role', 'Designer'),
      verifyText('#row-count', 'Showing 4 of 20'),
      select('label=Role', 'Manager'),
      verifyText('#row-count', 'Showing 3 of 20'),
      select('label=Role', 'Developer'),
      verifyText('#row-count', 'Showing 7 of 20'),
    ],
  },
  {
    name: DEMO_FAILING_TEST,
    suite: 'Table',
    tags: ['table', 'known-bug'],
    description: 'Fails on purpose, to show a failing checkpoint with its expected and actual values, a screenshot and a trace.',
    stepTimeoutMs: 2000,
    steps: [
      go('table.html'),
      verifyText('#row-count', 'Showing 20 of 20'),
      click('[data-testid=sort-joined]'),
      verifySort('joined', 'ascending'),
      click('[data-testid=sort-joined]'),
      verifySort('joined', 'descending'),
      verify('#people-body tr', 'count', 20),
      verifyText('#people-body tr >> nth=0 >> td[data-column=joined]', '1999-01-01'),
      verifyText('#row-count', 'Showing 20 of 20'),
      verifySort('name', 'none'),
    ],
  },
  // ── Widgets ──
  {
    name: 'Widgets: delayed content appears',
    suite: 'Widgets',
    tags: ['waits'],
    steps: [
      go('delayed.html?delay=300'),
      verifyText('h1', 'Delayed content'),
      click('#load-content'),
      verifyText('#loaded-content', 'Content loaded'),
      verifyText('#load-status', 'Loaded'),
      verifyText('#auto-content', 'This content appeared on its own'),
      verifyText('#status-text', 'Status: complete'),
      verify('#spinner', 'visible', false),
      click('#enable-later'),
      verifyText('#enable-later-result', 'Continue clicked'),
    ],
  },
  {
    name: 'Widgets: a form inside a frame',
    suite: 'Widgets',
    tags: ['frames'],
    steps: [
      go('frames.html'),
      click('#main-button'),
      verifyText('#main-result', 'Main page button clicked'),
      { action: 'switch_frame', target: t('#inner-frame') },
      fill('label=Your name', 'Ada'),
      click('#frame-submit'),
      verifyText('#frame-result', 'Hello, Ada!'),
      { action: 'switch_frame' },
      verifyText('#frame-message', 'Frame says: Hello, Ada!'),
      { action: 'click', target: { selector: '#nested-button', frames: ['#inner-frame', '#nested-frame'] } },
      { action: 'checkpoint', target: { selector: '#nested-result', frames: ['#inner-frame', '#nested-frame'] }, options: { checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'equals', expected: 'Nested button clicked' }] } } },
    ],
  },
  {
    name: 'Widgets: a popup window talks back',
    suite: 'Widgets',
    tags: ['windows'],
    steps: [
      go('popup.html'),
      click('#open-popup'),
      { action: 'switch_page', options: { by: 'new' } },
      verifyText('h1', 'Popup target'),
      verifyText('#opened-from', 'Opened from: button'),
      click('#change-text'),
      verifyText('#popup-text', 'Text changed'),
      click('#send-to-opener'),
      verifyText('#send-status', 'Message sent'),
      { action: 'switch_page', options: { by: 'main' } },
      verifyText('#popup-message', 'Popup says: Hello from the popup'),
    ],
  },
  {
    name: 'Widgets: confirm and prompt dialogs',
    suite: 'Widgets',
    tags: ['dialogs'],
    steps: [
      go('dialogs.html'),
      click('#alert-button'),
      verifyText('#alert-result', 'Alert closed'),
      { action: 'dialog', options: { response: 'accept' } },
      click('#confirm-button'),
      verifyText('#confirm-result', 'Confirmed'),
      { action: 'dialog', options: { response: 'dismiss' } },
      click('#confirm-button'),
      verifyText('#confirm-result', 'Cancelled'),
      { action: 'dialog', options: { response: 'accept' }, value: 'Grace' },
      click('#prompt-button'),
      verifyText('#prompt-result', 'You entered: Grace'),
    ],
  },
  {
    name: 'Widgets: drag fruit into the basket',
    suite: 'Widgets',
    tags: ['mouse'],
    steps: [
      go('dragdrop.html'),
      verifyText('#basket-contents', 'Basket: empty'),
      { action: 'drag', target: t('#fruit-apple'), options: { to: { selector: '#basket', alternatives: [] } } },
      verifyText('#drop-result', 'Dropped Apple into the basket'),
      { action: 'drag', target: t('#fruit-cherry'), options: { to: { selector: '#basket', alternatives: [] } } },
      verifyText('#basket-contents', 'Basket: Apple, Cherry'),
      click('#reset-basket'),
      verifyText('#basket-contents', 'Basket: empty'),
      { action: 'drag', target: t('#item-1'), options: { to: { selector: '#item-3', alternatives: [] } } },
      verifyText('#sort-order', 'Order: Item 2, Item 3, Item 1, Item 4, Item 5'),
    ],
  },
  {
    name: 'Widgets: hover menu and double-click',
    suite: 'Widgets',
    tags: ['mouse'],
    steps: [
      go('interactions.html'),
      { action: 'hover', target: t('#menu-trigger') },
      click('#menu-runner', 'role=menuitem[name="Runner"]'),
      verifyText('#menu-result', 'Selected: Runner'),
      { action: 'hover', target: t('#hover-target') },
      verifyText('role=tooltip', 'Tooltip: you are hovering'),
      { action: 'dblclick', target: t('#dblclick-box') },
      verifyText('#dblclick-result', 'Double-click count: 1'),
      { action: 'dblclick', target: t('#dblclick-box') },
      verifyText('#dblclick-result', 'Double-click count: 2'),
    ],
  },
  {
    name: 'Widgets: keyboard keys and chords',
    suite: 'Widgets',
    tags: ['keyboard'],
    steps: [
      go('interactions.html'),
      click('label=Type here'),
      { action: 'type', target: t('label=Type here'), value: 'hello' },
      verifyText('#typed-text', 'You typed: hello'),
      press('Enter', 'label=Type here'),
      verifyText('#last-key', 'Last key: Enter'),
      press('Control+a', 'label=Type here'),
      verifyText('#last-key', 'Last key: Control+a'),
      press('Shift+ArrowLeft', 'label=Type here'),
      verifyText('#last-key', 'Last key: Shift+ArrowLeft'),
    ],
  },
  {
    name: 'Widgets: selects, radios and checkboxes',
    suite: 'Widgets',
    tags: ['forms'],
    steps: [
      go('interactions.html'),
      select('label=Favourite colour', 'green'),
      verifyText('#color-result', 'Colour: Green'),
      select('label=Languages', 'typescript', 'python'),
      verifyText('#languages-result', 'Languages: TypeScript, Python'),
      check('#plan-pro'),
      verifyText('#plan-result', 'Plan: Pro'),
      uncheck('#notify-email'),
      check('#notify-sms'),
      verifyText('#notify-result', 'Notifications: SMS'),
    ],
  },
  {
    name: 'Widgets: scroll to the bottom of a long area',
    suite: 'Widgets',
    tags: ['mouse'],
    steps: [
      go('interactions.html'),
      verify('#scroll-status', 'text', 'Bottom reached', 'not_equals'),
      { action: 'scroll', target: t('#far-element') },
      verifyVisible('#far-element'),
      verifyText('#scroll-status', 'Bottom reached'),
      { action: 'set_variable', target: t('#far-element'), options: { name: 'farText', from: 'text' } },
      { action: 'run_script', value: 'document.querySelector("#far-element").textContent.trim()', options: { store_as: 'scripted' } },
      { action: 'run_script', value: 'return "${farText}" === "${scripted}" ? "same" : "different"', options: { store_as: 'same' } },
      { action: 'set_variable', value: '${same}', options: { name: 'verdict' } },
      { action: 'run_script', value: 'if ("${verdict}" !== "same") throw new Error("texts differ"); return "ok"' },
    ],
  },
  {
    name: 'Widgets: download a report',
    suite: 'Widgets',
    tags: ['files'],
    steps: [
      go('download.html'),
      verifyText('h1', 'File download'),
      verifyVisible('#download-report'),
      click('#download-report'),
      click('#download-json'),
      verifyText('#download-status', 'data.json generated (265 bytes)'),
      verifyAttribute('#download-report', 'href', 'files/report.csv', 'contains'),
      verifyVisible('#download-notes'),
      click('#download-notes'),
      verifyTitle('File download', 'contains'),
    ],
  },
  {
    name: 'Widgets: network calls show their results',
    suite: 'Widgets',
    tags: ['network'],
    steps: [
      go('network.html'),
      click('#fetch-users'),
      verify('[data-testid=user-item]', 'count', 5),
      verifyText('#result-status', 'Status: 200'),
      click('#fetch-fail'),
      verifyText('#result-status', 'Status: 500'),
      verifyText('#result-body', 'The demo server failed on purpose', 'contains'),
      fill('label=Delay (ms)', '200'),
      click('#fetch-slow'),
      verifyText('#request-state', 'Done'),
      verifyText('#request-log', 'GET /api/users', 'contains'),
    ],
  },
  ...CHECKPOINT_TESTS,
]

/** Steps a demo suite runs before each of its tests, instead of every test repeating them. */
const SUITE_SETUP: Record<string, Step[]> = {
  Todos: [
    { ...go('todos.html'), description: 'Open the todo app' },
    { action: 'clear_storage', description: 'Forget lists and cookies from before' },
    { action: 'reload', description: 'Start from an empty list' },
  ],
}

const fileSteps = (key: string, steps: readonly Step[]) =>
  steps.map((step, i) => ({
    id: demoId(`${key}:${i}`),
    action: step.action,
    target: step.target ? { ...step.target, alternatives: step.target.alternatives ?? [] } : null,
    value: step.value ?? null,
    options: step.options ?? {},
    description: step.description ?? null,
  }))

export function demoProjectFile(): ProjectFileInput {
  const suites = ['Smoke', 'Login', 'Todos', 'Table', 'Widgets', 'Checkpoints']
  const environmentId = demoId('environment')
  const dataSetId = demoId('data-set')
  return {
    format: 'testdesk-project',
    version: 1,
    project: { id: demoId('project'), name: 'TestDesk Demo', description: 'Tests of the demo site shipped with TestDesk.' },
    scope: [...DEMO_SUITE],
    suites: [
      { id: demoId('suite:Demo'), path: [...DEMO_SUITE], description: 'Demo tests against the bundled demo site (testdesk demo-site).', position: 0, tests: [] },
      ...suites.map((name, position) => ({
        id: demoId(`suite:${name}`),
        path: [...DEMO_SUITE, name],
        description: null,
        position,
        tests: TESTS.filter((test) => test.suite === name).map((test) => demoId(`test:${test.name}`)),
        setup: fileSteps(`suite-setup:${name}`, SUITE_SETUP[name] ?? []),
      })),
    ],
    tests: TESTS.map((test) => ({
      id: demoId(`test:${test.name}`),
      name: test.name,
      description: test.description ?? null,
      tags: ['demo', ...test.tags],
      priority: test.priority ?? 'medium',
      environment_id: environmentId,
      data_set_id: test.dataDriven ? dataSetId : null,
      step_timeout_ms: test.stepTimeoutMs ?? null,
      steps: fileSteps(`step:${test.name}`, test.steps),
    })),
    data_sets: [
      {
        id: dataSetId,
        name: 'Demo accounts',
        description: 'Accounts the demo site knows; passwords are secret.',
        columns: [
          { name: 'email', secret: false },
          { name: 'password', secret: true },
          { name: 'name', secret: false },
          { name: 'role', secret: false },
        ],
        rows: [
          { id: demoId('row:demo'), values: { email: 'demo@testdesk.dev', name: 'Demo User', role: 'Tester' } },
          { id: demoId('row:admin'), values: { email: 'admin@testdesk.dev', name: 'Ada Admin', role: 'Manager' } },
        ],
      },
    ],
    environments: [
      {
        id: environmentId,
        name: DEMO_ENVIRONMENT,
        description: 'The demo site TestDesk starts by itself for the run.',
        base_url: DEMO_SITE_URL,
        variables: [
          { name: 'user', value: 'demo@testdesk.dev', is_secret: false },
          { name: 'password', value: null, is_secret: true },
        ],
      },
    ],
  }
}

export const DEMO_TEST_COUNT = TESTS.length
