import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { latestSchemaVersion, migrate, openDatabase, schemaVersion } from './db'
import { migrations } from './migrations'
import type { Migration } from './migrations/types'

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) })

describe('openDatabase', () => {
  it('creates the file, turns on WAL and foreign keys, and migrates to the latest version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'td-db-'))
    const file = join(dir, 'nested', 'testdesk.db')
    const db = openDatabase(file)
    expect(existsSync(file)).toBe(true)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(schemaVersion(db)).toBe(latestSchemaVersion(migrations))
    db.close()
  })

  it('applies pending migrations only, and all of them or none', () => {
    const db = openDatabase(':memory:', { migrations: [m(10, 'CREATE TABLE a (x)')] })
    expect(schemaVersion(db)).toBe(10)
    expect(() => migrate(db, [m(10, 'CREATE TABLE a (x)'), m(20, 'CREATE TABLE b (y)'), m(30, 'CREATE TABLE broken (')])).toThrow()
    // The failed batch left nothing behind: version and tables unchanged.
    expect(schemaVersion(db)).toBe(10)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 })
    expect(migrate(db, [m(10, ''), m(20, 'CREATE TABLE b (y)')])).toBe(20)
    db.close()
  })

  it('refuses a database written by a newer TestDesk with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'td-db-'))
    const file = join(dir, 'testdesk.db')
    openDatabase(file, { migrations: [m(10, 'CREATE TABLE a (x)'), m(20, 'CREATE TABLE b (x)')] }).close()
    expect(() => openDatabase(file, { migrations: [m(10, 'CREATE TABLE a (x)')] })).toThrow(
      /schema version 20.*only up to version 10.*newer TestDesk/,
    )
  })

  it('rejects a migration list out of order', () => {
    const db = openDatabase(':memory:', { migrations: [] })
    expect(() => migrate(db, [m(20, ''), m(10, '')])).toThrow(/out of order/)
  })
})
