// The selector generator over a corpus of tricky pages, in real Chromium: every selector it
// keeps (primary and alternatives) must find exactly the element it was made for when the engine
// looks it up the way a run does, and the primary must be the strategy a tester would choose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Frame, Page } from 'playwright'
import { startDemoSite, type DemoSiteServer } from '../../demosite/server'
import { launchBrowser, resolveExecutable } from '../../runner/launch'
import { locate } from '../../runner/engine/locate'
import { pageScript } from '../page-script'
import { PAGE_GLOBAL } from '../page/messages'

let site: DemoSiteServer
let browser: Browser
let page: Page

beforeAll(async () => {
  site = await startDemoSite()
  const settings = { browser: 'chromium' as const, headless: true }
  browser = await launchBrowser(settings, await resolveExecutable(settings))
  page = await browser.newPage()
  await page.addInitScript(await pageScript())
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

interface Generated {
  selector: string
  alternatives: string[]
  strategies: string[]
}

/** Generates the target of the element `find` locates, then checks every selector against the engine. */
async function targetOf(scope: Page | Frame, find: string): Promise<Generated> {
  const element = scope.locator(find)
  await expect.poll(() => element.count(), { message: `${find} should find one element` }).toBe(1)
  const generated = (await element.evaluate((el, name) => {
    ;(window as any).__wanted = el
    return (window as any)[name].targetFor(el)
  }, PAGE_GLOBAL)) as Generated | null
  expect(generated, `no target for ${find}`).not.toBeNull()
  for (const selector of [generated!.selector, ...generated!.alternatives]) {
    const found = locate(scope as Page, selector)
    expect(await found.count(), `${selector} (for ${find}) should match one element`).toBe(1)
    expect(await found.evaluate((el) => el === (window as any).__wanted), `${selector} should match the element of ${find}`).toBe(true)
  }
  return generated!
}

async function open(path: string): Promise<void> {
  await page.goto(`${site.url}${path}`)
}

describe('selector generator', () => {
  it('prefers test ids, then role and name, and keeps the others as alternatives', async () => {
    await open('selectors.html')
    const primary = await targetOf(page, '[data-testid=primary-action]')
    expect(primary.selector).toBe('[data-testid="primary-action"]')
    expect(primary.alternatives[0]).toBe('role=button[name="Primary action"]')
    expect(primary.alternatives).toContain('text="Primary action"')
    expect((await targetOf(page, '#full-name')).selector).toBe('role=textbox[name="Full name"]')
    expect((await targetOf(page, '#full-name')).alternatives).toContain('label="Full name"')
    // A placeholder is no label: the field is found by it, as a tester would write getByPlaceholder.
    expect((await targetOf(page, 'input[name=city]')).selector).toBe('placeholder="City"')
    expect((await targetOf(page, 'img[alt="Blue square"]')).selector).toBe('role=img[name="Blue square"]')
    expect((await targetOf(page, 'img[alt="Blue square"]')).alternatives).toContain('alt="Blue square"')
    // Its name is the icon (⚙): the title says it in words.
    expect((await targetOf(page, 'button[title=Settings]')).selector).toBe('title="Settings"')
    expect((await targetOf(page, '[data-widget=terms]')).selector).toBe('role=checkbox[name="Accept terms"]')
    const anonymous = await targetOf(page, 'text=Anonymous button')
    expect(anonymous.selector).toBe('text="Anonymous button"')
  })

  it('tells the same words apart by the row, card or list item they are in', async () => {
    await open('selectors.html')
    const premium = await targetOf(page, '.plans .box:nth-child(3) .fake-button')
    expect(premium.selector).toMatch(/:has-text\("Premium"\) >> text="Choose"$/)
    const billing = await targetOf(page, '.same-text:nth-of-type(2) button')
    expect(billing.selector).toMatch(/Billing.* >> role=button\[name="Edit"\]$/)
    await open('corpus/rows.html')
    const edit = await targetOf(page, 'tr:nth-child(2) button:first-child')
    expect(edit.selector).toContain('role=button[name="Edit"]')
    expect(edit.selector).toContain('Bruno Costa')
    const remove = await targetOf(page, 'li:nth-child(3) a')
    expect(remove.selector).toContain('Eggs')
    expect(remove.selector).toContain('role=link[name="Remove"]')
    expect((await targetOf(page, 'th:first-child')).selector).toBe('role=columnheader[name="Name"]')
  })

  it('never uses generated ids or hashed classes', async () => {
    await open('corpus/dynamic-ids.html')
    for (const find of ['input[type=email]', 'select', 'button', '[role=status]', 'h1']) {
      const target = await targetOf(page, find)
      for (const selector of [target.selector, ...target.alternatives]) {
        expect(selector).not.toMatch(/r3|8f3a9c2d|4410|9c1e4b7f|ember482|23894|77261|css-|sc-bd|jsx-|__3xY7a/)
      }
    }
    expect((await targetOf(page, 'input[type=email]')).selector).toBe('role=textbox[name="Email address"]')
    expect((await targetOf(page, 'select')).selector).toBe('role=combobox[name="Frequency"]')
    expect((await targetOf(page, 'button')).selector).toBe('role=button[name="Subscribe"]')
  })

  it('names icon buttons by aria-label, title or SVG title, and finds bare SVG and images', async () => {
    await open('corpus/icons.html')
    expect((await targetOf(page, 'button[aria-label=Bold]')).selector).toBe('role=button[name="Bold"]')
    const italic = await targetOf(page, 'button[title=Italic]')
    expect(italic.selector).toBe('role=button[name="Italic"]')
    expect(italic.alternatives).toContain('title="Italic"')
    expect((await targetOf(page, 'button:nth-of-type(3)')).selector).toBe('role=button[name="Underline"]')
    const logo = await targetOf(page, 'svg.logo')
    expect(logo.selector).toBe('css=svg.logo')
    expect(logo.alternatives.some((s) => s.startsWith('xpath='))).toBe(true)
    expect((await targetOf(page, 'img')).selector).toBe('role=img[name="Company logo"]')
  })

  it('reaches into shadow roots, nested ones included', async () => {
    await open('corpus/shadow.html')
    expect((await targetOf(page, 'login-card >> input[name=user]')).selector).toBe('role=textbox[name="User name"]')
    expect((await targetOf(page, 'login-card >> input[name=pass]')).selector).toBe('label="Secret"')
    expect((await targetOf(page, 'login-card >> input[type=checkbox]')).selector).toBe('role=checkbox[name="Remember me"]')
    expect((await targetOf(page, 'counter-box >> inner-button')).selector).toBe('role=button[name="Add one"]')
    const output = await targetOf(page, 'counter-box >> output')
    expect(output.selector).toMatch(/^css=|^text=|^role=status/)
  })

  it('works inside frames, relative to the frame', async () => {
    await open('corpus/frame-host.html')
    const frame = page.frames().find((f) => f.url().endsWith('frame-payment.html'))!
    await frame.waitForLoadState()
    expect((await targetOf(frame, 'input[name=holder]')).selector).toBe('role=textbox[name="Card holder"]')
    expect((await targetOf(frame, 'button')).selector).toBe('role=button[name="Pay"]')
    expect((await targetOf(page, 'iframe')).selector).toBe('title="Payment"')
  })

  it('finds rich-text editors, tables and lists', async () => {
    await open('corpus/contenteditable.html')
    expect((await targetOf(page, '[role=textbox]')).selector).toBe('role=textbox[name="Your comment"]')
    const note = await targetOf(page, '.note')
    expect(note.selector).toBe('css=div.note')
    await open('table.html')
    await targetOf(page, 'table')
    await targetOf(page, 'tbody tr:nth-child(2) td:nth-child(2)')
    await open('todos.html')
    await targetOf(page, 'h1')
  })
})
