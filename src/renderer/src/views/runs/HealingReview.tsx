// A healed selector and the tester's decision on it: accept it as the step's primary (the old
// primary stays as the first alternative, and Undo puts the step back), or dismiss it. Shown on a
// healed step in the result viewer and on each line of the healing review.
import { useState } from 'react'
import type { HealingView, StepHealing } from '../../../../shared/api/healings'
import { useApp, useAppStore } from '../../StoreContext'
import { errorText } from './run-format'

type Decided = Pick<StepHealing, 'status'> & Partial<HealingView>

export function HealingDecision({ healing, onChange }: { healing: HealingView; onChange(next: HealingView): void }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function decide(what: 'accept' | 'dismiss' | 'undo') {
    setBusy(true)
    setError(null)
    try {
      const out = what === 'dismiss' ? await client.healings.dismiss({ id: healing.id }) : (await client.healings[what]({ id: healing.id })).healing
      const next: Decided = { ...healing, ...out }
      // The step's primary as the decision left it: what the review shows as "now".
      if (what === 'accept') next.current_selector = healing.healed_selector
      if (what === 'undo' && healing.status === 'accepted') next.current_selector = healing.selector
      onChange(next as HealingView)
      if (what === 'accept') store.getState().toast(`Step ${healing.step_number} of ${healing.test_case_name} now uses ${healing.healed_selector}; ${healing.selector} is kept as a fallback`)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="healing-decision" role="group" aria-label={`Healed selector of step ${healing.step_number}`}>
      <p>
        Healed: {healing.field === 'options.to' ? 'drop target found' : 'found'} with <code>{healing.healed_selector}</code> after <code>{healing.selector}</code> found nothing.
      </p>
      {healing.status === 'pending' && (
        <div className="toolbar-row">
          <button type="button" className="primary" disabled={busy} onClick={() => void decide('accept')}>Accept as primary selector</button>
          <button type="button" disabled={busy} onClick={() => void decide('dismiss')}>Dismiss</button>
        </div>
      )}
      {healing.status !== 'pending' && (
        <p role="status">
          {healing.status === 'accepted' ? <>Accepted: the step now uses <code>{healing.healed_selector}</code>, with <code>{healing.selector}</code> kept as a fallback. </> : 'Dismissed: the step keeps its selector. '}
          <button type="button" disabled={busy} onClick={() => void decide('undo')}>Undo</button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  )
}
