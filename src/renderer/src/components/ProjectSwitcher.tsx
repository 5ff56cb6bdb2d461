// The project switcher: which project this window works in, and the projects of the data
// folder: open one (the workbench reloads for it), create, rename, make default, delete after
// typing its name, as `testdesk projects delete` asks. Only the `projects` namespace is used.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ProjectSummary } from '../../../shared/model/definition'
import { chooseProject, chosenProject } from '../project-scope'
import { HOME, routePath } from '../routes'
import { LAST_ROUTE_KEY } from '../store/routeSlice'
import { messageOf } from '../store/docsSlice'
import { useApp, useAppStore } from '../StoreContext'
import { register } from '../workbench'
import { Modal } from './Modal'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const contents = (p: ProjectSummary) => `${plural(p.test_count, 'test')}, ${plural(p.suite_count, 'suite')}, ${plural(p.run_count, 'run')}`

/** Works in another project: remembered for this browser profile, then the workbench starts over in it. */
export function openProject(id: string | null): void {
  chooseProject(localStorage, id)
  // What was open belongs to the other project: start from the tests.
  localStorage.setItem(LAST_ROUTE_KEY, routePath(HOME))
  // The bare address opens the remembered route (the desktop app keeps routes in the hash).
  if (window.location.protocol === 'file:') {
    window.history.replaceState(null, '', window.location.pathname)
    window.location.reload()
  } else window.location.assign('/')
}

export function ProjectSwitcher({ project }: { project: string | null }) {
  const [open, setOpen] = useState<false | 'list' | 'new'>(false)
  useEffect(() => register('openProjects', (focus) => setOpen(focus === 'new' ? 'new' : 'list')), [])
  return (
    <>
      <button type="button" className="project" aria-haspopup="dialog" onClick={() => setOpen('list')} title="The project you are working in: click to switch">
        <span className="muted">Project</span> <strong data-testid="project-name">{project ?? '…'}</strong>
      </button>
      {open && <ProjectsDialog focusNew={open === 'new'} onClose={() => setOpen(false)} />}
    </>
  )
}

function ProjectsDialog({ focusNew, onClose }: { focusNew: boolean; onClose(): void }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const current = useApp((s) => s.outline?.project.id ?? null)
  const id = useId()
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null)
  const [deleting, setDeleting] = useState<{ project: ProjectSummary; typed: string } | null>(null)
  const newField = useRef<HTMLInputElement>(null)

  const load = useCallback(async () => {
    try {
      const page = await client.projects.list({})
      setProjects(page.items)
      setError(null)
      // The project this window remembered was deleted elsewhere: back to the default one.
      const chosen = chosenProject(localStorage)
      if (chosen && !page.items.some((p) => p.id === chosen)) openProject(null)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [client])
  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    if (focusNew) setTimeout(() => newField.current?.focus(), 50)
  }, [focusNew])

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work()
      if (done) store.getState().toast(done)
      await load()
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    }
  }
  const create = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (await run(() => client.projects.create({ name: trimmed }), `Created project ${trimmed}`)) setName('')
  }
  const rename = async (event: FormEvent) => {
    event.preventDefault()
    if (!renaming) return
    const renamed = renaming.name.trim()
    if (await run(() => client.projects.update({ id: renaming.id, name: renamed }), `Renamed to ${renamed}`)) {
      setRenaming(null)
      if (renaming.id === current) void store.getState().loadOutline()
    }
  }
  const remove = async () => {
    if (!deleting) return
    const gone = deleting.project
    if (await run(() => client.projects.delete({ id: gone.id }), `Deleted project ${gone.name} (${contents(gone)})`)) {
      setDeleting(null)
      if (gone.id === current) openProject(null)
    }
  }

  return (
    <Modal title="Projects" description="The projects of this data folder. Calls that name no project (the CLI without --project) work in the default one." onClose={onClose} wide>
      {error && (
        <p role="alert" className="field-issue">
          {error}
        </p>
      )}
      {!projects && !error && <p className="loading">Loading the projects…</p>}
      {projects && (
        <table className="list-table" aria-label="Projects">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Contents</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id} aria-current={p.id === current ? 'true' : undefined}>
                <th scope="row">
                  {renaming?.id === p.id ? (
                    <form className="inline" onSubmit={rename}>
                      <input aria-label={`New name of ${p.name}`} value={renaming.name} onChange={(e) => setRenaming({ id: p.id, name: e.target.value })} autoFocus />
                      <button type="submit" disabled={!renaming.name.trim()}>
                        Save name
                      </button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      {p.name}
                      {p.is_default && <span className="tag">default</span>}
                      {p.id === current && <span className="tag">open here</span>}
                    </>
                  )}
                </th>
                <td>{contents(p)}</td>
                <td>
                  <span className="buttons inline-actions">
                    <button type="button" className="link" disabled={p.id === current} onClick={() => openProject(p.id)} aria-label={`Open ${p.name}`}>
                      Open
                    </button>
                    <button type="button" className="link" onClick={() => setRenaming({ id: p.id, name: p.name })} aria-label={`Rename ${p.name}`}>
                      Rename
                    </button>
                    <button type="button" className="link" disabled={p.is_default} onClick={() => void run(() => client.projects.setDefault({ id: p.id }), `${p.name} is now the default project`)} aria-label={`Make default ${p.name}`}>
                      Make default
                    </button>
                    <button
                      type="button"
                      className="link danger"
                      disabled={p.is_default}
                      title={p.is_default ? 'The default project cannot be deleted: make another the default first' : undefined}
                      onClick={() => setDeleting({ project: p, typed: '' })}
                      aria-label={`Delete ${p.name}`}
                    >
                      Delete
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <div className="callout warn deletion" role="group" aria-labelledby={`${id}-delete`}>
          <p id={`${id}-delete`}>
            Delete project {deleting.project.name} with {contents(deleting.project)}? This cannot be undone.
          </p>
          <label htmlFor={`${id}-confirm`}>Type the project's name to delete it</label>
          <input id={`${id}-confirm`} value={deleting.typed} onChange={(e) => setDeleting({ ...deleting, typed: e.target.value })} autoFocus />
          <div className="buttons">
            <button type="button" onClick={() => setDeleting(null)}>
              Keep it
            </button>
            <button type="button" className="danger" disabled={deleting.typed.trim() !== deleting.project.name} onClick={() => void remove()}>
              Delete project
            </button>
          </div>
        </div>
      )}
      <form className="inline" onSubmit={create}>
        <label htmlFor={`${id}-new`}>New project</label>
        <input id={`${id}-new`} ref={newField} value={name} onChange={(e) => setName(e.target.value)} placeholder="Name" />
        <button type="submit" disabled={!name.trim()}>
          Create project
        </button>
      </form>
      <div className="buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  )
}
