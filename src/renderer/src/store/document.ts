// An edited document (a test with its steps, a data set, an environment, a browser
// configuration) as pure state transitions: every edit is undoable, saving happens in the
// background, and a version conflict is held for the tester to settle, never overwritten.
//
// `base` is what the store holds (as far as this window knows) and `baseVersion` its version;
// `present` is what the tester sees. They are the same object when everything is saved, so
// "saved" is a reference check, and undoing back to the saved state needs no save.

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'invalid' | 'error' | 'conflict'

export interface Conflict<T> {
  /** What the store holds now, written by someone else. */
  theirs: T
  version: number
  message: string
}

export interface DocState<T> {
  id: string
  base: T
  baseVersion: number
  present: T
  past: T[]
  future: T[]
  /** Typing into one field within COALESCE_MS is one undo step. */
  lastEdit: { key: string; at: number } | null
  /** The document being saved, while a save is in flight. */
  saving: T | null
  error: string | null
  /** Why the document cannot be saved yet (a step without its target…), from validation. */
  invalid: string | null
  conflict: Conflict<T> | null
}

export const COALESCE_MS = 1000
export const HISTORY_LIMIT = 500

export function openDoc<T>(id: string, doc: T, version: number): DocState<T> {
  return { id, base: doc, baseVersion: version, present: doc, past: [], future: [], lastEdit: null, saving: null, error: null, invalid: null, conflict: null }
}

export function isDirty<T>(state: DocState<T>): boolean {
  return state.present !== state.base
}

export function statusOf<T>(state: DocState<T>): SaveStatus {
  if (state.conflict) return 'conflict'
  if (state.saving) return 'saving'
  if (!isDirty(state)) return 'saved'
  if (state.invalid) return 'invalid'
  if (state.error) return 'error'
  return 'unsaved'
}

/** A new present; `key` names what was edited so typing coalesces into one undo step. */
export function edit<T>(state: DocState<T>, next: T, key: string | null = null, now = Date.now()): DocState<T> {
  if (next === state.present) return state
  const coalesce = key !== null && state.lastEdit?.key === key && now - state.lastEdit.at < COALESCE_MS && state.past.length > 0
  const past = coalesce ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT)
  return { ...state, present: next, past, future: [], lastEdit: key === null ? null : { key, at: now }, error: null }
}

export function canUndo<T>(state: DocState<T>): boolean {
  return state.past.length > 0
}

export function canRedo<T>(state: DocState<T>): boolean {
  return state.future.length > 0
}

export function undo<T>(state: DocState<T>): DocState<T> {
  if (!state.past.length) return state
  const previous = state.past[state.past.length - 1]
  return { ...state, present: previous, past: state.past.slice(0, -1), future: [state.present, ...state.future], lastEdit: null, error: null }
}

export function redo<T>(state: DocState<T>): DocState<T> {
  if (!state.future.length) return state
  const [next, ...future] = state.future
  return { ...state, present: next, past: [...state.past, state.present], future, lastEdit: null, error: null }
}

/** Whether a save should start now: something unsaved, nothing in flight, nothing blocking. */
export function shouldSave<T>(state: DocState<T>): boolean {
  return isDirty(state) && !state.saving && !state.conflict && !state.invalid && !state.error
}

export function saveStarted<T>(state: DocState<T>): DocState<T> {
  return { ...state, saving: state.present, error: null }
}

/** The save of `sent` landed as `version`: that is the new base, whatever was typed meanwhile. */
export function saveSucceeded<T>(state: DocState<T>, sent: T, version: number): DocState<T> {
  // Still looking at what was sent: the saved object becomes the base so "saved" holds by reference.
  return { ...state, base: sent, baseVersion: version, saving: null, error: null }
}

export function saveFailed<T>(state: DocState<T>, message: string): DocState<T> {
  return { ...state, saving: null, error: message }
}

export function setInvalid<T>(state: DocState<T>, invalid: string | null): DocState<T> {
  return state.invalid === invalid ? state : { ...state, invalid }
}

export function conflicted<T>(state: DocState<T>, theirs: T, version: number, message: string): DocState<T> {
  return { ...state, saving: null, conflict: { theirs, version, message } }
}

/** Keep mine: the next save overwrites their version (it is now the one this edit is made on). */
export function keepMine<T>(state: DocState<T>): DocState<T> {
  if (!state.conflict) return state
  // The base becomes theirs so the present (mine) is dirty against it and saves on their version.
  return { ...state, base: state.conflict.theirs, baseVersion: state.conflict.version, conflict: null, error: null }
}

/** Take theirs: what the store holds replaces what is shown; earlier edits cannot be undone into it. */
export function takeTheirs<T>(state: DocState<T>): DocState<T> {
  if (!state.conflict) return state
  return openDoc(state.id, state.conflict.theirs, state.conflict.version)
}

/**
 * Someone else saved a newer version. With nothing unsaved it simply replaces the document (the
 * undo history would overwrite their change, so it starts again); with unsaved edits it is a
 * conflict for the tester to settle.
 */
export function externalChange<T>(state: DocState<T>, theirs: T, version: number, message: string): DocState<T> {
  if (version === state.baseVersion) return state
  if (isDirty(state) || state.saving) return conflicted(state, theirs, version, message)
  return openDoc(state.id, theirs, version)
}
