// Time until a report's summary is on screen in Chromium, measured the same way for every
// report: a MutationObserver installed before the page's own code notes the first animation
// frame in which the summary element exists, is laid out and has text (performance.now(),
// i.e. milliseconds since navigation start). Also a static server so reports can be compared
// over http as well as from file://.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright'
import { findFile, resolveInside, sendFile, sendText } from '../src/main/http/static-files'
import { messageOf, retried, type RelaunchingBrowser } from './resilient'
import { median } from './stats'

function observer(selector: string): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)};
    const check = () => {
      const el = document.querySelector(selector);
      if (!el || !el.getClientRects().length || !(el.textContent || '').trim()) return;
      watcher.disconnect();
      requestAnimationFrame(() => { window.__summaryAt = performance.now(); });
    };
    const watcher = new MutationObserver(check);
    watcher.observe(document, { childList: true, subtree: true, characterData: true });
  })()`
}

async function once(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.addInitScript(observer(selector))
    await page.goto(url, { waitUntil: 'commit' })
    const handle = await page.waitForFunction(() => (window as unknown as { __summaryAt?: number }).__summaryAt, undefined, { timeout: 60_000, polling: 50 })
    return (await handle.jsonValue()) as number
  } finally {
    await context.close().catch(() => undefined)
  }
}

export interface SummaryTimes<K extends string> {
  /** Median per page over the loads that succeeded; null when none did. */
  medians: Record<K, number | null>
  /** How many loads of each page were measured. */
  samples: Record<K, number>
  /** Loads that failed even after their retries. */
  failures: string[]
}

/**
 * Median of `rounds` fresh loads of each page (a new context each time: no cache, no warm
 * storage), taken in turns so that a busy moment of the machine falls on every page alike. One
 * unmeasured round first. A load that fails is tried again (in a browser launched again if it
 * had gone); one that still fails is left out of its median and listed.
 */
export async function timeToSummary<K extends string>(browser: RelaunchingBrowser, pages: Record<K, { url: string; selector: string }>, rounds = 9): Promise<SummaryTimes<K>> {
  const keys = Object.keys(pages) as K[]
  const values = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>
  const failures: string[] = []
  for (let round = -1; round < rounds; round++) {
    for (const key of keys) {
      const { url, selector } = pages[key]
      try {
        const value = await retried(`loading ${key}`, async () => once(await browser.get(), url, selector))
        if (round >= 0) values[key].push(value)
      } catch (error) {
        failures.push(`${key}, round ${round + 1}: ${messageOf(error)}`)
      }
    }
  }
  return {
    medians: Object.fromEntries(keys.map((key) => [key, values[key].length ? median(values[key]) : null])) as Record<K, number | null>,
    samples: Object.fromEntries(keys.map((key) => [key, values[key].length])) as Record<K, number>,
    failures,
  }
}

export interface StaticServer {
  url: string
  close(): Promise<void>
}

export async function serveFolder(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = resolveInside(root, new URL(req.url ?? '/', 'http://x').pathname)
    const file = path ? findFile(path, root) : null
    if (!file) return sendText(res, 404, 'not found')
    sendFile(req, res, file, { 'Cache-Control': 'no-store' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
