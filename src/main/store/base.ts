// What every repository shares: the database, cached statements, one Table per table, the local
// user and default project, and helpers for references and transactions.
import type { Transaction } from 'better-sqlite3'
import { userInfo } from 'node:os'
import { TestDeskError } from '../../shared/api/errors'
import type { Db } from './db'
import { guarded } from './errors'
import type { TableRows } from './rows'
import { nowIso, Statements, Table, type Row, type TableSpec } from './table'

const SPECS = {
  users: { name: 'users', searchColumn: 'name', defaultSort: ['created_at', 'asc'] },
  projects: { name: 'projects', searchColumn: 'name', defaultSort: ['name', 'asc'] },
  suites: { name: 'suites', searchColumn: 'name', defaultSort: ['position', 'asc'] },
  browserConfigs: { name: 'browser_configurations', searchColumn: 'name', defaultSort: ['name', 'asc'] },
  environments: { name: 'environments', searchColumn: 'name', defaultSort: ['name', 'asc'] },
  envVars: { name: 'environment_variables', defaultSort: ['position', 'asc'] },
  dataSets: { name: 'test_data_sets', searchColumn: 'name', defaultSort: ['name', 'asc'] },
  dataRows: { name: 'test_data_rows', defaultSort: ['row_index', 'asc'] },
  testCases: { name: 'test_cases', searchColumn: 'name', defaultSort: ['name', 'asc'] },
  steps: { name: 'test_steps', defaultSort: ['position', 'asc'] },
  suiteSteps: { name: 'suite_steps', defaultSort: ['position', 'asc'] },
  scripts: { name: 'test_scripts', searchColumn: 'name', defaultSort: ['position', 'asc'] },
  runs: { name: 'test_runs', searchColumn: 'run_name', defaultSort: ['created_at', 'desc'] },
  items: { name: 'test_run_items', defaultSort: ['execution_order', 'asc'] },
  results: { name: 'test_run_results', defaultSort: ['created_at', 'asc'] },
  stepResults: { name: 'test_step_results', defaultSort: ['step_number', 'asc'] },
  checkpoints: { name: 'checkpoint_results', searchColumn: 'checkpoint_name', defaultSort: ['created_at', 'asc'] },
  scriptResults: { name: 'script_results', searchColumn: 'script_name', defaultSort: ['created_at', 'asc'] },
  consoleLogs: { name: 'console_logs', searchColumn: 'message', defaultSort: ['timestamp', 'asc'] },
  networkLogs: { name: 'network_logs', searchColumn: 'url', defaultSort: ['timestamp', 'asc'] },
  schedules: { name: 'schedules', searchColumn: 'schedule_name', defaultSort: ['next_execution_at', 'asc'] },
  scheduleExecutions: { name: 'schedule_executions', defaultSort: ['scheduled_for', 'desc'] },
  history: { name: 'test_execution_history', defaultSort: ['executed_at', 'desc'] },
  bundles: { name: 'execution_bundles', defaultSort: ['created_at', 'desc'] },
  transitions: { name: 'state_transitions', defaultSort: ['created_at', 'asc'] },
  artifacts: { name: 'artifacts', defaultSort: ['created_at', 'desc'] },
  outbox: { name: 'sync_outbox', defaultSort: ['created_at', 'asc'] },
} as const satisfies Record<string, TableSpec>

/** The settings key holding the default project's id (a JSON string). */
export const DEFAULT_PROJECT_SETTING = 'default_project_id'

export type TableName = keyof typeof SPECS
// Rows are typed by each repository; the table layer only moves them.
/** Each table with its rows' domain type (store/rows.ts); tables not mapped there give plain rows. */
export type Tables = { [K in TableName]: Table<K extends keyof TableRows ? TableRows[K] : { id: string } & Row> }

export class StoreBase {
  readonly statements: Statements
  readonly t: Tables
  private userId: string | null = null
  /** Made once: better-sqlite3 builds a wrapper (and its variants) per transaction() call. */
  private readonly transaction: Transaction<(work: () => unknown) => unknown>

