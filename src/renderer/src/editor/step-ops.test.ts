import { describe, expect, it } from 'vitest'
import * as Ops from './step-ops'
import { docProblem, stepIssues, updateInput, type StepDraft, type TestDoc } from './test-doc'

const step = (id: string, patch: Partial<StepDraft> = {}): StepDraft => ({
  id, action: 'click', target: { selector: `#${id}`, alternatives: [] }, value: null, options: {}, description: null, disabled: false, ...patch,
})
const doc = (...steps: StepDraft[]): TestDoc => ({
  name: 'Login', description: null, tags: [], priority: 'medium', status: 'active', start_url: null, step_timeout_ms: null, test_timeout_ms: null,
  browser_config_id: null, environment_id: null, data_set_id: null, steps,
})
const ids = (d: TestDoc) => d.steps.map((s) => s.id)

describe('step edits', () => {
  it('insert, move, duplicate, disable and delete, each returning a new document', () => {
    let d = doc(step('a'), step('b'), step('c'))
    d = Ops.insertStep(d, 1, step('x'))
    expect(ids(d)).toEqual(['a', 'x', 'b', 'c'])
    d = Ops.moveStep(d, 'x', 3)
    expect(ids(d)).toEqual(['a', 'b', 'c', 'x'])
    expect(Ops.moveStep(d, 'x', 3)).toBe(d)
    expect(ids(Ops.moveStep(d, 'a', 99))).toEqual(['b', 'c', 'x', 'a'])
    const { doc: copied, copies } = Ops.duplicateSteps(d, new Set(['a', 'b']))
    expect(copied.steps).toHaveLength(6)
    expect(ids(copied).slice(0, 4)).toEqual(['a', 'b', ...copies])
    expect(copied.steps[2]).toMatchObject({ action: 'click', target: { selector: '#a' } })
    expect(copied.steps[2].target).not.toBe(d.steps[0].target)
    d = Ops.toggleDisabled(d, new Set(['a', 'b']))
    expect(d.steps.filter((s) => s.disabled).map((s) => s.id)).toEqual(['a', 'b'])
    d = Ops.toggleDisabled(d, new Set(['a', 'b']))
    expect(d.steps.some((s) => s.disabled)).toBe(false)
    expect(ids(Ops.removeSteps(d, new Set(['b', 'x'])))).toEqual(['a', 'c'])
  })

  it('keep unchanged steps as the same objects, so their validation is not redone', () => {
    const d = doc(step('a'), step('b'))
    const next = Ops.updateStep(d, 'b', { value: null, disabled: true })
    expect(next.steps[0]).toBe(d.steps[0])
    expect(Ops.updateStep(d, 'a', { disabled: false })).toBe(d)
  })

  it('change an action keeping the target and the common options, and filling what the new action needs', () => {
    const d = doc(step('a', { options: { timeout_ms: 2000, button: 'right' } }))
    const filled = Ops.changeAction(d, 'a', 'fill')
    expect(filled.steps[0]).toMatchObject({ action: 'fill', target: { selector: '#a' }, value: '', options: { timeout_ms: 2000 } })
    const navigated = Ops.changeAction(d, 'a', 'navigate')
    expect(navigated.steps[0]).toMatchObject({ action: 'navigate', target: null, value: '' })
    const checked = Ops.changeAction(d, 'a', 'checkpoint')
    expect(stepIssues(checked.steps[0])).toEqual([])
  })

  it('make an alternative the primary selector, add and remove alternatives', () => {
    let d = doc(step('a', { target: { selector: '#old', alternatives: ['label=Email', 'text=Email'] } }))
    d = Ops.promoteAlternative(d, 'a', 1)
    expect(d.steps[0].target).toEqual({ selector: 'text=Email', alternatives: ['label=Email', '#old'] })
    d = Ops.addAlternative(d, 'a', '  [name=email] ')
    expect(Ops.addAlternative(d, 'a', 'text=Email')).toBe(d)
    d = Ops.removeAlternative(d, 'a', 0)
    expect(d.steps[0].target?.alternatives).toEqual(['#old', '[name=email]'])
  })

  it('give a new step of each kind what it needs, nothing invented', () => {
    expect(Ops.blankStep('click')).toMatchObject({ target: { selector: '' }, value: null })
    expect(Ops.blankStep('navigate')).toMatchObject({ target: null, value: '' })
    expect(stepIssues(Ops.blankStep('click'))).toEqual([{ field: 'target.selector', message: expect.any(String) }])
  })
})

describe('saving a test', () => {
  it('sends only what changed, on the version it was edited on', () => {
    const base = doc(step('a'))
    expect(updateInput('t1', base, { ...base, name: 'Login 2' }, 4)).toEqual({ id: 't1', if_version: 4, name: 'Login 2' })
    const moved = Ops.insertStep(base, 0, step('b'))
    expect(updateInput('t1', base, moved, 5)).toEqual({
      id: 't1',
      if_version: 5,
      steps: [
        { id: 'b', action: 'click', target: { selector: '#b', alternatives: [] }, value: null, options: {}, description: null, disabled: false },
        { id: 'a', action: 'click', target: { selector: '#a', alternatives: [] }, value: null, options: {}, description: null, disabled: false },
      ],
    })
  })

  it('is held back with the first problem and its step number while a step is incomplete', () => {
    expect(docProblem(doc(step('a')))).toBeNull()
    expect(docProblem(doc(step('a'), Ops.blankStep('click')))).toMatch(/^step 2: target\.selector: /)
    expect(docProblem(doc(step('a'), { ...Ops.blankStep('fill'), target: { selector: '#x', alternatives: [] }, value: null }))).toBe('step 2: value: fill needs a value: the text to enter (may be empty)')
    expect(docProblem({ ...doc(), name: ' ' })).toBe('the test needs a name')
  })
})
