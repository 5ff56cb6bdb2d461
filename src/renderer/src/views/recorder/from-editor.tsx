// The recorder reached from the test editor: "Record from here" on a step, and "Pick locator"
// in a target field (the browser opens paused at the step, the tester clicks the element).
import { useEffect, useRef, useState } from 'react'
import type { StoreApi } from 'zustand/vanilla'
import type { TargetValue } from '../../components/TargetEditor'
import { route } from '../../routes'
import type { AppState } from '../../store'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'

/** Whether the open test has edits not yet in the store (the recorder works on the stored test). */
export function testUnsaved(state: AppState): boolean {
  const doc = state.docs.test
  return !!doc && (doc.present !== doc.base || !!doc.saving)
}

/** Replays the test up to `stepId` in a recording browser, then records after it. */
export async function recordFromStep(store: StoreApi<AppState>, testId: string, stepId: string): Promise<void> {
  const state = store.getState()
  if (testUnsaved(state)) {
    state.toast('The test has changes being saved: try again in a moment.', { tone: 'error' })
    return
  }
  try {
    const session = await state.client.recorder.start({ test_case_id: testId, after_step_id: stepId })
    store.getState().navigate(route('recorder', session.id))
  } catch (error) {
    store.getState().toast(`Could not start recording: ${messageOf(error)}`, { tone: 'error' })
  }
}

/**
 * "Pick locator": opens the recording browser paused after the step before this one (so the page
 * is where this step acts), waits for a click and hands the picked target with its alternatives.
 */
export function PickLocator({ testId, afterStepId, onPicked }: { testId: string; afterStepId: string | null; onPicked(target: TargetValue): void }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const unsaved = useApp(testUnsaved)
  const [session, setSession] = useState<string | null>(null)
  const [phase, setPhase] = useState<'idle' | 'opening' | 'picking'>('idle')
  const [message, setMessage] = useState<string | null>(null)
  const current = useRef<string | null>(null)

  // Leaving the step (or the test) closes the picking browser.
  useEffect(
    () => () => {
      if (current.current) void client.recorder.stop({ session_id: current.current }).catch(() => undefined)
    },
    [client],
  )

  const pick = async () => {
    setPhase('opening')
    setMessage(null)
    let id: string | null = null
    try {
      const started = await client.recorder.start({ test_case_id: testId, after_step_id: afterStepId, paused: true })
      id = started.id
      current.current = id
      setSession(id)
      setPhase('picking')
      const picked = await client.recorder.pick({ session_id: id })
      onPicked({ selector: picked.target.selector, alternatives: picked.target.alternatives ?? [], ...(picked.target.frames?.length ? { frames: picked.target.frames } : {}) })
      setMessage(`Picked ${picked.target.selector} (${picked.strategies[0] ?? 'selector'}), with ${picked.target.alternatives?.length ?? 0} alternatives.`)
    } catch (error) {
      setMessage(`No element picked: ${messageOf(error)}`)
    } finally {
      if (id) await client.recorder.stop({ session_id: id }).catch(() => undefined)
      current.current = null
      setSession(null)
      setPhase('idle')
    }
  }
  const cancel = async () => {
    if (session) await client.recorder.cancelPick({ session_id: session }).catch((e) => store.getState().toast(messageOf(e), { tone: 'error' }))
  }

  return (
    <div className="pick-locator">
      {phase === 'idle' ? (
        <button type="button" onClick={() => void pick()} disabled={unsaved} title={unsaved ? 'Wait until the test is saved' : undefined}>
          Pick locator
        </button>
      ) : (
        <>
          <span role="status">{phase === 'opening' ? 'Opening the browser at this step…' : 'Click the element in the recording browser.'}</span>{' '}
          <button type="button" onClick={() => void cancel()} disabled={phase !== 'picking'}>
            Cancel pick
          </button>
        </>
      )}
      {message && phase === 'idle' && (
        <span className="hint" role="status">
          {message}
        </span>
      )}
    </div>
  )
}
