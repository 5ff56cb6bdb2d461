// The recorder panel in real Chromium through browser mode: a tester starts a recording from the
// app, uses the demo site in the recording browser (driven here by Playwright, headless, the way
// e2e/recorder.test.ts drives it), sees the steps arrive, edits, reorders and deletes them while
// recording, pauses, stops; then records from a step of the test editor and picks a locator.
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoSite, type DemoSiteServer } from '../src/main/demosite/server'
import { expectAccessible } from './support/axe'
import { pageErrors, startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
let site: DemoSiteServer
beforeAll(async () => {
  ;[wb, site] = await Promise.all([startWorkbench(), startDemoSite()])
}, 300_000)
afterAll(async () => {
  await wb?.close()
  await site?.close()
})

/** The page of the recording browser the panel at `app` shows. */
async function recordingPage(app: Page): Promise<Page> {
  await expect.poll(() => new URL(app.url()).pathname, { timeout: 30_000 }).toMatch(/^\/recorder\/[\w-]+$/)
  const id = new URL(app.url()).pathname.split('/')[2]
  const session = wb.core.recorder.session(id)
  await expect.poll(() => session.page?.url() ?? '', { timeout: 30_000 }).toContain(site.url)
  return session.page!
}

/** The panel's own status line (the first live region in the main area). */
const status = (app: Page) => app.getByRole('main').getByRole('status').first()
const recorded = (app: Page) => app.getByRole('list', { name: 'Recorded steps' }).getByRole('listitem')

describe('the recorder panel', () => {
  it('records a new test on the demo site, edits, reorders and deletes steps while recording, pauses, stops', async () => {
    const { page: app, context } = await wb.open('/')
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Recorder' }).click()
    await app.getByRole('textbox', { name: 'Test name' }).fill('Sign in, recorded in the app')
    await app.getByRole('textbox', { name: /URL to open/ }).fill(`${site.url}login.html`)
    await app.getByRole('checkbox', { name: /Without a window/ }).check()
    await expectAccessible(app, 'the recorder start form')
    await app.getByRole('button', { name: 'Start recording' }).click()

    const demo = await recordingPage(app)
    await expect.poll(() => status(app).textContent()).toBe('Recording')
    await expect.poll(() => app.getByTestId('recorder-url').textContent()).toContain('login.html')
    await demo.getByLabel('Email').pressSequentially('demo@testdesk.dev')
    await demo.getByText('Remember me').click()
    await expect.poll(() => recorded(app).allTextContents(), { timeout: 15_000 }).toEqual([
      expect.stringContaining(`Navigate to ${site.url}login.html`),
      expect.stringContaining("Fill 'login-username' with 'demo@testdesk.dev'"),
      expect.stringContaining("Check 'remember-me'"),
    ])
    await expectAccessible(app, 'the recorder panel while recording')

    // Edited while recording: the value of the fill.
    await app.getByRole('button', { name: 'Edit step 2' }).click()
    await app.getByRole('textbox', { name: 'Value' }).fill('ada@testdesk.dev')
    await app.getByRole('button', { name: 'Save step' }).click()
    await expect.poll(() => recorded(app).nth(1).textContent()).toContain("with 'ada@testdesk.dev'")
    // Moved up, then deleted.
    await app.getByRole('button', { name: 'Move step 3 up' }).click()
    await expect.poll(() => recorded(app).nth(1).textContent()).toContain("Check 'remember-me'")
    await app.getByRole('button', { name: 'Delete step 2' }).click()
    await expect.poll(() => recorded(app).count()).toBe(2)

    // Paused: what the tester does is not recorded; resumed, it is again.
    await app.getByRole('button', { name: 'Pause' }).click()
    await expect.poll(() => status(app).textContent()).toBe('Paused')
    await demo.getByLabel('Password').fill('not recorded')
    await app.getByRole('button', { name: 'Resume' }).click()
    await expect.poll(() => status(app).textContent()).toBe('Recording')
    await demo.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => recorded(app).allTextContents(), { timeout: 15_000 }).toEqual([
      expect.stringContaining('Navigate to'),
      expect.stringContaining("with 'ada@testdesk.dev'"),
      expect.stringContaining("Click 'login-submit'"),
    ])

    await app.getByRole('button', { name: 'Stop recording' }).click()
    await expect.poll(() => status(app).textContent()).toBe('Stopped')
    await expect.poll(() => app.getByRole('note').textContent()).toContain('3 recorded steps are saved in Sign in, recorded in the app')
    await expectAccessible(app, 'the recorder panel after stopping')
    const { items } = await wb.call('tests.list', { search: 'Sign in, recorded in the app' })
    const steps = await wb.call('steps.list', { test_case_id: items[0].id })
    expect(steps.map((s: { action: string; value: string | null }) => [s.action, s.value])).toEqual([
      ['navigate', `${site.url}login.html`],
      ['fill', 'ada@testdesk.dev'],
      ['click', null],
    ])
    await app.getByRole('button', { name: 'Open the test' }).click()
    await app.getByRole('grid', { name: 'Steps' }).getByRole('row', { name: /^Step 3: Click 'login-submit'/ }).waitFor()
    expect(pageErrors(app)).toEqual([])
    await context.close()
  }, 180_000)

  it('records from a step of the test editor, and picks a locator into a step', async () => {
    const test = await wb.call('tests.create', {
      name: 'Picked and extended',
      steps: [
        { action: 'navigate', value: `${site.url}login.html` },
        { action: 'click', target: { selector: '#nothing-yet', alternatives: [] } },
      ],
    })
    const { page: app, context } = await wb.open(`/tests/${test.id}`)
    await app.getByRole('row', { name: /^Step 2: / }).click()
    await app.getByRole('button', { name: 'Pick locator' }).click()
    await expect.poll(() => app.getByRole('status').filter({ hasText: 'Click the element in the recording browser.' }).count(), { timeout: 30_000 }).toBe(1)
    const [picking] = (await wb.call('recorder.list', {})).filter((s: { status: string }) => s.status !== 'stopped')
    const session = wb.core.recorder.session(picking.id)
    await expect.poll(() => session.page?.url() ?? '').toContain('login.html')
    await session.page!.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => app.getByRole('textbox', { name: 'Selector', exact: true }).inputValue(), { timeout: 15_000 }).toBe('[data-testid="login-submit"]')
    await expect.poll(() => app.getByTestId('save-state').textContent()).toBe('Saved')
    expect((await wb.call('tests.get', { id: test.id })).steps[1].target.alternatives.length).toBeGreaterThan(0)
    await expectAccessible(app, 'the step form after a pick')

    await app.getByRole('row', { name: /^Step 1: / }).click()
    await app.getByRole('button', { name: 'Record from here' }).click()
    const demo = await recordingPage(app)
    await expect.poll(() => status(app).textContent(), { timeout: 30_000 }).toContain('replayed 1 step: passed')
    await demo.getByLabel('Email').pressSequentially('x@testdesk.dev')
    await expect.poll(() => recorded(app).allTextContents(), { timeout: 15_000 }).toEqual([expect.stringContaining("Fill 'login-username' with 'x@testdesk.dev'")])
    await app.getByRole('button', { name: 'Stop recording' }).click()
    await expect.poll(() => status(app).textContent()).toContain('Stopped')
    const steps = (await wb.call('tests.get', { id: test.id })).steps.map((s: { action: string }) => s.action)
    // Recorded after step 1, before the click that was there.
    expect(steps).toEqual(['navigate', 'fill', 'click'])
    await context.close()
  }, 180_000)
})
