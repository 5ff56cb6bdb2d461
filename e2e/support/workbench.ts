// Browser mode the way a tester starts it: the UI built when it is missing or older than its
// sources (the same path `testdesk serve` takes), the contract served on 127.0.0.1 behind a
// token, and real Chromium opening the printed URL. One server and one browser per test file.
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright'
import { openCore, type Core } from '../../src/main/core'
import { seedDemo } from '../../src/main/core/demo'
import { startHost, type Host } from '../../src/main/host/server'
import { ensureBrowserUi } from '../../src/main/host/ui-build'
import { launchTestBrowser } from './browser'
import { TEST_UI_DIR, tempDataDir } from './cli'

export interface Workbench {
  url: string
  origin: string
  dataDir: string
  core: Core
  browser: Browser
  /** Calls the contract directly, for set-up data and for checking what the UI stored. */
  call<T = any>(name: string, input?: unknown): Promise<T>
  /** A fresh browser context (its own storage) on the app, signed in with the URL's token. */
  open(path?: string): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

const LOCK = join(tmpdir(), 'testdesk-ui-build.lock')

/** Builds the UI if needed; test files starting together wait for one build instead of racing. */
async function uiBuiltOnce(): Promise<string> {
  const deadline = Date.now() + 300_000
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      // A lock left by a killed run is stale after 5 minutes.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true })
      } catch {
        // Gone meanwhile: try again.
      }
      if (Date.now() > deadline) throw new Error(`Waited too long for ${LOCK}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    return await ensureBrowserUi({ dir: TEST_UI_DIR, onProgress: (message) => console.log(message) })
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

export interface WorkbenchOptions {
  /** 'browser' runs tests for real (the run screens); 'manual' (default) runs none. */
  execution?: 'browser' | 'manual'
  /** Seeds the demo project, as `testdesk serve --demo` does. */
  demo?: boolean
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const rendererDir = await uiBuiltOnce()
  const dataDir = tempDataDir('td-ui-')
  const core = await openCore({ dataDir, userName: 'tester', execution: options.execution ?? 'manual' })
  if (options.demo) seedDemo(core.context.store)
  let host: Host
  try {
    host = await startHost({ dispatcher: core.dispatcher, events: core.events, rendererDir })
  } catch (error) {
    await core.close()
    throw error
  }
  const browser = await launchTestBrowser()
  const call = async (name: string, input: unknown = {}) => {
    const envelope = await core.dispatcher.call(name, input, { transport: 'direct' })
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.kind}: ${envelope.error.message} ${JSON.stringify(envelope.error.issues ?? [])}`)
    return envelope.value as any
  }
  return {
    url: host.url,
    origin: host.origin,
    dataDir,
    core,
    browser,
    call,
    async open(path = '/') {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
      const page = await context.newPage()
      // A step that cannot happen fails with what it waited for, long before the test's timeout.
      page.setDefaultTimeout(15_000)
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      ;(page as Page & { errors: string[] }).errors = errors
      await page.goto(host.url)
      if (path !== '/') {
        // Into the app's route the way a link inside it goes there. (Loading a deep URL itself
        // needs the UI's assets served from the root, which the host's deep-link work brings.)
        await page.getByRole('navigation', { name: 'Sections' }).waitFor()
        await page.evaluate((target) => {
          history.pushState(null, '', target)
          dispatchEvent(new PopStateEvent('popstate'))
        }, path)
      }
      return { context, page }
    },
    async close() {
      await browser.close()
      await host.close()
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Errors the page threw since it opened. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? []
}
