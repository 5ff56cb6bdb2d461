// Migration 0120's one write path: every change of a synced table reaches the outbox, whoever
// wrote it and however (a repository, raw SQL that bypasses them, a cascade), with secrets masked.
import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { Store } from '.'
import { openDatabase, type Db } from './db'
import { SYNCED_TABLES } from './migrations/0120-sync-outbox-triggers'

let db: Db
afterEach(() => db?.close())

function open(): Store {
  db = openDatabase(':memory:')
  // A user for the rows written by hand below (the store adds its own when it first writes).
  db.prepare("INSERT INTO users (id, name, is_local) VALUES ('u1', 'someone', 0)").run()
  return new Store(db, { dataDir: tmpdir(), userName: 'tester' })
}

const outboxText = () => (db.prepare('SELECT group_concat(payload, char(10)) AS text FROM sync_outbox').get() as { text: string | null }).text ?? ''

describe('the sync outbox', () => {
  it('stays empty while no sync captures changes', () => {
    const store = open()
    store.tests.create({ name: 'Checkout' })
    db.prepare("UPDATE test_cases SET name = 'Renamed'").run()
    expect(store.outbox.capturing()).toBe(false)
    expect(store.outbox.size()).toBe(0)
  })

  it('gets every insert, update and delete written by raw SQL that bypasses the repositories, oldest first', () => {
    const store = open()
    const projectId = store.defaultProjectId
    store.outbox.setCapturing(true)
    db.prepare("INSERT INTO test_cases (id, project_id, name, created_by) VALUES ('t1', ?, 'Raw', 'u1')").run(projectId)
    db.prepare("UPDATE test_cases SET name = 'Raw, renamed' WHERE id = 't1'").run()
    db.prepare("DELETE FROM test_cases WHERE id = 't1'").run()
    const changes = store.outbox.pending()
    expect(changes.map((c) => [c.entity_type, c.entity_id, c.operation, c.payload.name])).toEqual([
      ['test_cases', 't1', 'create', 'Raw'],
      ['test_cases', 't1', 'update', 'Raw, renamed'],
      ['test_cases', 't1', 'delete', 'Raw, renamed'],
    ])
    expect(changes[0].payload).toMatchObject({ id: 't1', project_id: projectId, version: 1 })
    expect(changes.map((c) => c.sequence)).toEqual([...changes.map((c) => c.sequence)].sort((a, b) => a - b))
  })

  it('gets what repositories and cascades write, keyed by the composite key where there is one', () => {
    const store = open()
    store.outbox.setCapturing(true)
    const suite = store.suites.create({ name: 'Smoke' })
    const test = store.tests.create({ name: 'Login', suite_ids: [suite.id] })
    db.prepare('DELETE FROM suites WHERE id = ?').run(suite.id)
    const changes = store.outbox.pending(1000).map((c) => `${c.operation} ${c.entity_type} ${c.entity_id}`)
    expect(changes).toContain(`create suites ${suite.id}`)
    expect(changes).toContain(`create test_cases ${test.id}`)
    expect(changes).toContain(`create suite_test_cases ${suite.id}:${test.id}`)
    // The membership goes with the suite, by ON DELETE CASCADE, and the outbox still hears of it.
    expect(changes).toContain(`delete suite_test_cases ${suite.id}:${test.id}`)
    expect(changes.at(-1)).toBe(`delete suites ${suite.id}`)
  })

  it('never holds a secret in plain form: secret variables, secret data columns and webhook URLs are null', () => {
    const store = open()
    store.outbox.setCapturing(true)
    const env = store.environments.create({
      name: 'Staging',
      variables: [
        { name: 'USER', value: 'ada', is_secret: false },
        { name: 'PASSWORD', value: 'hunter2-env', is_secret: true },
      ],
    })
    db.prepare("UPDATE environment_variables SET value = 'hunter3-raw' WHERE name = 'PASSWORD'").run()
    store.dataSets.create({
      name: 'Accounts',
      columns: [{ name: 'login', secret: false }, { name: 'pin', secret: true }],
      rows: [{ values: { login: 'ada', pin: 'pin-4321' } }],
    })
    const projectId = store.defaultProjectId
    db.prepare(
      `INSERT INTO schedules (id, project_id, created_by, schedule_name, suite_path, scheduled_datetime, timezone, repeat_type, webhook_url)
       VALUES ('s1', ?, 'u1', 'Nightly', '["ROOT"]', '2026-01-18T02:00:00.000Z', 'UTC', 'daily', 'https://hooks.example/T0/secret-path')`,
    ).run(projectId)
    // The store keeps the secrets (the runner needs them)…
    expect(store.environments.resolve(env.id).secrets).toEqual(['hunter3-raw'])
    // …the outbox never has them.
    const text = outboxText()
    for (const secret of ['hunter2-env', 'hunter3-raw', 'pin-4321', 'secret-path']) expect(text).not.toContain(secret)
    const variables = store.outbox.pending(1000).filter((c) => c.entity_type === 'environment_variables')
    expect(variables.map((c) => [c.operation, c.payload.name, c.payload.value])).toEqual([
      ['create', 'USER', 'ada'],
      ['create', 'PASSWORD', null],
      ['update', 'PASSWORD', null],
    ])
    const row = store.outbox.pending(1000).find((c) => c.entity_type === 'test_data_rows')!
    expect(JSON.parse(row.payload.values as string)).toEqual({ login: 'ada', pin: null })
  })

  it('gives changes back until acknowledged, holds a failed one until its retry is due, and empties when capture stops', () => {
    const store = open()
    store.outbox.setCapturing(true)
    store.tests.create({ name: 'One' })
    store.tests.create({ name: 'Two' })
    const [first, second] = store.outbox.pending().filter((c) => c.entity_type === 'test_cases')
    expect(store.outbox.acknowledge(store.outbox.pending().filter((c) => c.id !== second.id).map((c) => c.id).concat('not-there'))).toBeGreaterThan(0)
    expect(store.outbox.pending().map((c) => c.id)).toEqual([second.id])
    expect(first.payload.name).toBe('One')
    const now = new Date('2026-03-01T10:00:00.000Z')
    store.outbox.failed(second.id, 'server said 503', new Date('2026-03-01T10:05:00.000Z'))
    expect(store.outbox.pending(100, now)).toEqual([])
    expect(store.outbox.pending(100, new Date('2026-03-01T10:05:00.000Z'))).toMatchObject([{ id: second.id, attempts: 1, last_error: 'server said 503' }])
    store.outbox.setCapturing(false)
    expect(store.outbox.size()).toBe(0)
    store.tests.create({ name: 'Three' })
    expect(store.outbox.size()).toBe(0)
  })

  it("has insert, update and delete triggers on every synced table that copy each of the table's columns", () => {
    open()
    for (const table of SYNCED_TABLES) {
      const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
      for (const event of ['insert', 'update', 'delete']) {
        const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(`trg_sync_${table}_${event}`) as { sql: string } | undefined
        expect(trigger, `${table} ${event}`).toBeDefined()
        for (const column of columns) expect(trigger!.sql, `${table}.${column} in its ${event} trigger`).toContain(`'${column}', `)
      }
    }
  })
})
