import { describe, expect, it } from 'vitest'
import { discoverBrowser, systemChromiumPaths } from './browsers'

const existing = (...paths: string[]) => (p: string) => paths.includes(p)

describe('discoverBrowser', () => {
  it('prefers TESTDESK_BROWSER_PATH', async () => {
    const result = await discoverBrowser('chromium', {
      env: { TESTDESK_BROWSER_PATH: '/opt/chrome' },
      platform: 'linux',
      exists: existing('/opt/chrome', '/usr/bin/chromium'),
      playwrightPath: async () => '/pw/chrome',
    })
    expect(result).toMatchObject({ found: true, path: '/opt/chrome', source: 'env' })
  })

  it('says when TESTDESK_BROWSER_PATH is wrong instead of silently using another browser', async () => {
    const result = await discoverBrowser('chromium', {
      env: { TESTDESK_BROWSER_PATH: '/nope' },
      platform: 'linux',
      exists: existing('/usr/bin/chromium'),
      playwrightPath: async () => null,
    })
    expect(result.found).toBe(false)
    expect(result.hint).toMatch(/\/nope, which does not exist/)
  })

  it("then Playwright's installed browser, then the system's", async () => {
    const pw = await discoverBrowser('chromium', {
      env: {},
      platform: 'linux',
      exists: existing('/pw/chrome', '/usr/bin/chromium'),
      playwrightPath: async () => '/pw/chrome',
    })
    expect(pw).toMatchObject({ path: '/pw/chrome', source: 'playwright' })
    const system = await discoverBrowser('chromium', {
      env: {},
      platform: 'linux',
      exists: existing('/usr/bin/google-chrome'),
      playwrightPath: async () => '/pw/chrome',
    })
    expect(system).toMatchObject({ path: '/usr/bin/google-chrome', source: 'system' })
    expect(system.tried.slice(0, 3)).toEqual(["Playwright's chromium at /pw/chrome", '/usr/bin/chromium', '/usr/bin/chromium-browser'])
  })

  it('lists every place tried and how to install one when nothing is found', async () => {
    const result = await discoverBrowser('chromium', { env: {}, platform: 'linux', exists: () => false, playwrightPath: async () => '/pw/chrome' })
    expect(result.found).toBe(false)
    expect(result.tried.length).toBe(1 + systemChromiumPaths('linux', {}).length)
    expect(result.hint).toContain('npx playwright install chromium')
  })

  it('does not fall back to system Chrome for firefox or webkit', async () => {
    const result = await discoverBrowser('firefox', { env: {}, platform: 'linux', exists: existing('/usr/bin/chromium'), playwrightPath: async () => '/pw/ff' })
    expect(result.found).toBe(false)
    expect(result.hint).toContain('npx playwright install firefox')
  })

  it('knows the usual places on macOS and Windows', () => {
    expect(systemChromiumPaths('darwin', {})[0]).toContain('Google Chrome.app')
    expect(systemChromiumPaths('win32', { PROGRAMFILES: 'C:\\Program Files' })[0]).toMatch(/chrome\.exe$/)
  })
})
