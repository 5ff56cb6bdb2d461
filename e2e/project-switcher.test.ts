// The project switcher in real Chromium through browser mode: the window works in one project
// of the data folder at a time; switching reloads the workbench for the other one, and what the
// window creates lands there. Create, rename, make default and delete (after typing the name,
// as `testdesk projects delete` asks) go through the `projects` contract.
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { pageErrors, startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
let shop: { id: string; name: string }
beforeAll(async () => {
  wb = await startWorkbench()
  await wb.call('tests.create', { name: 'Home page loads' })
  shop = await wb.call('projects.create', { name: 'Shop' })
  await wb.call('tests.create', { project_id: shop.id, name: 'Checkout with a card' })
}, 300_000)
afterAll(() => wb?.close())

const tree = (page: Page) => page.getByRole('tree', { name: 'Suites and tests' })
const projectsDialog = (page: Page) => page.getByRole('dialog', { name: 'Projects' })
const projectRow = (page: Page, name: string) => projectsDialog(page).getByRole('row', { name: new RegExp(`^${name}`) })

describe('the project switcher', () => {
  it('switches the workbench to another project, and what it creates goes there', async () => {
    const { page, context } = await wb.open('/')
    const defaultName = (await wb.call('projects.getDefault', {})).name
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe(defaultName)
    await tree(page).getByRole('treeitem', { name: /^Home page loads/ }).waitFor()
    await page.getByRole('button', { name: `Project ${defaultName}` }).click()
    await projectRow(page, 'Shop').waitFor()
    expect(await projectRow(page, defaultName).textContent()).toContain('default')
    await expectAccessible(page, 'the project switcher')
    await projectRow(page, 'Shop').getByRole('button', { name: 'Open Shop' }).click()

    await expect.poll(() => page.getByTestId('project-name').textContent(), { timeout: 15_000 }).toBe('Shop')
    await tree(page).getByRole('treeitem', { name: /^Checkout with a card/ }).waitFor()
    expect(await tree(page).getByRole('treeitem', { name: /^Home page loads/ }).count()).toBe(0)
    // A new environment made in this window belongs to Shop, not to the default project.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Environments' }).click()
    await page.getByRole('button', { name: 'New environment' }).click()
    await page.getByRole('textbox', { name: 'Environment name' }).fill('Shop staging')
    await expect.poll(async () => (await wb.call('environments.list', { project_id: shop.id })).items.map((e: { name: string }) => e.name), { timeout: 10_000 }).toEqual(['Shop staging'])
    expect((await wb.call('environments.list', {})).total).toBe(0)
    // A reload keeps the window in Shop.
    await page.reload()
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('Shop')
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 120_000)

  it('creates, renames, makes default and deletes projects, asking for the name first', async () => {
    const { page, context } = await wb.open('/')
    await page.getByRole('tree', { name: 'Suites and tests' }).waitFor()
    // From the command palette.
    await page.keyboard.press('Control+k')
    await page.getByRole('combobox', { name: 'Search commands and tests' }).waitFor()
    await page.keyboard.type('New project')
    await page.getByRole('option', { name: /^New project…/ }).first().waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Name')
    await page.keyboard.type('Archive')
    await page.keyboard.press('Enter')
    await projectRow(page, 'Archive').waitFor()

    await projectRow(page, 'Archive').getByRole('button', { name: 'Rename Archive' }).click()
    await projectsDialog(page).getByRole('textbox', { name: 'New name of Archive' }).fill('Old work')
    await projectsDialog(page).getByRole('button', { name: 'Save name' }).click()
    await projectRow(page, 'Old work').waitFor()

    await projectRow(page, 'Shop').getByRole('button', { name: 'Make default Shop' }).click()
    await expect.poll(async () => (await wb.call('projects.getDefault', {})).name).toBe('Shop')
    // The list shows the new default once it has read it back: then Shop cannot be deleted.
    await expect.poll(() => projectRow(page, 'Shop').getByRole('button', { name: 'Delete Shop' }).isDisabled()).toBe(true)

    await projectRow(page, 'Old work').getByRole('button', { name: 'Delete Old work' }).click()
    const confirm = projectsDialog(page).getByRole('group', { name: /^Delete project Old work with 0 tests/ })
    await confirm.getByRole('textbox', { name: "Type the project's name to delete it" }).fill('old work')
    expect(await confirm.getByRole('button', { name: 'Delete project' }).isDisabled()).toBe(true)
    await expectAccessible(page, 'the project deletion confirmation')
    await confirm.getByRole('textbox', { name: "Type the project's name to delete it" }).fill('Old work')
    await confirm.getByRole('button', { name: 'Delete project' }).click()
    await expect.poll(() => projectRow(page, 'Old work').count()).toBe(0)
    expect((await wb.call('projects.list', {})).items.map((p: { name: string }) => p.name).sort()).toEqual([expect.any(String), 'Shop'].sort())
    expect((await wb.call('projects.list', {})).total).toBe(2)
    await context.close()
  }, 120_000)
})
