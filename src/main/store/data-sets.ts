// Test data sets: named columns (some secret) and ordered rows of values, for data-driven tests.
import type { z } from 'zod'
import { validationError, type FieldIssue } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { CreateDataSetInput, DataColumn, DataSet, DataSetWithRows, UpdateDataSetInput } from '../../shared/model/definition'
import type { StoreBase } from './base'
import type { StoredDataRow } from './rows'
import { SimpleRepo, type ProjectListQuery } from './simple-repo'
import { Where } from './table'

type DataSetRow = Omit<DataSet, 'row_count'>
type RowInput = z.infer<typeof CreateDataSetInput>['rows']

export type { StoredDataRow }

function secretColumns(columns: readonly DataColumn[]): Set<string> {
  return new Set(columns.filter((c) => c.secret).map((c) => c.name))
}

export class DataSetsRepo {
  private readonly base: SimpleRepo<DataSetRow, { project_id?: string }, { id: string }>

  constructor(private readonly s: StoreBase) {
    this.base = new SimpleRepo(s, 'dataSets', 'Data set')
  }

  /** As shown anywhere outside a run: the values of secret columns read as null. */
  get(id: string): DataSetWithRows {
    const set = this.base.get(id)
    const secret = secretColumns(set.columns)
    const rows = this.rows(id).map((row) => ({
      ...row,
      values: Object.fromEntries(Object.entries(row.values).map(([column, value]) => [column, secret.has(column) ? null : value])),
    }))
    return { ...set, row_count: rows.length, rows }
  }

  /** Rows with every value, secret ones included: for a run and for this machine's own files. */
  rows(dataSetId: string): StoredDataRow[] {
    return this.s.t.dataRows.all(new Where().eq('data_set_id', dataSetId), 'ORDER BY row_index')
  }

  /** Columns and enabled rows with their real values, for a data-driven run. */
  /**
   * Per test case: how many executions a run of it makes (its data set's enabled rows, as forRun
   * reads them, or 1 when it is not data-driven). Unknown ids are left out.
   */
  iterationsOf(testCaseIds: readonly string[]): Map<string, { dataDriven: boolean; iterations: number }> {
    const out = new Map<string, { dataDriven: boolean; iterations: number }>()
    const read = this.s.statements.get(
      `SELECT t.id, t.data_set_id, (SELECT count(*) FROM test_data_rows r WHERE r.data_set_id = t.data_set_id AND r.enabled = 1) AS n
       FROM test_cases t WHERE t.id IN (SELECT value FROM json_each(?))`,
    )
    for (const row of read.all(JSON.stringify(testCaseIds)) as { id: string; data_set_id: string | null; n: number }[]) {
      out.set(row.id, row.data_set_id ? { dataDriven: true, iterations: row.n } : { dataDriven: false, iterations: 1 })
    }
    return out
  }

  forRun(dataSetId: string): { columns: DataColumn[]; rows: StoredDataRow[] } {
    const set = this.base.get(dataSetId)
    return { columns: set.columns, rows: this.rows(dataSetId).filter((row) => row.enabled) }
  }

  private checkRows(columns: readonly DataColumn[], rows: RowInput, prefix: string): void {
    const known = new Set(columns.map((c) => c.name))
    const names = columns.map((c) => c.name)
    const issues: FieldIssue[] = []
    if (new Set(names).size !== names.length) issues.push({ field: `${prefix}columns`, message: 'column names must be unique' })
    const secret = secretColumns(columns)
    rows?.forEach((row, i) => {
      for (const [key, value] of Object.entries(row.values)) {
        if (!known.has(key)) issues.push({ field: `${prefix}rows.${i}.values.${key}`, message: `no column named '${key}'` })
        else if (value === null && !secret.has(key)) issues.push({ field: `${prefix}rows.${i}.values.${key}`, message: 'is required (only a secret column may be null)' })
      }
    })
    if (issues.length) throw validationError(issues, 'Invalid data set')
  }

  /** Replaces the rows; a secret value given as null keeps the one stored for that row id. */
  private writeRows(dataSetId: string, rows: NonNullable<RowInput>): void {
    const previous = new Map(this.rows(dataSetId).map((row) => [row.id, row.values]))
    this.s.statements.get('DELETE FROM test_data_rows WHERE data_set_id = ?').run(dataSetId)
    this.s.t.dataRows.insertMany(
      rows.map((row, index) => ({
        id: row.id,
        data_set_id: dataSetId,
        row_index: index,
        values: Object.fromEntries(
          Object.entries(row.values).map(([column, value]) => [column, value ?? (row.id ? previous.get(row.id)?.[column] : undefined) ?? '']),
        ),
        enabled: row.enabled ?? true,
      })),
    )
  }

  create(input: z.infer<typeof CreateDataSetInput>, prefix = ''): DataSetWithRows {
    return this.s.tx(() => {
      this.checkRows(input.columns, input.rows, prefix ? `${prefix}.` : '')
      const { rows, ...set } = input
      const created = this.base.create(set, prefix)
      this.writeRows(created.id, rows ?? [])
      return this.get(created.id)
    })
  }

  update(input: z.infer<typeof UpdateDataSetInput>, prefix = ''): DataSetWithRows {
    return this.s.tx(() => {
      const current = this.base.get(input.id)
      this.s.checkVersion('dataSets', input.id, input.if_version, 'Data set', prefix)
      this.checkRows(input.columns ?? current.columns, input.rows ?? (input.columns ? this.rows(input.id) : undefined), prefix ? `${prefix}.` : '')
      const { rows, if_version: _version, ...patch } = input
      this.base.update(patch, prefix)
      if (rows) this.writeRows(input.id, rows)
      return this.get(input.id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    return this.base.delete(id)
  }

  list(query: ProjectListQuery): Page<DataSet> {
    const page = this.base.list(query)
    const count = this.s.statements.get('SELECT count(*) AS n FROM test_data_rows WHERE data_set_id = ?')
    return { ...page, items: page.items.map((set) => ({ ...set, row_count: (count.get(set.id) as { n: number }).n })) }
  }}
