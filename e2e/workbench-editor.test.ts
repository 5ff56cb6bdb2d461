// The test editor in real Chromium through browser mode, driven by the UI only: a suite and a
// test made in the app, ten steps of different actions entered through their generated forms,
// reordered by dragging, disabled, undone; axe on each screen on the way.
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { pageErrors, startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench()
}, 300_000)
afterAll(() => wb?.close())

async function savedTest(name: string) {
  const { items } = await wb.call('tests.list', { search: name, limit: 5 })
  return items.length ? await wb.call('tests.get', { id: items[0].id }) : null
}

/** Adds a step of an action through the Add step dialog; its form opens beside the table. */
async function addStep(page: Page, label: string) {
  await page.getByRole('button', { name: 'Add step' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a step' })
  await dialog.getByRole('combobox', { name: 'Filter actions' }).fill(label)
  await dialog.getByRole('option', { name: new RegExp(`^${label}(?![a-z])`) }).click()
  await dialog.waitFor({ state: 'detached' })
}

/** Set-up data through the contract: the ten steps the first test enters through the forms. */
const TEN_STEPS = [
  { action: 'navigate', value: '/shop' },
  { action: 'fill', target: { selector: 'label=Card number', alternatives: ['#card'] }, value: '${card}' },
  { action: 'click', target: { selector: 'role=button[name="Pay"]' }, options: { button: 'left', click_count: 2 } },
  { action: 'press', target: { selector: '#card' }, value: 'Enter' },
  { action: 'select', target: { selector: 'label=Country' }, value: 'France' },
  { action: 'check', target: { selector: '#terms' } },
  { action: 'wait', options: { ms: 500 } },
  { action: 'hover', target: { selector: 'text=Help' } },
  { action: 'set_variable', target: { selector: '#total' }, options: { name: 'total' } },
  { action: 'checkpoint', target: { selector: '#receipt' }, options: { checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'contains', expected: 'Thank you ${total}' }] } } },
]

const form = (page: Page) => page.getByRole('complementary', { name: /^Step \d+/ })
const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Saved')

