// Test data sets: named columns (some secret) and ordered rows of values, for data-driven tests.
import type { z } from 'zod'
import { TestDeskError, validationError, type FieldIssue } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { CreateDataSetInput, DataColumn, DataRow, DataSet, DataSetWithRows, UpdateDataSetInput } from '../../shared/model/definition'
import type { StoreBase } from './base'
import { SimpleRepo, type ProjectListQuery } from './simple-repo'
import { Where } from './table'

type DataSetRow = Omit<DataSet, 'row_count'>
type RowInput = z.infer<typeof CreateDataSetInput>['rows']

export class DataSetsRepo {
  private readonly base: SimpleRepo<DataSetRow, { project_id?: string }, { id: string }>

  constructor(private readonly s: StoreBase) {
    this.base = new SimpleRepo(s, 'dataSets', 'Data set')
  }

  get(id: string): DataSetWithRows {
    const set = this.base.get(id)
    const rows = this.rows(id)
    return { ...set, row_count: rows.length, rows }
  }

  rows(dataSetId: string): DataRow[] {
    return this.s.t.dataRows.all(new Where().eq('data_set_id', dataSetId), 'ORDER BY row_index') as unknown as DataRow[]
  }

  private checkRows(columns: readonly DataColumn[], rows: RowInput, prefix: string): void {
    const known = new Set(columns.map((c) => c.name))
    const names = columns.map((c) => c.name)
    const issues: FieldIssue[] = []
    if (new Set(names).size !== names.length) issues.push({ field: `${prefix}columns`, message: 'column names must be unique' })
    rows?.forEach((row, i) => {
      for (const key of Object.keys(row.values)) {
        if (!known.has(key)) issues.push({ field: `${prefix}rows.${i}.values.${key}`, message: `no column named '${key}'` })
      }
    })
    if (issues.length) throw validationError(issues, 'Invalid data set')
  }

  private writeRows(dataSetId: string, rows: NonNullable<RowInput>): void {
    this.s.t.dataRows.insertMany(
      rows.map((row, index) => ({ id: row.id, data_set_id: dataSetId, row_index: index, values: row.values, enabled: row.enabled ?? true })),
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
      this.checkRows(input.columns ?? current.columns, input.rows ?? (input.columns ? this.rows(input.id) : undefined), prefix ? `${prefix}.` : '')
      const { rows, ...patch } = input
      this.base.update(patch, prefix)
      if (rows) {
        this.s.statements.get('DELETE FROM test_data_rows WHERE data_set_id = ?').run(input.id)
        this.writeRows(input.id, rows)
      }
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
  }

  byName(name: string, projectId?: string): DataSet | null {
    const set = this.base.byName(name, projectId)
    return set ? { ...set, row_count: this.rows(set.id).length } : null
  }

  mustGetRows(dataSetId: string): DataRow[] {
    if (!this.s.t.dataSets.exists(dataSetId)) throw TestDeskError.notFound('Data set', dataSetId)
    return this.rows(dataSetId)
  }
}
