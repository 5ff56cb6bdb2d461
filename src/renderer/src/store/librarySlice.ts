// Lists of what tests run with: data sets, environments, browser configurations (names and
// ids for pickers and the library screens), and the shared settings.
import type { StateCreator } from 'zustand'
import type { DeviceInfo } from '../../../shared/api/catalog'
import type { BrowserConfiguration, DataSet, Environment } from '../../../shared/model/definition'
import type { AppSettings, UpdateSettingsInput } from '../../../shared/model/settings'
import type { DocKind } from './doc-adapters'
import { messageOf } from './docsSlice'
import type { AppState, StoreDeps } from './index'

export type LibraryKind = Exclude<DocKind, 'test'>

export interface LibraryItem {
  id: string
  name: string
  detail: string
}

export interface LibrarySlice {
  lists: Record<LibraryKind, LibraryItem[] | null>
  loadList(kind: LibraryKind): Promise<void>
  devices: DeviceInfo[] | null
  loadDevices(): Promise<void>
  settings: AppSettings | null
  settingsError: string | null
  loadSettings(): Promise<void>
  updateSettings(input: UpdateSettingsInput): Promise<void>
}

const PAGE = 100

/** Every page of a list (the contract pages at 100). */
async function all<T>(page: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const items: T[] = []
  for (let offset = 0; ; offset += PAGE) {
    const result = await page(offset)
    items.push(...result.items)
    if (items.length >= result.total || !result.items.length) return items
  }
}

export const librarySlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LibrarySlice> =>
  (set, get) => {
    const readers: Record<LibraryKind, () => Promise<LibraryItem[]>> = {
      dataSet: async () =>
        (await all<DataSet>((offset) => deps.client.dataSets.list({ limit: PAGE, offset, sort_by: 'name', sort_order: 'asc' }))).map((d) => ({
          id: d.id,
          name: d.name,
          detail: `${d.columns.length} columns, ${d.row_count} rows`,
        })),
      environment: async () =>
        (await all<Environment>((offset) => deps.client.environments.list({ limit: PAGE, offset, sort_by: 'name', sort_order: 'asc' }))).map((e) => ({
          id: e.id,
          name: e.name,
          detail: e.base_url ?? 'no base URL',
        })),
      browser: async () =>
        (await all<BrowserConfiguration>((offset) => deps.client.browsers.list({ limit: PAGE, offset, sort_by: 'name', sort_order: 'asc' }))).map((b) => ({
          id: b.id,
          name: b.name,
          detail: [b.browser_name, b.device_name ?? (b.viewport_width ? `${b.viewport_width}×${b.viewport_height}` : null), b.headless ? 'headless' : 'headed']
            .filter(Boolean)
            .join(', '),
        })),
    }

    let settingsQueue: Promise<void> = Promise.resolve()

    return {
      lists: { dataSet: null, environment: null, browser: null },
      async loadList(kind) {
        try {
          const items = await readers[kind]()
          set({ lists: { ...get().lists, [kind]: items } })
        } catch (error) {
          get().toast(`Could not load the list: ${messageOf(error)}`, { tone: 'error' })
        }
      },
      devices: null,
      async loadDevices() {
        if (get().devices) return
        try {
          set({ devices: await deps.client.browsers.devices({}) })
        } catch {
          set({ devices: [] })
        }
      },
      settings: null,
      settingsError: null,
      async loadSettings() {
        try {
          set({ settings: await deps.client.settings.get({}), settingsError: null })
        } catch (error) {
          set({ settingsError: messageOf(error) })
        }
      },
      updateSettings(input) {
        // One at a time, in the order made: two quick changes must not land the wrong way round.
        settingsQueue = settingsQueue.then(async () => {
          try {
            set({ settings: await deps.client.settings.update(input), settingsError: null })
          } catch (error) {
            set({ settingsError: messageOf(error) })
          }
        })
        return settingsQueue
      },
    }
  }
