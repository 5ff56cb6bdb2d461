// Browser mode's token in real Chromium: the page keeps it from the URL fragment for its own
// origin and sends it as a header and a socket subprotocol; another server on this machine
// (another port: cookies would ignore it) never receives it, and its page can neither call
// TestDesk nor open its events socket; a token in the query only opens the page.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchTestBrowser } from './support/browser'
import { startTestdesk, tempDataDir, type LongRunning } from './support/cli'

let browser: Browser
let serve: LongRunning
let url: string
let origin: string
let token: string
let dataDir: string
let other: { server: Server; origin: string; seen: { path: string; headers: IncomingHttpHeaders }[] }

/** A plain local web server on another port that remembers every request it gets. */
async function otherLocalServer(): Promise<typeof other> {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = []
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>Another local app</title><p>Hello</p>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

beforeAll(async () => {
  dataDir = tempDataDir()
  browser = await launchTestBrowser()
  serve = startTestdesk(['serve', '--data-dir', dataDir])
  url = (await serve.waitFor(/Open this URL in your browser: (\S+)/))[1]
  origin = new URL(url).origin
  token = new URLSearchParams(new URL(url).hash.slice(1)).get('token')!
  other = await otherLocalServer()
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => other?.server.close(resolve))
  expect(await serve?.stop()).toBe(0)
})

// The status bar names the data folder once the contract answered (so the token worked).
const dataDirShown = (page: Page) => page.getByRole('contentinfo').getByText(`data: ${dataDir}`, { exact: true }).waitFor({ timeout: 20_000 })

describe('browser mode keeps its token home', () => {
  it('prints the token in the fragment; the page keeps it out of the address bar and sends it as a header, never a cookie', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32,}$/)
    const context = await browser.newContext()
    const page = await context.newPage()
    const apiCalls: Record<string, string>[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.headers())
    })
    await page.goto(url)
    await dataDirShown(page)
    expect(page.url()).toBe(`${origin}/tests`) // the first screen, with no token left in the address
    expect(apiCalls.length).toBeGreaterThan(0)
    for (const headers of apiCalls) {
      expect(headers['x-testdesk-token']).toBe(token)
      expect(headers.cookie).toBeUndefined()
    }
    expect(await context.cookies()).toEqual([])
    // A reload (and the app's own navigation) keeps working from the tab's storage.
    await page.reload()
    await dataDirShown(page)
    // The events socket takes the token as a subprotocol, the only thing a browser can send.
    const protocol = await page.evaluate(
      (key) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/api/events`, ['testdesk', `testdesk.token.${sessionStorage.getItem(key)}`])
          ws.onopen = () => resolve(ws.protocol)
          ws.onerror = () => resolve('refused')
        }),
      'testdesk.session-token',
    )
    expect(protocol).toBe('testdesk')
    await context.close()
  })

  it('another local server never receives the token, and its page can neither call TestDesk nor listen to it', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(url)
    await dataDirShown(page)
    // The same browser, the same host, another port.
    await page.goto(`${other.origin}/`)
    await page.getByText('Hello').waitFor()
    const received = JSON.stringify(other.seen)
    expect(received).not.toContain(token)
    expect(other.seen.every(({ headers }) => headers.cookie === undefined)).toBe(true)
    const attempts = await page.evaluate(async (target) => {
      const tries: Record<string, string> = {}
      const attempt = async (name: string, init: RequestInit) => {
        try {
          const response = await fetch(`${target}/api/suites.create`, { method: 'POST', body: JSON.stringify({ name: `from ${name}` }), ...init })
          tries[name] = String(response.status)
        } catch {
          tries[name] = 'blocked'
        }
      }
      await attempt('json', { headers: { 'Content-Type': 'application/json' }, credentials: 'include' })
      await attempt('simple', { headers: { 'Content-Type': 'text/plain' }, mode: 'no-cors', credentials: 'include' })
      tries.socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${target.replace('http', 'ws')}/api/events`, ['testdesk'])
        ws.onopen = () => resolve('open')
        ws.onerror = () => resolve('refused')
      })
      return tries
    }, origin)
    expect(attempts).toEqual({ json: 'blocked', simple: '0', socket: 'refused' })
    // Nothing ran: TestDesk still has only its ROOT suite.
    await page.goto(url)
    await dataDirShown(page)
    const suites = await page.evaluate(async () => {
      const key = 'testdesk.session-token'
      const response = await fetch('/api/suites.list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-TestDesk-Token': sessionStorage.getItem(key)! },
        body: '{}',
      })
      return ((await response.json()) as { value: { items: { name: string }[] } }).value.items.map((s) => s.name)
    })
    expect(suites).toEqual(['ROOT'])
    await context.close()
  })

  it('a token in the query only opens the page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${origin}/?token=${token}`)
    await dataDirShown(page)
    expect(page.url()).toBe(`${origin}/tests`)
    const call = await page.request.post(`${origin}/api/system.info?token=${token}`, { headers: { Origin: origin }, data: {} })
    expect(call.status()).toBe(401)
    const withoutToken = await context.newPage()
    expect((await withoutToken.goto(`${origin}/?token=${'x'.repeat(32)}`))?.status()).toBe(401)
    await context.close()
  })
})
