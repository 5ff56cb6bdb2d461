import { describe, expect, it } from 'vitest'
import type { TestStep } from '../../../../shared/model/definition'
import type { RecorderSession } from '../../../../shared/api/recorder'
import { applyStepEvent, moveRecorded, reduceRecording, sessionSteps } from './recorded-steps'

const step = (id: string, position: number, value: string | null = null): TestStep => ({
  id,
  test_case_id: 't',
  position,
  action: 'click',
  target: null,
  value,
  options: {},
  description: null,
  disabled: false,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
})

describe('the recorder panel projection', () => {
  it('adds steps in position order and replaces a step that grew, ignoring other sessions', () => {
    let steps = applyStepEvent([], { session_id: 's', change: 'added', step: step('b', 2), latency_ms: 1 }, 's')
    steps = applyStepEvent(steps, { session_id: 's', change: 'added', step: step('a', 1), latency_ms: 1 }, 's')
    steps = applyStepEvent(steps, { session_id: 's', change: 'updated', step: step('b', 2, 'Ada'), latency_ms: 1 }, 's')
    steps = applyStepEvent(steps, { session_id: 'other', change: 'added', step: step('x', 0), latency_ms: 1 }, 's')
    expect(steps.map((s) => [s.id, s.value])).toEqual([
      ['a', null],
      ['b', 'Ada'],
    ])
  })

  it('keeps only the session steps, in the test order', () => {
    expect(sessionSteps([step('old', 0), step('c', 3), step('a', 1)], ['a', 'c']).map((s) => s.id)).toEqual(['a', 'c'])
  })

  it('moves a recorded step past the next recorded one, leaving earlier steps in place', () => {
    const test = [step('old', 0), step('a', 1), step('b', 2), step('c', 3)]
    expect(moveRecorded(test, ['a', 'b', 'c'], 'b', -1)).toEqual(['old', 'b', 'a', 'c'])
    expect(moveRecorded(test, ['a', 'b', 'c'], 'c', 1)).toBeNull()
    // The first recorded step does not move above a step recorded before the session.
    expect(moveRecorded(test, ['a', 'b', 'c'], 'a', -1)).toBeNull()
  })

  it('applies steps and state of its own session through one reducer, keeping the view of another session as it was', () => {
    const session = (id: string, status: RecorderSession['status']) => ({ id, status }) as RecorderSession
    const start = { session: session('s', 'starting'), steps: [] }
    let view = reduceRecording(start, { name: 'recorder.onState', payload: session('s', 'recording') }, 's')
    view = reduceRecording(view, { name: 'recorder.onStep', payload: { session_id: 's', change: 'added', step: step('a', 1), latency_ms: 1 } }, 's')
    expect(view.session?.status).toBe('recording')
    expect(view.steps.map((s) => s.id)).toEqual(['a'])
    expect(start.session.status).toBe('starting')
    expect(reduceRecording(view, { name: 'recorder.onState', payload: session('other', 'stopped') }, 's')).toBe(view)
    expect(reduceRecording(view, { name: 'recorder.onStep', payload: { session_id: 'other', change: 'added', step: step('x', 0), latency_ms: 1 } }, 's')).toBe(view)
  })
})
