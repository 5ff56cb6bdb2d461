// The frame of the library screens (data sets, environments, browser configurations): a list to
// pick from, create and delete, beside the editor of the open one.
import { useEffect, useState, type ReactNode } from 'react'
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { Modal } from '../../components/Modal'
import { route, type SectionId } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import type { LibraryKind } from '../../store/librarySlice'
import { useApp, useAppStore } from '../../StoreContext'

export interface LibraryConfig {
  kind: LibraryKind
  section: SectionId
  /** "data set" */
  noun: string
  title: string
  intro: string
  /** Creates one and returns its id. */
  create(name: string): Promise<string>
  /** More ways to make one, beside the New button (a data set from a file). */
  toolbar?: ReactNode
  remove(id: string): Promise<void>
}

export function LibraryView({ config, editor }: { config: LibraryConfig; editor(id: string): ReactNode }) {
  const store = useAppStore()
  const items = useApp((s) => s.lists[config.kind])
  const openId = useApp((s) => (s.route.section === config.section ? s.route.id : null))
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null)
  const layout = useDefaultLayout({ id: `testdesk.${config.kind}`, storage: localStorage })
  useEffect(() => {
    void store.getState().loadList(config.kind)
  }, [store, config.kind])

  const create = async () => {
    const { toast, navigate, loadList } = store.getState()
    const taken = new Set(items?.map((i) => i.name))
    let name = `New ${config.noun}`
    for (let n = 2; taken.has(name); n++) name = `New ${config.noun} ${n}`
    try {
      const id = await config.create(name)
      await loadList(config.kind)
      navigate(route(config.section, id))
    } catch (error) {
      toast(`Could not create the ${config.noun}: ${messageOf(error)}`, { tone: 'error' })
    }
  }

  const remove = async () => {
    if (!deleting) return
    const { toast, navigate, loadList, closeDoc } = store.getState()
    setDeleting(null)
    try {
      if (openId === deleting.id) {
        closeDoc(config.kind)
        navigate(route(config.section))
      }
      await config.remove(deleting.id)
      await loadList(config.kind)
      toast(`Deleted ${config.noun} '${deleting.name}'`)
    } catch (error) {
      toast(`Could not delete: ${messageOf(error)}`, { tone: 'error' })
    }
  }

  return (
    <Group orientation="horizontal" className="panels" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="list" defaultSize="26" minSize="200px">
        <section className="pane library-list" aria-labelledby={`${config.kind}-title`} data-region>
          <h1 id={`${config.kind}-title`}>{config.title}</h1>
          <p className="muted">{config.intro}</p>
          <div className="toolbar-row">
            <button type="button" className="primary" onClick={() => void create()}>
              New {config.noun}
            </button>
            {config.toolbar}
          </div>
          {items === null ? (
            <p className="loading">Loading…</p>
          ) : items.length === 0 ? (
            <p className="empty">None yet.</p>
          ) : (
            <ul className="library-items" aria-label={config.title}>
              {items.map((item) => (
                <li key={item.id} className={item.id === openId ? 'active' : undefined}>
                  <a
                    href={`/${config.section}/${item.id}`}
                    aria-current={item.id === openId ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault()
                      store.getState().navigate(route(config.section, item.id))
                    }}
                  >
                    <span className="name">{item.name}</span>
                    <span className="muted detail">{item.detail}</span>
                  </a>
                  <button type="button" className="link danger" aria-label={`Delete ${config.noun} ${item.name}`} onClick={() => setDeleting(item)}>
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Panel>
      <Separator className="separator" aria-label={`Resize the ${config.noun} list`} />
      <Panel id="editor" minSize="360px">
        {openId ? editor(openId) : <p className="pane muted">Pick a {config.noun} to edit, or create one.</p>}
      </Panel>
      {deleting && (
        <Modal title={`Delete ${config.noun} '${deleting.name}'?`} description={`Tests that use it keep running without it (the link is cleared). This cannot be undone.`} onClose={() => setDeleting(null)}>
          <div className="buttons">
            <button type="button" onClick={() => setDeleting(null)} autoFocus>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              Delete
            </button>
          </div>
        </Modal>
      )}
    </Group>
  )
}

/** Opens a library document for the route's id and shows its editor once loaded. */
export function useLibraryDoc(kind: LibraryKind, id: string) {
  const store = useAppStore()
  const doc = useApp((s) => s.docs[kind])
  const error = useApp((s) => s.docError[kind])
  useEffect(() => {
    void store.getState().openDoc(kind, id)
  }, [store, kind, id])
  return { doc: doc?.id === id ? doc : null, error }
}
