// The recorder namespace through the contract: bad input changes nothing, recording into an
// existing test after a step replays up to it first, pause, edits while recording, pick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeStep } from '../../shared/steps'
import type { PickedTarget, RecordedStepEvent, RecorderSession } from '../../shared/api/recorder'
import { openTestCore, GHOST, type TestCore } from '../core/testing'
import { startDemoSite, type DemoSiteServer } from '../demosite/server'

let t: TestCore
let site: DemoSiteServer
const stepEvents: RecordedStepEvent[] = []
const picks: PickedTarget[] = []

beforeAll(async () => {
  t = await openTestCore()
  site = await startDemoSite()
  t.core.events.subscribe((name, payload) => {
    if (name === 'recorder.onStep') stepEvents.push(payload as RecordedStepEvent)
    if (name === 'recorder.onPick') picks.push(payload as PickedTarget)
  })
}, 60_000)

afterAll(async () => {
  await t?.close()
  await site?.close()
})

async function settle(id: string) {
  await t.core.recorder.session(id).settled()
}

describe('recorder contract', () => {
  it('refuses bad input with the field at fault and stores nothing', async () => {
    expect((await t.failUnchanged('recorder.start', {})).issues?.[0].field).toBe('url')
    const test = await t.ok('tests.create', { name: 'Other', steps: [{ action: 'navigate', value: 'http://x.test' }] })
    const mine = await t.ok('tests.create', { name: 'Mine', steps: [{ action: 'navigate', value: 'http://x.test' }] })
    const wrong = await t.failUnchanged('recorder.start', { test_case_id: mine.id, after_step_id: test.steps[0].id })
    expect(wrong).toMatchObject({ kind: 'validation', issues: [{ field: 'after_step_id' }] })
    expect((await t.failUnchanged('recorder.start', { test_case_id: GHOST })).kind).toBe('not_found')
    expect((await t.failUnchanged('recorder.start', { url: 'x', test_id_attributes: ['not an attribute'] })).issues?.[0].field).toBe('test_id_attributes.0')
    expect((await t.fail('recorder.pause', { session_id: GHOST })).kind).toBe('not_found')
  })

  it('records into an existing test after a chosen step, replaying up to it first', async () => {
    const test = await t.ok('tests.create', {
      name: 'Sign in, then more',
      steps: [
        { action: 'navigate', value: `${site.url}login.html` },
        { action: 'fill', target: { selector: 'label=Email' }, value: 'demo@testdesk.dev' },
        { action: 'click', target: { selector: 'role=button[name="Sign in"]' } },
      ],
    })
    const session: RecorderSession = await t.ok('recorder.start', { test_case_id: test.id, after_step_id: test.steps[1].id, headless: true })
    expect(session.replay).toEqual({ steps: 2, status: 'passed', failed_step: null, error: null })
    expect(session.status).toBe('recording')
    const page = t.core.recorder.session(session.id).page!
    // The replay left the browser where step 2 ends: the email is filled in.
    expect(await page.getByLabel('Email').inputValue()).toBe('demo@testdesk.dev')
    await page.getByLabel('Remember me').check()
    await settle(session.id)
    const steps = await t.ok('steps.list', { test_case_id: test.id })
    expect(steps.map((s: any) => describeStep(s))).toEqual([
      `Navigate to ${site.url}login.html`,
      "Fill 'Email' with 'demo@testdesk.dev'",
      "Check 'remember-me'",
      "Click button 'Sign in'",
    ])
    const event = stepEvents.at(-1)!
    expect(event).toMatchObject({ session_id: session.id, change: 'added', step: { id: steps[2].id } })
    await t.ok('recorder.stop', { session_id: session.id })
  }, 60_000)

  it('records nothing while paused, and new steps follow the last one left after edits', async () => {
    const session: RecorderSession = await t.ok('recorder.start', { url: `${site.url}selectors.html`, new_test: { name: 'Paused and edited' }, headless: true })
    const page = t.core.recorder.session(session.id).page!
    await page.getByTestId('primary-action').click()
    await settle(session.id)
    await t.ok('recorder.pause', { session_id: session.id })
    await page.getByLabel('Full name').fill('Nobody records this')
    await settle(session.id)
    await t.ok('recorder.resume', { session_id: session.id })
    let steps = await t.ok('steps.list', { test_case_id: session.test_case_id })
    expect(steps.map((s: any) => s.action)).toEqual(['navigate', 'click'])
    // The tester deletes the click and moves nothing else: the next step follows the navigate.
    await t.ok('steps.delete', { id: steps[1].id })
    await page.getByTitle('Settings').click()
    await settle(session.id)
    steps = await t.ok('steps.list', { test_case_id: session.test_case_id })
    expect(steps.map((s: any) => describeStep(s))).toEqual([`Navigate to ${site.url}selectors.html`, "Click 'Settings'"])
    const info: RecorderSession = await t.ok('recorder.get', { session_id: session.id })
    expect(info.step_ids).toEqual([steps[0].id, steps[1].id])
    expect(info.url).toBe(`${site.url}selectors.html`)
    await t.ok('recorder.stop', { session_id: session.id })
    expect((await t.fail('recorder.resume', { session_id: session.id })).kind).toBe('invalid_state')
  }, 60_000)

  it('picks an element into a step, with alternatives', async () => {
    const test = await t.ok('tests.create', { name: 'Pick into a step', steps: [{ action: 'click', target: { selector: '#old' } }] })
    const session: RecorderSession = await t.ok('recorder.start', { test_case_id: test.id, after_step_id: null, url: `${site.url}selectors.html`, paused: true, headless: true })
    const page = t.core.recorder.session(session.id).page!
    const picked = t.ok('recorder.pick', { session_id: session.id, step_id: test.steps[0].id })
    await expect.poll(async () => (await t.ok('recorder.get', { session_id: session.id })).mode).toBe('pick')
    await page.getByRole('button', { name: 'Primary action' }).click()
    const result: PickedTarget = await picked
    expect(result.target).toMatchObject({ selector: '[data-testid="primary-action"]', alternatives: expect.arrayContaining(['role=button[name="Primary action"]']) })
    expect(result.strategies[0]).toBe('testid')
    expect(result.step!.target).toEqual(result.target)
    expect(picks.at(-1)).toEqual(result)
    // The click was the pick's: the page did not get it, and no step was recorded.
    expect(await page.getByTestId('selector-result').textContent()).toBe('Last action: none')
    expect((await t.ok('steps.list', { test_case_id: test.id })).length).toBe(1)
    await t.ok('recorder.stop', { session_id: session.id })
  }, 60_000)
})