describe('the test editor', () => {
  it('makes a suite and a test, then ten steps of different actions through the forms', async () => {
    const { page, context } = await wb.open('/')
    await page.getByRole('tree', { name: 'Suites and tests' }).waitFor()
    await expectAccessible(page, 'the empty tests screen')

    await page.getByRole('button', { name: 'New suite' }).click()
    const create = page.getByRole('dialog', { name: 'New suite' })
    await expectAccessible(page, 'the new suite dialog')
    await create.getByRole('textbox', { name: 'Name' }).fill('Checkout')
    await create.getByRole('button', { name: 'Create suite' }).click()
    await page.getByRole('treeitem', { name: /Checkout/ }).click()

    await page.getByRole('button', { name: 'New test' }).click()
    const newTest = page.getByRole('dialog', { name: 'New test' })
    await newTest.getByRole('textbox', { name: 'Name' }).fill('Pay by card')
    await expect.poll(() => newTest.getByRole('option', { name: 'Checkout', selected: true }).count()).toBe(1)
    await newTest.getByRole('button', { name: 'Create test' }).click()
    await page.getByRole('grid', { name: 'Steps' }).waitFor()
    expect(new URL(page.url()).pathname).toMatch(/^\/tests\/[0-9a-f-]{36}$/)
    const suite = (await wb.call('suites.byPath', { path: ['ROOT', 'Checkout'] })) as { id: string }
    expect((await savedTest('Pay by card'))?.suite_ids).toEqual([suite.id])

    await addStep(page, 'Navigate')
    await form(page).getByRole('textbox', { name: /^Value/ }).fill('/shop')
    await addStep(page, 'Fill')
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('label=Card number')
    await form(page).getByRole('textbox', { name: /^Value/ }).fill('${card}')
    // The catalogue's variable check speaks as the tester types.
    await form(page).getByText('Unknown variable ${card}').waitFor()
    await form(page).getByRole('textbox', { name: 'Add an alternative selector' }).fill('#card')
    await form(page).getByRole('button', { name: 'Add alternative' }).click()
    await addStep(page, 'Click')
    // Live validation of the selector, in the catalogue's words, before it is fixed.
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('role=button[name="Pay"')
    await form(page).getByRole('textbox', { name: 'Selector', exact: true, description: /is not a valid role selector: write it like role=button/ }).waitFor()
    expect(await page.getByTestId('save-state').textContent()).toMatch(/^Not saved yet: step 3/)
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('role=button[name="Pay"]')
    await form(page).getByRole('combobox', { name: 'Button' }).selectOption('left')
    await form(page).getByRole('textbox', { name: 'Click count' }).fill('2')
    await addStep(page, 'Press key')
    await form(page).getByRole('button', { name: 'Add a target element' }).click()
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('#card')
    await form(page).getByRole('textbox', { name: /^Value/ }).fill('Enter')
    await addStep(page, 'Select')
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('label=Country')
    await form(page).getByRole('textbox', { name: /^Value/ }).fill('France')
    await addStep(page, 'Check')
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('#terms')
    await addStep(page, 'Wait')
    await form(page).getByRole('textbox', { name: 'Milliseconds' }).fill('500')
    await addStep(page, 'Hover')
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('text=Help')
    await addStep(page, 'Set variable')
    await form(page).getByRole('button', { name: 'Add a target element' }).click()
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('#total')
    await form(page).getByRole('textbox', { name: 'Name', exact: true }).fill('total')
    await addStep(page, 'Checkpoint')
    await form(page).getByRole('button', { name: 'Add a target element' }).click()
    await form(page).getByRole('textbox', { name: 'Selector', exact: true }).fill('#receipt')
    // Narrowing the target in words, not selector syntax: the catalogue's refinement fields.
    await form(page).getByText('Narrow the matches').click()
    await form(page).getByRole('textbox', { name: 'Has text', exact: true }).fill('Paid')
    await form(page).getByRole('textbox', { name: 'Which match' }).fill('last')
    await form(page).getByRole('combobox', { name: 'Property', exact: true }).selectOption('text')
    await form(page).getByRole('combobox', { name: 'Operator' }).selectOption('contains')
    await form(page).getByRole('textbox', { name: 'Expected' }).fill('Thank you ${total}')
    await saved(page)
    await expectAccessible(page, 'the test editor with a checkpoint form')

    const test = await savedTest('Pay by card')
    expect(test.steps.map((s: { action: string }) => s.action)).toEqual(['navigate', 'fill', 'click', 'press', 'select', 'check', 'wait', 'hover', 'set_variable', 'checkpoint'])
    expect(test.steps[1]).toMatchObject({ target: { selector: 'label=Card number', alternatives: ['#card'] }, value: '${card}' })
    expect(test.steps[2].options).toEqual({ button: 'left', click_count: 2 })
    expect(test.steps[6].options).toEqual({ ms: 500 })
    expect(test.steps[9].options).toEqual({ checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'contains', expected: 'Thank you ${total}' }] } })
    expect(test.steps[9].target).toEqual({ selector: '#receipt', alternatives: [], has_text: 'Paid', nth: 'last' })
    expect(await page.getByRole('row', { name: /^Step 10: Verify text of the last #receipt that has text 'Paid' contains 'Thank you \$\{total\}'/ }).count()).toBe(1)
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 180_000)

  it('reorders a step by dragging, disables one, and undoes it', async () => {
    const test = await wb.call('tests.create', { name: 'Reorder me', steps: TEN_STEPS })
    const { page, context } = await wb.open(`/tests/${test.id}`)
    const grid = page.getByRole('grid', { name: 'Steps' })
    await grid.waitFor()
    const source = grid.getByRole('row', { name: /^Step 10:/ })
    const target = grid.getByRole('row', { name: /^Step 1:/ })
    const from = (await source.boundingBox())!
    const to = (await target.boundingBox())!
    await page.mouse.move(from.x + 30, from.y + from.height / 2)
    await page.mouse.down()
    for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + 30, from.y + from.height / 2 + ((to.y - from.y - 4) * i) / 12)
    await page.mouse.up()
    await grid.getByRole('row', { name: /^Step 1: Verify text of #receipt/ }).waitFor()
    await saved(page)
    let stored = await wb.call('tests.get', { id: test.id })
    expect(stored.steps.map((s: { action: string }) => s.action).slice(0, 3)).toEqual(['checkpoint', 'navigate', 'fill'])

    await grid.getByRole('row', { name: /^Step 4: .*'Pay'/ }).click()
    await form(page).getByRole('checkbox', { name: /^Disabled/ }).check()
    await grid.getByRole('row', { name: /^Step 4: .*\(disabled\)/ }).waitFor()
    await saved(page)
    stored = await wb.call('tests.get', { id: test.id })
    expect(stored.steps[3]).toMatchObject({ action: 'click', disabled: true })

    await page.getByRole('button', { name: 'Undo' }).click()
    await saved(page)
    stored = await wb.call('tests.get', { id: test.id })
    expect(stored.steps[3].disabled).toBe(false)
    await page.getByRole('button', { name: 'Undo' }).click()
    await grid.getByRole('row', { name: /^Step 10: Verify text of #receipt/ }).waitFor()
    await saved(page)
    stored = await wb.call('tests.get', { id: test.id })
    expect(stored.steps.at(-1).action).toBe('checkpoint')
    await page.getByRole('button', { name: 'Redo' }).click()
    await grid.getByRole('row', { name: /^Step 1: Verify/ }).waitFor()
    await saved(page)
    await context.close()
  }, 180_000)

  it('edits the test properties and a target inline, and picks another recorded alternative as primary', async () => {
    const test = await wb.call('tests.create', { name: 'Edit me', steps: TEN_STEPS })
    const { page, context } = await wb.open(`/tests/${test.id}`)
    const grid = page.getByRole('grid', { name: 'Steps' })
    await grid.getByRole('row', { name: /^Step 2: Fill/ }).getByRole('gridcell').nth(2).dblclick()
    const inline = page.getByRole('textbox', { name: 'Target of step 2' })
    await inline.fill('label=Card')
    await inline.press('Enter')
    await form(page).getByRole('button', { name: 'Use as primary' }).click()
    await saved(page)
    let stored = await wb.call('tests.get', { id: test.id })
    expect(stored.steps[1].target).toEqual({ selector: '#card', alternatives: ['label=Card'] })

    await page.getByRole('tab', { name: 'Properties' }).click()
    await page.getByRole('textbox', { name: 'Description' }).fill('Pays with a test card')
    await page.getByRole('textbox', { name: 'Add a tag' }).fill('payments')
    await page.getByRole('button', { name: 'Add tag' }).click()
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('high')
    await page.getByRole('textbox', { name: 'Step timeout (ms)' }).fill('5000')
    await saved(page)
    await expectAccessible(page, 'the test properties')
    stored = await wb.call('tests.get', { id: test.id })
    expect(stored).toMatchObject({ description: 'Pays with a test card', tags: ['payments'], priority: 'high', step_timeout_ms: 5000 })
    await context.close()
  }, 180_000)
})
