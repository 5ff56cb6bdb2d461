// One write path for sync: triggers copy every insert, update and delete of a synced table into
// `sync_outbox`, whatever wrote it (a repository, a raw statement, another process, a cascade),
// so a sync can send what changed and nothing can bypass it.
// - Capture is off until sync is set up (`sync_state.capturing`): without it the outbox would
//   grow with every run on a machine that never syncs. Turning it on is where a sync starts
//   (with a first full copy); the triggers cost one primary-key read per write while it is off.
// - The payload is the row as stored (the shape `store/rows.ts` decodes), with every secret
//   masked: secret environment variable values, secret data-set columns and webhook URLs are
//   null, so no secret reaches the outbox in plain form.
// - A later migration that adds a column to a synced table calls `createSyncTriggers` for it.
import type { Database } from 'better-sqlite3'
import type { Migration } from './types'

/** The tables a sync sends: the definitions, and the execution side of reference/003. */
export const SYNCED_TABLES = [
  'projects',
  'suites',
  'suite_test_cases',
  'suite_steps',
  'test_cases',
  'test_steps',
  'test_scripts',
  'test_data_sets',
  'test_data_rows',
  'environments',
  'environment_variables',
  'browser_configurations',
  'test_runs',
  'test_run_items',
  'test_run_results',
  'test_step_results',
  'checkpoint_results',
  'script_results',
  'console_logs',
  'network_logs',
  'schedules',
  'schedule_executions',
  'test_execution_history',
  'execution_bundles',
] as const

type Row = 'NEW' | 'OLD'

/** Columns whose stored value is a secret: what the payload carries instead. */
const SECRETS: Record<string, Record<string, (row: Row) => string>> = {
  environment_variables: { value: (r) => `CASE WHEN ${r}.is_secret THEN NULL ELSE ${r}.value END` },
  schedules: { webhook_url: () => 'NULL' },
  // The data set's columns say which values are secret. `|| ''` keeps the result text, as stored,
  // rather than JSON that json_object would nest.
  test_data_rows: {
    values: (r) => `(SELECT json_group_object(cell.key, CASE WHEN cell.key IN (
        SELECT json_extract(col.value, '$.name') FROM test_data_sets AS ds, json_each(ds.columns) AS col
        WHERE ds.id = ${r}.data_set_id AND json_extract(col.value, '$.secret')
      ) THEN NULL ELSE cell.value END) FROM json_each(${r}."values") AS cell) || ''`,
  },
}

/** Tables keyed by more than one column: the outbox entity id joins the key with ':'. */
const KEYS: Record<string, string[]> = { suite_test_cases: ['suite_id', 'test_case_id'] }

const OUTBOX_ID = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

function payload(table: string, columns: readonly string[], row: Row): string {
  const pairs = columns.map((column) => `'${column}', ${SECRETS[table]?.[column]?.(row) ?? `${row}."${column}"`}`)
  // json_object takes at most 127 pairs (SQLite's argument limit); tables here have fewer than 60.
  return `json_object(${pairs.join(', ')})`
}

function entityId(table: string, row: Row): string {
  return (KEYS[table] ?? ['id']).map((column) => `${row}."${column}"`).join(" || ':' || ")
}

/** (Re)creates the three triggers of one synced table for its current columns. */
export function createSyncTriggers(db: Database, table: string): void {
  const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
  if (!columns.length) throw new Error(`createSyncTriggers: no table ${table}`)
  const capturing = 'WHEN (SELECT capturing FROM sync_state WHERE id = 1) = 1'
  const insert = (operation: string, row: Row) =>
    `INSERT INTO sync_outbox (id, entity_type, entity_id, operation, payload) VALUES (${OUTBOX_ID}, '${table}', ${entityId(table, row)}, '${operation}', ${payload(table, columns, row)});`
  const statements: [string, string, string, Row][] = [
    ['insert', 'INSERT', 'create', 'NEW'],
    ['update', 'UPDATE', 'update', 'NEW'],
    ['delete', 'DELETE', 'delete', 'OLD'],
  ]
  for (const [suffix, event, operation, row] of statements) {
    db.exec(`DROP TRIGGER IF EXISTS trg_sync_${table}_${suffix};
CREATE TRIGGER trg_sync_${table}_${suffix} AFTER ${event} ON ${table} ${capturing} BEGIN ${insert(operation, row)} END;`)
  }
}

export const syncOutboxTriggers: Migration = {
  version: 120,
  name: '0120-sync-outbox-triggers',
  up(db) {
    db.exec(`
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  capturing INTEGER NOT NULL DEFAULT 0 CHECK (capturing IN (0, 1)),
  capturing_since TEXT
);
INSERT INTO sync_state (id, capturing) VALUES (1, 0);
`)
    for (const table of SYNCED_TABLES) createSyncTriggers(db, table)
  },
}
