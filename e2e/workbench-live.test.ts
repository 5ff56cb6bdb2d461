// Live updates and conflicts, in real Chromium through browser mode: a change made through the
// CLI (another process) or another window appears without a reload, and an edit made on an
// older version is held as a conflict for the tester to settle, never silently overwritten.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { runTestdesk } from './support/cli'
import { startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench()
}, 300_000)
afterAll(() => wb?.close())

const saveState = (page: Page) => page.getByTestId('save-state')
const treeRow = (page: Page, name: RegExp) => page.getByRole('tree', { name: 'Suites and tests' }).getByRole('treeitem', { name })

describe('live updates', () => {
  it('shows what `testdesk import` in another process changed, in the tree and in the open test, without a reload', async () => {
    const test = await wb.call('tests.create', { name: 'Checkout works', steps: [{ action: 'navigate', value: '/cart' }] })
    const { page, context } = await wb.open(`/tests/${test.id}`)
    await page.getByRole('grid', { name: 'Steps' }).waitFor()
    await treeRow(page, /^Checkout works/).waitFor()
    let reloaded = false
    page.on('framenavigated', (frame) => frame === page.mainFrame() && (reloaded = true))

    const project = await wb.call('projectFiles.export', {})
    project.tests[0].name = 'Checkout works (edited in git)'
    project.tests[0].steps.push({ id: crypto.randomUUID(), action: 'click', target: { selector: '#pay', alternatives: [] }, value: null, options: {}, description: null, disabled: false })
    project.tests.push({ ...project.tests[0], id: crypto.randomUUID(), name: 'Refund works', steps: [] })
    const file = join(wb.dataDir, 'project.json')
    writeFileSync(file, JSON.stringify(project))
    const cli = await runTestdesk(['import', file, '--data-dir', wb.dataDir])
    expect(cli.code, cli.stderr).toBe(0)

    await treeRow(page, /^Refund works/).waitFor()
    await page.getByRole('row', { name: /^Step 2: Click #pay/ }).waitFor()
    expect(await page.getByRole('textbox', { name: 'Test name' }).inputValue()).toBe('Checkout works (edited in git)')
    expect(await saveState(page).textContent()).toBe('Saved')
    expect(reloaded).toBe(false)
    await context.close()
  }, 120_000)

  it('shows an edit made in another window, and holds a conflict when this one has unsaved changes', async () => {
    const test = await wb.call('tests.create', { name: 'Two windows', steps: [{ action: 'navigate', value: '/' }] })
    const one = await wb.open(`/tests/${test.id}`)
    const two = await wb.open(`/tests/${test.id}`)
    for (const { page } of [one, two]) await page.getByRole('grid', { name: 'Steps' }).waitFor()

    // Window one renames; window two, with nothing unsaved, simply follows.
    await one.page.getByRole('textbox', { name: 'Test name' }).fill('Two windows, renamed')
    await expect.poll(() => saveState(one.page).textContent(), { timeout: 10_000 }).toBe('Saved')
    await expect.poll(() => two.page.getByRole('textbox', { name: 'Test name' }).inputValue(), { timeout: 10_000 }).toBe('Two windows, renamed')

    // Window two starts a step it has not finished (so it cannot save yet); window one saves meanwhile.
    await two.page.getByRole('button', { name: 'Add step' }).click()
    await two.page.getByRole('dialog', { name: 'Add a step' }).getByRole('option', { name: /^Click(?![a-z])/ }).click()
    await expect.poll(() => saveState(two.page).textContent()).toMatch(/^Not saved yet: step 2/)
    await one.page.getByRole('textbox', { name: 'Test name' }).fill('Renamed again in window one')
    await expect.poll(() => saveState(one.page).textContent(), { timeout: 10_000 }).toBe('Saved')

    const banner = two.page.getByRole('alert').filter({ hasText: 'Someone else changed this since you opened it.' })
    await banner.waitFor({ timeout: 10_000 })
    expect(await saveState(two.page).textContent()).toBe('Changed elsewhere')
    expect(await banner.textContent()).toContain('Differs in: name, steps (yours: 2, theirs: 1)')
    await expectAccessible(two.page, 'a test in conflict')
    // Nothing was overwritten while the tester decides.
    expect((await wb.call('tests.get', { id: test.id })).name).toBe('Renamed again in window one')

    // Keep mine: once the step is complete it is saved over their version.
    await banner.getByRole('button', { name: 'Keep mine (overwrite theirs)' }).click()
    await two.page.getByRole('complementary', { name: /^Step 2/ }).getByRole('textbox', { name: 'Selector', exact: true }).fill('#next')
    await expect.poll(() => saveState(two.page).textContent(), { timeout: 10_000 }).toBe('Saved')
    const stored = await wb.call('tests.get', { id: test.id })
    expect(stored.name).toBe('Two windows, renamed')
    expect(stored.steps.map((s: { action: string }) => s.action)).toEqual(['navigate', 'click'])

    // Window one, with nothing unsaved, follows window two's save.
    await expect.poll(() => one.page.getByRole('textbox', { name: 'Test name' }).inputValue(), { timeout: 10_000 }).toBe('Two windows, renamed')

    // Take theirs: the other way out drops this window's unsaved edit.
    await one.page.getByRole('button', { name: 'Add step' }).click()
    await one.page.getByRole('dialog', { name: 'Add a step' }).getByRole('option', { name: /^Hover(?![a-z])/ }).click()
    await wb.call('tests.update', { id: test.id, description: 'from the contract' })
    const oneBanner = one.page.getByRole('alert').filter({ hasText: 'Someone else changed this since you opened it.' })
    await oneBanner.getByRole('button', { name: 'Take their version' }).click()
    await expect.poll(() => saveState(one.page).textContent()).toBe('Saved')
    expect(await one.page.getByRole('grid', { name: 'Steps' }).getByRole('row', { name: /^Step \d/ }).count()).toBe(2)
    expect((await wb.call('tests.get', { id: test.id })).description).toBe('from the contract')
    await one.context.close()
    await two.context.close()
  }, 150_000)
})
