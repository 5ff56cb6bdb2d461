// The same work with the keyboard alone, in real Chromium through browser mode: no click, no
// mouse. The test only reads where the focus is to know when to stop pressing Tab.
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench()
  await wb.call('suites.create', { name: 'Archive' })
}, 300_000)
afterAll(() => wb?.close())

/** The accessible name of what has the focus (label, aria-label or text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return ''
    const labelledBy = el.getAttribute('aria-labelledby')
    const label =
      el.getAttribute('aria-label') ??
      (labelledBy ? document.getElementById(labelledBy.split(' ')[0])?.textContent : null) ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      (el.tagName === 'INPUT' ? el.closest('label')?.textContent : null)
    return (label ?? el.textContent ?? '').trim()
  })
}

/** Presses Tab until the focused element's name matches, as a keyboard user would look and press. */
async function tabTo(page: Page, name: string | RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    const current = await focusedName(page)
    if (typeof name === 'string' ? current === name : name.test(current)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${name} (last focus: ${await focusedName(page)})`)
}

async function palette(page: Page, command: string) {
  await page.keyboard.press('Control+k')
  await page.getByRole('combobox', { name: 'Search commands and tests' }).waitFor()
  await page.keyboard.type(command)
  await page.getByRole('option', { name: new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().waitFor()
  await page.keyboard.press('Enter')
}

/** Presses ↓ until the focused row's name matches, as a keyboard user would look and press. */
async function arrowTo(page: Page, name: RegExp, max = 5): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (name.test(await focusedName(page))) return
    await page.keyboard.press('ArrowDown')
    await page.waitForTimeout(100)
  }
  expect(await focusedName(page)).toMatch(name)
}

/** `/` to the filter, the text, then down into the tree. */
async function filterTree(page: Page, text: string) {
  await page.keyboard.press('/')
  await expect.poll(() => focusedName(page)).toBe('Filter tests')
  await page.keyboard.press('Control+a')
  await page.keyboard.type(text)
  await page.keyboard.press('ArrowDown')
}

const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Saved')

describe('keyboard only', () => {
  it('creates a suite and a test, adds steps, reorders, disables, undoes, renames and moves', async () => {
    const { page, context } = await wb.open('/')
    await page.getByRole('tree', { name: 'Suites and tests' }).waitFor()

    await page.keyboard.press('Alt+Shift+N')
    await page.getByRole('dialog', { name: 'New suite' }).waitFor()
    await page.keyboard.type('Keyboard')
    await page.keyboard.press('Enter')
    await page.getByRole('treeitem', { name: /^Keyboard/ }).waitFor()

    // The filter, then down into the tree: the suite is selected as it gets the focus.
    await filterTree(page, 'Keyboard')
    await expect.poll(() => page.getByText('1 selected').count()).toBe(1)
    await page.keyboard.press('Alt+N')
    await page.getByRole('dialog', { name: 'New test' }).waitFor()
    await page.keyboard.type('Typed by keys')
    await page.keyboard.press('Enter')
    await page.getByRole('grid', { name: 'Steps' }).waitFor()
    const suite = await wb.call('suites.byPath', { path: ['ROOT', 'Keyboard'] })
    const { items } = await wb.call('tests.list', { search: 'Typed by keys' })
    expect(items[0].suite_ids).toEqual([suite.id])
    const id = items[0].id

    await palette(page, 'Add step: Navigate')
    await expect.poll(() => focusedName(page)).toMatch(/^Value/)
    await page.keyboard.type('/start')
    await palette(page, 'Add step: Click')
    await expect.poll(() => focusedName(page)).toBe('Selector')
    await expect.poll(async () => (await page.getByRole('row', { name: /^Step 2:/ }).count())).toBe(1)
    await page.keyboard.type('#first')
    await palette(page, 'Add step: Check')
    await expect.poll(() => focusedName(page)).toBe('Selector')
    await page.keyboard.type('#second')
    await palette(page, 'Add step: Hover')
    await expect.poll(() => focusedName(page)).toBe('Selector')
    await page.keyboard.type('#third')
    await saved(page)
    expect((await wb.call('tests.get', { id })).steps.map((s: { action: string }) => s.action)).toEqual(['navigate', 'click', 'check', 'hover'])

    // In the table: to the last step, up one place, disable it, undo the disable.
    await palette(page, 'Go to the steps table')
    await expect.poll(() => focusedName(page)).toMatch(/^Step \d+:/)
    await page.keyboard.press('End')
    await expect.poll(() => focusedName(page)).toMatch(/^Step 4:/)
    await page.keyboard.press('Alt+ArrowUp')
    await page.getByRole('row', { name: /^Step 3: Hover over #third/ }).waitFor()
    await page.keyboard.press('Control+/')
    await page.getByRole('row', { name: /^Step 3: .*\(disabled\)/ }).waitFor()
    await saved(page)
    let stored = await wb.call('tests.get', { id })
    expect(stored.steps.map((s: { action: string; disabled: boolean }) => `${s.action}${s.disabled ? ' (off)' : ''}`)).toEqual(['navigate', 'click', 'hover (off)', 'check'])
    await page.keyboard.press('Control+z')
    await saved(page)
    stored = await wb.call('tests.get', { id })
    expect(stored.steps[2].disabled).toBe(false)
    await expectAccessible(page, 'the steps table with the keyboard')

    // Back to the tree (the open test's row has the focus there): rename with F2, move with Ctrl+M.
    await filterTree(page, 'Typed')
    await expect.poll(() => focusedName(page)).toMatch(/^Typed by keys/)
    await page.keyboard.press('F2')
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Renamed by keys')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await wb.call('tests.get', { id })).name).toBe('Renamed by keys')
    await page.getByRole('textbox', { name: /^Rename / }).waitFor({ state: 'detached' })
    await filterTree(page, 'Renamed')
    await arrowTo(page, /^Renamed by keys/)
    await page.keyboard.press('Control+m')
    await page.getByRole('dialog', { name: "Move 'Renamed by keys'" }).waitFor()
    await page.keyboard.type('Archive')
    await page.keyboard.press('Enter')
    await tabTo(page, 'Move')
    await page.keyboard.press('Enter')
    const archive = await wb.call('suites.byPath', { path: ['ROOT', 'Archive'] })
    await expect.poll(async () => (await wb.call('tests.get', { id })).suite_ids).toEqual([archive.id])
    await context.close()
  }, 180_000)

  it('edits a data set and an environment, and exports and imports the project file', async () => {
    const { page, context } = await wb.open('/')
    await page.getByRole('tree', { name: 'Suites and tests' }).waitFor()
    await palette(page, 'Go to Data sets')
    await page.getByRole('heading', { name: 'Data sets' }).waitFor()
    await page.keyboard.press('F6')
    await tabTo(page, 'New data set')
    await page.keyboard.press('Enter')
    await page.getByRole('textbox', { name: 'Data set name' }).waitFor()
    await tabTo(page, 'Data set name')
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Logins')
    await tabTo(page, 'Column 1 name')
    await page.keyboard.press('Control+a')
    await page.keyboard.type('email')
    await tabTo(page, 'Row 1, email')
    await page.keyboard.type('a@example.test')
    await tabTo(page, 'Add row', 60)
    await page.keyboard.press('Enter')
    await tabTo(page, 'Row 2, email', 60)
    await page.keyboard.type('b@example.test')
    await saved(page)
    const [set] = (await wb.call('dataSets.list', {})).items
    expect((await wb.call('dataSets.get', { id: set.id })).rows.map((r: { values: { email: string } }) => r.values.email)).toEqual(['a@example.test', 'b@example.test'])

    await palette(page, 'Go to Environments')
    await page.getByRole('heading', { name: 'Environments' }).waitFor()
    await page.keyboard.press('F6')
    await tabTo(page, 'New environment')
    await page.keyboard.press('Enter')
    await page.getByRole('textbox', { name: 'Environment name' }).waitFor()
    await tabTo(page, 'Base URL')
    await page.keyboard.type('http://127.0.0.1:5000')
    await tabTo(page, 'Add variable')
    await page.keyboard.press('Enter')
    await tabTo(page, 'Value of variable', 60)
    await page.keyboard.type('42')
    await saved(page)
    await expectAccessible(page, 'the environment editor with the keyboard')
    const [env] = (await wb.call('environments.list', {})).items
    expect(env).toMatchObject({ base_url: 'http://127.0.0.1:5000', variables: [{ name: 'variable', value: '42' }] })

    const download = page.waitForEvent('download')
    await palette(page, 'Export project file')
    const file = await (await download).path()
    await palette(page, 'Import project file')
    await page.getByRole('dialog', { name: 'Import a project file' }).waitFor()
    await tabTo(page, 'Project file')
    const chooser = page.waitForEvent('filechooser')
    await page.keyboard.press('Space')
    await (await chooser).setFiles(file)
    await page.getByText(/^Imported .* into project 'Default': created nothing; updated /).waitFor()
    await page.keyboard.press('Escape')
    await context.close()
  }, 180_000)
})
