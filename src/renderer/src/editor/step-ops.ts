// Edits of a test's steps as pure functions of the document: each returns a new document (or the
// same one when nothing changes), so every edit is one undoable step of the editor's history.
import { STEP_ACTIONS, type StepAction } from '../../../shared/steps'
import { newId, type StepDraft, type TestDoc } from './test-doc'

function withSteps(doc: TestDoc, steps: StepDraft[]): TestDoc {
  return { ...doc, steps }
}

/** A new step of an action with what it needs filled as far as can be guessed (nothing invented). */
export function blankStep(action: StepAction): StepDraft {
  const info = STEP_ACTIONS.find((a) => a.action === action)
  const options: Record<string, unknown> =
    action === 'checkpoint' ? { checkpoint: { type: 'element', assertions: [{ property: 'visible', operator: 'equals', expected: true }] } } : action === 'dialog' ? { response: 'accept' } : {}
  return {
    id: newId(),
    action,
    target: info?.target === 'required' ? { selector: '', alternatives: [] } : null,
    value: info?.value === 'required' ? '' : null,
    options,
    description: null,
    disabled: false,
  }
}

export function insertStep(doc: TestDoc, index: number, step: StepDraft): TestDoc {
  const at = Math.max(0, Math.min(index, doc.steps.length))
  return withSteps(doc, [...doc.steps.slice(0, at), step, ...doc.steps.slice(at)])
}

export function updateStep(doc: TestDoc, id: string, patch: Partial<Omit<StepDraft, 'id'>>): TestDoc {
  const index = doc.steps.findIndex((s) => s.id === id)
  if (index < 0) return doc
  const current = doc.steps[index]
  if (Object.entries(patch).every(([key, value]) => current[key as keyof StepDraft] === value)) return doc
  const steps = doc.steps.slice()
  steps[index] = { ...current, ...patch }
  return withSteps(doc, steps)
}

/**
 * Changes a step's action, keeping what still fits: the target when the new action takes one,
 * the value when it takes one, the common options (timeout, continue on failure).
 */
export function changeAction(doc: TestDoc, id: string, action: StepAction): TestDoc {
  const step = doc.steps.find((s) => s.id === id)
  if (!step || step.action === action) return doc
  const blank = blankStep(action)
  const info = STEP_ACTIONS.find((a) => a.action === action)!
  const common = Object.fromEntries(Object.entries(step.options).filter(([key]) => key === 'timeout_ms' || key === 'continue_on_failure'))
  return updateStep(doc, id, {
    action,
    target: info.target === 'none' ? null : (step.target ?? blank.target),
    value: info.value === 'none' ? null : (step.value ?? blank.value),
    options: { ...blank.options, ...common },
  })
}

export function removeSteps(doc: TestDoc, ids: ReadonlySet<string>): TestDoc {
  const steps = doc.steps.filter((s) => !ids.has(s.id))
  return steps.length === doc.steps.length ? doc : withSteps(doc, steps)
}

/** Copies of the steps right after the last of them; returns the document and the copies' ids. */
export function duplicateSteps(doc: TestDoc, ids: ReadonlySet<string>): { doc: TestDoc; copies: string[] } {
  const chosen = doc.steps.filter((s) => ids.has(s.id))
  if (!chosen.length) return { doc, copies: [] }
  const last = Math.max(...chosen.map((s) => doc.steps.indexOf(s)))
  const copies = chosen.map((s) => ({ ...structuredClone(s), id: newId() }))
  return { doc: withSteps(doc, [...doc.steps.slice(0, last + 1), ...copies, ...doc.steps.slice(last + 1)]), copies: copies.map((c) => c.id) }
}

/** Disables the steps, or enables them all when every one is already disabled. */
export function toggleDisabled(doc: TestDoc, ids: ReadonlySet<string>): TestDoc {
  const chosen = doc.steps.filter((s) => ids.has(s.id))
  if (!chosen.length) return doc
  const disabled = !chosen.every((s) => s.disabled)
  return withSteps(doc, doc.steps.map((s) => (ids.has(s.id) && s.disabled !== disabled ? { ...s, disabled } : s)))
}

/** Moves a step to `toIndex` (its index after the move). */
export function moveStep(doc: TestDoc, id: string, toIndex: number): TestDoc {
  const from = doc.steps.findIndex((s) => s.id === id)
  const to = Math.max(0, Math.min(toIndex, doc.steps.length - 1))
  if (from < 0 || from === to) return doc
  const steps = doc.steps.slice()
  const [step] = steps.splice(from, 1)
  steps.splice(to, 0, step)
  return withSteps(doc, steps)
}

// ── Targets and their recorded alternatives ────────────────────────────────────────────────

/** Makes alternative `index` the primary selector; the old primary becomes that alternative. */
export function promoteAlternative(doc: TestDoc, id: string, index: number): TestDoc {
  const step = doc.steps.find((s) => s.id === id)
  const alternatives = step?.target?.alternatives ?? []
  if (!step?.target || index < 0 || index >= alternatives.length) return doc
  const next = alternatives.slice()
  next[index] = step.target.selector
  return updateStep(doc, id, { target: { ...step.target, selector: alternatives[index], alternatives: next } })
}

export function addAlternative(doc: TestDoc, id: string, selector: string): TestDoc {
  const step = doc.steps.find((s) => s.id === id)
  const text = selector.trim()
  if (!step?.target || !text || step.target.selector === text || step.target.alternatives.includes(text)) return doc
  return updateStep(doc, id, { target: { ...step.target, alternatives: [...step.target.alternatives, text] } })
}

export function removeAlternative(doc: TestDoc, id: string, index: number): TestDoc {
  const step = doc.steps.find((s) => s.id === id)
  if (!step?.target || index < 0 || index >= step.target.alternatives.length) return doc
  return updateStep(doc, id, { target: { ...step.target, alternatives: step.target.alternatives.filter((_, i) => i !== index) } })
}
