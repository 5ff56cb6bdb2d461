// Data sets: typed columns (secret ones masked), rows enabled or not, paste from a spreadsheet.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type ClipboardEvent } from 'react'
import { DATA_COLUMN_TYPES, type DataColumnType } from '../../../../shared/model/definition'
import { DocHeader } from '../../components/DocHeader'
import { DataFileImport } from './DataFileImport'
import * as Grid from '../../editor/data-grid'
import type { DataSetDoc } from '../../store/doc-adapters'
import { useAppStore } from '../../StoreContext'
import { LibraryView, useLibraryDoc, type LibraryConfig } from './LibraryView'

export function DataSetsView() {
  const store = useAppStore()
  const client = store.getState().client
  const config: LibraryConfig = {
    kind: 'dataSet',
    section: 'data-sets',
    noun: 'data set',
    title: 'Data sets',
    intro: 'Rows of values a data-driven test runs with, one run per enabled row; ${column} in a step reads the row.',
    create: async (name) => (await client.dataSets.create({ name, columns: [{ name: 'column1' }], rows: [{ values: { column1: '' } }] })).id,
    remove: async (id) => void (await client.dataSets.delete({ id })),
    toolbar: <DataFileImport />,
  }
  return <LibraryView config={config} editor={(id) => <DataSetEditor key={id} id={id} />} />
}

const ROW_HEIGHT = 34

function DataSetEditor({ id }: { id: string }) {
  const store = useAppStore()
  const { doc, error } = useLibraryDoc('dataSet', id)
  const scroller = useRef<HTMLDivElement>(null)
  const rows = (doc?.present as DataSetDoc | undefined)?.rows ?? []
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 })
  if (error && !doc) return <p role="alert" className="pane">Could not open the data set: {error}</p>
  if (!doc) return <p className="loading pane">Opening…</p>
  const present = doc.present as DataSetDoc
  const edit = (change: (d: DataSetDoc) => DataSetDoc, key: string | null = null) => store.getState().editDoc<DataSetDoc>('dataSet', change, key)

  const onPaste = (event: ClipboardEvent, rowIndex: number, columnIndex: number) => {
    const text = event.clipboardData.getData('text/plain')
    if (!text.includes('\t') && !text.includes('\n')) return
    event.preventDefault()
    const block = Grid.parseClipboard(text)
    edit((d) => Grid.pasteBlock(d, rowIndex, columnIndex, block))
    store.getState().toast(`Pasted ${block.length} row${block.length === 1 ? '' : 's'} × ${Math.max(...block.map((r) => r.length))} columns`)
  }

  const items = virtualizer.getVirtualItems()
  const padTop = items[0]?.start ?? 0
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)
  const columns = present.columns

  return (
    <section className="pane editor" aria-label={`Data set ${present.name}`} data-undo="dataSet" data-region>
      <DocHeader kind="dataSet" title={present.name} label="Data set name" onRename={(name) => edit((d) => ({ ...d, name }), 'name')} />
      <div className="field">
        <label htmlFor="dataset-description">Description</label>
        <input id="dataset-description" value={present.description ?? ''} onChange={(e) => edit((d) => ({ ...d, description: e.target.value || null }), 'description')} />
      </div>
      <div className="toolbar-row">
        <button type="button" onClick={() => edit((d) => Grid.addRow(d))}>
          Add row
        </button>
        <button type="button" onClick={() => edit((d) => Grid.addColumn(d))}>
          Add column
        </button>
        <span className="muted">
          {rows.length} rows, {rows.filter((r) => r.enabled).length} enabled. Paste cells copied from a spreadsheet into any cell.
        </span>
      </div>
      <div className="data-grid" ref={scroller}>
        <table aria-label={`Rows of ${present.name}`} aria-rowcount={rows.length + 1}>
          <thead>
            <tr>
              <th scope="col" className="c-row">
                Row
              </th>
              <th scope="col" className="c-enabled">
                Used
              </th>
              {columns.map((column, c) => (
                <th scope="col" key={c}>
                  <div className="column-head">
                    <input
                      aria-label={`Column ${c + 1} name`}
                      className="mono"
                      value={column.name}
                      onChange={(e) => edit((d) => Grid.renameColumn(d, column.name, e.target.value), `col:${c}`)}
                    />
                    <select aria-label={`Column ${column.name} type`} value={column.type ?? 'text'} onChange={(e) => edit((d) => Grid.setColumn(d, column.name, { type: e.target.value as DataColumnType }))}>
                      {DATA_COLUMN_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </select>
                    <label className="secret-toggle">
                      <input type="checkbox" checked={column.secret} onChange={(e) => edit((d) => Grid.setColumn(d, column.name, { secret: e.target.checked }))} />
                      secret
                    </label>
                    <button type="button" className="icon" aria-label={`Remove column ${column.name}`} disabled={columns.length <= 1} onClick={() => edit((d) => Grid.removeColumn(d, column.name))}>
                      ×
                    </button>
                  </div>
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Row actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" style={{ height: padTop }}>
                <td colSpan={columns.length + 3} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index]
              return (
                <tr key={row.id} aria-rowindex={item.index + 2} className={row.enabled ? undefined : 'disabled'} style={{ height: ROW_HEIGHT }}>
                  <th scope="row" className="c-row">
                    {item.index + 1}
                  </th>
                  <td className="c-enabled">
                    <input type="checkbox" aria-label={`Use row ${item.index + 1}`} checked={row.enabled} onChange={(e) => edit((d) => Grid.setRowEnabled(d, row.id, e.target.checked))} />
                  </td>
                  {columns.map((column, c) => (
                    <Cell
                      key={c}
                      label={`Row ${item.index + 1}, ${column.name}`}
                      type={column.type}
                      secret={column.secret}
                      value={row.values[column.name] ?? null}
                      onChange={(value) => edit((d) => Grid.setCell(d, row.id, column.name, value), `cell:${row.id}:${column.name}`)}
                      onPaste={(e) => onPaste(e, item.index, c)}
                    />
                  ))}
                  <td>
                    <button type="button" className="icon" aria-label={`Remove row ${item.index + 1}`} onClick={() => edit((d) => Grid.removeRow(d, row.id))}>
                      ×
                    </button>
                  </td>
                </tr>
              )
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" style={{ height: padBottom }}>
                <td colSpan={columns.length + 3} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Cell({
  label,
  type,
  secret,
  value,
  onChange,
  onPaste,
}: {
  label: string
  type: DataColumnType | undefined
  secret: boolean
  value: string | null
  onChange(value: string): void
  onPaste(event: ClipboardEvent): void
}) {
  const problem = Grid.cellProblem(type, value)
  if (type === 'boolean' && !secret) {
    return (
      <td>
        <input type="checkbox" aria-label={label} checked={value === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : 'false')} />
      </td>
    )
  }
  return (
    <td className={problem ? 'has-issue' : undefined}>
      <input
        aria-label={label}
        type={secret ? 'password' : type === 'date' ? 'date' : 'text'}
        inputMode={type === 'number' ? 'decimal' : undefined}
        autoComplete="off"
        // A stored secret is never sent to the window: the field is empty and says so.
        placeholder={secret && value === null ? '•••••• stored (type to replace)' : undefined}
        value={value ?? ''}
        aria-invalid={!!problem}
        title={problem ?? undefined}
        onChange={(e) => onChange(e.target.value)}
        onPaste={onPaste}
      />
    </td>
  )
}
