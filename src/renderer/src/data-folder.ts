// Opens the data directory in the system's file manager, or says where it is when it cannot.
import type { StoreApi } from 'zustand/vanilla'
import type { AppState } from './store'

export async function openDataFolder(store: StoreApi<AppState>): Promise<void> {
  const client = store.getState().client
  try {
    const opened = await client.system.openDataDir({})
    store.getState().toast(opened.opened ? `Opened ${opened.path}` : (opened.message ?? `The data folder is ${opened.path}`), { tone: opened.opened ? 'info' : 'error' })
  } catch (error) {
    store.getState().toast(`Could not open the data folder: ${(error as Error).message}`, { tone: 'error' })
  }
}
