// Runs: the list (and the run builder, a run, a result, a comparison, a test's history, by route).
import { useApp } from '../../StoreContext'
import { CompareView } from './CompareView'
import { HistoryView } from './HistoryView'
import { LiveRunView } from './LiveRunView'
import { ResultView } from './ResultView'
import { RunBuilder } from './RunBuilder'
import { RunsList } from './RunsList'

export function RunsView() {
  const current = useApp((s) => s.route)
  if (current.id === 'new') return <RunBuilder />
  if (current.id === 'history' && current.rest[0]) return <HistoryView key={current.rest[0]} testId={current.rest[0]} />
  if (current.id === 'compare' && current.rest.length === 2) return <CompareView beforeId={current.rest[0]} afterId={current.rest[1]} />
  if (current.id && current.rest[0] === 'results' && current.rest[1]) return <ResultView key={current.rest[1]} runId={current.id} itemId={current.rest[1]} />
  if (current.id) return <LiveRunView key={current.id} runId={current.id} />
  return <RunsList />
}
