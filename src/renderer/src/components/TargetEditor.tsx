// Where a step acts: the primary selector and the alternatives recorded with it (tried in order
// when the primary finds nothing). Pick another as primary, add or remove one, enter frames,
// narrow the matches (has text, which match, inside another element) with the catalogue's fields.
import { useId, useState, type ComponentType, type ReactNode } from 'react'
import type { TargetScope } from '../../../shared/model/definition'
import { setAtPath, targetRefinementFields, type FieldPath as Path, type FieldSpec } from '../../../shared/step-forms'
import type { FieldContext } from './field-context'

export interface TargetValue {
  selector: string
  alternatives: string[]
  frames?: string[]
  has_text?: string
  has_not_text?: string
  visible_only?: boolean
  nth?: 'first' | 'last' | number
  within?: TargetScope
}

const REFINEMENT_KEYS = ['has_text', 'has_not_text', 'visible_only', 'nth', 'within'] as const

export function TargetEditor({
  target,
  onChange,
  issueAt,
  label,
  firstField = false,
  extra,
  Fields,
}: {
  target: TargetValue | null
  onChange(target: TargetValue | null): void
  issueAt(path: Path): string | null
  label: string
  firstField?: boolean
  /** Shown under the selector (the editor's "Pick locator"). */
  extra?: ReactNode
  /**
   * The form fields renderer (SchemaFields) for the refinements, handed in by the caller: the
   * fields renderer shows a target field with this editor, so importing it here would be a circle.
   */
  Fields: ComponentType<{ fields: FieldSpec[]; path: Path; context: FieldContext }>
}) {
  const id = useId()
  const [draft, setDraft] = useState('')
  const [frameDraft, setFrameDraft] = useState('')
  const value: TargetValue = target ?? { selector: '', alternatives: [] }
  const alternatives = value.alternatives ?? []
  const frames = value.frames ?? []
  const selectorIssue = issueAt(['selector'])
  const set = (next: Partial<TargetValue>) => onChange({ ...value, alternatives, ...next })
  const refinements = REFINEMENT_KEYS.filter((key) => value[key] !== undefined).length

  const addAlternative = () => {
    const text = draft.trim()
    if (!text || text === value.selector || alternatives.includes(text)) return
    set({ alternatives: [...alternatives, text] })
    setDraft('')
  }
  const addFrame = () => {
    const text = frameDraft.trim()
    if (!text) return
    set({ frames: [...frames, text] })
    setFrameDraft('')
  }

  return (
    <div className="target-editor">
      <div className={`field${selectorIssue ? ' has-issue' : ''}`}>
        <label htmlFor={`${id}-selector`}>{label === 'Target' ? 'Selector' : `${label}: selector`}</label>
        <input
          id={`${id}-selector`}
          className="mono"
          value={value.selector}
          placeholder='role=button[name="Sign in"], label=Email, #id, text=…'
          aria-describedby={selectorIssue ? `${id}-selector-issue` : undefined}
          aria-invalid={!!selectorIssue}
          onChange={(e) => set({ selector: e.target.value })}
          {...(firstField ? { 'data-first-field': true } : {})}
        />
        {selectorIssue && (
          <span id={`${id}-selector-issue`} className="field-issue">
            {selectorIssue}
          </span>
        )}
      </div>
      {extra}
      <div className="alternatives">
        <h4 id={`${id}-alts`}>Alternatives {alternatives.length ? `(${alternatives.length})` : ''}</h4>
        {alternatives.length === 0 && <p className="muted">None recorded. An alternative is tried when the selector finds nothing (the step then passes as healed).</p>}
        <ul aria-labelledby={`${id}-alts`}>
          {alternatives.map((alternative, i) => {
            const issue = issueAt(['alternatives', i])
            return (
              <li key={`${i}:${alternative}`}>
                <code>{alternative}</code>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    const next = alternatives.slice()
                    next[i] = value.selector
                    set({ selector: alternative, alternatives: next })
                  }}
                >
                  Use as primary
                </button>
                <button type="button" className="link" onClick={() => set({ alternatives: alternatives.filter((_, j) => j !== i) })} aria-label={`Remove alternative ${alternative}`}>
                  Remove
                </button>
                {issue && <span className="field-issue">{issue}</span>}
              </li>
            )
          })}
        </ul>
        <div className="inline">
          <input
            aria-label={`Add an alternative selector${label === 'Target' ? '' : ` to ${label.toLowerCase()}`}`}
            className="mono"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                addAlternative()
              }
            }}
          />
          <button type="button" onClick={addAlternative} disabled={!draft.trim()}>
            Add alternative
          </button>
        </div>
      </div>
      <details className="refinements" open={refinements > 0}>
        <summary>Narrow the matches {refinements ? `(${refinements})` : ''}</summary>
        <Fields
          fields={targetRefinementFields()}
          path={[]}
          context={{
            root: value as unknown as Record<string, unknown>,
            set: (path, next) => onChange(setAtPath(value as unknown as Record<string, unknown>, path, next) as unknown as TargetValue),
            issueAt,
            prefix: '',
          }}
        />
      </details>
      <details className="frames" open={frames.length > 0}>
        <summary>Inside frames {frames.length ? `(${frames.length})` : ''}</summary>
        <ul>
          {frames.map((frame, i) => (
            <li key={`${i}:${frame}`}>
              <code>{frame}</code>
              <button type="button" className="link" onClick={() => set({ frames: frames.filter((_, j) => j !== i).length ? frames.filter((_, j) => j !== i) : undefined })}>
                Remove frame {frame}
              </button>
              {issueAt(['frames', i]) && <span className="field-issue">{issueAt(['frames', i])}</span>}
            </li>
          ))}
        </ul>
        <div className="inline">
          <input aria-label="Add a frame selector (outermost first)" className="mono" value={frameDraft} onChange={(e) => setFrameDraft(e.target.value)} />
          <button type="button" onClick={addFrame} disabled={!frameDraft.trim()}>
            Add frame
          </button>
        </div>
      </details>
    </div>
  )
}
