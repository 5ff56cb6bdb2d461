// The words real-app tests needed: page history, storage and cookies, list/class/CSS/viewport
// checkpoints and target refinements, each passing and failing with a message a tester can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEngineFixture, step, verify, type EngineFixture, type StepSpec } from './testing'
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

/** The failure of the test's last step (the one expected to fail). */
function failureOf(outcome: TestOutcome): string {
  expect(outcome.status).toBe('failed')
  const failed = outcome.steps.find((s) => s.status === 'failed')
  expect(failed?.step_number).toBe(outcome.steps.length)
  return failed?.error_message ?? ''
}

const quick = { timeout_ms: 600 }
const add = (...titles: string[]): StepSpec[] =>
  titles.flatMap((title) => [step('fill', '#new-todo', title), step('press', '#new-todo', 'Enter')])
const texts = (selector: string | StepSpec['target'], list: string[], operator = 'equals') => verify(selector, { property: 'texts', operator, texts: list })
const row = (title: string) => ({ selector: '[data-testid=todo-item]', has_text: title })

describe('page history', () => {
  it('reloads, goes back and forward between pages and #routes', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'todos.html'),
      ...add('Buy milk', 'Walk the dog'),
      step('check', { selector: '.todo-toggle', within: row('milk') }),
      step('reload'),
      texts('[data-testid=todo-title]', ['Buy milk', 'Walk the dog']),
      step('click', '#filter-completed'),
      texts('[data-testid=todo-title]', ['Buy milk']),
      step('go_back'),
      texts('[data-testid=todo-title]', ['Buy milk', 'Walk the dog']),
      step('go_forward'),
      verify(null, { property: 'url', operator: 'contains', expected: '#/completed' }),
      step('navigate', null, 'table.html'),
      step('go_back'),
      verify('h1', { property: 'text', expected: 'Todo list' }),
    ])
    expectPassed(outcome)
    expect(outcome.steps.map((s) => s.description).filter((d) => /Reload|Go /.test(d ?? ''))).toEqual([
      'Reload the page',
      'Go back to the previous page',
      'Go forward to the next page',
      'Go back to the previous page',
    ])
    expect(outcome.steps.find((s) => s.action === 'go_back')?.playwright_code).toBe('await page.goBack();')
  })

  it('says when there is nowhere to go back or forward to', async () => {
    const back = await fx.run([step('go_back')])
    expect(failureOf(back)).toBe("There is no previous page to go back to in this window's history (it is at about:blank)")
    const forward = await fx.run([step('navigate', null, 'todos.html'), step('go_forward')])
    expect(failureOf(forward)).toContain('There is no next page to go forward to')
  })
})

describe('storage and cookies', () => {
  it('sets and clears session storage, local storage and cookies', async () => {
    const saved = JSON.stringify({ nextId: 3, items: [{ id: 1, title: 'Seeded', completed: false }, { id: 2, title: 'Done', completed: true }] })
    const outcome = await fx.run([
      step('clear_storage'),
      step('navigate', null, 'todos.html'),
      step('set_storage', null, saved, { storage: 'session', name: 'testdesk-demo-todos' }),
      step('reload'),
      texts('[data-testid=todo-title]', ['Seeded', 'Done']),
      step('clear_storage', null, null, { storage: 'session' }),
      step('reload'),
      verify('[data-testid=todo-item]', { property: 'count', expected: 0 }),
      step('set_storage', null, 'dark', { storage: 'local', name: 'theme' }),
      step('run_script', null, "localStorage.getItem('theme')", { store_as: 'theme' }),
      step('clear_storage', null, null, { storage: 'local' }),
      step('run_script', null, "String(localStorage.getItem('theme'))", { store_as: 'cleared' }),
      verify('#todo-tip', { property: 'visible', expected: true }),
      step('set_storage', null, 'hidden', { storage: 'cookie', name: 'todo-tip' }),
      step('reload'),
      verify('#todo-tip', { property: 'visible', expected: false }),
      step('clear_storage', null, null, { storage: 'cookies' }),
      step('reload'),
      verify('#todo-tip', { property: 'visible', expected: true }),
    ])
    expectPassed(outcome)
    expect(outcome.variables).toMatchObject({ theme: 'dark', cleared: 'null' })
    const words = outcome.steps.filter((s) => /storage|cookie/i.test(s.action)).map((s) => s.description)
    expect(words).toEqual([
      'Clear cookies, local storage and session storage',
      expect.stringMatching(/^Set session storage item 'testdesk-demo-todos' to '\{"nextId":3,.*…'$/),
      'Clear session storage',
      "Set local storage item 'theme' to 'dark'",
      'Clear local storage',
      "Set cookie 'todo-tip' to 'hidden'",
      'Clear cookies',
    ])
    expect(outcome.steps.find((s) => s.description === "Set cookie 'todo-tip' to 'hidden'")?.playwright_code).toBe(
      "await page.context().addCookies([{ name: 'todo-tip', value: 'hidden', url: page.url() }]);",
    )
  })

  it('says that site storage needs a page of the site open', async () => {
    const outcome = await fx.run([step('set_storage', null, 'x', { storage: 'local', name: 'k' })])
    expect(failureOf(outcome)).toBe('Setting a local storage item needs a page of the site open (the window is at about:blank): navigate to the site first')
  })
})

