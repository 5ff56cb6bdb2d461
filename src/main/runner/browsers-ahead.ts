// Browsers started before their run exists. The CLI starts one first, so a browser that cannot
// start is a broken environment found before any run is created; the first worker of the next run
// launching the same kind of browser takes it instead of starting another. Whoever opens the core
// may hand one of these in (`CoreOptions.browsersAhead`) and keep using it: no reach into the runner.
import type { Browser } from 'playwright'
import { launchBrowser, launchKey, type LaunchSettings } from './launch'

export class BrowsersAhead {
  private readonly ready = new Map<string, Browser>()

  /**
   * Starts a browser for the next run with these settings and returns it; throws
   * BrowserUnavailableError (what the browser printed, how it ended) when it cannot start.
   */
  async start(settings: LaunchSettings, executable: string | null): Promise<Browser> {
    const browser = await launchBrowser(settings, executable)
    const key = launchKey(settings, executable)
    void this.ready.get(key)?.close().catch(() => undefined)
    this.ready.set(key, browser)
    return browser
  }

  /** The browser started ahead for this launchKey, once (null when none, or it has died since). */
  take(key: string): Browser | null {
    const browser = this.ready.get(key)
    this.ready.delete(key)
    return browser?.isConnected() ? browser : null
  }

  /** Closes the browsers no run took. */
  async close(): Promise<void> {
    const left = [...this.ready.values()]
    this.ready.clear()
    await Promise.all(left.map((browser) => browser.close().catch(() => undefined)))
  }
}
