// A visual checkpoint in the result viewer: the new baseline a first run stored, or a failed
// comparison's baseline, actual and difference images with the tester's way to accept the actual
// screenshot as the baseline the next runs compare with.
import { useEffect, useState } from 'react'
import type { CheckpointResult } from '../../../../shared/model/execution'
import { useApp } from '../../StoreContext'
import { errorText } from './run-format'
import { Screenshot } from './Screenshot'
import { ACCEPTED_TEXT, acceptedFromHere, createdText, visualCheckpointView } from './visual-checkpoint'

export function VisualCheckpoint({ checkpoint, testCaseId }: { checkpoint: CheckpointResult; testCaseId: string | null }) {
  const client = useApp((s) => s.client)
  const view = visualCheckpointView(checkpoint)
  const [accepted, setAccepted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const acceptable = view?.kind === 'compared' && view.acceptable

  // Coming back to a result already accepted shows it so, not a button that would do it again.
  useEffect(() => {
    if (!acceptable || !testCaseId) return
    let live = true
    client.checkpoints.baselines({ test_case_id: testCaseId }).then(
      (list) => live && acceptedFromHere(list, checkpoint.id) && setAccepted(true),
      // Not knowing only leaves the button enabled; accepting again is harmless.
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [client, acceptable, testCaseId, checkpoint.id])

  if (!view) return null

  async function accept() {
    if (busy || accepted) return
    setBusy(true)
    setError(null)
    try {
      await client.checkpoints.acceptBaseline({ id: checkpoint.id })
      setAccepted(true)
    } catch (e) {
      setError(`The baseline was not accepted: ${errorText(e)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="visual-checkpoint" role="group" aria-label={`Visual checkpoint ${view.name}`}>
      {view.kind === 'created' && <p role="status">{createdText(view)}</p>}
      {view.images.length > 0 && (
        <div className="visual-images">
          {view.images.map((image) => (
            <Screenshot key={image.label} path={image.path} label={image.label} />
          ))}
        </div>
      )}
      {acceptable && (
        <div className="toolbar-row">
          {/* aria-disabled rather than disabled: the focus stays on the button after a keyboard press. */}
          <button type="button" className={accepted ? undefined : 'primary'} aria-disabled={busy || accepted} onClick={() => void accept()}>
            Accept as new baseline
          </button>
          <span role="status">{accepted ? ACCEPTED_TEXT : busy ? 'Accepting…' : ''}</span>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  )
}