describe('list, class, CSS and viewport checkpoints', () => {
  const todos = [step('navigate', null, 'todos.html'), ...add('Buy milk', 'Walk the dog', 'Write tests'), step('check', { selector: '.todo-toggle', within: row('Walk') })]

  it('pass on the todo list as a tester reads it', async () => {
    const outcome = await fx.run([
      ...todos,
      texts('[data-testid=todo-title]', ['Buy milk', 'Walk the dog', 'Write tests']),
      texts('[data-testid=todo-title]', ['Write tests', 'Buy milk'], 'contains'),
      verify(row('Walk'), { property: 'class', operator: 'contains', expected: 'completed' }),
      verify(row('milk'), { property: 'class', operator: 'not_contains', expected: 'completed' }),
      verify({ selector: '.todo-title', within: row('Walk') }, { property: 'css', name: 'text-decoration-line', expected: 'line-through' }),
      verify('h1', { property: 'in_viewport', expected: true }),
    ])
    expectPassed(outcome)
    const checks = outcome.steps.slice(todos.length)
    expect(checks.map((s) => s.description)).toEqual([
      "Verify the texts of 'todo-title' are ['Buy milk', 'Walk the dog', 'Write tests'] in this order",
      "Verify the texts of 'todo-title' include ['Write tests', 'Buy milk'] in any order",
      "Verify 'todo-item' that has text 'Walk' has class 'completed'",
      "Verify 'todo-item' that has text 'milk' has no class 'completed'",
      "Verify CSS text-decoration-line of .todo-title in 'todo-item' that has text 'Walk' equals 'line-through'",
      'Verify h1 is in the viewport',
    ])
    expect(checks.map((s) => s.playwright_code)).toEqual([
      "await expect(page.locator('[data-testid=todo-title]')).toHaveText(['Buy milk', 'Walk the dog', 'Write tests']);",
      "await expect(async () => expect((await page.locator('[data-testid=todo-title]').allTextContents()).map((t) => t.replace(/\\s+/g, ' ').trim())).toEqual(expect.arrayContaining(['Write tests', 'Buy milk']))).toPass();",
      "await expect(page.locator('[data-testid=todo-item]').filter({ hasText: 'Walk' })).toContainClass('completed');",
      "await expect(page.locator('[data-testid=todo-item]').filter({ hasText: 'milk' })).not.toContainClass('completed');",
      "await expect(page.locator('[data-testid=todo-item]').filter({ hasText: 'Walk' }).locator('.todo-title')).toHaveCSS('text-decoration-line', 'line-through');",
      "await expect(page.locator('h1')).toBeInViewport();",
    ])
    expect(outcome.steps[todos.length].checkpoints[0].property_verifications?.[0]).toMatchObject({
      property_name: 'texts',
      expected_value: ['Buy milk', 'Walk the dog', 'Write tests'],
      actual_value: ['Buy milk', 'Walk the dog', 'Write tests'],
      passed: true,
    })
  })

  it('waits for a list that is still changing and reads it in one moment', async () => {
    // The items arrive after the checkpoint starts: it retries until the whole list matches.
    const outcome = await fx.run([
      step('navigate', null, 'todos.html'),
      step('run_script', null, "setTimeout(() => { for (const t of ['One', 'Two']) { const i = document.querySelector('#new-todo'); i.value = t; i.form.requestSubmit(); } }, 400)"),
      texts('[data-testid=todo-title]', ['One', 'Two']),
    ])
    expectPassed(outcome)
  })

  it('fail saying what differs', async () => {
    const failing = [
      texts('[data-testid=todo-title]', ['Buy milk', 'Write tests', 'Walk the dog'], 'equals'),
      texts('[data-testid=todo-title]', ['Buy bread', 'Buy milk'], 'contains'),
      texts('[data-testid=todo-title]', ['Buy milk']),
      verify(row('milk'), { property: 'class', operator: 'contains', expected: 'completed' }),
      verify({ selector: '.todo-title', within: row('milk') }, { property: 'css', name: 'text-decoration-line', expected: 'line-through' }),
      step('run_script', null, "document.body.style.paddingTop = '5000px'"),
      verify('h1', { property: 'in_viewport', expected: true }),
    ].map((s) => (s.action === 'checkpoint' ? { ...s, options: { ...s.options, ...quick, continue_on_failure: true } } : s))
    const outcome = await fx.run([...todos, ...failing])
    expect(outcome.status).toBe('failed')
    expect(outcome.steps.slice(todos.length).map((s) => s.error_message)).toEqual([
      "Expected the texts of 'todo-title' to be ['Buy milk', 'Write tests', 'Walk the dog'] in this order but item 2 is 'Walk the dog', not 'Write tests': the 3 elements have ['Buy milk', 'Walk the dog', 'Write tests']",
      "Expected the texts of 'todo-title' to include ['Buy bread', 'Buy milk'] in any order but 'Buy bread' is missing: the 3 elements have ['Buy milk', 'Walk the dog', 'Write tests']",
      "Expected the texts of 'todo-title' to be ['Buy milk'] in this order but the 3 elements have ['Buy milk', 'Walk the dog', 'Write tests']",
      "Expected 'todo-item' that has text 'milk' to have class 'completed' but its classes are 'todo-item'",
      "Expected CSS text-decoration-line of .todo-title in 'todo-item' that has text 'milk' to equal 'line-through' but was 'none'",
      null,
      'Expected h1 to be in the viewport but it is out of the viewport',
    ])
  })
})

