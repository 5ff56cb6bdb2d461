// The recorder panel's projection of a session's steps: the events and the edits made while
// recording applied as pure functions, so the order rules have unit tests of their own.
import type { RecordedStepEvent } from '../../../../shared/api/recorder'
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
