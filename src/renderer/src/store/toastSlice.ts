// Short messages at the bottom of the window ("Deleted 3 tests", with Undo), read out by screen
// readers through a live region, gone after a while.
import type { StateCreator } from 'zustand'
import type { AppState } from './index'

export interface Toast {
  id: number
  message: string
  tone: 'info' | 'error'
  action?: { label: string; run(): void }
}

export interface ToastSlice {
  toasts: Toast[]
  toast(message: string, options?: { tone?: Toast['tone']; action?: Toast['action']; ms?: number }): void
  dismissToast(id: number): void
}

let next = 1

export const toastSlice: StateCreator<AppState, [], [], ToastSlice> = (set, get) => ({
  toasts: [],
  toast(message, options = {}) {
    const id = next++
    set({ toasts: [...get().toasts.slice(-3), { id, message, tone: options.tone ?? 'info', action: options.action }] })
    setTimeout(() => get().dismissToast(id), options.ms ?? (options.action ? 10_000 : 5_000))
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) })
  },
})
