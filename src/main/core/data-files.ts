// Data sets from and to CSV and XLSX files. CSV goes through csv-parse / csv-stringify (the
// node-csv project: RFC 4180 quoting, BOM handling, line numbers in its errors), XLSX through
// read-excel-file / write-excel-file (pure JavaScript, maintained, no native parts, and small
// beside SheetJS, whose current releases are no longer published on npm). What TestDesk adds:
// the encoding and delimiter detected, header cells turned into valid column names, types
// guessed, and errors that say which file, line or sheet.
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import readXlsxFile from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { TestDeskError, validationError, type FieldIssue } from '../../shared/api/errors'
import { cellProblem, guessColumnType } from '../../shared/data-values'
import {
  DATA_DELIMITERS,
  DATA_ENCODINGS,
  type DataFilePreview,
  type ExportedDataFile,
  type ExportDataFileInput,
  type ImportDataFileInput,
  type ImportDataFileResult,
  type ImportedColumn,
} from '../../shared/model/data-file'
import type { DataColumnType } from '../../shared/model/definition'
import { SECRET_MASK } from '../../shared/secret-mask'
import type { z } from 'zod'
import type { Store } from '../store'

type Encoding = (typeof DATA_ENCODINGS)[number]
type Delimiter = (typeof DATA_DELIMITERS)[number]

const MAX_ROWS = 100_000
const MAX_COLUMNS = 200
const SAMPLE_ROWS = 20

interface Table {
  format: 'csv' | 'xlsx'
  encoding: Encoding | null
  delimiter: Delimiter | null
  sheet: string | null
  sheets: string[]
  header: string[]
  /** Cells as text, each with the line (CSV) or row (XLSX) it came from. */
  rows: { at: number; cells: string[] }[]
}

/** The text of a CSV file: a BOM says its encoding, else UTF-16 byte patterns, UTF-8, Windows-1252. */
export function decodeText(bytes: Buffer, forced?: Encoding): { text: string; encoding: Encoding } {
  const bom: [number[], Encoding][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ]
  let encoding = forced
  let start = 0
  for (const [marker, name] of bom) {
    if (marker.every((b, i) => bytes[i] === b) && (!forced || forced === name)) {
      encoding = name
      start = marker.length
      break
    }
  }
  if (!encoding) {
    // ASCII text in UTF-16 has a zero byte in every pair: on the odd side (LE) or even (BE).
    const sample = bytes.subarray(0, 4096)
    let evenZeros = 0
    let oddZeros = 0
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddZeros++ : evenZeros++)
    const pairs = sample.length / 2
    if (pairs >= 2 && oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) encoding = 'utf-16le'
    else if (pairs >= 2 && evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) encoding = 'utf-16be'
    else encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252'
  }
  return { text: new TextDecoder(encoding).decode(bytes.subarray(start)), encoding }
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The delimiter that splits the first lines into the same number of cells, the most of them. */
export function detectDelimiter(text: string): Delimiter {
  const head = text.split(/\r?\n/).slice(0, 50).join('\n')
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 }
  for (const delimiter of DATA_DELIMITERS) {
    let records: string[][]
    try {
      records = parse(head, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][]
    } catch {
      continue
    }
    if (!records.length) continue
    const width = records[0].length
    const consistent = records.filter((r) => r.length === width).length / records.length
    const score = width > 1 ? width * consistent : 0
    if (score > best.score) best = { delimiter, score }
  }
  return best.delimiter
}

