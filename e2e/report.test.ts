// The HTML report in real Chromium, opened from disk as a tester's colleague would: no network,
// right counts, the failure with its screenshot, filters, keyboard, and hostile text from the
// page under test shown as text, never run.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../src/main/core'
import { buildFixtureRun, call, XSS_PAYLOADS, type FixtureRun } from '../src/main/testing/fixture-runs'
import { launchTestBrowser } from './support/browser'

let browser: Browser
let core: Core
let plain: FixtureRun
let hostile: FixtureRun
const files: Record<'plain' | 'xss' | 'beside', string> = { plain: '', xss: '', beside: '' }

beforeAll(async () => {
  browser = await launchTestBrowser()
  const out = mkdtempSync(join(tmpdir(), 'td-e2e-report-'))
  core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-e2e-data-')), databasePath: ':memory:', execution: 'manual' })
  plain = await buildFixtureRun(core)
  files.plain = (await call(core, 'reports.export', { run_id: plain.runId, path: join(out, 'plain.html') })).path
  files.beside = (await call(core, 'reports.export', { run_id: plain.runId, path: join(out, 'beside', 'report with spaces.html'), images: 'beside' })).path
  const second = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-e2e-data-')), databasePath: ':memory:', execution: 'manual' })
  hostile = await buildFixtureRun(second, { xss: true })
  files.xss = (await call(second, 'reports.export', { run_id: hostile.runId, path: join(out, 'xss.html') })).path
  await second.close()
})

afterAll(async () => {
  await browser?.close()
  await core?.close()
})

interface Opened {
  page: Page
  requests: string[]
  problems: string[]
  dialogs: string[]
}

async function open(file: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true })
  const page = await context.newPage()
  const opened: Opened = { page, requests: [], problems: [], dialogs: [] }
  page.on('request', (request) => opened.requests.push(request.url()))
  page.on('pageerror', (error) => opened.problems.push(`pageerror: ${error.message}`))
  // A Content-Security-Policy violation is reported on the console: none may happen.
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') opened.problems.push(`${message.type()}: ${message.text()}`)
  })
  page.on('dialog', async (dialog) => {
    opened.dialogs.push(dialog.message())
    await dialog.dismiss()
  })
  await page.goto(pathToFileURL(file).href)
  if (options.javaScriptEnabled !== false) await page.waitForSelector('html[data-ready]')
  return opened
}

const visibleRows = (page: Page) => page.locator('.test:not([hidden])')

