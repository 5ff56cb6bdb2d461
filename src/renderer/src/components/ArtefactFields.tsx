// The two artefact choices a run makes, the same in the run builder and in the settings' run
// defaults: when to take screenshots and which Playwright trace policy to follow.
import type { ScreenshotPolicy, TracePolicy } from '../../../shared/model/execution'
import { TRACE_POLICIES, TRACE_POLICY_LABELS } from '../../../shared/model/execution'

export function ArtefactFields(props: {
  id: string
  screenshots: ScreenshotPolicy
  trace: TracePolicy
  onChange: (change: { screenshots: ScreenshotPolicy } | { trace: TracePolicy }) => void
}) {
  const { id, screenshots, trace, onChange } = props
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-shots`}>Screenshots</label>
        <select id={`${id}-shots`} value={screenshots} onChange={(e) => onChange({ screenshots: e.target.value as ScreenshotPolicy })}>
          <option value="off">Off</option>
          <option value="on-failure">On failure</option>
          <option value="every-step">Every step</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-trace`}>Playwright trace</label>
        <select id={`${id}-trace`} value={trace} onChange={(e) => onChange({ trace: e.target.value as TracePolicy })}>
          {TRACE_POLICIES.map((policy) => <option key={policy} value={policy}>{TRACE_POLICY_LABELS[policy]}</option>)}
        </select>
      </div>
    </>
  )
}
