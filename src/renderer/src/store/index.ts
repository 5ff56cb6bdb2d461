// One store built from typed slices; components select the smallest piece they need. A later
// section (runs, schedules) adds its slice here and its view to ../sections.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ApiClient } from '../client'
import type { Address } from '../routes'
import { docsSlice, type DocsSlice } from './docsSlice'
import { editorSlice, type EditorSlice } from './editorSlice'
import { librarySlice, type LibrarySlice } from './librarySlice'
import { liveSlice, type LiveSlice } from './liveSlice'
import { outlineSlice, type OutlineSlice } from './outlineSlice'
import { routeSlice, type RouteSlice } from './routeSlice'
import { systemSlice, type SystemSlice } from './systemSlice'
import { toastSlice, type ToastSlice } from './toastSlice'
import { uiSlice, type Theme, type UiSlice } from './uiSlice'

export type AppState = SystemSlice & UiSlice & RouteSlice & ToastSlice & OutlineSlice & DocsSlice & EditorSlice & LibrarySlice & LiveSlice

export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export interface StoreDeps {
  client: ApiClient
  address: Address
  storage: KeyValueStorage
  initialTheme: Theme
  saveTheme(theme: Theme): void
}

export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...args) => ({
    ...systemSlice(deps)(...args),
    ...uiSlice(deps)(...args),
    ...routeSlice(deps)(...args),
    ...toastSlice(...args),
    ...outlineSlice(deps)(...args),
    ...docsSlice(deps)(...args),
    ...editorSlice(...args),
    ...librarySlice(deps)(...args),
    ...liveSlice(deps)(...args),
  }))
}
