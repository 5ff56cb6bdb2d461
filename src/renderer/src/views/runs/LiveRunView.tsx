// One run, live while it goes and as a record once it ended: progress and counts, what each
// worker is doing (test and step), results as they finish, elapsed and estimated time left,
// stop and cancel (each saying what it means), then the results, a rerun and the report.
import { useEffect, useId, useRef, useState } from 'react'
import type { ExportedReport } from '../../../../shared/api/reports'
import { formatDuration, runOutcome, statusLabel } from '../../../../shared/run-wording'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { elapsedNow, estimateLeft, isEnded, liveRunFrom, liveRunSubscription, reduceLiveRun, type LiveRun } from './live-run'
import { errorText } from './run-format'

type Queued = (state: LiveRun) => LiveRun

export function LiveRunView({ runId }: { runId: string }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const id = useId()
  const [run, setRun] = useState<LiveRun | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(Date.now())
  const [report, setReport] = useState<ExportedReport | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const reloadRef = useRef<() => void>(() => {})

  useEffect(() => {
    let live = true
    // Events that come while the run is read are kept and applied on top of what was read.
    let queue: Queued[] | null = []
    const push = (fn: Queued) => {
      if (queue) queue.push(fn)
      else setRun((state) => (state ? fn(state) : state))
    }
    const load = async () => {
      try {
        const [stored, items] = await Promise.all([client.runs.get({ id: runId }), client.runItems.list({ test_run_id: runId, limit: 10_000 })])
        if (!live) return
        let state = liveRunFrom(stored, items.items, Date.now())
        for (const fn of queue ?? []) state = fn(state)
        queue = null
        setRun(state)
      } catch (e) {
        if (live) setError(errorText(e))
      }
    }
    reloadRef.current = () => {
      queue = []
      void load()
    }
    // Only this run's events come: the host or main filters them by run id.
    const stop = client.subscribe(liveRunSubscription(runId), (event) => {
      const at = Date.now()
      push((s) => reduceLiveRun(s, event, at))
      // The end's figures (iterations, retries, durations) are read back from the store.
      if (event.name === 'runs.onProgress' && isEnded(event.payload.status)) reloadRef.current()
    })
    void load()
    return () => {
      live = false
      stop()
    }
  }, [client, runId])

  const running = run?.status === 'running' || run?.status === 'queued' || run?.status === 'pending'
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])

  if (error) return <div className="pane" data-region><p role="alert">{error}</p></div>
  if (!run) return <p className="loading">Loading…</p>

  const act = async (what: 'stop' | 'cancel' | 'rerun' | 'report') => {
    setBusy(what)
    setError(null)
    try {
      if (what === 'stop') await client.runs.stop({ id: run.run_id })
      else if (what === 'cancel') await client.runs.cancel({ id: run.run_id })
      else if (what === 'report') setReport(await client.reports.export({ run_id: run.run_id, format: 'html' }))
      else {
        const next = await client.runs.rerun({ id: run.run_id, only: 'failed' })
        await client.runs.start({ id: next.id })
        store.getState().navigate(route('runs', next.id))
      }
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  const outcome = runOutcome({ status: run.status, total_tests: run.total, passed_tests: run.passed, failed_tests: run.failed, skipped_tests: run.skipped, no_run_tests: run.no_run })
  const left = estimateLeft(run, now)
  const open = (itemId: string) => store.getState().navigate(route('runs', run.run_id, 'results', itemId))
  return (
    <div className="pane scroll live-run" data-region>
      <div className="run-head">
        <h1>{run.run_name}</h1>
        <button type="button" onClick={() => store.getState().navigate(route('runs'))}>All runs</button>
      </div>
      <p className={`outcome ${outcome.tone}`} data-testid="run-outcome">{outcome.label}</p>
      {run.message && <p className="muted">{run.message}</p>}
      <div
        role="progressbar"
        aria-label="Tests finished"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.finished}
        aria-valuetext={`${run.finished} of ${run.total} tests finished`}
        className="progress"
      >
        <span className="progress-passed" style={{ width: `${run.total ? (run.passed / run.total) * 100 : 0}%` }} />
        <span className="progress-failed" style={{ width: `${run.total ? (run.failed / run.total) * 100 : 0}%` }} />
        <span className="progress-other" style={{ width: `${run.total ? ((run.finished - run.passed - run.failed) / run.total) * 100 : 0}%` }} />
      </div>
      <dl className="counts" aria-label="Counts">
        <div><dt>Finished</dt><dd data-testid="count-finished">{run.finished} of {run.total}</dd></div>
        <div><dt>Passed</dt><dd>{run.passed}</dd></div>
        <div><dt>Failed</dt><dd>{run.failed}</dd></div>
        <div><dt>Skipped</dt><dd>{run.skipped}</dd></div>
        <div><dt>Not run</dt><dd>{run.no_run}</dd></div>
        <div><dt>Elapsed</dt><dd>{formatDuration(Math.round(elapsedNow(run, now) / 1000) * 1000)}</dd></div>
        {running && <div><dt>Time left</dt><dd>{left === null ? 'estimating…' : `about ${formatDuration(Math.round(left / 1000) * 1000)}`}</dd></div>}
      </dl>

      {running && (
        <>
          <section aria-labelledby={`${id}-now`}>
            <h2 id={`${id}-now`}>Running now</h2>
            <ul className="workers" aria-label="Workers">
              {run.running.length === 0 && <li className="muted">Starting…</li>}
              {run.running.map((w, i) => {
                const step = run.steps[w.item_id]
                const stepText = step ? `step ${step.step_number} of ${step.total_steps}: ${step.text}` : w.step_number ? `step ${w.step_number}: ${w.step_description ?? ''}` : 'starting'
                return (
                  <li key={w.item_id}>
                    <strong>Worker {i + 1}</strong>: {w.test_case_name}
                    {w.attempt > 0 ? ` (retry ${w.attempt})` : ''}
                    {w.iteration !== null ? ` (data row ${w.iteration})` : ''} — <span data-testid="worker-step">{stepText}</span>
                  </li>
                )
              })}
            </ul>
          </section>
          <div className="buttons start">
            <button type="button" disabled={!!busy} onClick={() => void act('stop')} aria-describedby={`${id}-stop`}>Stop</button>
            <span id={`${id}-stop`} className="hint">Finishes the steps running now, then ends; tests not started are marked not run.</span>
            <button type="button" disabled={!!busy} onClick={() => void act('cancel')} aria-describedby={`${id}-cancel`}>Cancel</button>
            <span id={`${id}-cancel`} className="hint">Ends now, closing the browsers mid-step; unfinished tests are marked not run.</span>
          </div>
        </>
      )}
      {!running && (
        <div className="buttons start">
          <button type="button" disabled={!!busy || run.failed === 0} onClick={() => void act('rerun')}>Rerun failed</button>
          <button type="button" disabled={!!busy} onClick={() => void act('report')}>Export HTML report</button>
        </div>
      )}
      {report && (
        <p role="status">
          Report written to <code data-testid="report-path">{report.path}</code> ({Math.round(report.bytes / 1024)} kB).
        </p>
      )}

      <section aria-labelledby={`${id}-tests`}>
        <h2 id={`${id}-tests`}>Tests</h2>
        <table className="list-table" aria-labelledby={`${id}-tests`}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Test</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {run.items.map((item) => {
              const step = item.status === 'running' ? run.steps[item.id] : undefined
              return (
                <tr key={item.id}>
                  <td>{item.order}</td>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => open(item.id)}>{item.name}</button>
                  </th>
                  <td className={`status-${item.status}`}>
                    {statusLabel({ status: item.status, is_data_driven: item.is_data_driven, passed_iterations: item.passed_iterations, total_iterations: item.total_iterations })}
                    {item.flaky ? ' (flaky)' : ''}
                  </td>
                  <td>{item.status === 'running' || item.status === 'pending' || item.status === 'queued' ? '' : formatDuration(item.duration_ms)}</td>
                  <td className="message-cell">{step ? `Step ${step.step_number}: ${step.text}` : (item.error_message ?? '')}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>
    </div>
  )
}
