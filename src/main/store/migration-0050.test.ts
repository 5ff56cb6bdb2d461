// Migration 0050 on a database written before it: schedules and their history are kept (the
// history table is rebuilt to admit 'skipped'), the new columns get their defaults, indexes and
// delete rules are as before, and the new CHECK constraints hold for SQL that bypasses the store.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, type Db } from './db'
import { migrations } from './migrations'

let db: Db
afterEach(() => db?.close())

function before0050(): Db {
  db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, migrations.filter((m) => m.version < 50))
  db.exec(`
    INSERT INTO users (id, name, is_local) VALUES ('u1', 'tester', 1);
    INSERT INTO projects (id, name) VALUES ('p1', 'Default');
    INSERT INTO test_runs (id, run_name, run_number, project_id, created_by, status) VALUES ('r1', 'Run_001', 1, 'p1', 'u1', 'completed');
    INSERT INTO schedules (id, project_id, created_by, schedule_name, suite_path, scheduled_datetime, timezone, repeat_type, next_execution_at)
      VALUES ('s1', 'p1', 'u1', 'Nightly', '["ROOT"]', '2026-01-18T02:00:00.000Z', 'America/New_York', 'daily', '2026-01-19T02:00:00.000Z');
    INSERT INTO schedule_executions (id, schedule_id, test_run_id, scheduled_for, executed_at, status, total_tests, passed_tests, failed_tests, duration_ms, error_message, created_at)
      VALUES ('e1', 's1', 'r1', '2026-01-18T02:00:00.000Z', '2026-01-18T02:00:01.000Z', 'completed', 10, 9, 1, 600000, NULL, '2026-01-18T02:10:00.000Z'),
             ('e2', 's1', NULL, '2026-01-17T02:00:00.000Z', NULL, 'missed', 0, 0, 0, 0, 'TestDesk was off', '2026-01-18T01:00:00.000Z');
  `)
  return db
}

describe('migration 0050', () => {
  it('keeps schedules and every occurrence, with the new columns at their defaults', () => {
    before0050()
    migrate(db, migrations)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version) // 0050 and every later migration ran
    expect(db.prepare('SELECT * FROM schedule_executions ORDER BY id').all()).toEqual([
      { id: 'e1', schedule_id: 's1', test_run_id: 'r1', scheduled_for: '2026-01-18T02:00:00.000Z', executed_at: '2026-01-18T02:00:01.000Z', status: 'completed', trigger: 'schedule', total_tests: 10, passed_tests: 9, failed_tests: 1, duration_ms: 600000, error_message: null, report_path: null, created_at: '2026-01-18T02:10:00.000Z' },
      { id: 'e2', schedule_id: 's1', test_run_id: null, scheduled_for: '2026-01-17T02:00:00.000Z', executed_at: null, status: 'missed', trigger: 'schedule', total_tests: 0, passed_tests: 0, failed_tests: 0, duration_ms: 0, error_message: 'TestDesk was off', report_path: null, created_at: '2026-01-18T01:00:00.000Z' },
    ])
    expect(db.prepare('SELECT repeat_month_end, tags, run_options, report_formats, missed_policy, overlap_policy, notify_on_status_change, notify_desktop, webhook_url FROM schedules').get()).toEqual({
      repeat_month_end: 'last_day',
      tags: '[]',
      run_options: '{}',
      report_formats: '["html"]',
      missed_policy: 'skip',
      overlap_policy: 'skip',
      notify_on_status_change: 0,
      notify_desktop: 1,
      webhook_url: null,
    })
  })

  it('rebuilds the history with its indexes and delete rules', () => {
    before0050()
    migrate(db, migrations)
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'schedule_executions' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((i) => i.name)
    expect(indexes).toEqual(['idx_schedule_exec_date', 'idx_schedule_exec_run', 'idx_schedule_exec_schedule', 'idx_schedule_exec_status'])
    const keys = db.prepare('PRAGMA foreign_key_list(schedule_executions)').all() as { from: string; table: string; on_delete: string }[]
    expect(keys.map((k) => [k.from, k.table, k.on_delete]).sort()).toEqual([
      ['schedule_id', 'schedules', 'CASCADE'],
      ['test_run_id', 'test_runs', 'SET NULL'],
    ])
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.prepare("INSERT INTO schedule_notifications (id, schedule_execution_id, channel, target, status) VALUES ('n1', 'e1', 'webhook', 'https://hooks.example.com/••', 'sent')").run()
    db.prepare("DELETE FROM test_runs WHERE id = 'r1'").run()
    expect(db.prepare("SELECT test_run_id FROM schedule_executions WHERE id = 'e1'").get()).toEqual({ test_run_id: null })
    db.prepare("DELETE FROM schedules WHERE id = 's1'").run()
    expect(db.prepare('SELECT count(*) AS n FROM schedule_executions').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM schedule_notifications').get()).toEqual({ n: 0 })
  })

  it('refuses values outside the new enums and booleans, even in raw SQL', () => {
    before0050()
    migrate(db, migrations)
    for (const sql of [
      "UPDATE schedule_executions SET status = 'bogus'",
      "UPDATE schedule_executions SET trigger = 'cron'",
      "UPDATE schedules SET missed_policy = 'burst'",
      "UPDATE schedules SET overlap_policy = 'parallel'",
      "UPDATE schedules SET repeat_month_end = 'first_day'",
      "UPDATE schedules SET repeat_unit = 'weeks'",
      'UPDATE schedules SET notify_desktop = 2',
      "UPDATE schedules SET run_options = '[]'",
      "UPDATE schedules SET tags = 'smoke'",
    ]) {
      expect(() => db.prepare(sql).run(), sql).toThrow(/CHECK/)
    }
    expect(() => db.prepare("UPDATE schedule_executions SET status = 'skipped' WHERE id = 'e2'").run()).not.toThrow()
  })
})