describe('target refinements', () => {
  it('narrow a target by text, position, container and visibility', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'todos.html'),
      ...add('Buy milk', 'Buy bread', 'Walk the dog'),
      step('click', { selector: 'role=button', within: { selector: '[data-testid=todo-item]', has_text: 'bread' } }),
      texts('[data-testid=todo-title]', ['Buy milk', 'Walk the dog']),
      step('check', { selector: '[data-testid=todo-toggle]', nth: 'last' }),
      verify({ selector: '[data-testid=todo-item]', nth: 1 }, { property: 'class', expected: 'completed', operator: 'contains' }),
      verify({ selector: '[data-testid=todo-item]', nth: 'first', has_not_text: 'dog' }, { property: 'text', expected: 'Buy milk', operator: 'contains' }),
      step('click', '#filter-active'),
      verify({ selector: '[data-testid=todo-item]', visible_only: true }, { property: 'count', expected: 1 }),
    ])
    expectPassed(outcome)
    const click = outcome.steps[7]
    expect(click.description).toBe("Click button in 'todo-item' that has text 'bread'")
    expect(click.playwright_code).toBe("await page.locator('[data-testid=todo-item]').filter({ hasText: 'bread' }).getByRole('button').click();")
    expect(outcome.steps[9].description).toBe("Check the last 'todo-toggle'")
    expect(outcome.steps[9].playwright_code).toBe("await page.locator('[data-testid=todo-toggle]').last().check();")
    expect(outcome.steps[11].description).toBe("Verify text of the first 'todo-item' without text 'dog' contains 'Buy milk'")
  })

  it('say which refined target was not found', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'todos.html'),
      ...add('Buy milk'),
      step('click', { selector: 'role=button', nth: 1, within: { selector: '[data-testid=todo-item]', has_text: 'milk' } }, null, quick),
    ])
    expect(failureOf(outcome)).toBe("No element matches the 2nd button in 'todo-item' that has text 'milk' within 600 ms")
  })
})