describe('HTML report in Chromium', () => {
  it('opens from disk without a single network request and shows the right counts', async () => {
    const { page, requests, problems } = await open(files.plain)
    expect(requests).toEqual([pathToFileURL(files.plain).href])
    for (const [key, value] of Object.entries({ total: '7', passed: '3', failed: '2', flaky: '1', skipped: '1', no_run: '1', 'pass-rate': '42.86%' })) {
      expect(await page.locator(`[data-count="${key}"]`).textContent(), key).toBe(value)
    }
    // The run completed, but not every test passed: the badge says so, in the failure colour.
    const heading = page.getByRole('heading', { level: 1 })
    expect(await heading.textContent()).toBe('Run_001 Completed: 2 failed, 1 skipped, 1 not run of 7')
    expect(await heading.locator('.badge').evaluate((badge) => getComputedStyle(badge).color)).toBe(await page.evaluate(() => getComputedStyle(document.querySelector('[data-count="failed"]')!.parentElement!).color))
    expect(await visibleRows(page).count()).toBe(7)
    expect(await page.locator('#shown').textContent()).toBe('Showing 7 of 7 tests')
    expect(await page.getByText('Pass (3/3)').isVisible()).toBe(true)
    expect(await page.getByText('Fail (1/2)').isVisible()).toBe(true)
    expect(await page.locator('#summary').textContent()).toContain('Staging')
    // Opening every test draws its details from the embedded data, still without a request.
    for (const row of await page.locator('button.row').all()) await row.click()
    expect(await page.locator('.details:not([hidden])').count()).toBe(7)
    expect(requests).toEqual([pathToFileURL(files.plain).href])
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('shows the summary before and without any script', async () => {
    const { page } = await open(files.plain, { javaScriptEnabled: false })
    expect(await page.locator('[data-count="failed"]').textContent()).toBe('2')
    expect(await page.locator('#summary').isVisible()).toBe(true)
    await page.context().close()
  })

  it('shows a failing step’s error once with its screenshot and trace; the screenshot enlarges on click and closes with Escape', async () => {
    const { page, problems } = await open(files.plain)
    const test = page.locator('.test', { hasText: plain.names.failed })
    await test.locator('button.row').click()
    // Two attempts: the last, failing one is open with its error at the top.
    expect(await test.locator('details').count()).toBe(2)
    const attempt = test.locator('details[open]')
    expect(await attempt.locator('summary').textContent()).toMatch(/^Attempt 2 of 2 · Failed · /)
    const error = attempt.locator('.error')
    expect(await error.locator('strong').textContent()).toBe('Failed at step 3: assert step 3')
    expect(await error.locator('pre').textContent()).toBe(plain.failure.message)
    // Said once: not again in the step's row nor under the checkpoint (its table says expected and actual).
    expect(await attempt.getByText(plain.failure.message, { exact: true }).count()).toBe(1)
    expect(await attempt.getByText('checkout.spec').count()).toBe(0)
    // The preview line of the row gives way to the details.
    expect(await test.locator('.err-line').isVisible()).toBe(false)
    const trace = error.getByRole('link', { name: 'trace.zip' })
    const traceFile = join(core.context.dataDir, plain.tracePath)
    expect(await trace.getAttribute('href')).toBe(pathToFileURL(traceFile).href)
    expect(await error.locator('code').textContent()).toBe(`npx playwright show-trace ${traceFile}`)
    const thumbnail = error.locator('button.shot')
    expect(await thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBe(64)
    const failedStep = attempt.locator('tr.failed-step')
    expect(await failedStep.locator('td').nth(3).textContent()).toBe('Failed')
    expect(await failedStep.locator('button.shot').isVisible()).toBe(true)
    expect(await attempt.getByText('Order total').isVisible()).toBe(true)
    await thumbnail.click()
    const dialog = page.locator('#lightbox')
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true)
    expect(await dialog.locator('img').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBe(64)
    await page.keyboard.press('Escape')
    expect(await dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false)
    expect(await thumbnail.evaluate((b) => b === document.activeElement)).toBe(true)
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('names each data iteration by its row values, secrets left out', async () => {
    const { page } = await open(files.plain)
    const test = page.locator('.test', { hasText: plain.names.dataPass })
    await test.locator('button.row').click()
    const summaries = await test.locator('details > summary').allTextContents()
    expect(summaries.map((s) => s.replace(/ · [\d.]+ (ms|s)$/, ''))).toEqual([
      'Iteration 1 (email=ann@example.test) · Passed',
      'Iteration 2 (email=bob@example.test) · Passed',
      'Iteration 3 (email=cy@example.test) · Passed',
    ])
    await page.context().close()
  })

  it('says when the filters match no test, and clears them', async () => {
    const { page } = await open(files.plain)
    const none = page.locator('#no-match')
    expect(await none.isVisible()).toBe(false)
    await page.getByRole('searchbox', { name: 'Filter by text' }).fill('no test is called this')
    await expect.poll(() => none.isVisible()).toBe(true)
    expect(await none.textContent()).toContain('No test matches these filters.')
    expect(await page.locator('#shown').textContent()).toBe('Showing 0 of 7 tests')
    await page.getByRole('button', { name: 'Clear the filters' }).click()
    expect(await visibleRows(page).count()).toBe(7)
    expect(await none.isVisible()).toBe(false)
    expect(await page.getByRole('searchbox', { name: 'Filter by text' }).inputValue()).toBe('')
    await page.context().close()
  })

  it('filters by status, tag and text', async () => {
    const { page } = await open(files.plain)
    const names = async () => (await visibleRows(page).locator('.name').allTextContents()).sort()
    await page.locator('[data-filter-status="failed"]').click()
    expect(await names()).toEqual([plain.names.failed, plain.names.dataFail].sort())
    await page.locator('[data-filter-status="flaky"]').click()
    expect(await names()).toEqual([plain.names.flaky])
    await page.locator('[data-filter-status="all"]').click()
    await page.locator('#tag-filter').selectOption('data')
    expect(await names()).toEqual([plain.names.dataPass, plain.names.dataFail].sort())
    await page.locator('#text-filter').fill('LOCALE')
    await expect.poll(names).toEqual([plain.names.dataFail])
    await page.locator('#tag-filter').selectOption('')
    await page.locator('#text-filter').fill('$40.00')
    await expect.poll(names).toEqual([plain.names.failed])
    expect(await page.locator('#shown').textContent()).toBe('Showing 1 of 7 tests')
    await page.locator('#text-filter').fill('')
    await expect.poll(names).toHaveLength(7)
    await page.context().close()
  })

  it('works from the keyboard, switches theme, and prints without its controls', async () => {
    const { page } = await open(files.plain)
    await page.locator('#theme').focus()
    await page.keyboard.press('Enter')
    const theme = await page.evaluate(() => document.documentElement.getAttribute('data-theme'))
    expect(['dark', 'light']).toContain(theme)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe(theme === 'dark' ? 'light' : 'dark')
    // Tab reaches the filters and then the first test row; Enter opens it.
    let reached = ''
    for (let i = 0; i < 20 && !reached.includes('row'); i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate(() => document.activeElement?.className ?? '')
    }
    expect(reached).toBe('row')
    await page.keyboard.press('Enter')
    expect(await page.locator('button.row').first().getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Space')
    expect(await page.locator('button.row').first().getAttribute('aria-expanded')).toBe('false')
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('#filters').isVisible()).toBe(false)
    expect(await page.locator('#theme').isVisible()).toBe(false)
    expect(await page.locator('#summary').isVisible()).toBe(true)
    await page.context().close()
  })

  it('loads screenshots written beside the page, and nothing else', async () => {
    const { page, requests, problems } = await open(files.beside)
    const test = page.locator('.test', { hasText: plain.names.failed })
    await test.locator('button.row').click()
    const img = test.locator('details[open] .error img')
    expect(await img.evaluate((i: HTMLImageElement) => i.decode().then(() => i.naturalWidth))).toBe(64)
    const folder = pathToFileURL(join(files.beside, '..')).href
    expect(requests.every((url) => url.startsWith(folder))).toBe(true)
    expect(requests.some((url) => url.includes('report%20with%20spaces-files/'))).toBe(true)
    expect(problems).toEqual([])
    await page.context().close()
  })
})

describe('hostile text in a report', () => {
  it('never runs: no dialog, no injected element, every payload shown literally', async () => {
    const { page, dialogs, problems, requests } = await open(files.xss)
    for (const row of await page.locator('button.row').all()) await row.click()
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)))
    await page.locator('.shot').first().click()
    await page.keyboard.press('Escape')
    await page.waitForTimeout(200)
    expect(dialogs).toEqual([])
    expect(await page.locator('img[src="x"], svg[onload], iframe, object, embed').count()).toBe(0)
    // The one link is to the trace file on this machine.
    expect(await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).protocol))).toEqual(['file:'])
    expect(await page.locator('script:not([type="application/octet-stream"])').count()).toBe(1)
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
    )
    expect(handlers).toEqual([])
    const text = await page.evaluate(() => document.body.innerText)
    for (const payload of XSS_PAYLOADS) expect(text, payload).toContain(payload)
    for (const value of [hostile.names.failed, hostile.failure.message, hostile.runName]) expect(text).toContain(value)
    expect(await page.title()).toBe(`${hostile.runName} – TestDesk report`)
    expect(requests).toEqual([pathToFileURL(files.xss).href])
    expect(problems).toEqual([])
    await page.context().close()
  })
})
