// Every run of the project, newest first: filtered by status, date and tag, searched by name,
// sorted, read page by page from the contract as the list scrolls (a data folder may hold
// 100,000 runs), with delete (after confirming), compare two, and a new run.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { ListRunsQuery, RunStatus, TestRun } from '../../../../shared/model/execution'
import { RUN_STATUSES } from '../../../../shared/model/execution'
import { formatDuration, runOutcome } from '../../../../shared/run-wording'
import { Modal } from '../../components/Modal'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { errorText } from './run-format'

const PAGE = 100
const ROW = 34
type SortBy = NonNullable<ListRunsQuery['sort_by']>

export interface RunsFilter {
  search: string
  status: RunStatus | ''
  from: string
  to: string
  tag: string
  sortBy: SortBy
  order: 'asc' | 'desc'
}

export function runsQuery(filter: RunsFilter, offset: number): Partial<ListRunsQuery> {
  return {
    limit: PAGE,
    offset,
    sort_by: filter.sortBy,
    sort_order: filter.order,
    ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.from ? { from_date: filter.from } : {}),
    ...(filter.to ? { to_date: filter.to } : {}),
    ...(filter.tag.trim() ? { tags: [filter.tag.trim()] } : {}),
  }
}

export function RunsList() {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  // Which runs are running, not their counts: the list reads again when one starts or ends.
  const activeIds = useApp((s) => s.activeRuns.map((r) => r.id).join(' '))
  const id = useId()
  const [filter, setFilter] = useState<RunsFilter>({ search: '', status: '', from: '', to: '', tag: '', sortBy: 'created_at', order: 'desc' })
  const [total, setTotal] = useState<number | null>(null)
  const [pages, setPages] = useState<Map<number, TestRun[]>>(new Map())
  const [selected, setSelected] = useState<string[]>([])
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const generation = useRef(0)
  const loading = useRef(new Set<number>())
  const scroller = useRef<HTMLDivElement>(null)

  const loadPage = useCallback(
    (page: number, gen = generation.current) => {
      if (loading.current.has(page)) return
      loading.current.add(page)
      client.runs.list(runsQuery(filter, page * PAGE)).then(
        (result) => {
          if (gen !== generation.current) return
          loading.current.delete(page)
          setTotal(result.total)
          setPages((prev) => new Map(prev).set(page, result.items))
        },
        (e) => {
          loading.current.delete(page)
          if (gen === generation.current) setError(errorText(e))
        },
      )
    },
    [client, filter],
  )

  // A new filter (or a run that started or ended) reads the list again from the top.
  useEffect(() => {
    generation.current++
    loading.current = new Set()
    setPages(new Map())
    setError(null)
    loadPage(0, generation.current)
  }, [loadPage, activeIds])

  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 20 })
  const rows = virtualizer.getVirtualItems()
  useEffect(() => {
    if (!rows.length) return
    const first = Math.floor(rows[0].index / PAGE)
    const last = Math.floor(rows[rows.length - 1].index / PAGE)
    for (let page = first; page <= last; page++) if (!pages.has(page)) loadPage(page)
  }, [rows, pages, loadPage])

  const runAt = (index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE] ?? null
  const set = (patch: Partial<RunsFilter>) => setFilter((f) => ({ ...f, ...patch }))
  const toggle = (runId: string, on: boolean) => setSelected((s) => (on ? [...s, runId] : s.filter((x) => x !== runId)))
  const open = (runId: string) => store.getState().navigate(route('runs', runId))

  async function deleteSelected() {
    try {
      const count = selected.length
      await client.runs.bulkDelete({ ids: selected })
      setSelected([])
      setConfirming(false)
      store.getState().toast(`Deleted ${count} ${count === 1 ? 'run' : 'runs'}`)
      generation.current++
      loading.current = new Set()
      setPages(new Map())
      loadPage(0, generation.current)
    } catch (e) {
      setConfirming(false)
      setError(errorText(e))
    }
  }

  const selectedNames = selected.map((sid) => [...pages.values()].flat().find((r) => r.id === sid)?.run_name ?? sid)
  return (
    <div className="pane runs-list" data-region>
      <div className="run-head">
        <h1>Runs</h1>
        <div className="toolbar-row">
          <button type="button" onClick={() => store.getState().navigate(route('runs', 'trend'))}>Suite trends</button>
          <button type="button" onClick={() => store.getState().navigate(route('runs', 'healings'))}>Healing review</button>
          <button type="button" className="primary" onClick={() => store.getState().navigate(route('runs', 'new'))}>New run</button>
        </div>
      </div>
      <div className="toolbar-row" role="search" aria-label="Filter runs">
        <input type="search" aria-label="Search runs by name" placeholder="Search by name…" value={filter.search} onChange={(e) => set({ search: e.target.value })} />
        <label>Status <select value={filter.status} onChange={(e) => set({ status: e.target.value as RunStatus | '' })}>
          <option value="">Any</option>
          {RUN_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select></label>
        <label>From <input type="date" value={filter.from} onChange={(e) => set({ from: e.target.value })} /></label>
        <label>To <input type="date" value={filter.to} onChange={(e) => set({ to: e.target.value })} /></label>
        <label>Tag <input value={filter.tag} size={10} onChange={(e) => set({ tag: e.target.value })} /></label>
        <label>Sort by <select value={filter.sortBy} onChange={(e) => set({ sortBy: e.target.value as SortBy })}>
          <option value="created_at">Created</option>
          <option value="started_at">Started</option>
          <option value="run_number">Run number</option>
          <option value="pass_rate">Pass rate</option>
          <option value="duration_ms">Duration</option>
        </select></label>
        <label>Order <select value={filter.order} onChange={(e) => set({ order: e.target.value as 'asc' | 'desc' })}>
          <option value="desc">Descending</option>
          <option value="asc">Ascending</option>
        </select></label>
      </div>
      <div className="toolbar-row">
        <span role="status" data-testid="runs-total">{total === null ? 'Loading…' : `${total.toLocaleString()} ${total === 1 ? 'run' : 'runs'}`}{selected.length ? `, ${selected.length} selected` : ''}</span>
        <button type="button" disabled={selected.length !== 2} onClick={() => store.getState().navigate(route('runs', 'compare', ...selected))}>Compare the two selected</button>
        <button type="button" disabled={!selected.length} onClick={() => setConfirming(true)}>Delete selected…</button>
      </div>
      {error && <p role="alert">{error}</p>}
      {total === 0 && <p className="empty">No runs {filter.search || filter.status || filter.from || filter.to || filter.tag ? 'match these filters' : 'yet: start one with New run'}.</p>}
      {!!total && (
        <div className="runs-table" role="table" aria-label="Runs" aria-rowcount={total + 1}>
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className="runs-row head">
              <span role="columnheader">Select</span>
              <span role="columnheader">Run</span>
              <span role="columnheader">Outcome</span>
              <span role="columnheader">Tests</span>
              <span role="columnheader">Duration</span>
              <span role="columnheader">Started</span>
            </div>
          </div>
          <div ref={scroller} className="runs-body" role="rowgroup" id={`${id}-rows`}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {rows.map((row) => {
                const run = runAt(row.index)
                const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${row.start}px)` }
                if (!run) return <div role="row" aria-rowindex={row.index + 2} key={`loading-${row.index}`} className="runs-row" style={style}><span role="cell" className="muted">Loading…</span></div>
                const outcome = runOutcome(run)
                return (
                  <div role="row" aria-rowindex={row.index + 2} key={run.id} className="runs-row" style={style}>
                    <span role="cell"><input type="checkbox" aria-label={`Select ${run.run_name}`} checked={selected.includes(run.id)} onChange={(e) => toggle(run.id, e.target.checked)} /></span>
                    <span role="cell"><button type="button" className="link" onClick={() => open(run.id)}>{run.run_name}</button></span>
                    <span role="cell" className={`outcome-text ${outcome.tone}`}>{outcome.label}</span>
                    <span role="cell">{run.passed_tests}/{run.total_tests} passed</span>
                    <span role="cell">{run.started_at ? formatDuration(run.duration_ms) : ''}</span>
                    <span role="cell">{run.started_at ? new Date(run.started_at).toLocaleString() : 'not started'}</span>
                  </div>
                )
              })}
            </div>
          </div>
        </div>
      )}
      {confirming && (
        <Modal title={`Delete ${selected.length} ${selected.length === 1 ? 'run' : 'runs'}?`} description="Their results, screenshots' records and history entries go with them. This cannot be undone." onClose={() => setConfirming(false)}>
          <ul>{selectedNames.slice(0, 10).map((n) => <li key={n}>{n}</li>)}{selectedNames.length > 10 && <li>and {selectedNames.length - 10} more</li>}</ul>
          <div className="buttons">
            <button type="button" onClick={() => setConfirming(false)}>Keep them</button>
            <button type="button" className="danger" onClick={() => void deleteSelected()}>Delete</button>
          </div>
        </Modal>
      )}
    </div>
  )
}
