// The suite tree in real Chromium through browser mode: rename, move by drag and drop,
// multi-select with bulk tag and deactivate, delete with what will be lost and undo, the filter
// and the command palette. Set-up data comes through the contract; everything else is the UI.
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { pageErrors, startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
let suites: { smoke: { id: string }; nightly: { id: string } }
let tests: { id: string; name: string }[]

beforeAll(async () => {
  wb = await startWorkbench()
  const smoke = await wb.call('suites.create', { name: 'Smoke' })
  const nightly = await wb.call('suites.create', { name: 'Nightly' })
  suites = { smoke, nightly }
  tests = await wb.call('tests.bulkCreate', {
    items: [
      { name: 'Login works', suite_ids: [smoke.id], steps: [{ action: 'navigate', value: '/login' }, { action: 'click', target: { selector: '#go' } }] },
      { name: 'Logout works', suite_ids: [smoke.id] },
      { name: 'Search finds items', suite_ids: [smoke.id], tags: ['search'] },
      { name: 'Report is emailed', suite_ids: [nightly.id] },
    ],
  })
}, 300_000)
afterAll(() => wb?.close())

const tree = (page: Page) => page.getByRole('tree', { name: 'Suites and tests' })
const row = (page: Page, name: string | RegExp) => tree(page).getByRole('treeitem', { name: typeof name === 'string' ? new RegExp(`^${name}`) : name })

async function openSuites(page: Page) {
  await tree(page).waitFor()
  for (const name of ['Smoke', 'Nightly']) {
    const suite = row(page, name)
    if ((await suite.getAttribute('aria-expanded')) !== 'true') {
      await suite.click()
      await suite.press('ArrowRight')
    }
  }
}

describe('the suite tree', () => {
  it('shows suites with counts and tests with their last result; renames with F2', async () => {
    const { page, context } = await wb.open('/')
    await openSuites(page)
    expect(await row(page, 'Smoke').textContent()).toContain('3 tests')
    expect(await row(page, 'Login works').textContent()).toContain('never ran')
    await expectAccessible(page, 'the suite tree')

    await row(page, 'Logout works').click()
    await page.keyboard.press('F2')
    const rename = page.getByRole('textbox', { name: 'Rename Logout works' })
    await rename.fill('Sign out works')
    await rename.press('Enter')
    await row(page, 'Sign out works').waitFor()
    await expect.poll(async () => (await wb.call('tests.get', { id: tests[1].id })).name).toBe('Sign out works')
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 120_000)

  it('moves a test to another suite by drag and drop, and undoes the move', async () => {
    const { page, context } = await wb.open('/')
    await openSuites(page)
    await row(page, 'Search finds items').dragTo(row(page, 'Nightly'))
    await expect.poll(async () => (await wb.call('tests.get', { id: tests[2].id })).suite_ids, { timeout: 10_000 }).toEqual([suites.nightly.id])
    await page.getByRole('status', { name: 'Messages' }).getByText(/^Moved 'Search finds items' to 'Nightly'/).waitFor()
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(async () => (await wb.call('tests.get', { id: tests[2].id })).suite_ids, { timeout: 10_000 }).toEqual([suites.smoke.id])
    await context.close()
  }, 120_000)

  it('selects several tests, tags and deactivates them in bulk, and filters by tag and status', async () => {
    const { page, context } = await wb.open('/')
    await openSuites(page)
    await row(page, 'Login works').click()
    await row(page, 'Report is emailed').click({ modifiers: ['ControlOrMeta'] })
    await page.getByText('2 selected').waitFor()
    await page.getByRole('button', { name: 'Selected ▾' }).click()
    await expectAccessible(page, 'the bulk actions menu')
    await page.getByRole('menuitem', { name: 'Tag…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Tag 2 tests' })
    await dialog.getByRole('combobox', { name: 'Tag' }).fill('regression')
    await dialog.getByRole('button', { name: 'Add tag' }).click()
    await expect.poll(async () => (await wb.call('tests.get', { id: tests[3].id })).tags).toEqual(['regression'])
    expect((await wb.call('tests.get', { id: tests[0].id })).tags).toEqual(['regression'])

    await page.getByRole('button', { name: 'Selected ▾' }).click()
    await page.getByRole('menuitem', { name: 'Deactivate' }).click()
    await expect.poll(async () => (await wb.call('tests.get', { id: tests[0].id })).status).toBe('archived')

    const filter = page.getByRole('searchbox', { name: 'Filter tests' })
    await filter.fill('tag:regression status:archived')
    await expect.poll(() => tree(page).getByRole('treeitem').count()).toBe(4) // two tests and their two suites
    expect(await row(page, 'Smoke').textContent()).toContain('1 of 3')
    await filter.fill('result:never search')
    await expect.poll(() => tree(page).getByRole('treeitem').count()).toBe(2)
    await filter.fill('')
    await context.close()
  }, 120_000)

  it('says what a delete loses, deletes, and puts the test back with its steps on undo', async () => {
    const { page, context } = await wb.open('/')
    await openSuites(page)
    await row(page, 'Login works').click()
    await page.keyboard.press('Delete')
    const dialog = page.getByRole('dialog', { name: 'Delete?' })
    await dialog.getByText('This deletes 1 test with 2 steps.').waitFor()
    await expectAccessible(page, 'the delete dialog')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect.poll(async () => (await wb.call('tests.list', { search: 'Login works' })).total).toBe(0)
    await page.getByRole('status', { name: 'Messages' }).getByText(/^Deleted 1 test with 2 steps/).waitFor()
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await wb.call('tests.list', { search: 'Login works' })).total, { timeout: 10_000 }).toBe(1)
    const back = await wb.call('tests.get', { id: tests[0].id })
    expect(back.steps.map((s: { action: string }) => s.action)).toEqual(['navigate', 'click'])
    expect(back.suite_ids).toEqual([suites.smoke.id])
    await context.close()
  }, 120_000)

  it('opens any test by name from the command palette', async () => {
    const { page, context } = await wb.open('/')
    await tree(page).waitFor()
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await palette.getByRole('combobox', { name: 'Search commands and tests' }).fill('emailed')
    await expectAccessible(page, 'the command palette')
    await palette.getByRole('option', { name: /^Report is emailed/ }).click()
    await page.getByRole('textbox', { name: 'Test name' }).waitFor()
    expect(await page.getByRole('textbox', { name: 'Test name' }).inputValue()).toBe('Report is emailed')
    expect(new URL(page.url()).pathname).toBe(`/tests/${tests[3].id}`)
    await context.close()
  }, 120_000)
})
