// Keeps the window current without a reload: data changed through any window or the CLI is
// read again (what to read is decided by ./live's pure rules), and runs in progress are
// followed for the status bar.
import type { StateCreator } from 'zustand'
import type { DataChange } from '../../../shared/api/system'
import type { DocKind } from './doc-adapters'
import type { LibraryKind } from './librarySlice'
import { applyRunProgress, reloadPlan, type ActiveRun } from './live'
import type { AppState, StoreDeps } from './index'

export interface LiveSlice {
  activeRuns: ActiveRun[]
  /** Subscribes to changes and run progress; returns the function that stops. */
  startLive(): () => void
  applyChange(change: Pick<DataChange, 'kinds'>): void
  loadActiveRuns(): Promise<void>
}

export const liveSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], LiveSlice> =>
  (set, get) => ({
    activeRuns: [],

    startLive() {
      // Data changes and run progress only: the status bar needs no test or step events.
      const stop = deps.client.subscribe({ events: ['system.onChanged', 'runs.onProgress'] }, (event) => {
        if (event.name === 'system.onChanged') get().applyChange(event.payload)
        else set({ activeRuns: applyRunProgress(get().activeRuns, event.payload) })
      })
      void get().loadActiveRuns()
      return stop
    },

    applyChange(change) {
      const state = get()
      const open = new Set(Object.keys(state.docs) as DocKind[])
      const plan = reloadPlan(change, open)
      if (plan.outline) void state.loadOutline()
      for (const kind of plan.lists) if (state.lists[kind as LibraryKind] !== null) void state.loadList(kind as LibraryKind)
      for (const kind of plan.docs) void state.checkDoc(kind)
      if (plan.settings) void state.loadSettings()
      if (plan.runs) void state.loadActiveRuns()
    },

    async loadActiveRuns() {
      try {
        const page = await deps.client.runs.list({ status: ['queued', 'running'], limit: 20 })
        set({ activeRuns: page.items.map((run) => ({ id: run.id, name: run.run_name, finished: run.passed_tests + run.failed_tests + run.skipped_tests + run.no_run_tests, total: run.total_tests })) })
      } catch {
        // The status bar keeps what it had; the next change tries again.
      }
    },
  })
