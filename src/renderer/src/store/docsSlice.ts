// The documents open for editing (one per kind: the test in the editor, the data set, the
// environment, the browser configuration): load, edit with undo, save as you go, settle
// conflicts. The transitions are the pure ones of ./document; this slice adds the timing.
import type { StateCreator } from 'zustand'
import { TestDeskError } from '../../../shared/api/errors'
import { ADAPTERS, type DocKind } from './doc-adapters'
import * as D from './document'
import type { AppState, StoreDeps } from './index'

export const SAVE_DELAY_MS = 400

export interface DocsSlice {
  docs: Partial<Record<DocKind, D.DocState<any>>>
  docLoading: Partial<Record<DocKind, string>>
  docError: Partial<Record<DocKind, string>>
  openDoc(kind: DocKind, id: string): Promise<void>
  closeDoc(kind: DocKind): void
  /** Applies an edit to the open document; `key` groups typing in one field into one undo step. */
  editDoc<T>(kind: DocKind, change: (doc: T) => T, key?: string | null): void
  undoDoc(kind: DocKind): void
  redoDoc(kind: DocKind): void
  retrySave(kind: DocKind): void
  resolveConflict(kind: DocKind, choice: 'mine' | 'theirs'): void
  /** Someone may have changed the open document: compare with the store and act. */
  checkDoc(kind: DocKind): Promise<void>
  /** Saves now whatever is waiting (before leaving a screen). */
  flushSave(kind: DocKind): Promise<void>
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isVersionConflict(error: unknown): boolean {
  return error instanceof TestDeskError && error.kind === 'conflict' && !!error.issues?.some((i) => i.field.endsWith('if_version'))
}

export const docsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], DocsSlice> =>
  (set, get) => {
    const timers: Partial<Record<DocKind, ReturnType<typeof setTimeout>>> = {}
    // A change event that came while a save was in flight is checked once the save settles:
    // it may be this window's own save.
    const recheck = new Set<DocKind>()

    const update = (kind: DocKind, change: (state: D.DocState<any>) => D.DocState<any>) => {
      const current = get().docs[kind]
      if (!current) return
      const next = change(current)
      if (next !== current) set({ docs: { ...get().docs, [kind]: next } })
    }

    const validate = (kind: DocKind) => update(kind, (state) => D.setInvalid(state, ADAPTERS[kind].problem(state.present)))

    const schedule = (kind: DocKind, delay = SAVE_DELAY_MS) => {
      clearTimeout(timers[kind])
      timers[kind] = setTimeout(() => void save(kind), delay)
    }

    async function save(kind: DocKind): Promise<void> {
      const state = get().docs[kind]
      if (!state || !D.shouldSave(state)) return
      const adapter = ADAPTERS[kind]
      const sent = state.present
      update(kind, D.saveStarted)
      try {
        const saved = await adapter.save(deps.client, state.id, state.base, sent, state.baseVersion)
        if (get().docs[kind]?.id !== state.id) return
        update(kind, (s) => D.saveSucceeded(s, sent, adapter.versionOf(saved)))
      } catch (error) {
        if (get().docs[kind]?.id !== state.id) return
        if (isVersionConflict(error)) {
          try {
            const theirs = await adapter.fetch(deps.client, state.id)
            update(kind, (s) => D.conflicted(s, adapter.toDoc(theirs), adapter.versionOf(theirs), messageOf(error)))
          } catch (fetchError) {
            update(kind, (s) => D.saveFailed(s, messageOf(fetchError)))
          }
          return
        }
        update(kind, (s) => D.saveFailed(s, messageOf(error)))
        return
      }
      if (recheck.delete(kind)) await get().checkDoc(kind)
      const after = get().docs[kind]
      if (after && D.shouldSave(after)) schedule(kind, 0)
    }

    return {
      docs: {},
      docLoading: {},
      docError: {},

      async openDoc(kind, id) {
        if (get().docs[kind]?.id === id) return
        await get().flushSave(kind)
        set({ docLoading: { ...get().docLoading, [kind]: id }, docError: { ...get().docError, [kind]: undefined } })
        try {
          const adapter = ADAPTERS[kind]
          const entity = await adapter.fetch(deps.client, id)
          if (get().docLoading[kind] !== id) return
          set({
            docs: { ...get().docs, [kind]: D.openDoc(id, adapter.toDoc(entity), adapter.versionOf(entity)) },
            docLoading: { ...get().docLoading, [kind]: undefined },
          })
          validate(kind)
        } catch (error) {
          if (get().docLoading[kind] !== id) return
          const { [kind]: _closed, ...docs } = get().docs
          set({ docs, docLoading: { ...get().docLoading, [kind]: undefined }, docError: { ...get().docError, [kind]: messageOf(error) } })
        }
      },

      closeDoc(kind) {
        void get().flushSave(kind)
        const { [kind]: _closed, ...docs } = get().docs
        set({ docs })
      },

      editDoc(kind, change, key = null) {
        update(kind, (state) => D.edit(state, change(state.present), key === null ? null : `${kind}:${key}`))
        validate(kind)
        schedule(kind)
      },

      undoDoc(kind) {
        update(kind, D.undo)
        validate(kind)
        schedule(kind)
      },

      redoDoc(kind) {
        update(kind, D.redo)
        validate(kind)
        schedule(kind)
      },

      retrySave(kind) {
        update(kind, (s) => ({ ...s, error: null }))
        schedule(kind, 0)
      },

      resolveConflict(kind, choice) {
        update(kind, choice === 'mine' ? D.keepMine : D.takeTheirs)
        validate(kind)
        if (choice === 'mine') schedule(kind, 0)
      },

      async checkDoc(kind) {
        const state = get().docs[kind]
        if (!state) return
        if (state.saving) {
          recheck.add(kind)
          return
        }
        const adapter = ADAPTERS[kind]
        try {
          const entity = await adapter.fetch(deps.client, state.id)
          const version = adapter.versionOf(entity)
          const now = get().docs[kind]
          if (!now || now.id !== state.id || version === now.baseVersion) return
          if (now.saving) {
            recheck.add(kind)
            return
          }
          update(kind, (s) =>
            D.externalChange(s, adapter.toDoc(entity), version, `${adapter.label} was changed elsewhere (version ${version}) while you had unsaved changes`),
          )
          validate(kind)
        } catch (error) {
          if (error instanceof TestDeskError && error.kind === 'not_found') {
            set({ docError: { ...get().docError, [kind]: `This ${adapter.label.toLowerCase()} was deleted elsewhere.` } })
            const { [kind]: _gone, ...docs } = get().docs
            set({ docs })
          }
        }
      },

      async flushSave(kind) {
        clearTimeout(timers[kind])
        await save(kind)
      },
    }
  }
