// Migration 0110 on a database written before it: step results that healed become pending
// healings of their test step when that step is certainly the one (same position, same primary);
// a step edited since gets none, and nothing else changes.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { isId } from '../../shared/model/common'
import { migrate, type Db } from './db'
import { migrations } from './migrations'

let db: Db
afterEach(() => db?.close())

describe('migration 0110', () => {
  it('turns stored healed step results into pending healings of their steps', () => {
    db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations.filter((m) => m.version < 110))
    db.exec(`
      INSERT INTO users (id, name, is_local) VALUES ('u1', 'tester', 1);
      INSERT INTO projects (id, name) VALUES ('p1', 'Default');
      INSERT INTO test_cases (id, project_id, name, created_by) VALUES ('t1', 'p1', 'Sign in', 'u1');
      INSERT INTO test_steps (id, test_case_id, position, action, target) VALUES
        ('s1', 't1', 0, 'navigate', NULL),
        ('s2', 't1', 1, 'fill', '{"selector":"#email-old","alternatives":["label=Email"]}'),
        ('s3', 't1', 2, 'click', '{"selector":"#go","alternatives":["text=Go"]}');
      INSERT INTO test_runs (id, run_name, run_number, project_id, created_by, status) VALUES ('r1', 'Run_001', 1, 'p1', 'u1', 'completed');
      INSERT INTO test_run_items (id, test_run_id, test_case_id, execution_order) VALUES ('i1', 'r1', 't1', 0);
      INSERT INTO test_run_results (id, test_run_id, test_run_item_id, test_case_id, status) VALUES ('res1', 'r1', 'i1', 't1', 'passed');
      INSERT INTO test_step_results (id, test_run_result_id, step_number, action, status, selector, healed_selector, created_at) VALUES
        ('sr1', 'res1', 1, 'navigate', 'passed', NULL, NULL, '2026-01-01T00:00:00.000Z'),
        ('sr2', 'res1', 2, 'fill', 'passed', '#email-old', 'label=Email', '2026-01-01T00:00:01.000Z'),
        ('sr3', 'res1', 3, 'click', 'passed', '#go-before-edit', 'text=Go', '2026-01-01T00:00:02.000Z');
    `)
    migrate(db, migrations)
    const rows = db.prepare('SELECT * FROM step_healings').all() as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ test_step_result_id: 'sr2', test_run_result_id: 'res1', test_run_id: 'r1', test_case_id: 't1', test_step_id: 's2', step_number: 2, field: 'target', selector: '#email-old', healed_selector: 'label=Email', status: 'pending', decided_at: null, created_at: '2026-01-01T00:00:01.000Z' })
    expect(isId(rows[0].id as string)).toBe(true)
    expect(db.prepare('SELECT count(*) AS n FROM test_step_results').get()).toEqual({ n: 3 })
    expect(db.prepare('SELECT * FROM run_presets').all()).toEqual([])
  })
})
