// Console and network entries of a step (or of every step), filterable by text, level and
// failure; network bodies pretty-printed; headers as stored, so masked values stay masked.
// Lists are virtualised: a result may hold tens of thousands of console lines.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useId, useMemo, useRef, useState } from 'react'
import type { ConsoleLog, NetworkLog } from '../../../../shared/model/execution'
import { filterConsole, filterNetwork, prettyBody } from './result-model'

const LINE = 22

export function LogPanel({ console: lines, network, step, levels }: { console: ConsoleLog[]; network: NetworkLog[]; step: number | null; levels: readonly string[] }) {
  const id = useId()
  const [text, setText] = useState('')
  const [allSteps, setAllSteps] = useState(false)
  const [shown, setShown] = useState<Set<string>>(() => new Set(levels))
  const [failedOnly, setFailedOnly] = useState(false)
  const [openEntry, setOpenEntry] = useState<string | null>(null)
  // null: a set-up or tear-down step, whose logs belong to no step of the test: all are shown.
  const filterStep = allSteps ? null : step
  const consoleShown = useMemo(() => filterConsole(lines, { step: filterStep, text, levels: shown }), [lines, filterStep, text, shown])
  const networkShown = useMemo(() => filterNetwork(network, { step: filterStep, text, failedOnly }), [network, filterStep, text, failedOnly])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: consoleShown.length, getScrollElement: () => scroller.current, estimateSize: () => LINE, overscan: 10 })

  return (
    <section aria-labelledby={`${id}-logs`} className="logs">
      <h3 id={`${id}-logs`}>Console and network</h3>
      <div className="toolbar-row">
        <input type="search" aria-label="Filter console and network" placeholder="Filter…" value={text} onChange={(e) => setText(e.target.value)} />
        <label><input type="checkbox" checked={allSteps} onChange={(e) => setAllSteps(e.target.checked)} /> Every step</label>
        {levels.map((level) => (
          <label key={level}>
            <input type="checkbox" checked={shown.has(level)} onChange={(e) => setShown((prev) => { const next = new Set(prev); if (e.target.checked) next.add(level); else next.delete(level); return next })} /> {level}
          </label>
        ))}
        <label><input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} /> Failed requests only</label>
      </div>
      <h4 id={`${id}-console`}>Console ({consoleShown.length})</h4>
      {consoleShown.length === 0 ? (
        <p className="muted">No console entries{allSteps ? '' : ' in this step'}.</p>
      ) : (
        <div ref={scroller} className="console-box" role="list" aria-labelledby={`${id}-console`} tabIndex={0}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const line = consoleShown[row.index]
              return (
                <div role="listitem" key={line.id} className={`console-line level-${line.log_level}`} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: LINE, transform: `translateY(${row.start}px)` }}>
                  <span className="level">{line.log_level}</span> {line.message}
                  {line.source ? <span className="muted"> ({line.source}{line.line_number !== null ? `:${line.line_number}` : ''})</span> : null}
                </div>
              )
            })}
          </div>
        </div>
      )}
      <h4 id={`${id}-network`}>Network ({networkShown.length})</h4>
      {networkShown.length === 0 ? (
        <p className="muted">No requests{allSteps ? '' : ' in this step'}.</p>
      ) : (
        <ul className="network-list" aria-labelledby={`${id}-network`}>
          {networkShown.slice(0, 500).map((n) => (
            <li key={n.id}>
              <button type="button" className="plain network-row" aria-expanded={openEntry === n.id} onClick={() => setOpenEntry(openEntry === n.id ? null : n.id)}>
                {n.method} {n.url} → {n.error_message ?? n.status_code ?? '…'}
                {n.duration_ms !== null ? ` (${n.duration_ms} ms)` : ''}
              </button>
              {openEntry === n.id && <NetworkDetail entry={n} />}
            </li>
          ))}
          {networkShown.length > 500 && <li className="muted">{networkShown.length - 500} more: narrow the filter to see them.</li>}
        </ul>
      )}
    </section>
  )
}

function Headers({ title, headers }: { title: string; headers: Record<string, string> | null }) {
  if (!headers || !Object.keys(headers).length) return null
  return (
    <>
      <h5>{title}</h5>
      <dl className="headers">
        {Object.entries(headers).map(([name, value]) => (
          <div key={name}><dt>{name}</dt><dd>{value}</dd></div>
        ))}
      </dl>
    </>
  )
}

function NetworkDetail({ entry }: { entry: NetworkLog }) {
  const request = prettyBody(entry.request_body_preview, null)
  const response = prettyBody(entry.response_body_preview, entry.content_type)
  return (
    <div className="network-detail">
      <Headers title="Request headers" headers={entry.request_headers} />
      {request && <><h5>Request body</h5><pre>{request}</pre></>}
      <Headers title="Response headers" headers={entry.response_headers} />
      {response && <><h5>Response body</h5><pre>{response}</pre></>}
    </div>
  )
}