function readCsv(bytes: Buffer, fileName: string, input: { delimiter?: Delimiter; encoding?: Encoding }): Table {
  const { text, encoding } = decodeText(bytes, input.encoding)
  const delimiter = input.delimiter ?? detectDelimiter(text)
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as unknown as typeof records
  } catch (error) {
    throw TestDeskError.validation('content_base64', `${fileName} is not readable CSV: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!records.length) throw TestDeskError.validation('content_base64', `${fileName} is empty: the first row should name the columns`)
  const [first, ...rest] = records
  return {
    format: 'csv',
    encoding,
    delimiter,
    sheet: null,
    sheets: [],
    header: first.record,
    rows: rest.map((r) => ({ at: r.info.lines, cells: r.record })),
  }
}

/** A cell of a workbook as text: dates at midnight UTC as YYYY-MM-DD, other dates as ISO time. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  return String(value)
}

async function readXlsx(bytes: Buffer, fileName: string, sheet: string | undefined): Promise<Table> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>
  try {
    sheets = await readXlsxFile(bytes)
  } catch (error) {
    throw TestDeskError.validation('content_base64', `${fileName} is not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}`)
  }
  const names = sheets.map((s) => s.sheet)
  const index = sheet === undefined ? 0 : /^\d+$/.test(sheet) ? Number(sheet) - 1 : names.indexOf(sheet)
  const chosen = sheets[index]
  if (!chosen) throw TestDeskError.validation('sheet', `${fileName} has no sheet ${/^\d+$/.test(sheet ?? '') ? 'number ' : ''}'${sheet}'; its sheets: ${names.join(', ')}`)
  const [first, ...rest] = chosen.data
  if (!first) throw TestDeskError.validation('sheet', `Sheet '${chosen.sheet}' of ${fileName} is empty: its first row should name the columns`)
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: chosen.sheet,
    sheets: names,
    header: first.map(cellText),
    rows: rest.map((row, i) => ({ at: i + 2, cells: row.map(cellText) })),
  }
}

/** A header cell as a column name: spaces and other characters become `_`; renamed ones are said. */
function columnNames(header: readonly string[], where: string): { names: string[]; warnings: string[] } {
  const issues: FieldIssue[] = []
  const warnings: string[] = []
  const names = header.map((cell, i) => {
    const raw = cell.trim()
    let name = raw.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '')
    if (name && !/^[A-Za-z_]/.test(name)) name = `_${name}`
    if (!name) issues.push({ field: 'content_base64', message: `Column ${i + 1} of ${where} has no name in the header row` })
    else if (name.length > 100) issues.push({ field: 'content_base64', message: `Column ${i + 1} of ${where}: its header is longer than 100 characters` })
    else if (name !== raw) warnings.push(`Column ${i + 1} '${raw}' is named '${name}'`)
    return name
  })
  const seen = new Map<string, number>()
  names.forEach((name, i) => {
    if (!name) return
    const before = seen.get(name)
    if (before !== undefined) issues.push({ field: 'content_base64', message: `Columns ${before + 1} and ${i + 1} of ${where} are both named '${name}'` })
    else seen.set(name, i)
  })
  if (issues.length) throw validationError(issues, `The header row of ${where} cannot name the columns`)
  return { names, warnings }
}

async function readTable(input: z.infer<typeof ImportDataFileInput>): Promise<Table> {
  const bytes = Buffer.from(input.content_base64, 'base64')
  const isXlsx = /\.xlsx$/i.test(input.file_name)
  if (isXlsx && (input.delimiter || input.encoding)) throw TestDeskError.validation(input.delimiter ? 'delimiter' : 'encoding', 'applies to CSV files only')
  if (!isXlsx && input.sheet) throw TestDeskError.validation('sheet', 'applies to XLSX files only')
  return isXlsx ? readXlsx(bytes, input.file_name, input.sheet) : readCsv(bytes, input.file_name, input)
}

/** Reads the file into columns and rows, with the preview a tester checks before writing. */
export async function readDataFile(input: z.infer<typeof ImportDataFileInput>) {
  const table = await readTable(input)
  const where = table.sheet ? `sheet '${table.sheet}' of ${input.file_name}` : input.file_name
  if (table.header.length > MAX_COLUMNS) throw TestDeskError.validation('content_base64', `${where} has ${table.header.length} columns; a data set has at most ${MAX_COLUMNS}`)
  const { names, warnings } = columnNames(table.header, where)
  const issues: FieldIssue[] = []
  const known = new Set(names)
  for (const column of [...input.secret_columns, ...Object.keys(input.column_types)]) {
    if (!known.has(column)) issues.push({ field: input.secret_columns.includes(column) ? 'secret_columns' : 'column_types', message: `${where} has no column '${column}' (its columns: ${names.join(', ')})` })
  }
  const unit = table.format === 'csv' ? 'line' : 'row'
  const rows: Record<string, string>[] = []
  let empty = 0
  for (const { at, cells } of table.rows) {
    if (cells.every((c) => c.trim() === '')) {
      empty++
      continue
    }
    if (cells.length > names.length && cells.slice(names.length).some((c) => c.trim() !== '')) {
      issues.push({ field: 'content_base64', message: `${where}, ${unit} ${at}: ${cells.length} cells but the header names ${names.length} columns` })
      if (issues.length >= 20) break
      continue
    }
    rows.push(Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])))
  }
  if (rows.length > MAX_ROWS) issues.push({ field: 'content_base64', message: `${where} has ${rows.length.toLocaleString('en-US')} rows; a data set has at most ${MAX_ROWS.toLocaleString('en-US')}` })
  if (issues.length) throw validationError(issues, `${where} cannot be imported`)
  if (empty) warnings.push(`${empty} empty ${unit}${empty === 1 ? '' : 's'} left out`)

  const secret = new Set(input.secret_columns)
  const columns: ImportedColumn[] = names.map((name, i) => {
    const guessed = guessColumnType(rows.map((r) => r[name]))
    const type: DataColumnType = input.column_types[name] ?? guessed
    const misfits = type === guessed ? 0 : rows.filter((r) => cellProblem(type, r[name]) !== null).length
    if (misfits) warnings.push(`${misfits} value${misfits === 1 ? '' : 's'} of column '${name}' ${misfits === 1 ? 'does' : 'do'} not fit type ${type}`)
    return { name, header: table.header[i], secret: secret.has(name), type, guessed_type: guessed }
  })
  const preview: DataFilePreview = {
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: table.sheet,
    sheets: table.sheets,
    columns,
    row_count: rows.length,
    sample: rows.slice(0, SAMPLE_ROWS).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, secret.has(k) && v ? SECRET_MASK : v]))),
    warnings,
  }
  return { preview, rows }
}

export async function importDataFile(store: Store, input: z.infer<typeof ImportDataFileInput>): Promise<ImportDataFileResult> {
  const { preview, rows } = await readDataFile(input)
  if (input.dry_run) return { preview, data_set: null }
  // Text is a column's default type, kept implicit as the data editor keeps it.
  const columns = preview.columns.map((c) => ({ name: c.name, secret: c.secret, ...(c.type === 'text' ? {} : { type: c.type }) }))
  const rowInputs = rows.map((values) => ({ values }))
  if (input.data_set_id) {
    const current = store.dataSets.get(input.data_set_id)
    if (input.project_id && current.project_id !== input.project_id) throw TestDeskError.validation('data_set_id', 'belongs to another project')
    return { preview, data_set: store.dataSets.update({ id: input.data_set_id, columns, rows: rowInputs, ...(input.name ? { name: input.name } : {}) }) }
  }
  const base = input.file_name.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv|txt|xlsx)$/i, '')
  const name = input.name ?? (preview.sheet && preview.sheets.length > 1 ? `${base} - ${preview.sheet}` : base)
  return { preview, data_set: store.dataSets.create({ project_id: input.project_id, name: name.slice(0, 255), columns, rows: rowInputs }) }
}

export async function exportDataFile(store: Store, input: z.infer<typeof ExportDataFileInput>): Promise<ExportedDataFile> {
  const set = store.dataSets.get(input.id)
  const names = set.columns.map((c) => c.name)
  const secret = set.columns.filter((c) => c.secret).map((c) => c.name)
  // Secret values read as null from the store outside a run: they are written empty.
  const cells = set.rows.map((row) => names.map((name) => row.values[name] ?? ''))
  const base = set.name.replace(/[\\/:*?"<>|]+/g, '_')
  if (input.format === 'csv') {
    // With a BOM, spreadsheet programs read the file as UTF-8 rather than the system's code page.
    const text = '\uFEFF' + stringify([names, ...cells], { delimiter: input.delimiter, record_delimiter: 'windows' })
    return { file_name: `${base}.csv`, mime: 'text/csv', content_base64: Buffer.from(text, 'utf8').toString('base64'), secret_columns_left_empty: secret }
  }
  const types = new Map(set.columns.map((c) => [c.name, c.type ?? 'text']))
  const typed = (name: string, value: string) => {
    if (value === '' || value.includes('${') || cellProblem(types.get(name), value) !== null) return value === '' ? null : value
    if (types.get(name) === 'number') return Number(value)
    if (types.get(name) === 'boolean') return value === 'true'
    return value
  }
  const data = [names, ...cells.map((row) => row.map((value, i) => typed(names[i], value)))]
  const buffer = await writeXlsxFile(data, { sheet: set.name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'Data' }).toBuffer()
  return {
    file_name: `${base}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content_base64: Buffer.from(buffer).toString('base64'),
    secret_columns_left_empty: secret,
  }
}
