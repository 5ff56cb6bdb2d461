import { describe, expect, it } from 'vitest'
import type { RunItemView } from '../../../../shared/api/runs'
import type { TestRun } from '../../../../shared/model/execution'
import type { ItemProgress, RunProgress, StepProgress } from '../../../../shared/model/progress'
import { applyItem, applyProgress, applyStep, elapsedNow, estimateLeft, liveRunFrom, liveRunSubscription, reduceLiveRun } from './live-run'

const run = { id: 'r1', run_name: 'Run_001', status: 'running', total_tests: 3, passed_tests: 0, failed_tests: 0, skipped_tests: 0, no_run_tests: 0, started_at: '2026-01-01T00:00:00.000Z', completed_at: null } as TestRun
const item = (id: string, order: number, status: RunItemView['status'] = 'pending') =>
  ({ id, test_case_id: `t${order}`, test_case_name: `Test ${order}`, execution_order: order, status, retry_attempt: 0, total_iterations: 1, passed_iterations: 0, is_data_driven: false, duration_ms: 0, error_message: null }) as RunItemView
const T = Date.parse('2026-01-01T00:00:10.000Z')
const start = () => liveRunFrom(run, [item('i1', 1), item('i2', 2), item('i3', 3)], T)
const progress = (over: Partial<RunProgress> = {}): RunProgress => ({ run_id: 'r1', run_name: 'Run_001', status: 'running', total_tests: 3, finished_tests: 1, passed_tests: 1, failed_tests: 0, skipped_tests: 0, no_run_tests: 0, pass_rate: 33.33, running: [], elapsed_ms: 4000, message: null, ...over })
const step = (over: Partial<StepProgress> = {}): StepProgress => ({ run_id: 'r1', item_id: 'i2', step_number: 2, total_steps: 5, action: 'click', description: "Click 'Save'", status: 'running', duration_ms: null, error_message: null, healed_selector: null, ...over })
const itemEvent = (over: Partial<ItemProgress> = {}): ItemProgress => ({ run_id: 'r1', item_id: 'i1', test_case_id: 't1', test_case_name: 'Test 1', status: 'passed', attempt: 1, iteration: null, total_iterations: 1, duration_ms: 1200, error_message: null, flaky: true, ...over })

describe('live run', () => {
  it('starts from the stored run: elapsed since it started, items in order', () => {
    const state = start()
    expect(state.elapsed_ms).toBe(10_000)
    expect(state.items.map((i) => i.name)).toEqual(['Test 1', 'Test 2', 'Test 3'])
  })

  it("ignores every event of another run, returning the same state", () => {
    const state = start()
    expect(applyProgress(state, progress({ run_id: 'r2' }), T)).toBe(state)
    expect(applyItem(state, itemEvent({ run_id: 'r2' }))).toBe(state)
    expect(applyStep(state, step({ run_id: 'r2' }))).toBe(state)
  })

  it('takes counts, workers and elapsed time from progress', () => {
    const running = [{ item_id: 'i2', test_case_name: 'Test 2', attempt: 0, iteration: null, step_number: 2, step_description: 'x' }]
    const state = applyProgress(start(), progress({ running }), T + 500)
    expect(state).toMatchObject({ finished: 1, passed: 1, running, elapsed_ms: 4000, elapsed_at: T + 500 })
    expect(elapsedNow(state, T + 1500)).toBe(5000)
    expect(elapsedNow(applyProgress(state, progress({ status: 'completed', elapsed_ms: 6000 }), T + 600), T + 9999)).toBe(6000)
  })

  it('updates an item in place (flaky when it passed on a retry) and adds one it did not know', () => {
    let state = applyItem(start(), itemEvent())
    expect(state.items[0]).toMatchObject({ status: 'passed', attempt: 1, flaky: true, duration_ms: 1200, order: 1 })
    state = applyItem(state, itemEvent({ item_id: 'i9', test_case_name: 'Added later', status: 'running', flaky: false }))
    expect(state.items.map((i) => [i.name, i.order])).toEqual([['Test 1', 1], ['Test 2', 2], ['Test 3', 3], ['Added later', 4]])
  })

  it("keeps each item's latest step, running then ended", () => {
    let state = applyStep(start(), step())
    expect(state.steps.i2).toMatchObject({ step_number: 2, text: "Click 'Save'", status: 'running' })
    state = applyStep(state, step({ status: 'failed', duration_ms: 30, error_message: 'Timeout', description: null }))
    expect(state.steps.i2).toMatchObject({ status: 'failed', text: 'click', error_message: 'Timeout', duration_ms: 30 })
  })

  it('estimates time left from the pace so far, else from history, and none once ended', () => {
    const state = applyProgress(start(), progress({ elapsed_ms: 4000, finished_tests: 1 }), T)
    expect(estimateLeft(state, T)).toBe(8000)
    const none = applyProgress(start(), progress({ finished_tests: 0, elapsed_ms: 1000, running: [{ item_id: 'i1' } as never, { item_id: 'i2' } as never] }), T)
    expect(estimateLeft(none, T)).toBeNull()
    expect(estimateLeft(none, T, 2000)).toBe(2000)
    expect(estimateLeft(applyProgress(state, progress({ status: 'cancelled' }), T), T)).toBeNull()
  })

  it('applies a stream of typed events in order, each by its name, without touching the state it was given', () => {
    const first = start()
    const events = [
      { name: 'runs.onItem', payload: itemEvent({ status: 'running', flaky: false }) },
      { name: 'runs.onStep', payload: step({ item_id: 'i1', step_number: 1 }) },
      { name: 'runs.onProgress', payload: progress({ finished_tests: 0, passed_tests: 0 }) },
      { name: 'runs.onItem', payload: itemEvent() },
      { name: 'runs.onProgress', payload: progress() },
    ] as const
    const state = events.reduce((s, event, i) => reduceLiveRun(s, event, T + i), first)
    expect(state).toMatchObject({ finished: 1, passed: 1, elapsed_at: T + 4 })
    expect(state.items[0]).toMatchObject({ status: 'passed', flaky: true })
    expect(state.steps.i1).toMatchObject({ step_number: 1, status: 'running' })
    expect(first.items[0].status).toBe('pending')
    expect(first.steps).toEqual({})
  })

  it('subscribes to the three run events of its own run only', () => {
    expect(liveRunSubscription('r7')).toEqual({ events: ['runs.onProgress', 'runs.onItem', 'runs.onStep'], filter: { run_id: 'r7' } })
  })
})
