// One store built from typed slices; components select the smallest piece they need.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ApiClient } from '../client'
import { systemSlice, type SystemSlice } from './systemSlice'
import { uiSlice, type Theme, type UiSlice } from './uiSlice'

export type AppState = SystemSlice & UiSlice

export interface StoreDeps {
  client: ApiClient
  initialTheme: Theme
  saveTheme(theme: Theme): void
}

export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...args) => ({
    ...systemSlice(deps)(...args),
    ...uiSlice(deps)(...args),
  }))
}
