// A field choosing one item of the library (a browser configuration, an environment) by name,
// with a first option saying what no choice means; loads the list when nothing has yet.
import { useEffect } from 'react'
import type { LibraryKind } from '../store/librarySlice'
import { useApp, useAppStore } from '../StoreContext'

export function LibrarySelect({ kind, id, label, empty, value, onChange }: { kind: LibraryKind; id: string; label: string; empty: string; value: string; onChange(id: string): void }) {
  const store = useAppStore()
  const items = useApp((s) => s.lists[kind])
  useEffect(() => {
    if (!store.getState().lists[kind]) void store.getState().loadList(kind)
  }, [store, kind])
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{empty}</option>
        {(items ?? []).map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
    </div>
  )
}
