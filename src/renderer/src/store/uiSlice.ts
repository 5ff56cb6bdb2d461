// Which section is open and which theme is on; the theme survives restarts.
import type { StateCreator } from 'zustand'
import type { AppState, StoreDeps } from './index'

export type Section = 'overview' | 'tests' | 'runs' | 'results' | 'schedules' | 'reports' | 'settings'
export type Theme = 'light' | 'dark'

export interface UiSlice {
  section: Section
  theme: Theme
  openSection(section: Section): void
  toggleTheme(): void
}

export const THEME_KEY = 'testdesk.theme'

export const uiSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], UiSlice> =>
  (set, get) => ({
    section: 'overview',
    theme: deps.initialTheme,
    openSection: (section) => set({ section }),
    toggleTheme() {
      const theme: Theme = get().theme === 'dark' ? 'light' : 'dark'
      deps.saveTheme(theme)
      set({ theme })
    },
  })
