// The project's suites and tests as the tree shows them (one `tests.outline` read, reloaded when
// something changes), the filter typed over it, the rows selected, and the undoable operations
// done on it (rename, move, duplicate, delete, tag, activate).
import type { StateCreator } from 'zustand'
import type { Outline } from '../../../shared/api/tests'
import { buildTree, type TreeModel } from '../tree/tree-model'
import type { Op } from '../tree/tree-ops'
import { messageOf } from './docsSlice'
import type { AppState, StoreDeps } from './index'

export interface OutlineSlice {
  outline: Outline | null
  tree: TreeModel | null
  outlineError: string | null
  loadOutline(): Promise<void>
  filter: string
  setFilter(filter: string): void
  /** Tree rows selected (node ids), for bulk actions. */
  treeSelection: string[]
  setTreeSelection(ids: string[]): void
  opsPast: Op[]
  opsFuture: Op[]
  opBusy: boolean
  /** Does an operation, reloads the tree and offers to undo it; false when it failed. */
  runOp(op: Op): Promise<boolean>
  undoOp(): Promise<void>
  redoOp(): Promise<void>
}

export const outlineSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], OutlineSlice> =>
  (set, get) => {
    let loading: Promise<void> | null = null
    let again = false

    async function load(): Promise<void> {
      try {
        const outline = await deps.client.tests.outline({})
        set({ outline, tree: buildTree(outline), outlineError: null })
      } catch (error) {
        set({ outlineError: messageOf(error) })
      }
    }

    async function perform(op: Op, step: 'do' | 'undo', done: (op: Op) => void, verb: string): Promise<boolean> {
      set({ opBusy: true })
      try {
        await op[step]()
        done(op)
        return true
      } catch (error) {
        get().toast(`${verb} failed: ${messageOf(error)}`, { tone: 'error' })
        return false
      } finally {
        set({ opBusy: false })
        await get().loadOutline()
      }
    }

    return {
      outline: null,
      tree: null,
      outlineError: null,
      filter: '',
      treeSelection: [],
      opsPast: [],
      opsFuture: [],
      opBusy: false,

      loadOutline() {
        // Changes arrive in bursts (an import, a run): one read at a time, and one more after it.
        if (loading) {
          again = true
          return loading
        }
        loading = (async () => {
          do {
            again = false
            await load()
          } while (again)
          loading = null
        })()
        return loading
      },

      setFilter: (filter) => set({ filter }),
      setTreeSelection: (treeSelection) => set({ treeSelection }),

      runOp(op) {
        return perform(
          op,
          'do',
          (done) => {
            set({ opsPast: [...get().opsPast.slice(-99), done], opsFuture: [] })
            get().toast(done.label, { action: { label: 'Undo', run: () => void get().undoOp() } })
          },
          op.label.split(' ')[0],
        )
      },

      async undoOp() {
        const op = get().opsPast.at(-1)
        if (!op || get().opBusy) return
        await perform(
          op,
          'undo',
          (done) => {
            set({ opsPast: get().opsPast.slice(0, -1), opsFuture: [done, ...get().opsFuture] })
            get().toast(`Undone: ${done.label}`, { action: { label: 'Redo', run: () => void get().redoOp() } })
          },
          'Undo',
        )
      },

      async redoOp() {
        const op = get().opsFuture[0]
        if (!op || get().opBusy) return
        await perform(
          op,
          'do',
          (done) => {
            set({ opsPast: [...get().opsPast, done], opsFuture: get().opsFuture.slice(1) })
            get().toast(`Redone: ${done.label}`)
          },
          'Redo',
        )
      },
    }
  }
