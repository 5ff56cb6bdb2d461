// Starts the browser a worker drives: a local executable found by discovery, or a remote
// Playwright browser server (`--browser-endpoint ws://…`) so a team can run beyond one machine.
import type { Browser, BrowserContextOptions } from 'playwright'
import type { DeviceInfo } from '../../shared/api/catalog'
import type { BrowserConfiguration } from '../../shared/model/definition'
import { chromiumArgs, discoverBrowser, type BrowserName } from './browsers'

export interface LaunchSettings {
  browser: BrowserName
  headless: boolean
  /** ws:// endpoint of a `playwright launch-server` / `browserType.launchServer()`. */
  endpoint?: string | null
}

/** Which launches give interchangeable browsers. */
export function launchKey(settings: LaunchSettings, executablePath: string | null): string {
  return JSON.stringify([settings.browser, settings.headless, settings.endpoint ?? null, executablePath])
}

export class BrowserUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BrowserUnavailableError'
  }
}

/** Playwright loads on first use: commands that never start a browser start faster. */
const playwright = () => import('playwright')

/** Resolves which executable will be used, or explains why there is none. Cheap; no launch. */
export async function resolveExecutable(settings: LaunchSettings): Promise<string | null> {
  if (settings.endpoint) return null
  const found = await discoverBrowser(settings.browser)
  if (!found.found || !found.path) {
    throw new BrowserUnavailableError(`No ${settings.browser} browser found. ${found.hint}\nLooked at: ${found.tried.join(', ')}`)
  }
  return found.path
}

/** Playwright's device descriptors, by name, for browser configurations to choose from. */
export async function knownDevices(): Promise<DeviceInfo[]> {
  const { devices } = await playwright()
  return Object.entries(devices)
    .map(([name, d]) => ({
      name,
      viewport_width: d.viewport.width,
      viewport_height: d.viewport.height,
      browser_name: d.defaultBrowserType,
      is_mobile: !!d.isMobile,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export async function launchBrowser(settings: LaunchSettings, executablePath: string | null): Promise<Browser> {
  const type = (await playwright())[settings.browser]
  if (settings.endpoint) {
    try {
      return await type.connect(settings.endpoint, { timeout: 30_000 })
    } catch (error) {
      throw new BrowserUnavailableError(`Cannot connect to the browser server at ${settings.endpoint}: ${firstLine(error)}`)
    }
  }
  try {
    return await type.launch({
      executablePath: executablePath ?? undefined,
      headless: settings.headless,
      args: settings.browser === 'chromium' ? chromiumArgs({ headless: settings.headless }) : [],
      timeout: 60_000,
      // Ctrl+C means "stop after the current steps" (the CLI handles it); the browser must live on.
      handleSIGINT: false,
    })
  } catch (error) {
    throw new BrowserUnavailableError(launchFailure(settings.browser, executablePath, error))
  }
}

/** What a tester needs when a browser will not start: which executable, how it ended, what it printed. */
export function launchFailure(browser: BrowserName, executablePath: string | null, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const exited = /<process did exit: exitCode=(\w+), signal=(\w+)>/.exec(message)
  const printed = [...new Set([...message.matchAll(/^\s*\[pid=\d+\]\[(?:err|out)\] (.*)$/gm)].map((m) => m[1].trim()).filter(Boolean))]
  const what = `Cannot start ${browser} (${executablePath ?? "Playwright's default"})`
  if (!exited) return `${what}: ${firstLine(error)}`
  const how = exited[2] !== 'null' ? `was killed by ${exited[2]}` : `exited at once with code ${exited[1]}`
  const output = printed.length ? `, printing:\n  ${printed.slice(-20).join('\n  ')}` : ' without printing anything'
  return `${what}: it ${how}${output}\nCheck that it is a Chrome or Chromium executable that runs on this machine (TESTDESK_BROWSER_PATH, if set, must name one).`
}

/** Context options from a browser configuration and the run's viewport: device first, then overrides. */
export async function contextOptions(
  config: Pick<BrowserConfiguration, 'device_name' | 'viewport_width' | 'viewport_height' | 'locale' | 'timezone_id' | 'user_agent' | 'color_scheme'> | null,
  run: { viewport_width: number | null; viewport_height: number | null },
): Promise<BrowserContextOptions> {
  const options: BrowserContextOptions = { acceptDownloads: true }
  if (config?.device_name) {
    const device = (await playwright()).devices[config.device_name]
    if (!device) throw new BrowserUnavailableError(`Unknown device '${config.device_name}': use a Playwright device name such as 'iPhone 13' or 'Pixel 7'`)
    Object.assign(options, device)
  }
  const width = run.viewport_width ?? config?.viewport_width
  const height = run.viewport_height ?? config?.viewport_height
  if (width && height) options.viewport = { width, height }
  if (config?.locale) options.locale = config.locale
  if (config?.timezone_id) options.timezoneId = config.timezone_id
  if (config?.user_agent) options.userAgent = config.user_agent
  if (config?.color_scheme) options.colorScheme = config.color_scheme
  return options
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]
}
