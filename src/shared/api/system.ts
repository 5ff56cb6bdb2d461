// `system`: what the app is and where it stands (version, data directory, schema, browser).
import { z } from 'zod'
import { method, returns, type Namespace } from './contract'

export type BrowserSource = 'env' | 'playwright' | 'system'

export interface BrowserDiscovery {
  found: boolean
  /** Absolute path of the executable that will be launched. */
  path: string | null
  source: BrowserSource | null
  /** Every place looked at, in order, so a tester can see why nothing was found. */
  tried: string[]
  /** What to do when nothing was found. */
  hint: string | null
}

export interface SystemInfo {
  appName: 'TestDesk'
  appVersion: string
  dataDir: string
  databasePath: string
  schemaVersion: number
  platform: string
  nodeVersion: string
  electronVersion: string | null
  browser: BrowserDiscovery
}

export const BrowserNameSchema = z.enum(['chromium', 'firefox', 'webkit'])
export type BrowserName = z.infer<typeof BrowserNameSchema>

export const system = {
  info: method(z.object({}).strict().default({}), returns<SystemInfo>()),
  /** Where TestDesk would find a given browser, and what to do when it finds none. */
  findBrowser: method(z.object({ browser: BrowserNameSchema }).strict(), returns<BrowserDiscovery>()),
} satisfies Namespace
