// Environments: a base URL and variables; secret values are never shown, only replaced.
import { DocHeader } from '../../components/DocHeader'
import type { EnvironmentDoc, VariableDraft } from '../../store/doc-adapters'
import { useAppStore } from '../../StoreContext'
import { LibraryView, useLibraryDoc, type LibraryConfig } from './LibraryView'

export function EnvironmentsView() {
  const client = useAppStore().getState().client
  const config: LibraryConfig = {
    kind: 'environment',
    section: 'environments',
    noun: 'environment',
    title: 'Environments',
    intro: 'Where tests run: the base URL relative steps open, and ${variables} steps read. Secret values stay masked everywhere.',
    create: async (name) => (await client.environments.create({ name })).id,
    remove: async (id) => void (await client.environments.delete({ id })),
  }
  return <LibraryView config={config} editor={(id) => <EnvironmentEditor key={id} id={id} />} />
}

function EnvironmentEditor({ id }: { id: string }) {
  const store = useAppStore()
  const { doc, error } = useLibraryDoc('environment', id)
  if (error && !doc) return <p role="alert" className="pane">Could not open the environment: {error}</p>
  if (!doc) return <p className="loading pane">Opening…</p>
  const env = doc.present as EnvironmentDoc
  const edit = (change: (d: EnvironmentDoc) => EnvironmentDoc, key: string | null = null) => store.getState().editDoc<EnvironmentDoc>('environment', change, key)
  const setVariable = (key: string, patch: Partial<VariableDraft>) => edit((d) => ({ ...d, variables: d.variables.map((v) => (v.key === key ? { ...v, ...patch } : v)) }), `var:${key}:${Object.keys(patch).join()}`)

  return (
    <section className="pane editor scroll" aria-label={`Environment ${env.name}`} data-undo="environment" data-region>
      <DocHeader kind="environment" title={env.name} label="Environment name" onRename={(name) => edit((d) => ({ ...d, name }), 'name')} />
      <div className="form">
        <div className="field">
          <label htmlFor="env-base-url">Base URL</label>
          <input id="env-base-url" value={env.base_url ?? ''} placeholder="https://staging.example.com" onChange={(e) => edit((d) => ({ ...d, base_url: e.target.value || null }), 'base_url')} />
          <span className="hint">Relative URLs in Navigate steps and start URLs are opened from here.</span>
        </div>
        <div className="field">
          <label htmlFor="env-description">Description</label>
          <input id="env-description" value={env.description ?? ''} onChange={(e) => edit((d) => ({ ...d, description: e.target.value || null }), 'description')} />
        </div>
        <table className="variables" aria-label="Variables">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Secret</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {env.variables.map((v, i) => (
              <tr key={v.key}>
                <td>
                  <input aria-label={`Variable ${i + 1} name`} className="mono" value={v.name} onChange={(e) => setVariable(v.key, { name: e.target.value })} />
                </td>
                <td>
                  <input
                    aria-label={`Value of ${v.name || `variable ${i + 1}`}`}
                    type={v.is_secret ? 'password' : 'text'}
                    autoComplete="off"
                    value={v.value ?? ''}
                    placeholder={v.is_secret && v.value === null ? '•••••• stored (type to replace)' : undefined}
                    onChange={(e) => setVariable(v.key, { value: e.target.value })}
                  />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${v.name || `Variable ${i + 1}`} is secret`} checked={v.is_secret} onChange={(e) => setVariable(v.key, { is_secret: e.target.checked })} />
                </td>
                <td>
                  <button type="button" className="icon" aria-label={`Remove variable ${v.name || i + 1}`} onClick={() => edit((d) => ({ ...d, variables: d.variables.filter((x) => x.key !== v.key) }))}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="toolbar-row">
          <button
            type="button"
            onClick={() =>
              edit((d) => {
                const taken = new Set(d.variables.map((v) => v.name))
                let name = 'variable'
                for (let n = 2; taken.has(name); n++) name = `variable${n}`
                return { ...d, variables: [...d.variables, { key: crypto.randomUUID(), name, value: '', is_secret: false }] }
              })
            }
          >
            Add variable
          </button>
        </div>
      </div>
    </section>
  )
}
