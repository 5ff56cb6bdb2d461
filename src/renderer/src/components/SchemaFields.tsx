// Renders the fields the catalogue's schemas describe (src/shared/step-forms), whatever the
// action: choices as selects, yes/no as checkboxes, lists, groups, records and variants. Each
// field shows the catalogue's message for its path as the tester types.
import { useId, useState, type ReactNode } from 'react'
import { getAtPath, textOf, valueFromText, type FieldPath, type FieldSpec } from '../../../shared/step-forms'
import type { FieldContext } from './field-context'
import { TargetEditor } from './TargetEditor'

export type { FieldContext } from './field-context'

export type Path = FieldPath


export function pathKey(prefix: string, path: Path): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.')
}

export function SchemaFields({ fields, path, context }: { fields: FieldSpec[]; path: Path; context: FieldContext }) {
  return (
    <>
      {fields.map((field) => (
        <SchemaField key={field.key} field={field} path={[...path, field.key]} context={context} />
      ))}
    </>
  )
}

function Issue({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <span id={id} className="field-issue">
      {message}
    </span>
  ) : null
}

function Labelled({ field, id, issue, children }: { field: FieldSpec; id: string; issue: string | null; children: ReactNode }) {
  return (
    <div className={`field${issue ? ' has-issue' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      {field.hint && <span className="hint">{field.hint}</span>}
      <Issue id={`${id}-issue`} message={issue} />
    </div>
  )
}

export function SchemaField({ field, path, context }: { field: FieldSpec; path: Path; context: FieldContext }) {
  const id = useId()
  const value = getAtPath(context.root, path)
  const issue = context.issueAt(path)
  const described = issue ? `${id}-issue` : undefined

  switch (field.kind) {
    case 'boolean':
      return (
        <div className={`field checkbox${issue ? ' has-issue' : ''}`}>
          <label>
            <input type="checkbox" checked={value === true} onChange={(e) => context.set(path, e.target.checked ? true : undefined)} aria-describedby={described} />
            {field.label}
          </label>
          {field.hint && <span className="hint">{field.hint}</span>}
          <Issue id={`${id}-issue`} message={issue} />
        </div>
      )
    case 'choice':
      return (
        <Labelled field={field} id={id} issue={issue}>
          <select id={id} value={textOf(value)} onChange={(e) => context.set(path, e.target.value || undefined)} aria-describedby={described} aria-required={field.required}>
            {(!field.required || value === undefined) && <option value="">{field.required ? 'Choose…' : '(default)'}</option>}
            {field.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Labelled>
      )
    case 'const':
      return null
    case 'integer':
    case 'number':
    case 'number-or-text':
    case 'text':
    case 'scalar':
      return (
        <Labelled field={field} id={id} issue={issue}>
          <TextField id={id} field={field} value={value} described={described} onChange={(text) => context.set(path, valueFromText(field, text))} />
        </Labelled>
      )
    case 'choices': {
      const chosen = Array.isArray(value) ? (value as string[]) : []
      return (
        <fieldset className={`field${issue ? ' has-issue' : ''}`}>
          <legend>{field.label}</legend>
          <div className="choices">
            {field.options.map((option) => (
              <label key={option}>
                <input
                  type="checkbox"
                  checked={chosen.includes(option)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option)
                    context.set(path, next.length ? next : undefined)
                  }}
                />
                {option}
              </label>
            ))}
          </div>
          {field.hint && <span className="hint">{field.hint}</span>}
          <Issue id={`${id}-issue`} message={issue} />
        </fieldset>
      )
    }
    case 'list':
      return <ListField field={field} path={path} context={context} items={Array.isArray(value) ? (value as string[]) : []} />
    case 'group': {
      const present = value !== undefined
      return (
        <fieldset className={`field group${issue ? ' has-issue' : ''}`}>
          <legend>{field.label}</legend>
          {field.hint && <span className="hint">{field.hint}</span>}
          {present || field.required ? (
            <>
              <SchemaFields fields={field.fields} path={path} context={context} />
              {!field.required && (
                <button type="button" className="link" onClick={() => context.set(path, undefined)}>
                  Remove {field.label.toLowerCase()}
                </button>
              )}
            </>
          ) : (
            <button type="button" className="link" onClick={() => context.set(path, {})}>
              Set {field.label.toLowerCase()}
            </button>
          )}
          <Issue id={`${id}-issue`} message={issue} />
        </fieldset>
      )
    }
    case 'target':
      return (
        <fieldset className={`field group${issue ? ' has-issue' : ''}`}>
          <legend>{field.label}</legend>
          {field.hint && <span className="hint">{field.hint}</span>}
          <TargetEditor
            target={(value as { selector: string; alternatives: string[]; frames?: string[] } | undefined) ?? null}
            onChange={(target) => context.set(path, target ?? undefined)}
            issueAt={(sub) => context.issueAt([...path, ...sub])}
            label={field.label}
            Fields={SchemaFields}
          />
          <Issue id={`${id}-issue`} message={issue} />
        </fieldset>
      )
    case 'records': {
      const records = Array.isArray(value) ? (value as Record<string, unknown>[]) : []
      return (
        <fieldset className={`field records${issue ? ' has-issue' : ''}`}>
          <legend>{field.label}</legend>
          {records.map((_, i) => (
            <div key={i} className="record">
              <div className="record-head">
                <strong>
                  {field.label.replace(/s$/, '')} {i + 1}
                </strong>
                <button type="button" className="link" disabled={records.length <= field.min} onClick={() => context.set(path, records.filter((__, j) => j !== i))}>
                  Remove {field.label.replace(/s$/, '').toLowerCase()} {i + 1}
                </button>
              </div>
              <SchemaFields fields={field.fields} path={[...path, i]} context={context} />
            </div>
          ))}
          <button type="button" disabled={field.max !== null && records.length >= field.max} onClick={() => context.set(path, [...records, {}])}>
            Add {field.label.replace(/s$/, '').toLowerCase()}
          </button>
          <Issue id={`${id}-issue`} message={issue} />
        </fieldset>
      )
    }
    case 'variant': {
      const current = (value ?? {}) as Record<string, unknown>
      const type = typeof current.type === 'string' ? current.type : ''
      const variant = field.variants[type]
      return (
        <fieldset className={`field group${issue ? ' has-issue' : ''}`}>
          <legend>{field.label}</legend>
          <div className="field">
            <label htmlFor={id}>Kind</label>
            <select id={id} value={type} onChange={(e) => context.set(path, { type: e.target.value })}>
              {!variant && <option value="">Choose…</option>}
              {Object.entries(field.variants).map(([key, v]) => (
                <option key={key} value={key}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          {variant && <SchemaFields fields={variant.fields} path={path} context={context} />}
          <Issue id={`${id}-issue`} message={issue} />
        </fieldset>
      )
    }
    case 'json':
      return (
        <Labelled field={field} id={id} issue={issue}>
          <JsonField id={id} value={value} onChange={(v) => context.set(path, v)} />
        </Labelled>
      )
  }
}

/** A text input that keeps what is typed while it does not (yet) read as a value. */
function TextField({ id, field, value, described, onChange }: { id: string; field: FieldSpec; value: unknown; described?: string; onChange(text: string): void }) {
  const numeric = field.kind === 'integer' || field.kind === 'number'
  return (
    <input
      id={id}
      value={textOf(value)}
      inputMode={numeric ? 'numeric' : undefined}
      aria-describedby={described}
      aria-required={field.required}
      aria-invalid={!!described}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}

function ListField({ field, path, context, items }: { field: Extract<FieldSpec, { kind: 'list' }>; path: Path; context: FieldContext; items: string[] }) {
  const [draft, setDraft] = useState('')
  const id = useId()
  const issue = context.issueAt(path)
  const add = () => {
    if (!draft.trim()) return
    context.set(path, [...items, draft.trim()])
    setDraft('')
  }
  return (
    <fieldset className={`field list${issue ? ' has-issue' : ''}`}>
      <legend>{field.label}</legend>
      <ul>
        {items.map((item, i) => (
          <li key={`${i}:${item}`}>
            <code>{item}</code>
            <button type="button" className="link" onClick={() => context.set(path, items.filter((_, j) => j !== i).length ? items.filter((_, j) => j !== i) : undefined)}>
              Remove {item}
            </button>
          </li>
        ))}
      </ul>
      <div className="inline">
        <input
          id={id}
          aria-label={`Add to ${field.label.toLowerCase()}`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <button type="button" onClick={add} disabled={!draft.trim() || (field.max !== null && items.length >= field.max)}>
          Add
        </button>
      </div>
      {field.hint && <span className="hint">{field.hint}</span>}
      {issue && <span className="field-issue">{issue}</span>}
    </fieldset>
  )
}

function JsonField({ id, value, onChange }: { id: string; value: unknown; onChange(value: unknown): void }) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)))
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <>
      <textarea
        id={id}
        value={text}
        rows={4}
        onChange={(e) => {
          setText(e.target.value)
          if (!e.target.value.trim()) {
            setProblem(null)
            onChange(undefined)
            return
          }
          try {
            onChange(JSON.parse(e.target.value))
            setProblem(null)
          } catch (error) {
            setProblem(`Not valid JSON: ${(error as Error).message}`)
          }
        }}
      />
      {problem && <span className="field-issue">{problem}</span>}
    </>
  )
}
