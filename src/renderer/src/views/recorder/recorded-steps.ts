// The recorder panel's projection of a session's steps: the events and the edits made while
// recording applied as pure functions, so the order rules have unit tests of their own.
import type { Api } from '../../../../shared/api'
import type { RecordedStepEvent, RecorderSession } from '../../../../shared/api/recorder'
import type { EventOf, Subscription } from '../../../../shared/api/subscription'
import type { TestStep } from '../../../../shared/model/definition'

const byPosition = (a: TestStep, b: TestStep) => a.position - b.position

/** A recorded step added or grown: replaced in place, or inserted where its position puts it. */
export function applyStepEvent(steps: readonly TestStep[], event: RecordedStepEvent, sessionId: string): TestStep[] {
  if (event.session_id !== sessionId) return steps as TestStep[]
  const others = steps.filter((s) => s.id !== event.step.id)
  return [...others, event.step].sort(byPosition)
}

/** The session's steps among a test's steps, in the test's order. */
export function sessionSteps(testSteps: readonly TestStep[], sessionStepIds: readonly string[]): TestStep[] {
  const ids = new Set(sessionStepIds)
  return testSteps.filter((s) => ids.has(s.id)).sort(byPosition)
}

/**
 * The test's whole step order after moving one recorded step up or down past the next recorded
 * step (steps of the test recorded earlier stay where they are); null when it cannot move.
 */
export function moveRecorded(testSteps: readonly TestStep[], sessionStepIds: readonly string[], stepId: string, delta: -1 | 1): string[] | null {
  const order = [...testSteps].sort(byPosition).map((s) => s.id)
  const recorded = order.filter((id) => sessionStepIds.includes(id))
  const at = recorded.indexOf(stepId)
  const other = recorded[at + delta]
  if (at < 0 || !other) return null
  const i = order.indexOf(stepId)
  const j = order.indexOf(other)
  order[i] = other
  order[j] = stepId
  return order
}

const RECORDING_EVENTS = ['recorder.onStep', 'recorder.onState'] as const
export type RecordingEvent = EventOf<Api, (typeof RECORDING_EVENTS)[number]>

export interface RecordingView {
  session: RecorderSession | null
  steps: TestStep[]
}

/** What the recorder panel subscribes to: the steps and state of its own session. */
export function recordingSubscription(sessionId: string): Subscription<Api, (typeof RECORDING_EVENTS)[number]> {
  return { events: RECORDING_EVENTS, filter: { session_id: sessionId } }
}

/** Applies one event of the session; events of another session leave the view as it was. */
export function reduceRecording(view: RecordingView, event: RecordingEvent, sessionId: string): RecordingView {
  if (event.name === 'recorder.onStep') {
    const steps = applyStepEvent(view.steps, event.payload, sessionId)
    return steps === view.steps ? view : { ...view, steps }
  }
  return event.payload.id === sessionId ? { ...view, session: event.payload } : view
}
