// The form of the focused step: its action, target with alternatives, value, the options its
// action takes (generated from the catalogue), and what the catalogue says about it as you type.
import { useId, useMemo } from 'react'
import { actionForm, setAtPath, valueFormat } from '../../../../shared/step-forms'
import { describeStep, playwrightCode, STEP_ACTIONS, type StepAction } from '../../../../shared/steps'
import { CodeEditor } from '../../components/CodeEditor'
import { SchemaFields, pathKey, type FieldContext, type Path } from '../../components/SchemaFields'
import { TargetEditor } from '../../components/TargetEditor'
import { changeAction, updateStep } from '../../editor/step-ops'
import { stepIssues, type StepDraft, type TestDoc } from '../../editor/test-doc'
import { unknownVariables, useKnownVariables } from '../../editor/variables'
import { useApp, useAppStore } from '../../StoreContext'
import { PickLocator, recordFromStep } from '../recorder/from-editor'

const CATEGORIES = [...new Set(STEP_ACTIONS.map((a) => a.category))]

export function StepPanel() {
  const doc = useApp((s) => s.docs.test?.present as TestDoc | undefined)
  const focused = useApp((s) => s.focusedStep)
  const selected = useApp((s) => s.selectedSteps)
  const known = useKnownVariables(doc)
  if (!doc) return null
  const index = doc.steps.findIndex((s) => s.id === focused)
  const step = doc.steps[index]
  if (!step) {
    return (
      <aside className="step-panel empty" aria-label="Step">
        <p className="muted">Select a step to edit it here, or add one.</p>
      </aside>
    )
  }
  return <StepForm key={step.id} step={step} index={index} doc={doc} known={known} many={selected.length > 1} />
}

