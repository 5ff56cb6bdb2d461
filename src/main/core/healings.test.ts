// Healed selectors through the contract: recorded with a stored execution, listed once per step
// and suggestion, accepted into the step (old primary kept as its first alternative), undone,
// dismissed; bad ids and repeated decisions refused without touching the database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StepOutcome } from '../runner/engine'
import { healedRun as fixtureRun, healedStep, stepOutcome } from '../testing/healed-runs'
import { GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

const LOGIN = [
  { action: 'navigate', value: 'http://localhost/login.html' },
  { action: 'fill', target: { selector: '#email-old', alternatives: ['#nope', 'label=Email'] }, value: 'demo@testdesk.dev' },
  { action: 'drag', target: { selector: 'testid=fruit' }, options: { to: { selector: '#old-basket', alternatives: ['testid=basket'] } } },
]

const healedRun = (testId: string, steps: StepOutcome[]) => fixtureRun(t.core, testId, steps)
const emailHealed = (called?: { id: string | null }) => healedStep(2, '#email-old', 'label=Email', called)

describe('healings', () => {
  it('lists a pending suggestion once per step, accepts it into the step and undoes that', async () => {
    const test = await t.ok('tests.create', { name: 'Sign in', steps: LOGIN })
    await healedRun(test.id, [stepOutcome(1), emailHealed()])
    const { run: second, result } = await healedRun(test.id, [stepOutcome(1), emailHealed()])

    const pending = await t.ok('healings.list', { status: 'pending' })
    expect(pending.total).toBe(1)
    const [healing] = pending.items
    expect(healing).toMatchObject({ test_case_name: 'Sign in', test_run_id: second.id, test_run_result_id: result.id, step_number: 2, field: 'target', selector: '#email-old', healed_selector: 'label=Email', current_selector: '#email-old', occurrences: 2, status: 'pending' })
    expect(healing.test_step_id).toBe(test.steps[1].id)

    const accepted = await t.ok('healings.accept', { id: healing.id })
    expect(accepted.healing.status).toBe('accepted')
    expect(accepted.step.target).toEqual({ selector: 'label=Email', alternatives: ['#email-old', '#nope'] })
    expect((await t.ok('steps.get', { id: test.steps[1].id })).target.selector).toBe('label=Email')
    // Both occurrences were decided together: nothing is pending any more.
    expect((await t.ok('healings.list', { status: 'pending' })).total).toBe(0)
    expect((await t.ok('healings.list', { status: 'accepted' })).total).toBe(2)
    expect((await t.fail('healings.accept', { id: healing.id })).kind).toBe('invalid_state')

    const undone = await t.ok('healings.undo', { id: healing.id })
    expect(undone.step.target).toEqual({ selector: '#email-old', alternatives: ['#nope', 'label=Email'] })
    expect((await t.ok('healings.list', { status: 'pending' })).items).toMatchObject([{ id: healing.id, occurrences: 2 }])
  })

  it("heals a drag's drop target and a called test's own step", async () => {
    const called = await t.ok('tests.create', { name: 'Log in', steps: LOGIN })
    const caller = await t.ok('tests.create', { name: 'Checkout', steps: [{ action: 'call_test', value: 'Log in' }] })
    const drop = stepOutcome(3, [{ field: 'options.to', selector: '#old-basket', healed_selector: 'testid=basket', step: { number: 3, called_test_id: null, called: false } }])
    await healedRun(called.id, [drop])
    // Step 1 of Checkout called Log in, whose step 2 healed; a called test known by no id suggests nothing.
    await healedRun(caller.id, [{ ...emailHealed({ id: called.id }), step_number: 1, step_path: '1.2' }, { ...emailHealed({ id: null }), step_number: 1, step_path: '1.2' }])

    const { items } = await t.ok('healings.list', { test_case_id: called.id })
    expect(items.map((h: any) => [h.field, h.step_number, h.healed_selector])).toEqual([
      ['target', 2, 'label=Email'],
      ['options.to', 3, 'testid=basket'],
    ])
    expect((await t.ok('healings.list', { test_case_id: caller.id })).total).toBe(0)
    const dropHealing = items[1]
    const accepted = await t.ok('healings.accept', { id: dropHealing.id })
    expect(accepted.step.options.to).toEqual({ selector: 'testid=basket', alternatives: ['#old-basket'] })
    expect(accepted.step.target).toEqual({ selector: 'testid=fruit', alternatives: [] })
  })

  it('dismisses, and undoes a dismissal; the result viewer finds them by result', async () => {
    const test = await t.ok('tests.create', { name: 'Sign in', steps: LOGIN })
    const { result } = await healedRun(test.id, [stepOutcome(1), emailHealed()])
    const [healing] = (await t.ok('healings.list', { test_run_result_id: result.id })).items
    expect((await t.ok('healings.dismiss', { id: healing.id })).status).toBe('dismissed')
    expect((await t.ok('steps.get', { id: test.steps[1].id })).target.selector).toBe('#email-old')
    expect((await t.ok('healings.list', { test_run_result_id: result.id })).items[0].status).toBe('dismissed')
    expect((await t.ok('healings.undo', { id: healing.id })).healing.status).toBe('pending')
  })

  it('refuses an undo once the step was edited, and an acceptance of a step that is gone', async () => {
    const test = await t.ok('tests.create', { name: 'Sign in', steps: LOGIN })
    await healedRun(test.id, [stepOutcome(1), emailHealed()])
    const [healing] = (await t.ok('healings.list', {})).items
    await t.ok('healings.accept', { id: healing.id })
    await t.ok('steps.update', { id: test.steps[1].id, target: { selector: '#email', alternatives: [] } })
    const refused = await t.failUnchanged('healings.undo', { id: healing.id })
    expect(refused).toMatchObject({ kind: 'conflict' })
    expect(refused.message).toContain("its selector is now '#email'")

    await healedRun(test.id, [stepOutcome(1), emailHealed()])
    const [again] = (await t.ok('healings.list', { status: 'pending' })).items
    await t.ok('steps.delete', { id: test.steps[1].id })
    // The step went, and its suggestions with it.
    expect((await t.ok('healings.list', { status: 'pending' })).total).toBe(0)
    expect((await t.fail('healings.get', { id: again.id })).kind).toBe('not_found')
  })

  it('refuses bad input with a clear error and leaves the database as it was', async () => {
    expect(await t.failUnchanged('healings.accept', { id: GHOST })).toMatchObject({ kind: 'not_found' })
    expect(await t.failUnchanged('healings.dismiss', { id: 'nope' })).toMatchObject({ kind: 'validation' })
    expect(await t.failUnchanged('healings.list', { status: 'maybe' })).toMatchObject({ kind: 'validation' })
    expect(await t.failUnchanged('healings.list', { limit: 1000 })).toMatchObject({ kind: 'validation' })
  })
})
