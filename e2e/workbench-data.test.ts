// Data sets, environments, browser configurations, settings and project files in real
// Chromium through browser mode, driven by the UI; the contract checks what was stored.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench()
}, 300_000)
afterAll(() => wb?.close())

const saved = (page: Page) => expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('Saved')

async function section(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click()
}

async function only<T>(name: string): Promise<T> {
  const { items } = await wb.call(`${name}.list`, {})
  expect(items).toHaveLength(1)
  return items[0]
}

describe('the library', () => {
  it('edits a data set: typed and secret columns, rows, a paste from a spreadsheet', async () => {
    const { page, context } = await wb.open('/')
    await section(page, 'Data sets')
    await page.getByRole('button', { name: 'New data set' }).click()
    await page.getByRole('textbox', { name: 'Data set name' }).fill('Users')
    await page.getByRole('textbox', { name: 'Column 1 name' }).fill('user')
    await page.getByRole('button', { name: 'Add column' }).click()
    await page.getByRole('textbox', { name: 'Column 2 name' }).fill('password')
    await page.getByRole('checkbox', { name: 'secret' }).nth(1).check()
    await page.getByRole('button', { name: 'Add column' }).click()
    await page.getByRole('textbox', { name: 'Column 3 name' }).fill('age')
    await page.getByRole('combobox', { name: 'Column age type' }).selectOption('number')
    await page.getByRole('textbox', { name: 'Row 1, user' }).fill('ann')
    await page.getByRole('textbox', { name: 'Row 1, password' }).fill('pw-ann')
    await page.getByRole('textbox', { name: 'Row 1, age' }).fill('forty')
    expect(await page.getByRole('textbox', { name: 'Row 1, age' }).getAttribute('aria-invalid')).toBe('true')
    await page.getByRole('textbox', { name: 'Row 1, age' }).fill('40')
    // Two rows copied from a spreadsheet, pasted into the first cell of row 2.
    await page.getByRole('button', { name: 'Add row' }).click()
    await page.getByRole('textbox', { name: 'Row 2, user' }).evaluate((input) => {
      const data = new DataTransfer()
      data.setData('text/plain', 'bob\tpw-bob\t31\ncarl\tpw-carl\t52\n')
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await page.getByRole('textbox', { name: 'Row 3, user' }).waitFor()
    await page.getByRole('checkbox', { name: 'Use row 2' }).uncheck()
    await saved(page)
    await expectAccessible(page, 'the data set editor')

    const set = await wb.call('dataSets.get', { id: (await only<{ id: string }>('dataSets')).id })
    expect(set.name).toBe('Users')
    expect(set.columns).toEqual([{ name: 'user', secret: false }, { name: 'password', secret: true }, { name: 'age', secret: false, type: 'number' }])
    // Secret values never come back to a window: the contract reads them as null.
    expect(set.rows.map((r: { values: object; enabled: boolean }) => [r.values, r.enabled])).toEqual([
      [{ user: 'ann', password: null, age: '40' }, true],
      [{ user: 'bob', password: null, age: '31' }, false],
      [{ user: 'carl', password: null, age: '52' }, true],
    ])
    await context.close()
    // Opened again, the secret shows masked and empty: it never comes back to a window.
    const again = await wb.open(`/data-sets/${set.id}`)
    const secret = again.page.getByRole('textbox', { name: 'Row 1, password' })
    await secret.waitFor()
    expect(await secret.getAttribute('placeholder')).toMatch(/^••••••/)
    expect(await secret.inputValue()).toBe('')
    await again.context.close()
  }, 150_000)

  it('imports a data set from a CSV file: types guessed and shown, a column made secret', async () => {
    const { page, context } = await wb.open('/')
    await section(page, 'Data sets')
    await page.getByLabel('CSV or XLSX file to import').setInputFiles({
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFFemail;Full name;pin;age\r\nann@example.test;"Martin; Ann";1234;34\r\nbob@example.test;Bob;99;41\r\n'),
    })
    const dialog = page.getByRole('dialog', { name: 'Import accounts.csv' })
    await expect.poll(() => dialog.textContent()).toContain("CSV, utf-8, delimiter ';'; 2 rows")
    expect(await dialog.getByRole('combobox', { name: 'Type of age' }).inputValue()).toBe('number')
    expect(await dialog.getByRole('combobox', { name: 'Type of email' }).inputValue()).toBe('text')
    expect(await dialog.getByRole('list', { name: 'Notes' }).textContent()).toContain("Column 2 'Full name' is named 'Full_name'")
    await dialog.getByRole('checkbox', { name: 'pin is secret' }).check()
    await dialog.getByRole('combobox', { name: 'Type of pin' }).selectOption('text')
    await expectAccessible(page, 'the data file import dialog')
    await dialog.getByRole('button', { name: 'Import 2 rows' }).click()
    await page.getByRole('textbox', { name: 'Row 2, Full_name' }).waitFor()
    const { items } = await wb.call('dataSets.list', { search: 'accounts' })
    const set = await wb.call('dataSets.get', { id: items[0].id })
    expect(set.columns).toEqual([{ name: 'email', secret: false }, { name: 'Full_name', secret: false }, { name: 'pin', secret: true }, { name: 'age', secret: false, type: 'number' }])
    expect(set.rows.map((r: { values: object }) => r.values)).toEqual([
      { email: 'ann@example.test', Full_name: 'Martin; Ann', pin: null, age: '34' },
      { email: 'bob@example.test', Full_name: 'Bob', pin: null, age: '41' },
    ])
    await context.close()
  }, 120_000)

  it('edits an environment: base URL, variables, a secret kept masked', async () => {
    const { page, context } = await wb.open('/')
    await section(page, 'Environments')
    await page.getByRole('button', { name: 'New environment' }).click()
    await page.getByRole('textbox', { name: 'Environment name' }).fill('Staging')
    await page.getByRole('textbox', { name: 'Base URL' }).fill('http://127.0.0.1:4000')
    await page.getByRole('button', { name: 'Add variable' }).click()
    await page.getByRole('textbox', { name: 'Variable 1 name' }).fill('user')
    await page.getByRole('textbox', { name: 'Value of user' }).fill('demo')
    await page.getByRole('button', { name: 'Add variable' }).click()
    await page.getByRole('textbox', { name: 'Variable 2 name' }).fill('password')
    await page.getByRole('checkbox', { name: 'password is secret' }).check()
    await page.getByRole('textbox', { name: 'Value of password' }).fill('s3cret!')
    await saved(page)
    await expectAccessible(page, 'the environment editor')
    const env = await wb.call('environments.get', { id: (await only<{ id: string }>('environments')).id })
    expect(env).toMatchObject({ name: 'Staging', base_url: 'http://127.0.0.1:4000', variables: [{ name: 'user', value: 'demo', is_secret: false }, { name: 'password', value: null, is_secret: true }] })
    // The secret is stored (a run gets it) though no window ever sees it again.
    expect(wb.core.context.store.environments.resolve(env.id).variables.password).toBe('s3cret!')
    await page.getByRole('button', { name: 'Undo' }).click()
    await saved(page)
    await context.close()
  }, 120_000)

  it('edits a browser configuration with a device, and the defaults for runs in settings', async () => {
    const { page, context } = await wb.open('/')
    await section(page, 'Browsers')
    await page.getByRole('button', { name: 'New browser configuration' }).click()
    await page.getByRole('textbox', { name: 'Configuration name' }).fill('Phone')
    await page.getByRole('combobox', { name: 'Device' }).selectOption('Pixel 7')
    await page.getByRole('textbox', { name: 'Locale' }).fill('fr-FR')
    await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Paris')
    await page.getByRole('checkbox', { name: /^Headless/ }).uncheck()
    await saved(page)
    await expectAccessible(page, 'the browser configuration editor')
    const config = await only<Record<string, unknown>>('browsers')
    expect(config).toMatchObject({ name: 'Phone', device_name: 'Pixel 7', browser_name: 'chromium', viewport_width: 412, locale: 'fr-FR', timezone_id: 'Europe/Paris', headless: false })

    await section(page, 'Settings')
    await page.getByRole('spinbutton', { name: 'Workers (1-10)' }).fill('3')
    await page.getByRole('combobox', { name: 'Screenshots' }).selectOption('every-step')
    await expect.poll(async () => (await wb.call('settings.get')).run_defaults).toMatchObject({ workers: 3, screenshots: 'every-step' })
    expect(await page.getByTestId('data-dir').textContent()).toBe(wb.dataDir)
    await page.getByRole('radio', { name: 'Dark' }).check()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await expectAccessible(page, 'the settings in the dark theme')
    await context.close()
  }, 120_000)

  it('exports the project file and imports it back, and shows a broken file by JSON path', async () => {
    await wb.call('tests.create', { name: 'Exported test', steps: [{ action: 'navigate', value: '/' }] })
    const { page, context } = await wb.open('/')
    await page.getByRole('tree', { name: 'Suites and tests' }).waitFor()
    await page.keyboard.press('Control+k')
    const download = page.waitForEvent('download')
    await page.getByRole('option', { name: /^Export project file/ }).click()
    const file = await (await download).path()
    const project = JSON.parse(readFileSync(file, 'utf8'))
    expect(project.format).toBe('testdesk-project')
    expect(project.tests.map((t: { name: string }) => t.name)).toContain('Exported test')

    // The same file edited and imported back through the app updates the test by id.
    project.tests.find((t: { name: string }) => t.name === 'Exported test').name = 'Imported test'
    await page.keyboard.press('Control+k')
    await page.getByRole('option', { name: /^Import project file/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Import a project file' })
    await dialog.getByLabel('Project file').setInputFiles({ name: 'project.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) })
    await dialog.getByText(/^Imported project\.json into project 'Default'/).waitFor()
    await expectAccessible(page, 'the import dialog')
    expect((await wb.call('tests.list', { search: 'Imported test' })).total).toBe(1)

    project.tests[0].steps = [{ id: project.tests[0].steps[0]?.id ?? crypto.randomUUID(), action: 'teleport' }]
    await dialog.getByLabel('Project file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) })
    const problems = dialog.getByRole('table', { name: 'Problems by JSON path' })
    await problems.waitFor()
    expect(await problems.getByRole('cell', { name: '$.tests.0.steps.0.action' }).count()).toBe(1)
    expect(await dialog.getByRole('alert').textContent()).toContain('Nothing was imported from broken.json')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('tree').getByRole('treeitem', { name: /^Imported test/ }).waitFor()
    await context.close()
  }, 120_000)
})
