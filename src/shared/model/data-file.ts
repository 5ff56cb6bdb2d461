// A data set read from, or written to, a CSV or XLSX file: what an import takes (the file, and
// the tester's choices: sheet, delimiter, encoding, secret columns, types) and what it shows
// before writing (columns with guessed types, a sample, what was detected).
import { z } from 'zod'
import { Id, Name } from './common'
import { DataColumnType, type DataColumn, type DataSetWithRows } from './definition'

/** Larger files are refused before reading: a data set holds at most 100,000 rows. */
export const DATA_FILE_MAX_BYTES = 50 * 1024 * 1024
export const DATA_DELIMITERS = [',', ';', '\t'] as const
export const DATA_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const

export const ImportDataFileInput = z
  .object({
    /** The file's bytes, base64. */
    content_base64: z.string().max(Math.ceil(DATA_FILE_MAX_BYTES / 3) * 4, `a data file is at most ${DATA_FILE_MAX_BYTES / 1024 / 1024} MB`),
    /** Its name: `.xlsx` reads as a workbook, anything else as CSV; names the data set by default. */
    file_name: z.string().trim().min(1).max(500),
    project_id: Id.optional(),
    /** The new data set's name (default: the file name without extension, and the sheet's). */
    name: Name.optional(),
    /** Replace this data set's columns and rows instead of creating one. */
    data_set_id: Id.optional(),
    /** XLSX: the sheet by name or 1-based number (default: the first). */
    sheet: z.string().trim().min(1).max(100).optional(),
    /** CSV: detected when absent. */
    delimiter: z.enum(DATA_DELIMITERS).optional(),
    /** CSV: detected when absent (a BOM, UTF-16 byte patterns, else UTF-8, else Windows-1252). */
    encoding: z.enum(DATA_ENCODINGS).optional(),
    /** Columns (as named in the data set) whose values are secret. */
    secret_columns: z.array(z.string().min(1).max(100)).max(200).default([]),
    /** Types chosen over the guessed ones, by column. */
    column_types: z.record(z.string(), DataColumnType).default({}),
    /** Only read and show; write nothing. */
    dry_run: z.boolean().default(false),
  })
  .strict()

export interface ImportedColumn extends DataColumn {
  /** The header cell as the file had it (the column's name when it was a valid one). */
  header: string
  type: DataColumnType
  /** The type its values suggest, before any chosen in column_types. */
  guessed_type: DataColumnType
}

export interface DataFilePreview {
  format: 'csv' | 'xlsx'
  encoding: (typeof DATA_ENCODINGS)[number] | null
  delimiter: (typeof DATA_DELIMITERS)[number] | null
  sheet: string | null
  /** Every sheet of a workbook. */
  sheets: string[]
  columns: ImportedColumn[]
  row_count: number
  /** The first rows, secret values masked. */
  sample: Record<string, string>[]
  /** Headers renamed to valid column names, empty rows left out, values that do not fit their type. */
  warnings: string[]
}

export interface ImportDataFileResult {
  preview: DataFilePreview
  /** Null for a dry run. */
  data_set: DataSetWithRows | null
}

export const ExportDataFileInput = z
  .object({
    id: Id,
    format: z.enum(['csv', 'xlsx']).default('csv'),
    delimiter: z.enum(DATA_DELIMITERS).default(','),
  })
  .strict()

export interface ExportedDataFile {
  file_name: string
  mime: string
  content_base64: string
  /** Secret columns are written with empty values: secrets never leave the store. */
  secret_columns_left_empty: string[]
}
