import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'
import type { AppState } from './store'

export const StoreContext = createContext<StoreApi<AppState> | null>(null)

/** Selects one piece of app state; re-renders only when that piece changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector)
}

/** The store itself, for handlers that read the latest state without re-rendering on it. */
export function useAppStore(): StoreApi<AppState> {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useApp outside <StoreContext.Provider>')
  return store
}
