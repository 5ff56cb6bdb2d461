// Ctrl+Z and Ctrl+Shift+Z act on what the tester is working in: the part of the screen that
// holds focus names its undo history (`data-undo`), else the open screen's main one.
import type { AppState } from './store'
import type { DocKind } from './store/doc-adapters'

export type UndoScope = 'tree' | DocKind

const DOC_OF_SECTION: Record<string, DocKind> = { 'data-sets': 'dataSet', environments: 'environment', browsers: 'browser' }

export function undoScopeOf(state: AppState, focused: Element | null): UndoScope {
  const marked = focused?.closest('[data-undo]')?.getAttribute('data-undo')
  if (marked === 'tree' || marked === 'test' || marked === 'dataSet' || marked === 'environment' || marked === 'browser') return marked
  // The open test's history only while that test is on screen (a deleted one is not).
  if (state.route.section === 'tests') return state.route.id && state.docs.test?.id === state.route.id ? 'test' : 'tree'
  return DOC_OF_SECTION[state.route.section] ?? 'tree'
}

export function undoIn(state: AppState, scope: UndoScope, redo = false): void {
  if (scope === 'tree') void (redo ? state.redoOp() : state.undoOp())
  else if (redo) state.redoDoc(scope)
  else state.undoDoc(scope)
}
