// What the app knows about its installation (system.info), loaded once at start.
import type { StateCreator } from 'zustand'
import type { SystemInfo } from '../../../shared/api/system'
import type { ApiClient } from '../client'
import type { AppState, StoreDeps } from './index'

export interface SystemSlice {
  /** The contract, for components and operations that call it directly. */
  client: ApiClient
  system: SystemInfo | null
  systemError: string | null
  loadSystem(): Promise<void>
}

export const systemSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], SystemSlice> =>
  (set) => ({
    client: deps.client,
    system: null,
    systemError: null,
    async loadSystem() {
      try {
        set({ system: await deps.client.system.info({}), systemError: null })
      } catch (error) {
        set({ systemError: error instanceof Error ? error.message : String(error) })
      }
    },
  })
