// The test editor's own state (which steps are selected, which has focus) and its step
// commands, shared by the keyboard, the toolbar and the command palette. Edits go through the
// open test document, so each is one undo step.
import type { StateCreator } from 'zustand'
import type { StepAction } from '../../../shared/steps'
import * as Ops from '../editor/step-ops'
import type { TestDoc } from '../editor/test-doc'
import type { AppState } from './index'

export interface EditorSlice {
  selectedSteps: string[]
  focusedStep: string | null
  setStepSelection(ids: string[], focused?: string | null): void
  /** Adds a step after the focused one (or at the end); it becomes the focused step. */
  addStep(action: StepAction): string | null
  deleteSelectedSteps(): void
  duplicateSelectedSteps(): void
  toggleSelectedSteps(): void
  moveFocusedStep(delta: number): void
}

export const editorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  const doc = () => get().docs.test?.present as TestDoc | undefined
  const chosen = () => new Set(get().selectedSteps.length ? get().selectedSteps : get().focusedStep ? [get().focusedStep!] : [])
  const edit = (change: (d: TestDoc) => TestDoc) => get().editDoc<TestDoc>('test', change)

  return {
    selectedSteps: [],
    focusedStep: null,
    setStepSelection: (ids, focused) => set({ selectedSteps: ids, focusedStep: focused === undefined ? (ids.at(-1) ?? null) : focused }),

    addStep(action) {
      const current = doc()
      if (!current) return null
      const step = Ops.blankStep(action)
      const focused = get().focusedStep
      const index = focused ? current.steps.findIndex((s) => s.id === focused) + 1 : current.steps.length
      edit((d) => Ops.insertStep(d, index <= 0 ? d.steps.length : index, step))
      set({ selectedSteps: [step.id], focusedStep: step.id })
      return step.id
    },

    deleteSelectedSteps() {
      const current = doc()
      const ids = chosen()
      if (!current || !ids.size) return
      const last = Math.max(...current.steps.flatMap((s, i) => (ids.has(s.id) ? [i] : [])))
      const after = current.steps.slice(last + 1).find((s) => !ids.has(s.id)) ?? [...current.steps].reverse().find((s) => !ids.has(s.id))
      edit((d) => Ops.removeSteps(d, ids))
      set({ selectedSteps: after ? [after.id] : [], focusedStep: after?.id ?? null })
    },

    duplicateSelectedSteps() {
      const current = doc()
      const ids = chosen()
      if (!current || !ids.size) return
      const { doc: next, copies } = Ops.duplicateSteps(current, ids)
      edit(() => next)
      set({ selectedSteps: copies, focusedStep: copies.at(-1) ?? null })
    },

    toggleSelectedSteps() {
      const ids = chosen()
      if (ids.size) edit((d) => Ops.toggleDisabled(d, ids))
    },

    moveFocusedStep(delta) {
      const current = doc()
      const id = get().focusedStep
      if (!current || !id) return
      const index = current.steps.findIndex((s) => s.id === id)
      edit((d) => Ops.moveStep(d, id, index + delta))
    },
  }
}
