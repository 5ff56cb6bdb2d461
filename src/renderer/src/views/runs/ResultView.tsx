// One test's result in a run: its executions (attempts, data rows), the step list with status,
// timing and error, and for the step open (the failing one first) its screenshot, checkpoints
// (expected against actual; a visual one's images and baseline to accept), console and network
// entries; the trace and the run's report.
import { Fragment, useEffect, useId, useMemo, useState } from 'react'
import type { TraceLocation } from '../../../../shared/api/artifacts'
import type { HealingView } from '../../../../shared/api/healings'
import type { CheckpointResult, ConsoleLog, NetworkLog, TestRunItem, TestRunResult, TestStepResult } from '../../../../shared/model/execution'
import { LOG_LEVELS } from '../../../../shared/model/execution'
import { failureHeading, failureShown, formatDuration, statusLabel } from '../../../../shared/run-wording'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { HealingDecision } from './HealingReview'
import { LogPanel } from './LogPanel'
import { errorText } from './run-format'
import { executionLabel, firstToOpen, shownValue, stepDialogs, stepDownloads, stepToOpen, type StepDownload } from './result-model'
import { Screenshot } from './Screenshot'
import { VisualCheckpoint } from './VisualCheckpoint'

interface Execution {
  result: TestRunResult
  steps: TestStepResult[]
  checkpoints: CheckpointResult[]
  console: ConsoleLog[]
  network: NetworkLog[]
  trace: TraceLocation | null
  healings: HealingView[]
}

const PHASE_MARK = { setup: 'S', teardown: 'T' } as const
const PHASE_WORD = { setup: 'Set-up step', teardown: 'Tear-down step' } as const

function stepKey(s: Pick<TestStepResult, 'phase' | 'step_number'>): string {
  return s.phase ? `${s.phase}:${s.step_number}` : String(s.step_number)
}

function stepWord(s: Pick<TestStepResult, 'phase'>): string {
  return s.phase ? PHASE_WORD[s.phase] : 'Step'
}

export function ResultView({ runId, itemId }: { runId: string; itemId: string }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const id = useId()
  const [item, setItem] = useState<TestRunItem | null>(null)
  const [name, setName] = useState('')
  const [results, setResults] = useState<TestRunResult[] | null>(null)
  const [openId, setOpenId] = useState<string | null>(null)
  const [execution, setExecution] = useState<Execution | null>(null)
  // Which step is open, by stepKey: set-up and tear-down steps number their own lists.
  const [step, setStep] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    ;(async () => {
      const found = await client.runItems.get({ id: itemId })
      const [test, page] = await Promise.all([
        client.tests.get({ id: found.test_case_id }).catch(() => null),
        client.results.list({ test_run_item_id: itemId, sort_by: 'created_at', sort_order: 'asc', limit: 100 }),
      ])
      if (!live) return
      setItem(found)
      setName(test?.name ?? found.test_case_id)
      setResults(page.items)
      setOpenId(firstToOpen(page.items))
    })().catch((e) => live && setError(errorText(e)))
    return () => {
      live = false
    }
  }, [client, itemId])

  useEffect(() => {
    if (!openId) return
    let live = true
    // What another execution showed is gone at once, never read as this one's.
    setExecution(null)
    const byResult = { test_run_result_id: openId }
    Promise.all([
      client.results.get({ id: openId }),
      client.stepResults.list(byResult),
      client.checkpoints.list(byResult),
      client.logs.console({ ...byResult, limit: 10_000 }),
      client.logs.network({ ...byResult, limit: 10_000 }),
      client.artifacts.trace(byResult),
      client.healings.list({ ...byResult, limit: 100 }),
    ]).then(
      ([result, steps, checkpoints, consolePage, networkPage, trace, healings]) => {
        if (!live) return
        setExecution({ result, steps, checkpoints, console: consolePage.items, network: networkPage.items, trace, healings: healings.items })
        const first = stepToOpen(steps, result.error_step_number)
        setStep(first === null ? null : String(first))
      },
      (e) => live && setError(errorText(e)),
    )
    return () => {
      live = false
    }
  }, [client, openId])

  const failure = useMemo(
    () => execution && failureShown(execution.result.error_message, execution.result.error_step_number, execution.steps.map((s) => ({ number: s.step_number, status: s.status, description: s.description, action: s.action, error_message: s.error_message, phase: s.phase }))),
    [execution],
  )

  if (error) return <div className="pane" data-region><p role="alert">{error}</p></div>
  if (!item || !results) return <p className="loading">Loading…</p>
  const open = execution?.steps.find((s) => stepKey(s) === step) ?? null
  const openHealings = execution && open ? execution.healings.filter((h) => h.test_step_result_id === open.id) : []
  const stepCheckpoints = execution && open ? execution.checkpoints.filter((c) => c.test_step_result_id === open.id) : []
  const screenshot = open?.screenshot_path ?? (open && execution && !open.phase && open.step_number === execution.result.error_step_number ? execution.result.error_screenshot_path : null)

  return (
    <div className="pane scroll result-view" data-region>
      <div className="run-head">
        <h1>{name}</h1>
        <div className="toolbar-row">
          <button type="button" onClick={() => store.getState().navigate(route('runs', 'history', item.test_case_id))}>History of this test</button>
          <button type="button" onClick={() => store.getState().navigate(route('runs', runId))}>Back to the run</button>
        </div>
      </div>
      <p className={`outcome status-${item.status}`} data-testid="result-status">
        {statusLabel(item)}
        {item.status === 'passed' && item.retry_attempt > 0 ? ' (flaky: passed on a retry)' : ''} · {formatDuration(item.duration_ms)}
      </p>

      {results.length === 0 && <p className="empty">This test has no result yet.</p>}
      {results.length > 1 && (
        <div role="group" aria-label="Executions" className="toolbar-row">
          {results.map((r) => (
            <button key={r.id} type="button" aria-pressed={r.id === openId} onClick={() => setOpenId(r.id)} className={`status-${r.status}`}>
              {executionLabel(r, item.is_data_driven)}: {r.status}
            </button>
          ))}
        </div>
      )}

      {execution && (
        <>
          {failure && <p role="alert" className="failure">{failureHeading(failure)}: {failure.message}</p>}
          {execution.trace && (
            <p>
              Playwright trace: <code data-testid="trace-command">{execution.trace.command}</code>{' '}
              <button type="button" onClick={() => void navigator.clipboard?.writeText(execution.trace!.command)}>Copy command</button>
            </p>
          )}
          <div className="result-columns">
            <section aria-labelledby={`${id}-steps`} className="step-results">
              <h2 id={`${id}-steps`}>Steps</h2>
              <ol className="step-list" aria-labelledby={`${id}-steps`}>
                {execution.steps.map((s) => (
                  <li key={s.id}>
                    <button type="button" aria-current={stepKey(s) === step ? 'step' : undefined} className={`step-row status-${s.status}`} onClick={() => setStep(stepKey(s))}>
                      <span className="step-num"><span className="visually-hidden">{stepWord(s)} </span>{s.phase ? `${PHASE_MARK[s.phase]}${s.step_number}` : s.step_number}<span className="visually-hidden">: </span></span>
                      <span className="step-text">{s.description ?? s.action}</span>
                      <span className="step-status"><span className="visually-hidden">, </span>{s.status}{s.healed_selector ? ' (healed)' : ''}</span>
                      <span className="step-time"><span className="visually-hidden">, </span>{formatDuration(s.duration_ms)}</span>
                    </button>
                  </li>
                ))}
              </ol>
            </section>
            {open && (
              <section aria-label={`${stepWord(open)} ${open.step_number}`} className="step-detail">
                <h2>{stepWord(open)} {open.step_number}: {open.description ?? open.action}</h2>
                <p className="muted">
                  {open.status} in {formatDuration(open.duration_ms)}
                  {open.selector ? <> · <code>{open.selector}</code></> : null}
                </p>
                {openHealings.map((h) => (
                  <HealingDecision key={h.id} healing={h} onChange={(next) => setExecution((e) => e && { ...e, healings: e.healings.map((x) => (x.id === next.id ? next : x)) })} />
                ))}
                {open.healed_selector && !openHealings.length && <p>Healed: found with <code>{open.healed_selector}</code> after the primary selector failed.</p>}
                {open.error_message && <pre className="error-text" aria-label="Error">{open.error_message}</pre>}
                {stepCheckpoints.map((c) => (
                  <Fragment key={c.id}>
                    <CheckpointTable checkpoint={c} />
                    <VisualCheckpoint checkpoint={c} testCaseId={execution.result.test_case_id} />
                  </Fragment>
                ))}
                {screenshot && <Screenshot path={screenshot} label={`Screenshot of ${stepWord(open).toLowerCase()} ${open.step_number}`} />}
                {/* Dialogs and downloads are kept by the test's own step numbers, not a suite hook's. */}
                {!open.phase && <DialogsAndDownloads dialogs={stepDialogs(execution.console, open.step_number)} downloads={stepDownloads(execution.result.captured_downloads, open.step_number)} />}
                <LogPanel console={execution.console} network={execution.network} step={open.phase ? null : open.step_number} levels={LOG_LEVELS} />
              </section>
            )}
          </div>
        </>
      )}
    </div>
  )
}

