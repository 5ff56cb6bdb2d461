import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseStep, STEP_ACTION_NAMES } from './steps'
import { actionForm, fieldFromSchema, getAtPath, labelOf, setAtPath, textOf, valueFormat, valueFromText, type FieldSpec } from './step-forms'

const byKey = (fields: FieldSpec[], key: string) => fields.find((f) => f.key === key)!

describe('actionForm', () => {
  it('gives every action of the catalogue a form, each option a field with its hint', () => {
    for (const action of STEP_ACTION_NAMES) {
      const form = actionForm(action)!
      expect(form.common.map((f) => f.key), action).toEqual(['continue_on_failure', 'timeout_ms'])
      expect(form.options.filter((f) => f.kind === 'json').map((f) => f.key), `${action} has no field left as raw JSON`).toEqual([])
    }
    expect(actionForm('teleport')).toBeNull()
  })

  it('reads click options as a choice, several choices, a bounded integer, a group and a yes/no', () => {
    const { options, common } = actionForm('click')!
    expect(byKey(options, 'button')).toMatchObject({ kind: 'choice', options: ['left', 'right', 'middle'], required: false, hint: 'left (default), right or middle' })
    expect(byKey(options, 'modifiers')).toMatchObject({ kind: 'choices', options: ['Alt', 'Control', 'ControlOrMeta', 'Meta', 'Shift'] })
    expect(byKey(options, 'click_count')).toMatchObject({ kind: 'integer', min: 1, max: 3, label: 'Click count' })
    expect(byKey(options, 'position')).toMatchObject({ kind: 'group', fields: [{ key: 'x', kind: 'number', required: true }, { key: 'y', kind: 'number', required: true }] })
    expect(byKey(options, 'force')).toMatchObject({ kind: 'boolean' })
    expect(byKey(common, 'timeout_ms')).toMatchObject({ kind: 'integer', min: 100, max: 600000, label: 'Timeout (ms)' })
  })

  it('knows a drop target is a target, a wait time may be a variable, and a variable name is required text with its pattern', () => {
    expect(byKey(actionForm('drag')!.options, 'to')).toMatchObject({ kind: 'target' })
    expect(byKey(actionForm('wait')!.options, 'ms')).toMatchObject({ kind: 'number-or-text' })
    expect(byKey(actionForm('set_variable')!.options, 'name')).toMatchObject({ kind: 'text', required: true, pattern: '^[A-Za-z_][\\w.-]*$' })
    expect(byKey(actionForm('upload')!.options, 'files')).toMatchObject({ kind: 'list', max: 100 })
  })

  it('turns the checkpoint option into one form per checkpoint kind, assertions as records', () => {
    const checkpoint = byKey(actionForm('checkpoint')!.options, 'checkpoint')
    expect(checkpoint.kind).toBe('variant')
    if (checkpoint.kind !== 'variant') return
    const element = checkpoint.variants.element
    expect(element.label).toBe('Element properties')
    const assertions = byKey(element.fields, 'assertions')
    expect(assertions).toMatchObject({ kind: 'records', min: 1, max: 50 })
    if (assertions.kind !== 'records') return
    expect(assertions.fields.map((f) => [f.key, f.kind])).toEqual([
      ['property', 'choice'],
      ['operator', 'choice'],
      ['expected', 'scalar'],
      ['name', 'text'],
      ['texts', 'list'],
    ])
  })

  it('leaves what it cannot render as JSON', () => {
    expect(fieldFromSchema('odd', z.toJSONSchema(z.array(z.array(z.number()))) as never, false)).toMatchObject({ kind: 'json' })
  })
})

describe('values from text', () => {
  it('removes an empty optional field and keeps numbers as numbers only where they belong', () => {
    const count = byKey(actionForm('click')!.options, 'click_count')
    expect(valueFromText(count, '')).toBeUndefined()
    expect(valueFromText(count, '2')).toBe(2)
    expect(valueFromText(count, 'two')).toBe('two')
    const ms = byKey(actionForm('wait')!.options, 'ms')
    expect(valueFromText(ms, '500')).toBe(500)
    expect(valueFromText(ms, '${delay}')).toBe('${delay}')
    const name = byKey(actionForm('set_variable')!.options, 'name')
    expect(valueFromText(name, '42')).toBe('42')
    expect(textOf(true)).toBe('true')
    expect(textOf(undefined)).toBe('')
  })

  it('lets validation name a field typed wrong, in the catalogue words', () => {
    const count = byKey(actionForm('click')!.options, 'click_count')
    const { issues } = parseStep({ action: 'click', target: { selector: '#go' }, options: { click_count: valueFromText(count, '7') } })
    expect(issues).toEqual([{ field: 'options.click_count', message: expect.stringMatching(/<=3|3/) }])
  })
})

describe('paths in options', () => {
  it('set and remove values deep inside, copying only the path', () => {
    const options = { checkpoint: { type: 'element', assertions: [{ property: 'text', expected: 'a' }] }, force: true }
    const next = setAtPath(options, ['checkpoint', 'assertions', 0, 'expected'], 'b')
    expect(getAtPath(next, ['checkpoint', 'assertions', 0, 'expected'])).toBe('b')
    expect(options.checkpoint.assertions[0].expected).toBe('a')
    expect(next.force).toBe(true)
    const removed = setAtPath(next, ['force'], undefined)
    expect('force' in removed).toBe(false)
    expect(setAtPath({}, ['position', 'x'], 3)).toEqual({ position: { x: 3 } })
  })
})

describe('labels and value formats', () => {
  it('reads keys as words and scripts as JavaScript', () => {
    expect(labelOf('load_state')).toBe('Load state')
    expect(labelOf('continue_on_failure')).toBe('Continue on failure')
    expect(valueFormat({ action: 'run_script', value: '1' })).toBe('javascript')
    expect(valueFormat({ action: 'set_variable', options: { name: 'a', from: 'script' } })).toBe('javascript')
    expect(valueFormat({ action: 'set_variable', options: { name: 'a' } })).toBe('text')
    expect(valueFormat({ action: 'fill' })).toBe('text')
  })
})

describe('targetRefinementFields', () => {
  it('gives every refinement of a target a field, and the container its selector and refinements', async () => {
    const { targetRefinementFields } = await import('./step-forms')
    const fields = targetRefinementFields()
    expect(fields.map((f) => [f.key, f.kind, f.label])).toEqual([
      ['has_text', 'text', 'Has text'],
      ['has_not_text', 'text', 'Has not text'],
      ['visible_only', 'boolean', 'Visible only'],
      ['nth', 'number-or-text', 'Which match'],
      ['within', 'group', 'Inside'],
    ])
    const within = byKey(fields, 'within')
    if (within.kind !== 'group') throw new Error('within is a group')
    expect(within.fields.map((f) => [f.key, f.required])).toEqual([
      ['selector', true],
      ['has_text', false],
      ['has_not_text', false],
      ['visible_only', false],
      ['nth', false],
    ])
  })

  it("keeps 'last' as text and 2 as a number for which match", async () => {
    const { targetRefinementFields } = await import('./step-forms')
    const nth = byKey(targetRefinementFields(), 'nth')
    expect(valueFromText(nth, 'last')).toBe('last')
    expect(valueFromText(nth, '2')).toBe(2)
  })
})
