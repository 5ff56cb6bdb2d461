// Interop from the app in real Chromium through browser mode: the import dialog takes a Selenium
// IDE project and a DevTools recording and lists what it could not convert; the palette's
// "Export Playwright project" downloads a zip of the Playwright Test project.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectAccessible } from './support/axe'
import { INTEROP_FIXTURES } from './support/interop'
import { startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench()
}, 300_000)
afterAll(() => wb?.close())

describe('interop in the app', () => {
  it('imports .side and recording files, reports unconverted commands, exports a Playwright zip', async () => {
    const { page, context } = await wb.open('/')
    await page.getByRole('tree', { name: 'Suites and tests' }).waitFor()
    await page.keyboard.press('Control+k')
    await page.getByRole('option', { name: /^Import project file/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Import a project file' })
    const pick = (name: string) => dialog.getByLabel('Project file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: readFileSync(join(INTEROP_FIXTURES, name)) })

    await pick('unconvertible.side')
    await dialog.getByText(/^Imported unconvertible\.side into project 'Default'/).waitFor()
    await dialog.getByText('Selenium IDE: 3 of 31 commands converted; 28 kept as disabled steps holding the original.').waitFor()
    const report = dialog.getByRole('table', { name: 'Not converted' })
    expect(await report.getByRole('row').count()).toBe(29)
    await report.getByRole('cell', { name: "unknown Selenium IDE command 'frobnicate'" }).waitFor()
    await expectAccessible(page, 'the import dialog with a conversion report')

    await pick('demo-login.recording.json')
    await dialog.getByText('Chrome DevTools Recorder: 15 of 15 commands converted.').waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('tree').getByRole('treeitem', { name: /^DevTools recordings/ }).waitFor()
    expect((await wb.call('tests.list', { search: 'Control flow and odd commands' })).total).toBe(1)

    await page.keyboard.press('Control+k')
    const download = page.waitForEvent('download')
    await page.getByRole('option', { name: /^Export Playwright project/ }).click()
    const zip = unzipSync(readFileSync(await (await download).path()))
    const names = Object.keys(zip).sort()
    expect(names).toContain('Default-playwright/playwright.config.ts')
    const spec = names.find((n) => n.endsWith('devtools-recordings.spec.ts'))!
    expect(strFromU8(zip[spec])).toContain("test('Sign in on the demo site', async ({ page }) => {")
    await context.close()
  }, 180_000)
})
