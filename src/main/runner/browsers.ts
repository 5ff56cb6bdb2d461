// Finds a browser executable to drive: TESTDESK_BROWSER_PATH, then Playwright's installed
// browsers, then a system Chrome/Chromium/Edge. Reports every place it looked so "no browser"
// always comes with what was tried and how to get one.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserDiscovery, BrowserName } from '../../shared/api/system'

export type { BrowserName }

export interface DiscoveryEnvironment {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  exists: (path: string) => boolean
  /** Where Playwright would have installed the browser (whether or not it is there). */
  playwrightPath: (browser: BrowserName) => Promise<string | null>
}

export const INSTALL_HINT =
  'Install one with `npx playwright install chromium`, or install Google Chrome or Chromium, ' +
  'or set TESTDESK_BROWSER_PATH to a browser executable.'

export async function discoverBrowser(
  browser: BrowserName = 'chromium',
  environment: Partial<DiscoveryEnvironment> = {},
): Promise<BrowserDiscovery> {
  const env = environment.env ?? process.env
  const platform = environment.platform ?? process.platform
  const exists = environment.exists ?? existsSync
  const playwrightPath = environment.playwrightPath ?? defaultPlaywrightPath
  const tried: string[] = []

  const fromEnv = env.TESTDESK_BROWSER_PATH
  if (fromEnv) {
    tried.push(`TESTDESK_BROWSER_PATH=${fromEnv}`)
    if (exists(fromEnv)) return found(fromEnv, 'env', tried)
    return {
      found: false,
      path: null,
      source: null,
      tried,
      hint: `TESTDESK_BROWSER_PATH points at ${fromEnv}, which does not exist. Fix or unset it. ${INSTALL_HINT}`,
    }
  }

  const installed = await playwrightPath(browser)
  if (installed) {
    tried.push(`Playwright's ${browser} at ${installed}`)
    if (exists(installed)) return found(installed, 'playwright', tried)
  } else {
    tried.push(`Playwright's ${browser} (not known to this Playwright)`)
  }

  // Playwright drives Firefox and WebKit only through its own patched builds.
  if (browser === 'chromium') {
    for (const candidate of systemChromiumPaths(platform, env)) {
      tried.push(candidate)
      if (exists(candidate)) return found(candidate, 'system', tried)
    }
  }

  const hint =
    browser === 'chromium'
      ? INSTALL_HINT
      : `Install it with \`npx playwright install ${browser}\` (Playwright runs ${browser} only from its own builds).`
  return { found: false, path: null, source: null, tried, hint }
}

function found(path: string, source: BrowserDiscovery['source'], tried: string[]): BrowserDiscovery {
  return { found: true, path, source, tried, hint: null }
}

async function defaultPlaywrightPath(browser: BrowserName): Promise<string | null> {
  try {
    const playwright = await import('playwright')
    return playwright[browser].executablePath() || null
  } catch {
    return null
  }
}

export function systemChromiumPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r)
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
    ])
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ]
}

/**
 * Chromium switches TestDesk always adds: no background traffic or updates that would add noise
 * to network logs; no sandbox when running as root (containers, CI), where Chromium refuses it.
 */
export function chromiumArgs(options: { headless: boolean }): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
  ]
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox')
  if (options.headless) args.push('--disable-gpu')
  return args
}