  constructor(
    readonly db: Db,
    private readonly userName: string = safeUserName(),
  ) {
    this.statements = new Statements(db)
    this.transaction = db.transaction((work: () => unknown) => work())
    this.t = Object.fromEntries(
      Object.entries(SPECS).map(([key, spec]) => [key, new Table(db, this.statements, spec)]),
    ) as Tables
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  tx<T>(work: () => T): T {
    if (this.db.inTransaction) return work()
    return this.transaction.immediate(work) as T
  }

  /** The OS user, as a users row, so created_by columns can be mapped by sync later. */
  get localUserId(): string {
    return this.ensureUser()
  }

  /**
   * The project used when a call names none: the one chosen with projects.setDefault, else the
   * first created (a project named Default is created when there is none). Read each time rather
   * than remembered, so a default chosen by another process sharing the database holds at once.
   */
  get defaultProjectId(): string {
    const pick = () =>
      this.statements
        .get(
          `SELECT id FROM projects
           ORDER BY id = (SELECT json_extract(value, '$') FROM settings WHERE key = '${DEFAULT_PROJECT_SETTING}') DESC, created_at, rowid LIMIT 1`,
        )
        .get() as { id: string } | undefined
    return pick()?.id ?? this.tx(() => pick()?.id ?? this.createProjectRow('Default', null))
  }

  projectOrDefault(projectId: string | null | undefined, field = 'project_id'): string {
    if (!projectId) return this.defaultProjectId
    this.assertExists('projects', projectId, field, 'project')
    return projectId
  }

  private ensureUser(): string {
    if (this.userId) return this.userId
    // Inside a caller's transaction the row may be uncommitted (created by this very call or an
    // earlier one in it) and vanish on rollback: remember it only when read outside one.
    const outer = this.db.inTransaction
    const userId = this.tx(() => {
      const user = this.statements.get('SELECT id FROM users WHERE is_local = 1 ORDER BY created_at LIMIT 1').get() as { id: string } | undefined
      return user?.id ?? this.t.users.insert({ name: this.userName, is_local: true })
    })
    if (!outer) this.userId = userId
    return userId
  }

  /** A project row plus its ROOT suite. */
  createProjectRow(name: string, description: string | null, id?: string, rootSuiteId?: string): string {
    return this.tx(() => {
      const projectId = guarded(() => this.t.projects.insert({ id, name, description }))
      this.t.suites.insert({ id: rootSuiteId, project_id: projectId, parent_id: null, name: 'ROOT', position: 0 })
      return projectId
    })
  }

  /** The columns of a table: what a list's `fields` may select (beside computed fields). */
  columnsOf(table: TableName): readonly string[] {
    return this.t[table].shape.columns
  }

  /** Throws a validation error naming `field` when the referenced row is missing. */
  assertExists(table: TableName, id: string, field: string, what: string): void {
    if (!this.t[table].exists(id)) throw TestDeskError.validation(field, `no ${what} with id ${id}`)
  }

  /** The project a row belongs to, or null when there is no such row. */
  projectOf(table: TableName, id: string): string | null {
    const row = this.statements.get(`SELECT project_id FROM ${this.t[table].name} WHERE id = ?`).get(id) as { project_id: string } | undefined
    return row?.project_id ?? null
  }

  /** Throws a validation error naming `field` when the row is missing or in another project. */
  assertInProject(table: TableName, id: string, projectId: string, field: string, what: string): void {
    const owner = this.projectOf(table, id)
    if (owner === null) throw TestDeskError.validation(field, `no ${what} with id ${id}`)
    if (owner !== projectId) throw TestDeskError.validation(field, `the ${what} ${id} belongs to another project`)
  }

  /**
   * Refuses an edit made on an older version of a row (`if_version` of an update), naming what
   * changed, so the caller can show both sides instead of overwriting someone else's work.
   */
  checkVersion(table: TableName, id: string, expected: number | undefined, what: string, prefix = ''): void {
    if (expected === undefined) return
    const row = this.statements.get(`SELECT name, version, updated_at FROM ${this.t[table].name} WHERE id = ?`).get(id) as
      | { name: string; version: number; updated_at: string }
      | undefined
    if (!row) throw TestDeskError.notFound(what, id)
    if (row.version !== expected) {
      throw TestDeskError.conflict(
        `${what} '${row.name}' was changed elsewhere (now version ${row.version}, saved ${row.updated_at}); this edit was made on version ${expected}`,
        prefix ? `${prefix}.if_version` : 'if_version',
      )
    }
  }

  /** Fetches a row or throws not_found. */
  mustGet<T>(table: TableName, id: string, what: string): T {
    const row = this.t[table].get(id)
    if (!row) throw TestDeskError.notFound(what, id)
    return row as unknown as T
  }

  now(): string {
    return nowIso()
  }

  /** Changes when another connection (another process) commits: tells its writes from this process's own. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'local'
  } catch {
    return 'local'
  }
}
