// One table's plumbing, declared once: which columns exist, which hold JSON or booleans, their
// JS-side defaults. From that: row ↔ domain conversion, prepared inserts and updates, get,
// delete, and filtered, sorted, paged lists. Statements are prepared once and cached.
import type { Statement } from 'better-sqlite3'
import { v7 as uuidv7 } from 'uuid'
import type { Page } from '../../shared/model/common'
import type { Db } from './db'

export type Row = Record<string, unknown>

export interface TableSpec {
  name: string
  /** The column list() searches with `search`. */
  searchColumn?: string
  /** `ORDER BY` used when a list gives no sort. */
  defaultSort: readonly [string, 'asc' | 'desc']
}

/** What a table's own SQL says about it: the migration is the one declaration. */
export interface TableShape {
  columns: string[]
  /** Columns checked with json_valid: stored as JSON text. */
  json: string[]
  /** Columns checked with IN (0, 1): booleans. */
  bool: string[]
  /** Column defaults as values, or functions for expressions evaluated per row (timestamps). */
  defaults: Record<string, unknown | (() => unknown)>
}

export function introspect(db: Db, table: string): TableShape {
  const info = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; dflt_value: string | null }[]
  if (!info.length) throw new Error(`No such table: ${table}`)
  const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string }
  const columns = info.map((c) => c.name)
  const mentions = (pattern: (column: string) => string) =>
    columns.filter((column) => sql.includes(pattern(column === 'values' ? '"values"' : column)))
  const defaults: Record<string, unknown | (() => unknown)> = {}
  for (const { name, dflt_value: value } of info) {
    if (value === null) continue
    if (/^-?\d+(\.\d+)?$/.test(value)) defaults[name] = Number(value)
    else if (/^'.*'$/s.test(value)) defaults[name] = value.slice(1, -1).replace(/''/g, "'")
    else if (value.includes('strftime')) defaults[name] = nowIso
    else throw new Error(`Unsupported default for ${table}.${name}: ${value}`)
  }
  const json = mentions((c) => `json_valid(${c})`)
  // JSON defaults are stored text ('[]', '{}'): decode them so encode() writes them back as is.
  for (const column of json) if (typeof defaults[column] === 'string') defaults[column] = JSON.parse(defaults[column] as string)
  return { columns, json, bool: mentions((c) => `CHECK (${c} IN (0, 1))`), defaults }
}

export function nowIso(): string {
  return new Date().toISOString()
}

export function newId(): string {
  return uuidv7()
}

/** Quotes an identifier that is also an SQL keyword ("values"). */
function quote(column: string): string {
  return column === 'values' ? '"values"' : column
}

export class Statements {
  private readonly cache = new Map<string, Statement>()
  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.cache.set(sql, statement)
    }
    return statement
  }
}

/** A WHERE clause built from optional filters; values always travel as parameters. */
export class Where {
  readonly clauses: string[] = []
  readonly params: unknown[] = []

  eq(column: string, value: unknown): this {
    if (value === undefined) return this
    if (value === null) {
      this.clauses.push(`${column} IS NULL`)
      return this
    }
    this.clauses.push(`${column} = ?`)
    this.params.push(typeof value === 'boolean' ? Number(value) : value)
    return this
  }

  in(column: string, values: readonly unknown[] | unknown | undefined): this {
    if (values === undefined) return this
    const list = Array.isArray(values) ? values : [values]
    if (list.length === 1) return this.eq(column, list[0])
    this.clauses.push(`${column} IN (${list.map(() => '?').join(', ')})`)
    this.params.push(...list)
    return this
  }

  gte(column: string, value: string | number | undefined): this {
    if (value === undefined) return this
    this.clauses.push(`${column} >= ?`)
    this.params.push(value)
    return this
  }

  lt(column: string, value: string | number | undefined): this {
    if (value === undefined) return this
    this.clauses.push(`${column} < ?`)
    this.params.push(value)
    return this
  }

  /** Case-insensitive substring match (LIKE with escaped wildcards). */
  contains(column: string, text: string | undefined): this {
    if (!text) return this
    this.clauses.push(`${column} LIKE ? ESCAPE '\\'`)
    this.params.push(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    return this
  }

  /** The JSON array column holds every one of `values`. */
  jsonHasAll(column: string, values: readonly string[] | undefined): this {
    if (!values?.length) return this
    for (const value of values) {
      this.clauses.push(`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = ?)`)
      this.params.push(value)
    }
    return this
  }

  raw(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause)
    this.params.push(...params)
    return this
  }

