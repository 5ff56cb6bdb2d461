// Window-level choices: theme (remembered in this browser), whether the command palette is open.
import type { StateCreator } from 'zustand'
import type { AppState, StoreDeps } from './index'

export type Theme = 'light' | 'dark'

export interface UiSlice {
  theme: Theme
  toggleTheme(): void
  setTheme(theme: Theme): void
  paletteOpen: boolean
  setPaletteOpen(open: boolean): void
  dialog: Dialog | null
  openDialog(dialog: Dialog): void
  closeDialog(): void
}

/** The app-wide dialogs, opened from the tree, the toolbar or the command palette. */
export type Dialog =
  | { kind: 'move'; nodeIds: string[] }
  | { kind: 'delete'; nodeIds: string[] }
  | { kind: 'tag'; testIds: string[] }
  | { kind: 'import' }
  | { kind: 'create'; what: 'test' | 'suite'; suiteId: string }
  | { kind: 'shortcuts' }

export const THEME_KEY = 'testdesk.theme'

export const uiSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], UiSlice> =>
  (set, get) => ({
    theme: deps.initialTheme,
    toggleTheme() {
      get().setTheme(get().theme === 'dark' ? 'light' : 'dark')
    },
    setTheme(theme) {
      deps.saveTheme(theme)
      set({ theme })
    },
    paletteOpen: false,
    setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
    dialog: null,
    openDialog: (dialog) => set({ dialog, paletteOpen: false }),
    closeDialog: () => set({ dialog: null }),
  })