function CheckpointTable({ checkpoint }: { checkpoint: CheckpointResult }) {
  const rows = checkpoint.property_verifications ?? []
  return (
    <table className="list-table checkpoint" aria-label={`Checkpoint ${checkpoint.checkpoint_name}`}>
      <caption>
        {/* Its error is the step's, shown just above. */}
        Checkpoint {checkpoint.checkpoint_name}: {checkpoint.status}
      </caption>
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Expected</th>
          <th scope="col">Actual</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v, i) => (
          <tr key={i} className={v.passed ? '' : 'status-failed'}>
            <th scope="row">{v.property_name}{v.operator && v.operator !== 'equals' ? ` (${v.operator})` : ''}</th>
            <td>{shownValue(v.expected_value)}</td>
            <td>{shownValue(v.actual_value)}</td>
            <td>{v.passed ? 'passed' : 'failed'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** What a step's page opened besides itself: dialogs (with how they were answered) and downloads. */
function DialogsAndDownloads({ dialogs, downloads }: { dialogs: ConsoleLog[]; downloads: StepDownload[] }) {
  const id = useId()
  if (!dialogs.length && !downloads.length) return null
  return (
    <>
      {dialogs.length > 0 && (
        <section aria-labelledby={`${id}-dialogs`}>
          <h3 id={`${id}-dialogs`}>Dialogs ({dialogs.length})</h3>
          <ul>{dialogs.map((d) => <li key={d.id}>{d.message}</li>)}</ul>
        </section>
      )}
      {downloads.length > 0 && (
        <section aria-labelledby={`${id}-downloads`}>
          <h3 id={`${id}-downloads`}>Downloads ({downloads.length})</h3>
          <ul>
            {downloads.map((d, i) => (
              <li key={i}>
                <code>{d.name}</code> ({d.size.toLocaleString()} bytes) from <code>{d.url}</code>
                {d.path ? <> · kept as <code>{d.path}</code> in the data folder</> : null}
                {d.error ? <span className="field-issue"> · {d.error}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