  toSql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : ''
  }
}

/**
 * Date filters: a bare date `to_date` includes that whole day; a full timestamp is used as is.
 */
export function dateBounds(from?: string, to?: string): { from?: string; toExclusive?: string } {
  const start = from && from.length === 10 ? `${from}T00:00:00.000Z` : from ? new Date(from).toISOString() : undefined
  let end: string | undefined
  if (to && to.length === 10) {
    const next = new Date(`${to}T00:00:00.000Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    end = next.toISOString()
  } else if (to) {
    end = new Date(new Date(to).getTime() + 1).toISOString()
  }
  return { from: start, toExclusive: end }
}

export interface ListOptions {
  where?: Where
  /** A column, or an SQL expression a repository vouches for (never user text). */
  sortBy?: string
  sortOrder?: 'asc' | 'desc'
  limit: number
  offset: number
  search?: string
}

/** A contract list query's search, sorting and paging as ListOptions, with its `where`. */
export function listOptions(
  where: Where,
  query: { search?: string; sort_by?: string; sort_order?: 'asc' | 'desc'; limit: number; offset: number },
): ListOptions {
  return { where, search: query.search, sortBy: query.sort_by, sortOrder: query.sort_order, limit: query.limit, offset: query.offset }
}

export class Table<T extends { id: string }> {
  readonly shape: TableShape
  private readonly jsonColumns: ReadonlySet<string>
  private readonly boolColumns: readonly string[]
  private readonly insertSql: string
  private readonly columnSet: ReadonlySet<string>
  // Per column, in INSERT order, so a row's parameters are built without lookups by name.
  private readonly jsonAt: readonly boolean[]
  private readonly defaultAt: readonly unknown[]
  private readonly idAt: number

  constructor(
    readonly db: Db,
    readonly statements: Statements,
    readonly spec: TableSpec,
  ) {
    this.shape = introspect(db, spec.name)
    this.jsonColumns = new Set(this.shape.json)
    this.boolColumns = this.shape.bool
    this.columnSet = new Set(this.shape.columns)
    const columns = this.shape.columns
    this.insertSql = `INSERT INTO ${spec.name} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
    this.jsonAt = columns.map((c) => this.jsonColumns.has(c))
    this.defaultAt = columns.map((c) => this.shape.defaults[c])
    this.idAt = columns.indexOf('id')
  }

  get name(): string {
    return this.spec.name
  }

  hasColumn(column: string): boolean {
    return this.columnSet.has(column)
  }

  /**
   * Domain values → one row's parameters in column order, filling defaults; `shared` holds
   * already encoded parameters every row of a batch gets (e.g. the parent id), by position.
   * This is the hot path of every bulk write (step results, logs): no allocation but the array.
   */
  private insertParams(values: Row, id: string, shared?: readonly (readonly [number, unknown])[]): unknown[] {
    const { columns } = this.shape
    const params = new Array<unknown>(columns.length)
    for (let i = 0; i < columns.length; i++) {
      let value = values[columns[i]]
      if (value === undefined) {
        const fallback = this.defaultAt[i]
        value = typeof fallback === 'function' ? (fallback as () => unknown)() : fallback
      }
      params[i] =
        value === undefined || value === null ? null : this.jsonAt[i] ? JSON.stringify(value) : typeof value === 'boolean' ? (value ? 1 : 0) : value
    }
    params[this.idAt] = id
    if (shared) for (const [i, value] of shared) params[i] = value
    return params
  }

  encode(column: string, value: unknown): unknown {
    if (value === undefined || value === null) return null
    if (this.jsonColumns.has(column)) return JSON.stringify(value)
    if (typeof value === 'boolean') return value ? 1 : 0
    return value
  }

  /** A database row → the domain object (JSON parsed, 0/1 → boolean). Mutates and returns it. */
  fromRow(row: Row): T {
    for (const column of this.shape.json) {
      const text = row[column]
      if (typeof text === 'string') row[column] = JSON.parse(text)
    }
    for (const column of this.boolColumns) {
      if (row[column] !== null && row[column] !== undefined) row[column] = row[column] === 1
    }
    return row as T
  }

  /** Inserts one row; returns its id. */
  insert(values: Row): string {
    const id = (values.id as string | undefined) ?? newId()
    this.statements.get(this.insertSql).run(this.insertParams(values, id))
    return id
  }

  /**
   * Inserts many rows with one prepared statement; the caller wraps it in a transaction. `shared`
   * values go into every row (and win over the row's own), so callers need not copy each row to
   * add a parent id. The rows are not modified.
   */
  insertMany(rows: readonly Row[], shared?: Row): string[] {
    const statement = this.statements.get(this.insertSql)
    const fixed = shared && Object.entries(shared).map(([column, value]) => [this.columnIndex(column), this.encode(column, value)] as const)
    const ids = new Array<string>(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      const id = (row.id as string | undefined) ?? newId()
      ids[i] = id
      statement.run(this.insertParams(row, id, fixed))
    }
    return ids
  }

  private columnIndex(column: string): number {
    const index = this.shape.columns.indexOf(column)
    if (index < 0) throw new Error(`${this.spec.name} has no column ${column}`)
    return index
  }

  get(id: string): T | null {
    const row = this.statements.get(`SELECT * FROM ${this.spec.name} WHERE id = ?`).get(id) as Row | undefined
    return row ? this.fromRow(row) : null
  }

  /** A row known to exist: one this transaction has just written. */
  written(id: string): T {
    const row = this.get(id)
    if (!row) throw new Error(`${this.name} row ${id} is missing right after it was written`)
    return row
  }

  exists(id: string): boolean {
    return this.statements.get(`SELECT 1 FROM ${this.spec.name} WHERE id = ?`).get(id) !== undefined
  }

  /** Updates the given columns (unknown keys are ignored); returns whether the row existed. */
  update(id: string, patch: Row): boolean {
    const columns = Object.keys(patch).filter((c) => c !== 'id' && this.columnSet.has(c) && patch[c] !== undefined)
    if (this.columnSet.has('updated_at') && !columns.includes('updated_at')) {
      columns.push('updated_at')
      patch = { ...patch, updated_at: nowIso() }
    }
    if (!columns.length) return this.exists(id)
    // A versioned row counts every write, so a save can tell whether someone wrote in between.
    const bump = this.columnSet.has('version') && !columns.includes('version') ? ', version = version + 1' : ''
    const sql = `UPDATE ${this.spec.name} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')}${bump} WHERE id = ?`
    const result = this.statements.get(sql).run(...columns.map((c) => this.encode(c, patch[c])), id)
    return result.changes > 0
  }

  delete(id: string): boolean {
    return this.statements.get(`DELETE FROM ${this.spec.name} WHERE id = ?`).run(id).changes > 0
  }

  all(where: Where = new Where(), orderBy = ''): T[] {
    const sql = `SELECT * FROM ${this.spec.name} ${where.toSql()} ${orderBy}`
    return (this.statements.get(sql).all(...where.params) as Row[]).map((row) => this.fromRow(row))
  }

  count(where: Where = new Where()): number {
    const sql = `SELECT count(*) AS n FROM ${this.spec.name} ${where.toSql()}`
    return (this.statements.get(sql).get(...where.params) as { n: number }).n
  }

  list(options: ListOptions): Page<T> {
    const where = options.where ?? new Where()
    if (options.search && this.spec.searchColumn) where.contains(this.spec.searchColumn, options.search)
    const [defaultColumn, defaultOrder] = this.spec.defaultSort
    const sortBy = options.sortBy ?? defaultColumn
    const order = options.sortOrder ?? defaultOrder
    // id breaks ties so pages never repeat or skip rows with equal sort keys.
    const orderBy = `ORDER BY ${sortBy} ${order === 'asc' ? 'ASC' : 'DESC'}, id ${order === 'asc' ? 'ASC' : 'DESC'}`
    const sql = `SELECT * FROM ${this.spec.name} ${where.toSql()} ${orderBy} LIMIT ? OFFSET ?`
    const rows = this.statements.get(sql).all(...where.params, options.limit, options.offset) as Row[]
    return {
      items: rows.map((row) => this.fromRow(row)),
      total: this.count(where),
      limit: options.limit,
      offset: options.offset,
    }
  }
}

/** Keeps only the asked-for fields of each item (id always stays). */
export function selectFields<T extends object>(page: Page<T>, fields: readonly string[] | undefined): Page<Partial<T>> {
  if (!fields) return page
  const keep = new Set(['id', ...fields])
  return {
    ...page,
    items: page.items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key))) as Partial<T>),
  }
}
