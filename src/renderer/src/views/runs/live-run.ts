// One run as the live view shows it, kept from the run's events: pure functions of the state
// and one event, so the view's rules have unit tests and a change in where events come from
// (typed, filtered subscriptions in the core) only changes the subscription, not these.
import type { Api } from '../../../../shared/api'
import type { RunItemView } from '../../../../shared/api/runs'
import type { EventOf, Subscription } from '../../../../shared/api/subscription'
import type { ItemStatus, TestRun } from '../../../../shared/model/execution'
import type { ItemProgress, RunProgress, RunningTest, StepProgress } from '../../../../shared/model/progress'

export interface LiveItem {
  id: string
  test_case_id: string
  name: string
  order: number
  status: ItemStatus
  attempt: number
  iteration: number | null
  total_iterations: number
  passed_iterations: number
  is_data_driven: boolean
  duration_ms: number
  error_message: string | null
  flaky: boolean
}

export interface LiveStep {
  item_id: string
  step_number: number
  total_steps: number
  text: string
  status: StepProgress['status']
  duration_ms: number | null
  error_message: string | null
}

export interface LiveRun {
  run_id: string
  run_name: string
  status: TestRun['status']
  total: number
  finished: number
  passed: number
  failed: number
  skipped: number
  no_run: number
  elapsed_ms: number
  /** When elapsed_ms was last set (ms since the epoch), so the clock can run between events. */
  elapsed_at: number
  message: string | null
  /** What each worker is doing now, in the order the runner reports. */
  running: RunningTest[]
  items: LiveItem[]
  /** The latest step of each item (the step that is running, or the last one that ended). */
  steps: Record<string, LiveStep>
}

const FINISHED: ReadonlySet<ItemStatus> = new Set(['passed', 'failed', 'skipped', 'no_run'])

/** The live state from what the store has now (a run read once, then followed by events). */
export function liveRunFrom(run: TestRun, items: readonly RunItemView[], now: number): LiveRun {
  const finished = items.filter((i) => FINISHED.has(i.status)).length
  const ended = run.completed_at ? Date.parse(run.completed_at) : now
  return {
    run_id: run.id,
    run_name: run.run_name,
    status: run.status,
    total: run.total_tests,
    finished,
    passed: run.passed_tests,
    failed: run.failed_tests,
    skipped: run.skipped_tests,
    no_run: run.no_run_tests,
    elapsed_ms: run.started_at ? Math.max(0, ended - Date.parse(run.started_at)) : 0,
    elapsed_at: now,
    message: null,
    running: [],
    items: items.map((i) => ({
      id: i.id,
      test_case_id: i.test_case_id,
      name: i.test_case_name,
      order: i.execution_order,
      status: i.status,
      attempt: i.retry_attempt,
      iteration: null,
      total_iterations: i.total_iterations,
      passed_iterations: i.passed_iterations,
      is_data_driven: i.is_data_driven,
      duration_ms: i.duration_ms,
      error_message: i.error_message,
      flaky: i.status === 'passed' && i.retry_attempt > 0,
    })),
    steps: {},
  }
}

export function applyProgress(state: LiveRun, p: RunProgress, now: number): LiveRun {
  if (p.run_id !== state.run_id) return state
  return {
    ...state,
    run_name: p.run_name,
    status: p.status,
    total: p.total_tests,
    finished: p.finished_tests,
    passed: p.passed_tests,
    failed: p.failed_tests,
    skipped: p.skipped_tests,
    no_run: p.no_run_tests,
    elapsed_ms: p.elapsed_ms,
    elapsed_at: now,
    message: p.message,
    running: p.running,
  }
}

export function applyItem(state: LiveRun, p: ItemProgress): LiveRun {
  if (p.run_id !== state.run_id) return state
  const index = state.items.findIndex((i) => i.id === p.item_id)
  const before = index >= 0 ? state.items[index] : null
  const item: LiveItem = {
    id: p.item_id,
    test_case_id: p.test_case_id,
    name: p.test_case_name,
    order: before?.order ?? state.items.length + 1,
    status: p.status,
    attempt: p.attempt,
    iteration: p.iteration,
    total_iterations: p.total_iterations,
    // Events do not count passed iterations; the view reads the item again when it finishes.
    passed_iterations: before?.passed_iterations ?? 0,
    is_data_driven: before?.is_data_driven ?? p.total_iterations > 1,
    duration_ms: p.duration_ms,
    error_message: p.error_message,
    flaky: p.flaky,
  }
  const items = state.items.slice()
  if (index >= 0) items[index] = item
  else items.push(item)
  return { ...state, items }
}

export function applyStep(state: LiveRun, p: StepProgress): LiveRun {
  if (p.run_id !== state.run_id) return state
  const step: LiveStep = {
    item_id: p.item_id,
    step_number: p.step_number,
    total_steps: p.total_steps,
    text: p.description ?? p.action,
    status: p.status,
    duration_ms: p.duration_ms,
    error_message: p.error_message,
  }
  return { ...state, steps: { ...state.steps, [p.item_id]: step } }
}

const LIVE_RUN_EVENTS = ['runs.onProgress', 'runs.onItem', 'runs.onStep'] as const
export type LiveRunEvent = EventOf<Api, (typeof LIVE_RUN_EVENTS)[number]>

/** What the live view of one run subscribes to: its progress, tests and steps, no other run's. */
export function liveRunSubscription(runId: string): Subscription<Api, (typeof LIVE_RUN_EVENTS)[number]> {
  return { events: LIVE_RUN_EVENTS, filter: { run_id: runId } }
}

/** Applies one event of the run to the state; `now` stamps progress for the running clock. */
export function reduceLiveRun(state: LiveRun, event: LiveRunEvent, now: number): LiveRun {
  switch (event.name) {
    case 'runs.onProgress':
      return applyProgress(state, event.payload, now)
    case 'runs.onItem':
      return applyItem(state, event.payload)
    case 'runs.onStep':
      return applyStep(state, event.payload)
  }
}

/** Elapsed time now, the clock running on from the last event while the run goes on. */
export function elapsedNow(state: LiveRun, now: number): number {
  return state.status === 'running' ? state.elapsed_ms + Math.max(0, now - state.elapsed_at) : state.elapsed_ms
}

/**
 * Time left: the tests still to run at the pace of those finished so far in this run, or, before
 * any finished, at the pace of their history (mean duration per test). Null while nothing tells.
 */
export function estimateLeft(state: LiveRun, now: number, historyMeanMs: number | null = null): number | null {
  if (state.status !== 'running') return null
  const left = state.total - state.finished
  if (left <= 0) return 0
  const elapsed = elapsedNow(state, now)
  if (state.finished > 0) return Math.round((elapsed / state.finished) * left)
  if (historyMeanMs === null) return null
  const workers = Math.max(1, state.running.length)
  return Math.max(0, Math.round((historyMeanMs * state.total) / workers - elapsed))
}

export function isEnded(status: TestRun['status']): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'failed'
}
