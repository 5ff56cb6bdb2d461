// Browser mode end to end: `testdesk serve` as a process, real Chromium opening the URL it
// prints, and the refusals a stranger would meet.
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchTestBrowser } from './support/browser'
import { startTestdesk, tempDataDir, type LongRunning } from './support/cli'

let browser: Browser
let serve: LongRunning
let url: string
let dataDir: string

beforeAll(async () => {
  dataDir = tempDataDir()
  browser = await launchTestBrowser()
  serve = startTestdesk(['serve', '--data-dir', dataDir])
  url = (await serve.waitFor(/Open this URL in your browser: (\S+)/))[1]
})

afterAll(async () => {
  await browser?.close()
  expect(await serve?.stop()).toBe(0)
})

describe('testdesk serve', () => {
  it('shows the app shell with the system info in real Chromium', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url)
    expect(page.url()).not.toContain('token')
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click()
    await expect.poll(() => page.getByTestId('data-dir').textContent()).toBe(dataDir)
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true)
    expect(await page.getByTestId('app-version').textContent()).toMatch(/^\d+\.\d+\.\d+$/)
    expect(await page.getByTestId('status-bar').textContent()).toContain(`data: ${dataDir}`)
    expect(errors).toEqual([])
    await page.close()
  })

  it('switches between light and dark theme and remembers it', async () => {
    const page = await browser.newPage({ colorScheme: 'light' })
    await page.goto(url)
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await page.getByRole('button', { name: 'Dark theme', pressed: false }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.reload()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.close()
  })

  it('serves the production build, even to a process started with NODE_ENV=test', async () => {
    expect(process.env.NODE_ENV).toBe('test') // inherited by the serve process
    const page = await browser.newPage()
    const console: string[] = []
    page.on('console', (message) => console.push(message.text()))
    await page.goto(url)
    await page.getByRole('navigation', { name: 'Sections' }).waitFor()
    // React's development build greets every page load with this.
    expect(console.filter((text) => text.includes('React DevTools'))).toEqual([])
    await page.close()
  })

  it('opens a deep link at its route, every request answered with its content type', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const answers: { path: string; status: number; type: string }[] = []
    page.on('response', (response) => {
      const { pathname } = new URL(response.url())
      // Contract calls answer with their own statuses (a run that does not exist is a 404).
      if (pathname.startsWith('/api/')) return
      answers.push({ path: pathname, status: response.status(), type: response.headers()['content-type'] ?? '' })
    })
    const deep = new URL(url)
    deep.pathname = '/runs/1'
    await page.goto(deep.href)
    expect(new URL(page.url()).pathname).toBe('/runs/1')
    await page.getByRole('navigation', { name: 'Sections' }).waitFor()
    // Run 1 by its number: this data folder has no run yet, and the page says so.
    await page.getByRole('heading', { name: 'Run not found' }).waitFor()
    expect(await page.getByRole('alert').textContent()).toContain("No test run matches '1'")
    const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=icon]')?.href)
    expect(icon).toBeDefined()
    const iconAnswer = await page.request.get(icon!)
    answers.push({ path: new URL(icon!).pathname, status: iconAnswer.status(), type: iconAnswer.headers()['content-type'] })

    const expectedType: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/, svg: /^image\/svg\+xml/ }
    const assets = answers.filter((a) => /\.\w+$/.test(a.path))
    expect(assets.map((a) => a.path.split('.').pop())).toEqual(expect.arrayContaining(['js', 'css', 'svg']))
    for (const answer of answers) {
      expect(answer.status, answer.path).toBeLessThan(400)
      const extension = answer.path.match(/\.(\w+)$/)?.[1]
      if (answer.status === 200) expect(answer.type, answer.path).toMatch(extension ? expectedType[extension] : /^text\/html/)
    }
    await context.close()
  })

  it('refuses a visitor without the token, and a call from another origin', async () => {
    const { origin, hash } = new URL(url)
    const context = await browser.newContext()
    const page = await context.newPage()
    const response = await page.goto(origin + '/')
    expect(response?.status()).toBe(200)
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('testdesk serve')
    const fromElsewhere = await page.request.post(`${origin}/api/system.info`, {
      headers: { Origin: 'http://evil.example', 'X-TestDesk-Token': new URLSearchParams(hash.slice(1)).get('token')! },
      data: {},
    })
    expect(fromElsewhere.status()).toBe(403)
    await context.close()
  })
})
