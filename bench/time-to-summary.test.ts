// The report benchmark's page loads on a machine where things go wrong: the browser goes away
// mid-measurement (as under heavy load), or a page never loads. Figures still come out, and what
// could not be measured is said.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { launchTestBrowser } from '../e2e/support/browser'
import { RelaunchingBrowser } from './resilient'
import { timeToSummary } from './time-to-summary'

const PAGE = '<!DOCTYPE html><html><body><section id="summary"><dl><dd data-count="total">7</dd></dl></section></body></html>'
let browser: RelaunchingBrowser
let server: Server
afterEach(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function serve(onRequest: () => void): Promise<string> {
  server = createServer((_req, res) => {
    onRequest()
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

describe('time to summary', () => {
  it('launches the browser again when it goes away during a load, and measures every page', async () => {
    browser = new RelaunchingBrowser(launchTestBrowser)
    let requests = 0
    const url = await serve(() => {
      // The second load loses its browser while the page is on its way, as a loaded machine did.
      if (++requests === 2) void browser.get().then((b) => b.close())
    })
    const times = await timeToSummary(browser, { a: { url, selector: '#summary [data-count="total"]' }, b: { url: `${url}?b`, selector: '#summary [data-count="total"]' } }, 1)
    expect(browser.relaunches).toBe(1)
    expect(times.failures).toEqual([])
    expect(times.samples).toEqual({ a: 1, b: 1 })
    expect(times.medians.a).toBeGreaterThan(0)
    expect(times.medians.b).toBeGreaterThan(0)
  }, 180_000)

  it('leaves out a page that never loads, says why, and still measures the others', async () => {
    browser = new RelaunchingBrowser(launchTestBrowser)
    const url = await serve(() => undefined)
    const times = await timeToSummary(browser, { good: { url, selector: '#summary' }, gone: { url: 'http://127.0.0.1:1/', selector: '#summary' } }, 1)
    expect(times.medians.good).toBeGreaterThan(0)
    expect(times.medians.gone).toBeNull()
    expect(times.samples).toEqual({ good: 1, gone: 0 })
    expect(times.failures).toHaveLength(2)
    expect(times.failures[0]).toMatch(/^gone, round 0: page\.goto: net::ERR_/)
  }, 180_000)
})
