// Time until a report's summary is on screen in Chromium, measured the same way for every
// report: a MutationObserver installed before the page's own code notes the first animation
// frame in which the summary element exists, is laid out and has text (performance.now(),
// i.e. milliseconds since navigation start). Also a static server so reports can be compared
// over http as well as from file://.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright'
import { findFile, resolveInside, sendFile, sendText } from '../src/main/http/static-files'

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

/** Median of `times` fresh loads (new context each: no cache, no warm storage), after one unmeasured load. */
export async function timeToSummary(browser: Browser, url: string, selector: string, times = 7): Promise<number> {
  const samples: number[] = []
  for (let i = -1; i < times; i++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.addInitScript(observer(selector))
    await page.goto(url, { waitUntil: 'commit' })
    const handle = await page.waitForFunction(() => (window as unknown as { __summaryAt?: number }).__summaryAt, undefined, { timeout: 60_000, polling: 50 })
    if (i >= 0) samples.push((await handle.jsonValue()) as number)
    await context.close()
  }
  return median(samples)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export interface StaticServer {
  url: string
  close(): Promise<void>
}

export async function serveFolder(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = resolveInside(root, new URL(req.url ?? '/', 'http://x').pathname)
    const file = path ? findFile(path) : null
    if (!file) return sendText(res, 404, 'not found')
    sendFile(req, res, file, { 'Cache-Control': 'no-store' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
