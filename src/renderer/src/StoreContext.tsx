import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { StoreApi } from 'zustand/vanilla'
import type { AppState } from './store'

export const StoreContext = createContext<StoreApi<AppState> | null>(null)

/** Selects one piece of app state; re-renders only when that piece changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useApp outside <StoreContext.Provider>')
  return useStore(store, selector)
}
