// Opens TestDesk's SQLite database: pragmas, migrations in one transaction, refusal of a database
// written by a newer TestDesk. Nothing outside src/main/store writes SQL.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { TestDeskError } from '../../shared/api/errors'
import { migrations as allMigrations } from './migrations'
import type { Migration } from './migrations/types'

export type Db = Database.Database

export interface OpenOptions {
  /** Path of a better-sqlite3 addon built for another runtime (the Electron shell in development). */
  nativeBinding?: string
  /** Replaces the migration list; tests use it to simulate older and newer code. */
  migrations?: readonly Migration[]
  readonly?: boolean
}

export function latestSchemaVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.length ? migrations[migrations.length - 1].version : 0
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  try {
    if (file !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    if (!options.readonly) migrate(db, options.migrations ?? allMigrations)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies every pending migration in one transaction: all of them land, or none. */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations): number {
  checkOrder(migrations)
  const current = schemaVersion(db)
  const latest = latestSchemaVersion(migrations)
  if (current > latest) {
    throw new TestDeskError(
      'invalid_state',
      `This database has schema version ${current}, but this TestDesk knows only up to version ${latest}. ` +
        'It was written by a newer TestDesk: update TestDesk, or point it at another data directory (--data-dir).',
    )
  }
  const pending = migrations.filter((m) => m.version > current)
  if (!pending.length) return current
  db.transaction(() => {
    for (const migration of pending) migration.up(db)
    db.pragma(`user_version = ${latest}`)
  }).immediate()
  return latest
}

function checkOrder(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version <= migrations[i - 1].version) {
      throw new Error(`Migrations out of order: ${migrations[i - 1].name} then ${migrations[i].name}`)
    }
  }
}
