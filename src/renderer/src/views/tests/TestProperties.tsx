// A test's properties: name, description, tags, priority, status, start URL, timeouts, and what
// it runs with (data set, environment, browser configuration).
import { useEffect, useId, useState } from 'react'
import type { Priority, TestCaseStatus } from '../../../../shared/model/definition'
import type { TestDoc } from '../../editor/test-doc'
import type { LibraryKind } from '../../store/librarySlice'
import { useApp, useAppStore } from '../../StoreContext'

const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'critical']
const STATUSES: { value: TestCaseStatus; label: string }[] = [
  { value: 'active', label: 'Active (runs with its suites)' },
  { value: 'draft', label: 'Draft' },
  { value: 'archived', label: 'Archived (left out of suite runs)' },
]

export function TestProperties() {
  const store = useAppStore()
  const doc = useApp((s) => s.docs.test?.present as TestDoc | undefined)
  const id = useId()
  useEffect(() => {
    for (const kind of ['dataSet', 'environment', 'browser'] as const) void store.getState().loadList(kind)
  }, [store])
  if (!doc) return null
  const edit = <K extends keyof TestDoc>(key: K, value: TestDoc[K]) => store.getState().editDoc<TestDoc>('test', (d) => ({ ...d, [key]: value }), `prop:${key}`)
  const timeout = (key: 'step_timeout_ms' | 'test_timeout_ms', text: string) => {
    const number = Number(text)
    edit(key, text.trim() === '' ? null : Number.isInteger(number) ? number : (doc[key] ?? null))
  }

  return (
    <form className="form properties" aria-label="Test properties" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} rows={3} value={doc.description ?? ''} onChange={(e) => edit('description', e.target.value || null)} />
      </div>
      <TagsField tags={doc.tags} onChange={(tags) => edit('tags', tags)} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select id={`${id}-priority`} value={doc.priority} onChange={(e) => edit('priority', e.target.value as Priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={doc.status} onChange={(e) => edit('status', e.target.value as TestCaseStatus)}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-start`}>Start URL</label>
        <input id={`${id}-start`} value={doc.start_url ?? ''} onChange={(e) => edit('start_url', e.target.value || null)} placeholder="Opened before the first step (relative URLs use the environment's base URL)" />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-step-timeout`}>Step timeout (ms)</label>
          <input id={`${id}-step-timeout`} inputMode="numeric" value={doc.step_timeout_ms ?? ''} onChange={(e) => timeout('step_timeout_ms', e.target.value)} placeholder="default" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-test-timeout`}>Test timeout (ms)</label>
          <input id={`${id}-test-timeout`} inputMode="numeric" value={doc.test_timeout_ms ?? ''} onChange={(e) => timeout('test_timeout_ms', e.target.value)} placeholder="none" />
        </div>
      </div>
      <Pick kind="dataSet" label="Data set" hint="The test runs once per enabled row; ${column} in any step reads the row." value={doc.data_set_id} onChange={(v) => edit('data_set_id', v)} />
      <Pick kind="environment" label="Environment" hint="Base URL and variables, unless the run picks another." value={doc.environment_id} onChange={(v) => edit('environment_id', v)} />
      <Pick kind="browser" label="Browser configuration" hint="Browser, viewport, device, locale and time zone." value={doc.browser_config_id} onChange={(v) => edit('browser_config_id', v)} />
    </form>
  )
}

function Pick({ kind, label, hint, value, onChange }: { kind: LibraryKind; label: string; hint: string; value: string | null; onChange(value: string | null): void }) {
  const items = useApp((s) => s.lists[kind])
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} aria-describedby={`${id}-hint`}>
        <option value="">None</option>
        {value && !items?.some((i) => i.id === value) && <option value={value}>(loading…)</option>}
        {items?.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  )
}

function TagsField({ tags, onChange }: { tags: string[]; onChange(tags: string[]): void }) {
  const [draft, setDraft] = useState('')
  const id = useId()
  const add = () => {
    const tag = draft.trim()
    if (tag && !tags.includes(tag)) onChange([...tags, tag])
    setDraft('')
  }
  return (
    <fieldset className="field">
      <legend>Tags</legend>
      <ul className="tags">
        {tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button type="button" className="icon" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="inline">
        <input
          id={id}
          aria-label="Add a tag"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault()
              add()
            }
          }}
        />
        <button type="button" onClick={add} disabled={!draft.trim()}>
          Add tag
        </button>
      </div>
    </fieldset>
  )
}
