// What a tester's action in the page becomes: the step a tester would have written for it, and
// whether it grows the previous step instead (keystrokes into one fill, a click on a field that
// is then typed into, two clicks into a double-click).
import type { TestStep } from '../../shared/model/definition'
import { elementName } from '../../shared/selectors'
import type { PageAction, PageTarget } from './page/messages'
import { refineTarget, type RefinedTarget } from './selectors/refine'
import type { NewStep } from './step-writer'

export type StepAction = Exclude<PageAction, { kind: 'navigating' | 'document' | 'pick' | 'toolbar' | 'dialog' }>

/** The step target of a recorded element: containers and positions become refinement fields. */
export function targetOf(target: PageTarget): RefinedTarget {
  return refineTarget(target.selector, target.alternatives)
}

/** The step for an action; `value` of a secret fill is the `${variable}` it was stored in. */
export function stepFor(action: StepAction, fillValue: string | null = null): NewStep {
  switch (action.kind) {
    case 'click': {
      const options: Record<string, unknown> = {}
      if (action.button !== 'left') options.button = action.button
      if (action.modifiers.length) options.modifiers = action.modifiers
      return { action: 'click', target: targetOf(action.target), options }
    }
    case 'dblclick':
      return { action: 'dblclick', target: targetOf(action.target) }
    case 'fill':
      return { action: 'fill', target: targetOf(action.target), value: fillValue ?? action.value }
    case 'press':
      return { action: 'press', target: action.target ? targetOf(action.target) : null, value: action.key }
    case 'select':
      return action.values.length === 1
        ? { action: 'select', target: targetOf(action.target), value: action.values[0] }
        : { action: 'select', target: targetOf(action.target), value: null, options: { values: action.values } }
    case 'check':
    case 'uncheck':
      return { action: action.kind, target: targetOf(action.target) }
    case 'upload':
      return action.files.length === 1
        ? { action: 'upload', target: targetOf(action.target), value: action.files[0] }
        : { action: 'upload', target: targetOf(action.target), value: null, options: { files: action.files } }
    case 'drag':
      return { action: 'drag', target: targetOf(action.target), options: { to: targetOf(action.to) } }
    case 'scroll':
      return { action: 'scroll', target: action.target ? targetOf(action.target) : null, options: { x: action.x, y: action.y } }
    case 'assert': {
      const expected = action.secret ? fillValue ?? '' : action.expected
      return {
        action: 'checkpoint',
        target: targetOf(action.target),
        options: { checkpoint: { type: 'element', assertions: [{ property: action.property, operator: 'equals', expected }] } },
      }
    }
    case 'screenshot':
      return { action: 'screenshot', target: targetOf(action.target), value: screenshotName(action.target.selector) }
  }
}

function screenshotName(selector: string): string {
  return elementName(selector).replace(/['"]/g, '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'checkpoint'
}

/** Whether `action` grows `last` (the session's previous step) instead of adding a step. */
export function mergesInto(action: StepAction, last: TestStep | null): boolean {
  if (!last || !last.target) return false
  const same = 'target' in action && action.target ? sameElement(last.target, targetOf(action.target)) : false
  if (!same) return false
  if (action.kind === 'fill') return last.action === 'fill' || last.action === 'click'
  if (action.kind === 'dblclick') return last.action === 'click'
  return false
}

function sameElement(a: RefinedTarget | TestStep['target'], b: RefinedTarget): boolean {
  if (!a) return false
  const key = (t: RefinedTarget) => JSON.stringify([t.selector, t.within ?? null, t.nth ?? null, !!t.visible_only])
  return key(a) === key(b)
}
