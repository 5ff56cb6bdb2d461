// Edits of a data set's grid as pure functions: cells, rows, columns (renaming a column renames
// its values in every row), typed values, and pasting a block copied from a spreadsheet.
import type { DataColumn } from '../../../shared/model/definition'
import type { DataRowDraft, DataSetDoc } from '../store/doc-adapters'
import { newId } from './test-doc'

export function setCell(doc: DataSetDoc, rowId: string, column: string, value: string): DataSetDoc {
  return { ...doc, rows: doc.rows.map((row) => (row.id === rowId && row.values[column] !== value ? { ...row, values: { ...row.values, [column]: value } } : row)) }
}

export function addRow(doc: DataSetDoc, at = doc.rows.length): DataSetDoc {
  const row: DataRowDraft = { id: newId(), values: Object.fromEntries(doc.columns.map((c) => [c.name, ''])), enabled: true }
  return { ...doc, rows: [...doc.rows.slice(0, at), row, ...doc.rows.slice(at)] }
}

export function removeRow(doc: DataSetDoc, rowId: string): DataSetDoc {
  return { ...doc, rows: doc.rows.filter((r) => r.id !== rowId) }
}

export function setRowEnabled(doc: DataSetDoc, rowId: string, enabled: boolean): DataSetDoc {
  return { ...doc, rows: doc.rows.map((r) => (r.id === rowId ? { ...r, enabled } : r)) }
}

export function addColumn(doc: DataSetDoc, name?: string): DataSetDoc {
  const taken = new Set(doc.columns.map((c) => c.name))
  let column = name ?? `column${doc.columns.length + 1}`
  for (let n = doc.columns.length + 2; taken.has(column); n++) column = `column${n}`
  return { ...doc, columns: [...doc.columns, { name: column, secret: false }], rows: doc.rows.map((r) => ({ ...r, values: { ...r.values, [column]: '' } })) }
}

export function removeColumn(doc: DataSetDoc, name: string): DataSetDoc {
  return {
    ...doc,
    columns: doc.columns.filter((c) => c.name !== name),
    rows: doc.rows.map((r) => {
      const { [name]: _removed, ...values } = r.values
      return { ...r, values }
    }),
  }
}

/** Renames a column and the key of its value in every row. */
export function renameColumn(doc: DataSetDoc, from: string, to: string): DataSetDoc {
  if (from === to) return doc
  return {
    ...doc,
    columns: doc.columns.map((c) => (c.name === from ? { ...c, name: to } : c)),
    rows: doc.rows.map((r) => {
      if (!(from in r.values)) return r
      const values: Record<string, string | null> = {}
      for (const [key, value] of Object.entries(r.values)) values[key === from ? to : key] = value
      return { ...r, values }
    }),
  }
}

export function setColumn(doc: DataSetDoc, name: string, patch: Partial<Pick<DataColumn, 'secret' | 'type'>>): DataSetDoc {
  return { ...doc, columns: doc.columns.map((c) => (c.name === name ? { ...c, ...patch, ...(patch.type === 'text' ? { type: undefined } : {}) } : c)) }
}

export { cellProblem } from '../../../shared/data-values'

/** Cells copied from a spreadsheet: rows by line, cells by tab; a trailing newline is not a row. */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  return lines.map((line) => line.split('\t'))
}

/** Pastes a block at (row, column): extends the rows as needed; cells past the last column are dropped. */
export function pasteBlock(doc: DataSetDoc, rowIndex: number, columnIndex: number, block: string[][]): DataSetDoc {
  let next = doc
  while (next.rows.length < rowIndex + block.length) next = addRow(next)
  const rows = next.rows.slice()
  block.forEach((cells, r) => {
    const row = rows[rowIndex + r]
    const values = { ...row.values }
    cells.forEach((cell, c) => {
      const column = next.columns[columnIndex + c]
      if (column) values[column.name] = cell
    })
    rows[rowIndex + r] = { ...row, values }
  })
  return { ...next, rows }
}
