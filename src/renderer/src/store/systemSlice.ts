// What the app knows about its installation (system.info), loaded once at start.
import type { StateCreator } from 'zustand'
import type { SystemInfo } from '../../../shared/api/system'
import type { AppState, StoreDeps } from './index'

export interface SystemSlice {
  system: SystemInfo | null
  systemError: string | null
  loadSystem(): Promise<void>
}

export const systemSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], SystemSlice> =>
  (set) => ({
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
