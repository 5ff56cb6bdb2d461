// Runs: the list (and the run builder, a run, a result, a comparison, a test's history, a
// suite's trend, the healing review, by route).
import { useEffect, useState } from 'react'
import { isId } from '../../../../shared/model/common'
import { route } from '../../routes'
import { useApp } from '../../StoreContext'
import { CompareView } from './CompareView'
import { HealingsView } from './HealingsView'
import { HistoryView } from './HistoryView'
import { LiveRunView } from './LiveRunView'
import { ResultView } from './ResultView'
import { RunBuilder } from './RunBuilder'
import { RunsList } from './RunsList'
import { SuiteTrendView } from './SuiteTrendView'

export function RunsView() {
  const current = useApp((s) => s.route)
  if (current.id === 'new') return <RunBuilder />
  if (current.id === 'healings') return <HealingsView />
  if (current.id === 'trend') return <SuiteTrendView suiteId={current.rest[0] ?? null} />
  if (current.id === 'history' && current.rest[0]) return <HistoryView key={current.rest[0]} testId={current.rest[0]} />
  if (current.id === 'compare' && current.rest.length === 2) return <CompareView beforeId={current.rest[0]} afterId={current.rest[1]} />
  if (current.id && current.rest[0] === 'results' && current.rest[1]) return <ResultView key={current.rest[1]} runId={current.id} itemId={current.rest[1]} />
  if (current.id && !isId(current.id)) return <RunByReference key={current.id} reference={current.id} />
  if (current.id) return <LiveRunView key={current.id} runId={current.id} />
  return <RunsList />
}

/**
 * A link that names a run as testers do (`/runs/12`, `/runs/Run_012`, `#12`): found in the
 * window's project through the contract, then shown at its own address.
 */
function RunByReference({ reference }: { reference: string }) {
  const client = useApp((s) => s.client)
  const navigate = useApp((s) => s.navigate)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    client.reports.findRun({ ref: decodeURIComponent(reference) }).then(
      (run) => live && navigate(route('runs', run.id), { replace: true }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
    }
  }, [client, navigate, reference])
  return error ? (
    <div className="pane">
      <h1>Run not found</h1>
      <p role="alert">{error}</p>
    </div>
  ) : (
    <p className="loading">Finding run {reference}…</p>
  )
}
