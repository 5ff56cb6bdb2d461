// What the window reloads when data changed somewhere (this window, another one, the CLI): pure
// functions of the change and of what is open, so the rules have unit tests and the typed,
// filtered subscriptions to come only change where events come from.
import type { ChangeKind, DataChange } from '../../../shared/api/system'
import type { RunProgress } from '../../../shared/model/progress'
import type { DocKind } from './doc-adapters'

export interface ReloadPlan {
  outline: boolean
  /** Library lists to reload (data sets, environments, browser configurations). */
  lists: DocKind[]
  /** Open documents to check against the store's version. */
  docs: DocKind[]
  settings: boolean
  runs: boolean
}

const DOC_KIND_OF: Partial<Record<ChangeKind, DocKind>> = { tests: 'test', dataSets: 'dataSet', environments: 'environment', browsers: 'browser' }

export function reloadPlan(change: Pick<DataChange, 'kinds'>, open: ReadonlySet<DocKind>): ReloadPlan {
  const kinds = new Set(change.kinds)
  const lists = (['dataSet', 'environment', 'browser'] as const).filter((kind) => [...kinds].some((k) => DOC_KIND_OF[k] === kind))
  return {
    // The tree shows suites, tests and each test's last result.
    outline: kinds.has('suites') || kinds.has('tests') || kinds.has('history') || kinds.has('projects'),
    lists,
    docs: [...kinds].map((k) => DOC_KIND_OF[k]).filter((kind): kind is DocKind => !!kind && open.has(kind)),
    settings: kinds.has('settings'),
    runs: kinds.has('runs'),
  }
}

/** Runs in progress, as the status bar shows them, kept from run progress events. */
export interface ActiveRun {
  id: string
  name: string
  finished: number
  total: number
}

const ENDED = new Set(['completed', 'cancelled', 'failed'])

export function applyRunProgress(runs: readonly ActiveRun[], progress: RunProgress): ActiveRun[] {
  const others = runs.filter((r) => r.id !== progress.run_id)
  if (ENDED.has(progress.status)) return others.length === runs.length ? (runs as ActiveRun[]) : others
  const run = { id: progress.run_id, name: progress.run_name, finished: progress.finished_tests, total: progress.total_tests }
  const index = runs.findIndex((r) => r.id === progress.run_id)
  if (index < 0) return [...runs, run]
  const next = runs.slice()
  next[index] = run
  return next
}
