// Every pending healed selector of the project, newest first, one line per step and suggestion:
// accept or dismiss each where it is listed, or open the result that healed.
import { useEffect, useId, useState } from 'react'
import type { HealingView } from '../../../../shared/api/healings'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { HealingDecision } from './HealingReview'
import { errorText } from './run-format'

const PAGE = 100

export function HealingsView() {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const id = useId()
  const [items, setItems] = useState<HealingView[] | null>(null)
  const [total, setTotal] = useState(0)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    client.healings.list({ status: 'pending', limit: PAGE }).then(
      (page) => {
        if (!live) return
        setItems(page.items)
        setTotal(page.total)
      },
      (e) => live && setError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [client])

  const pending = items?.filter((h) => h.status === 'pending').length ?? 0
  return (
    <div className="pane scroll" data-region>
      <div className="run-head">
        <h1 id={`${id}-title`}>Healing review</h1>
        <button type="button" onClick={() => store.getState().navigate(route('runs'))}>All runs</button>
      </div>
      <p role="status" data-testid="healings-pending">{items === null ? 'Loading…' : `${pending} pending ${pending === 1 ? 'healing' : 'healings'}${total > PAGE ? ` (the newest ${PAGE} of ${total} shown)` : ''}`}</p>
      {error && <p role="alert">{error}</p>}
      {items?.length === 0 && <p className="empty">No healed selectors wait for a decision. Steps whose primary selector found nothing but an alternative did are listed here.</p>}
      {!!items?.length && (
        <ul className="healings" aria-labelledby={`${id}-title`}>
          {items.map((h) => (
            <li key={h.id} aria-label={`${h.test_case_name}, step ${h.step_number}`}>
              <h2>{h.test_case_name}, step {h.step_number}</h2>
              <p className="muted">
                Last healed in {h.run_name}{h.occurrences > 1 ? `, ${h.occurrences} times in all` : ''} ·{' '}
                <button type="button" className="link" onClick={() => void openResult(h)}>Open the result</button>
              </p>
              <HealingDecision healing={h} onChange={(next) => setItems((all) => all?.map((x) => (x.id === next.id ? next : x)) ?? null)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )

  async function openResult(h: HealingView) {
    try {
      const result = await client.results.get({ id: h.test_run_result_id })
      store.getState().navigate(route('runs', h.test_run_id, 'results', result.test_run_item_id))
    } catch (e) {
      setError(errorText(e))
    }
  }
}
