// `system`: what the app is and where it stands (version, data directory, schema, browser).
import { z } from 'zod'
import { event, method, returns, type Namespace } from './contract'

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

/** Kinds of data an open window follows; each has a counter raised by every write to it. */
export const CHANGE_KINDS = ['suites', 'tests', 'dataSets', 'environments', 'browsers', 'scripts', 'projects', 'schedules', 'settings', 'history', 'runs'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** Data changed, through any window, the CLI or another process on the same data directory. */
export interface DataChange {
  kinds: ChangeKind[]
  /** The counters after the change, so a window can tell whether it has seen it. */
  revisions: Record<ChangeKind, number>
}

export interface OpenedFolder {
  opened: boolean
  path: string
  /** Why it could not be opened (no file manager on a server, for example). */
  message: string | null
}

export const system = {
  info: method(z.object({}).strict().default({}), returns<SystemInfo>()),
  /** Where TestDesk would find a given browser, and what to do when it finds none. */
  findBrowser: method(z.object({ browser: BrowserNameSchema }).strict(), returns<BrowserDiscovery>()),
  /** Opens the data directory in the file manager of the machine TestDesk runs on. */
  openDataDir: method(z.object({}).strict().default({}), returns<OpenedFolder>()),
  /** Suites, tests, data sets, environments, settings, runs… changed (published within a second). */
  onChanged: event<DataChange>(),
} satisfies Namespace