function StepForm({ step, index, doc, known, many }: { step: StepDraft; index: number; doc: TestDoc; known: Set<string>; many: boolean }) {
  const store = useAppStore()
  const id = useId()
  const testId = useApp((s) => s.docs.test?.id ?? null)
  const info = STEP_ACTIONS.find((a) => a.action === step.action)
  const form = actionForm(step.action)
  const issues = stepIssues(step)
  const variables = useMemo(() => unknownVariables(doc, index, known), [doc, index, known])
  const issueMap = useMemo(() => {
    const map = new Map<string, string>()
    for (const issue of issues) if (!map.has(issue.field)) map.set(issue.field, issue.message)
    return map
  }, [issues])

  const edit = (patch: Partial<Omit<StepDraft, 'id'>>, key: string) =>
    store.getState().editDoc<TestDoc>('test', (d) => updateStep(d, step.id, patch), `${step.id}:${key}`)

  const optionsContext = (prefix: string): FieldContext => ({
    root: step.options,
    prefix,
    set: (path: Path, value: unknown) => edit({ options: setAtPath(step.options, path, value) }, `options.${path.join('.')}`),
    issueAt: (path: Path) => issueMap.get(pathKey(prefix, path)) ?? null,
  })

  const valueIssue = issueMap.get('value') ?? null
  const format = valueFormat(step)
  const unplaced = issues.filter((i) => !isShown(i.field, step))

  return (
    <aside className="step-panel" aria-labelledby={`${id}-title`} id="step-form">
      <h2 id={`${id}-title`}>
        Step {index + 1}
        {many && <span className="muted"> (of the selected steps, this one is shown)</span>}
      </h2>
      {testId && (
        <button type="button" className="record-from" onClick={() => void recordFromStep(store, testId, step.id)} title="Replay the test up to this step in a recording browser, then record after it">
          Record from here
        </button>
      )}
      <p className="describe" aria-live="polite">
        {describeStep(step)}
      </p>
      <div className="field">
        <label htmlFor={`${id}-action`}>Action</label>
        <select
          id={`${id}-action`}
          value={step.action}
          onChange={(e) => store.getState().editDoc<TestDoc>('test', (d) => changeAction(d, step.id, e.target.value as StepAction))}
          {...(info?.target === 'none' && info?.value === 'none' ? { 'data-first-field': true } : {})}
        >
          {!info && <option value={step.action}>{step.action} (unknown)</option>}
          {CATEGORIES.map((category) => (
            <optgroup key={category} label={category}>
              {STEP_ACTIONS.filter((a) => a.category === category).map((a) => (
                <option key={a.action} value={a.action}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {info && <span className="hint">{info.hint}</span>}
      </div>

      {info && info.target !== 'none' && (
        <fieldset className="field group">
          <legend>
            Target{info.target === 'required' ? <span aria-hidden="true"> *</span> : ' (optional)'}
          </legend>
          {step.target || info.target === 'required' ? (
            <>
              <TargetEditor
                target={step.target}
                label="Target"
                firstField
                Fields={SchemaFields}
                onChange={(target) => edit({ target }, 'target')}
                extra={testId ? <PickLocator testId={testId} afterStepId={index > 0 ? doc.steps[index - 1].id : null} onPicked={(target) => edit({ target }, 'target-pick')} /> : undefined}
                issueAt={(path) => issueMap.get(pathKey('target', path)) ?? (path.length === 0 ? (issueMap.get('target') ?? null) : null)}
              />
              {issueMap.get('target') && <span className="field-issue">{issueMap.get('target')}</span>}
              {info.target === 'optional' && (
                <button type="button" className="link" onClick={() => edit({ target: null }, 'target-remove')}>
                  Remove the target
                </button>
              )}
            </>
          ) : (
            <button type="button" onClick={() => edit({ target: { selector: '', alternatives: [] } }, 'target-add')} data-first-field>
              Add a target element
            </button>
          )}
        </fieldset>
      )}

      {info && info.value !== 'none' && (
        <div className={`field${valueIssue ? ' has-issue' : ''}`}>
          <label htmlFor={`${id}-value`} id={`${id}-value-label`}>
            Value{info.value === 'required' ? <span aria-hidden="true"> *</span> : ' (optional)'}
          </label>
          {format === 'javascript' ? (
            <CodeEditor value={step.value ?? ''} onChange={(value) => edit({ value }, 'value')} label={`Value: ${info.valueHint ?? 'JavaScript'}`} language="javascript" />
          ) : (
            <input
              id={`${id}-value`}
              value={step.value ?? ''}
              aria-describedby={`${id}-value-hint${valueIssue ? ` ${id}-value-issue` : ''}`}
              aria-invalid={!!valueIssue}
              onChange={(e) => edit({ value: e.target.value === '' && info.value === 'optional' ? null : e.target.value }, 'value')}
              {...(info.target === 'none' ? { 'data-first-field': true } : {})}
            />
          )}
          {info.valueHint && (
            <span className="hint" id={`${id}-value-hint`}>
              {info.valueHint}
            </span>
          )}
          {valueIssue && (
            <span className="field-issue" id={`${id}-value-issue`}>
              {valueIssue}
            </span>
          )}
        </div>
      )}

      {form && form.options.length > 0 && (
        <fieldset className="options">
          <legend>Options</legend>
          <SchemaFields fields={form.options} path={[]} context={optionsContext('options')} />
        </fieldset>
      )}

      {form && (
        <details className="options">
          <summary>When it fails</summary>
          <SchemaFields fields={form.common} path={[]} context={optionsContext('options')} />
        </details>
      )}

      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} rows={2} value={step.description ?? ''} onChange={(e) => edit({ description: e.target.value || null }, 'note')} />
        <span className="hint">Your own words about this step; the description in the table is read from the catalogue.</span>
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={step.disabled} onChange={(e) => edit({ disabled: e.target.checked }, 'disabled')} />
          Disabled (skipped when the test runs)
        </label>
      </div>

      {(unplaced.length > 0 || variables.length > 0) && (
        <div className="step-issues" aria-live="polite">
          <h3>Needs attention</h3>
          <ul>
            {unplaced.map((issue) => (
              <li key={issue.field + issue.message}>
                {issue.field ? <code>{issue.field}</code> : null} {issue.message}
              </li>
            ))}
            {variables.map((message) => (
              <li key={message} className="warning">
                {message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <details className="code">
        <summary>Playwright code</summary>
        <pre>
          <code>{playwrightCode(step)}</code>
        </pre>
      </details>
    </aside>
  )
}

/** Whether the form shows an issue at its field (others are listed under "Needs attention"). */
function isShown(field: string, step: StepDraft): boolean {
  if (field === 'value' || field === 'target' || field.startsWith('target.')) return true
  if (!field.startsWith('options.')) return false
  const form = actionForm(step.action)
  const top = field.split('.')[1]
  return !!form && [...form.options, ...form.common].some((f) => f.key === top) && field.split('.').length <= 2
    ? true
    : !!form && [...form.options].some((f) => f.key === top && (f.kind === 'group' || f.kind === 'records' || f.kind === 'variant' || f.kind === 'target'))
}
