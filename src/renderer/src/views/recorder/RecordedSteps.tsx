// The steps of a recording as they arrive; each can be edited (selector and value), deleted or
// moved while the recording goes on. Edits go to the test through the `steps` namespace.
import { useState } from 'react'
import type { RecorderSession } from '../../../../shared/api/recorder'
import type { TestStep } from '../../../../shared/model/definition'
import { describeStep } from '../../../../shared/steps'
import { messageOf } from '../../store/docsSlice'
import { useApp } from '../../StoreContext'
import { moveRecorded, sessionSteps } from './recorded-steps'

export function RecordedSteps({
  session,
  steps,
  onSteps,
  onError,
}: {
  session: RecorderSession
  steps: TestStep[]
  onSteps(steps: TestStep[]): void
  onError(message: string | null): void
}) {
  const client = useApp((s) => s.client)
  const [editing, setEditing] = useState<string | null>(null)
  const ids = [...new Set([...session.step_ids, ...steps.map((s) => s.id)])]

  const reload = async () => onSteps(sessionSteps(await client.steps.list({ test_case_id: session.test_case_id }), ids))
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work()
      await reload()
      onError(null)
    } catch (e) {
      onError(messageOf(e))
    }
  }
  const move = (step: TestStep, delta: -1 | 1) =>
    run(async () => {
      const order = moveRecorded(await client.steps.list({ test_case_id: session.test_case_id }), ids, step.id, delta)
      if (order) await client.steps.reorder({ test_case_id: session.test_case_id, step_ids: order })
    })

  return (
    <section aria-labelledby="recorded-steps-title" className="recorded-steps">
      <h2 id="recorded-steps-title">Recorded steps ({steps.length})</h2>
      {steps.length === 0 && <p className="empty">Nothing recorded yet: use the page in the recording browser.</p>}
      <ol aria-label="Recorded steps" aria-live="polite">
        {steps.map((step, i) => {
          const words = describeStep(step)
          return (
            <li key={step.id} aria-label={words}>
              {editing === step.id ? (
                <StepEdit
                  step={step}
                  onCancel={() => setEditing(null)}
                  onSave={(patch) =>
                    run(async () => {
                      await client.steps.update({ id: step.id, ...patch })
                      setEditing(null)
                    })
                  }
                />
              ) : (
                <div className="recorded-step">
                  <span className="step-words">{words}</span>
                  <span className="buttons">
                    <button type="button" className="link" onClick={() => setEditing(step.id)} aria-label={`Edit step ${i + 1}`}>
                      Edit
                    </button>
                    <button type="button" className="link" disabled={i === 0} onClick={() => move(step, -1)} aria-label={`Move step ${i + 1} up`}>
                      Up
                    </button>
                    <button type="button" className="link" disabled={i === steps.length - 1} onClick={() => move(step, 1)} aria-label={`Move step ${i + 1} down`}>
                      Down
                    </button>
                    <button type="button" className="link danger" onClick={() => run(() => client.steps.delete({ id: step.id }))} aria-label={`Delete step ${i + 1}`}>
                      Delete
                    </button>
                  </span>
                </div>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}

function StepEdit({ step, onSave, onCancel }: { step: TestStep; onSave(patch: { target?: TestStep['target']; value?: string | null }): void; onCancel(): void }) {
  const [selector, setSelector] = useState(step.target?.selector ?? '')
  const [value, setValue] = useState(step.value ?? '')
  return (
    <form
      className="inline"
      aria-label={`Edit ${describeStep(step)}`}
      onSubmit={(e) => {
        e.preventDefault()
        onSave({
          ...(step.target ? { target: { ...step.target, selector: selector.trim() } } : {}),
          ...(step.value !== null || value ? { value: value === '' ? null : value } : {}),
        })
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      {step.target && (
        <label>
          Selector <input className="mono" value={selector} onChange={(e) => setSelector(e.target.value)} />
        </label>
      )}
      <label>
        Value <input value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        Save step
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  )
}
