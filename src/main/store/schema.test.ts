// Migration 0010 from an empty database: every table, column and index reference/003 names,
// the foreign keys' delete rules (checked by deleting), and the CHECK constraints that keep bad
// statuses out even when SQL bypasses the repositories.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTests, openTestCore, startedRun, submit, type TestCore } from '../core/testing'
import { openDatabase, type Db } from './db'
import { introspect } from './table'

// Column for column from the CREATE TABLE blocks of reference/003.
const REFERENCE_COLUMNS: Record<string, string[]> = {
  test_runs: ['id', 'run_name', 'run_number', 'project_id', 'created_by', 'suite_path', 'suite_name', 'status', 'scheduled_at', 'started_at', 'completed_at', 'duration_ms', 'total_tests', 'passed_tests', 'failed_tests', 'skipped_tests', 'no_run_tests', 'pass_rate', 'parallel_enabled', 'parallel_count', 'retry_count', 'retry_on_failure', 'browser_name', 'browser_version', 'os_name', 'os_version', 'viewport_width', 'viewport_height', 'results_folder', 'report_path', 'tags', 'notes', 'created_at', 'updated_at'],
  test_run_items: ['id', 'test_run_id', 'test_case_id', 'execution_order', 'status', 'started_at', 'completed_at', 'duration_ms', 'total_steps', 'passed_steps', 'failed_steps', 'skipped_steps', 'total_checkpoints', 'passed_checkpoints', 'failed_checkpoints', 'is_data_driven', 'total_iterations', 'passed_iterations', 'failed_iterations', 'retry_attempt', 'max_retries_exhausted', 'error_message', 'error_screenshot_path', 'results_folder', 'created_at', 'updated_at'],
  test_run_results: ['id', 'test_run_id', 'test_run_item_id', 'test_case_id', 'iteration_number', 'data_row_index', 'data_row_values', 'status', 'started_at', 'completed_at', 'duration_ms', 'total_steps', 'passed_steps', 'failed_steps', 'skipped_steps', 'pass_rate', 'total_checkpoints', 'passed_checkpoints', 'failed_checkpoints', 'checkpoint_pass_rate', 'total_pre_scripts', 'passed_pre_scripts', 'failed_pre_scripts', 'total_post_scripts', 'passed_post_scripts', 'failed_post_scripts', 'total_on_demand_scripts', 'passed_on_demand_scripts', 'failed_on_demand_scripts', 'pre_script_aborted', 'total_accessibility_violations', 'accessibility_results', 'error_message', 'error_step_number', 'error_screenshot_path', 'initial_url', 'final_url', 'results_folder', 'report_path', 'retry_attempt', 'racing_stats', 'environment_info', 'captured_downloads', 'downloads_folder', 'created_at'],
  test_step_results: ['id', 'test_run_result_id', 'step_number', 'action', 'description', 'status', 'started_at', 'completed_at', 'duration_ms', 'selector', 'element_html', 'input_value', 'screenshot_path', 'screenshot_url', 'error_message', 'error_stack_trace', 'playwright_code', 'window_id', 'window_title', 'created_at'],
  checkpoint_results: ['id', 'test_run_result_id', 'test_step_result_id', 'checkpoint_name', 'checkpoint_type', 'status', 'selector', 'profile', 'expected_properties', 'actual_properties', 'failed_properties', 'property_verifications', 'screenshot_index', 'baseline_screenshot_path', 'actual_screenshot_path', 'diff_screenshot_path', 'diff_percentage', 'error_message', 'created_at'],
  script_results: ['id', 'test_run_result_id', 'test_script_id', 'script_name', 'script_type', 'script_language', 'status', 'exit_code', 'duration_ms', 'stdout', 'stderr', 'error_message', 'is_critical', 'attached_to_step', 'executed_at', 'created_at'],
  console_logs: ['id', 'test_run_result_id', 'log_level', 'message', 'source', 'line_number', 'column_number', 'stack_trace', 'step_index', 'timestamp', 'created_at'],
  network_logs: ['id', 'test_run_result_id', 'url', 'method', 'status_code', 'status_text', 'request_headers', 'response_headers', 'request_body_preview', 'response_body_preview', 'content_type', 'content_length', 'resource_type', 'timestamp', 'duration_ms', 'ttfb_ms', 'error_message', 'step_index', 'created_at'],
  schedules: ['id', 'project_id', 'created_by', 'schedule_name', 'suite_path', 'suite_name', 'test_case_ids', 'scheduled_datetime', 'timezone', 'repeat_type', 'repeat_interval', 'repeat_days_of_week', 'repeat_day_of_month', 'repeat_end_date', 'max_occurrences', 'status', 'is_enabled', 'parallel_enabled', 'parallel_count', 'retry_on_failure', 'retry_count', 'notify_on_completion', 'notify_on_failure', 'notification_emails', 'execution_count', 'last_executed_at', 'last_execution_status', 'next_execution_at', 'created_at', 'updated_at'],
  schedule_executions: ['id', 'schedule_id', 'test_run_id', 'scheduled_for', 'executed_at', 'status', 'total_tests', 'passed_tests', 'failed_tests', 'duration_ms', 'error_message', 'created_at'],
  test_execution_history: ['id', 'test_case_id', 'test_run_id', 'test_run_result_id', 'status', 'executed_at', 'duration_ms', 'total_steps', 'passed_steps', 'failed_steps', 'pass_rate', 'error_message', 'run_name', 'is_scheduled', 'created_at'],
}

// Every CREATE INDEX of reference/003: name → table and the column it starts with.
const REFERENCE_INDEXES: Record<string, [table: string, firstColumn: string]> = {
  idx_test_runs_project: ['test_runs', 'project_id'],
  idx_test_runs_status: ['test_runs', 'status'],
  idx_test_runs_created_at: ['test_runs', 'created_at'],
  idx_test_runs_created_by: ['test_runs', 'created_by'],
  idx_run_items_test_run: ['test_run_items', 'test_run_id'],
  idx_run_items_test_case: ['test_run_items', 'test_case_id'],
  idx_run_items_status: ['test_run_items', 'status'],
  idx_run_items_order: ['test_run_items', 'test_run_id'],
  idx_results_test_run: ['test_run_results', 'test_run_id'],
  idx_results_item: ['test_run_results', 'test_run_item_id'],
  idx_results_test_case: ['test_run_results', 'test_case_id'],
  idx_results_status: ['test_run_results', 'status'],
  idx_results_iteration: ['test_run_results', 'test_run_item_id'],
  idx_step_results_result: ['test_step_results', 'test_run_result_id'],
  idx_step_results_number: ['test_step_results', 'test_run_result_id'],
  idx_step_results_status: ['test_step_results', 'status'],
  idx_checkpoint_result: ['checkpoint_results', 'test_run_result_id'],
  idx_checkpoint_step: ['checkpoint_results', 'test_step_result_id'],
  idx_checkpoint_status: ['checkpoint_results', 'status'],
  idx_script_result_run: ['script_results', 'test_run_result_id'],
  idx_script_result_type: ['script_results', 'script_type'],
  idx_console_logs_result: ['console_logs', 'test_run_result_id'],
  idx_console_logs_level: ['console_logs', 'log_level'],
  idx_console_logs_timestamp: ['console_logs', 'timestamp'],
  idx_network_logs_result: ['network_logs', 'test_run_result_id'],
  idx_network_logs_status: ['network_logs', 'status_code'],
  idx_network_logs_timestamp: ['network_logs', 'timestamp'],
  idx_schedules_project: ['schedules', 'project_id'],
  idx_schedules_next_exec: ['schedules', 'next_execution_at'],
  idx_schedules_status: ['schedules', 'status'],
  idx_schedule_exec_schedule: ['schedule_executions', 'schedule_id'],
  idx_schedule_exec_status: ['schedule_executions', 'status'],
  idx_schedule_exec_date: ['schedule_executions', 'scheduled_for'],
  idx_exec_history_test_case: ['test_execution_history', 'test_case_id'],
  idx_exec_history_date: ['test_execution_history', 'executed_at'],
  idx_exec_history_status: ['test_execution_history', 'status'],
}

// The REFERENCES … ON DELETE rules of reference/003 ('NO ACTION' where it names none).
const REFERENCE_FOREIGN_KEYS: [table: string, column: string, parent: string, onDelete: string][] = [
  ['test_runs', 'project_id', 'projects', 'CASCADE'],
  ['test_runs', 'created_by', 'users', 'NO ACTION'],
  ['test_run_items', 'test_run_id', 'test_runs', 'CASCADE'],
  ['test_run_items', 'test_case_id', 'test_cases', 'CASCADE'],
  ['test_run_results', 'test_run_id', 'test_runs', 'CASCADE'],
  ['test_run_results', 'test_run_item_id', 'test_run_items', 'CASCADE'],
  ['test_run_results', 'test_case_id', 'test_cases', 'NO ACTION'],
  ['test_step_results', 'test_run_result_id', 'test_run_results', 'CASCADE'],
  ['checkpoint_results', 'test_run_result_id', 'test_run_results', 'CASCADE'],
  ['checkpoint_results', 'test_step_result_id', 'test_step_results', 'CASCADE'],
  ['script_results', 'test_run_result_id', 'test_run_results', 'CASCADE'],
  ['script_results', 'test_script_id', 'test_scripts', 'SET NULL'],
  ['console_logs', 'test_run_result_id', 'test_run_results', 'CASCADE'],
  ['network_logs', 'test_run_result_id', 'test_run_results', 'CASCADE'],
  ['schedules', 'project_id', 'projects', 'CASCADE'],
  ['schedules', 'created_by', 'users', 'NO ACTION'],
  ['schedule_executions', 'schedule_id', 'schedules', 'CASCADE'],
  ['schedule_executions', 'test_run_id', 'test_runs', 'SET NULL'],
  ['test_execution_history', 'test_case_id', 'test_cases', 'CASCADE'],
  ['test_execution_history', 'test_run_id', 'test_runs', 'SET NULL'],
  ['test_execution_history', 'test_run_result_id', 'test_run_results', 'SET NULL'],
]

describe('migration 0010 on an empty database', () => {
  let db: Db
  beforeEach(() => {
    db = openDatabase(':memory:')
  })
  afterEach(() => db.close())

  const columnsOf = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)

  it('creates every table of reference/003 with every column it lists', () => {
    for (const [table, columns] of Object.entries(REFERENCE_COLUMNS)) {
      const actual = columnsOf(table)
      expect(actual.length, `table ${table} exists`).toBeGreaterThan(0)
      expect(actual, table).toEqual(expect.arrayContaining(columns))
    }
  })

  it('creates the definition, bundle, audit, artifact and sync tables too', () => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name)
    expect(tables).toEqual(
      expect.arrayContaining([
        'users', 'projects', 'suites', 'suite_test_cases', 'test_cases', 'test_steps', 'test_scripts', 'test_data_sets', 'test_data_rows',
        'environments', 'environment_variables', 'browser_configurations', 'execution_bundles', 'state_transitions', 'artifacts', 'sync_outbox', 'settings',
      ]),
    )
  })

  it('creates every index reference/003 names, on the right table and column', () => {
    for (const [index, [table, firstColumn]] of Object.entries(REFERENCE_INDEXES)) {
      const row = db.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?").get(index) as { tbl_name: string } | undefined
      expect(row?.tbl_name, `index ${index}`).toBe(table)
      const columns = (db.prepare(`PRAGMA index_info(${index})`).all() as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno)
      expect(columns[0]?.name, `first column of ${index}`).toBe(firstColumn)
    }
    // Partial, as in reference/003: only active schedules are looked up by next execution.
    const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'idx_schedules_next_exec'").get() as { sql: string }
    expect(sql).toMatch(/WHERE status = 'active'/)
    // One test case per run.
    const unique = (db.prepare('PRAGMA index_list(test_run_items)').all() as { name: string; unique: number }[]).filter((i) => i.unique)
    const uniqueColumns = unique.map((i) => (db.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name).join(','))
    expect(uniqueColumns).toContain('test_run_id,test_case_id')
  })

  it('declares the delete rule of every reference/003 foreign key', () => {
    for (const [table, column, parent, onDelete] of REFERENCE_FOREIGN_KEYS) {
      const keys = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { from: string; table: string; on_delete: string }[]
      const key = keys.find((k) => k.from === column)
      expect(key, `${table}.${column} references ${parent}`).toMatchObject({ table: parent, on_delete: onDelete })
    }
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })
})

describe('deletes cascade as reference/003 says', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore()
  })
  afterEach(() => t.close())

  const count = (table: string, where = '1 = 1', ...params: unknown[]) =>
    (t.core.context.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n

  /** A finished run of two tests, each result with steps, a checkpoint, a script result and logs. */
  async function finishedRun() {
    const { run, items, tests } = await startedRun(t, 2)
    const results = []
    for (const item of items) {
      const result = await submit(t, item, { total_steps: 2, passed_steps: 2 })
      const steps = await t.ok('stepResults.add', {
        test_run_result_id: result.id,
        steps: [1, 2].map((n) => ({ step_number: n, action: 'click', status: 'passed' })),
      })
      await t.ok('checkpoints.add', {
        test_run_result_id: result.id,
        checkpoints: [{ test_step_result_id: steps[0].id, checkpoint_name: 'title', checkpoint_type: 'element', status: 'passed' }],
      })
      await t.ok('scriptResults.add', { test_run_result_id: result.id, script: { script_name: 'seed', script_type: 'pre_execution', status: 'passed' } })
      await t.ok('logs.addConsole', { test_run_result_id: result.id, logs: [{ log_level: 'info', message: 'hi', timestamp: '2026-01-17T10:00:00Z' }] })
      await t.ok('logs.addNetwork', { test_run_result_id: result.id, logs: [{ url: 'http://x/', method: 'GET', status_code: 200, timestamp: '2026-01-17T10:00:00Z' }] })
      results.push(result)
    }
    expect((await t.ok('runs.get', { id: run.id })).status).toBe('completed')
    return { run, items, tests, results }
  }

  it('deleting a run removes its items, results, step results, checkpoints, script results and logs; history stays, unlinked', async () => {
    const { run, tests } = await finishedRun()
    const other = await finishedRun()
    await t.ok('runs.delete', { id: run.id })
    for (const table of ['test_run_items', 'test_run_results', 'state_transitions']) expect(count(table, 'test_run_id = ?', run.id), table).toBe(0)
    // What hung off the deleted run's results is gone; the other run's is intact.
    for (const table of ['test_step_results', 'checkpoint_results', 'script_results', 'console_logs', 'network_logs']) {
      expect(count(table), table).toBe(other.results.length * (table === 'test_step_results' ? 2 : 1))
      expect(count(table, 'test_run_result_id IN (SELECT id FROM test_run_results WHERE test_run_id = ?)', other.run.id), table).toBe(count(table))
    }
    // History survives a deleted run (SET NULL), so a test case keeps its past.
    const history = t.core.context.db.prepare('SELECT * FROM test_execution_history WHERE test_case_id IN (?, ?)').all(tests[0].id, tests[1].id) as {
      test_run_id: string | null
      test_run_result_id: string | null
    }[]
    expect(history).toHaveLength(2)
    for (const row of history) expect(row).toMatchObject({ test_run_id: null, test_run_result_id: null })
    expect((await t.ok('history.forTestCase', { test_case_id: tests[0].id })).total).toBe(1)
  })

  it('deleting a test case removes its steps, suite links, run items (with their results) and history', async () => {
    const [keep, gone] = await createTests(t, ['Keep', 'Gone'], 3)
    const suite = await t.ok('suites.create', { name: 'Regression' })
    await t.ok('suites.addTests', { suite_id: suite.id, test_case_ids: [keep.id, gone.id] })
    const { run, items } = await startedRun(t, 0, {}, [keep, gone])
    for (const item of items) await submit(t, item)
    expect(count('test_steps', 'test_case_id = ?', gone.id)).toBe(3)
    await t.ok('tests.delete', { id: gone.id })
    expect(count('test_steps', 'test_case_id = ?', gone.id)).toBe(0)
    expect(count('suite_test_cases', 'test_case_id = ?', gone.id)).toBe(0)
    expect(count('test_run_items', 'test_case_id = ?', gone.id)).toBe(0)
    expect(count('test_run_results', 'test_case_id = ?', gone.id)).toBe(0)
    expect(count('test_execution_history', 'test_case_id = ?', gone.id)).toBe(0)
    // The other test case is untouched.
    expect(count('test_steps', 'test_case_id = ?', keep.id)).toBe(3)
    expect(count('test_run_items', 'test_run_id = ?', run.id)).toBe(1)
    expect((await t.ok('suites.get', { id: suite.id })).test_count).toBe(1)
  })

  it('deleting a result keeps its history row with test_run_result_id NULL', async () => {
    const { items } = await startedRun(t, 1)
    const result = await submit(t, items[0])
    const db = t.core.context.db
    db.prepare('DELETE FROM test_run_results WHERE id = ?').run(result.id)
    const history = db.prepare('SELECT test_run_id, test_run_result_id FROM test_execution_history WHERE test_case_id = ?').all(items[0].test_case_id)
    expect(history).toEqual([{ test_run_id: items[0].test_run_id, test_run_result_id: null }])
  })

  it('deleting a project removes everything in it', async () => {
    await t.ok('projects.list') // the default project exists first
    const project = await t.ok('projects.create', { name: 'Side project' })
    await t.ok('tests.create', { project_id: project.id, name: 'Lonely' })
    await t.ok('runs.create', { project_id: project.id })
    await t.ok('projects.delete', { id: project.id })
    for (const table of ['suites', 'test_cases', 'test_runs']) expect(count(table, 'project_id = ?', project.id), table).toBe(0)
  })
})

describe('CHECK constraints hold even for SQL that bypasses the repositories', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore()
  })
  afterEach(() => t.close())

  it('refuse a status outside each enum of reference/003', async () => {
    const { run, items } = await startedRun(t, 1)
    const result = await submit(t, items[0])
    await t.ok('stepResults.add', { test_run_result_id: result.id, steps: [{ step_number: 1, action: 'click', status: 'passed' }] })
    await t.ok('checkpoints.add', { test_run_result_id: result.id, checkpoints: [{ checkpoint_name: 'c', checkpoint_type: 'element', status: 'passed' }] })
    await t.ok('schedules.create', { schedule_name: 'Nightly', suite_path: ['ROOT'], scheduled_datetime: '2099-01-18T02:00:00Z' })
    const db = t.core.context.db
    const before = t.dump()
    for (const [table, column] of [
      ['test_runs', 'status'],
      ['test_run_items', 'status'],
      ['test_run_results', 'status'],
      ['test_step_results', 'status'],
      ['checkpoint_results', 'status'],
      ['checkpoint_results', 'checkpoint_type'],
      ['schedules', 'status'],
      ['schedules', 'repeat_type'],
      ['test_execution_history', 'status'],
    ]) {
      expect(() => db.prepare(`UPDATE ${table} SET ${column} = 'bogus'`).run(), `${table}.${column}`).toThrow(/CHECK constraint failed/)
    }
    // Booleans, JSON columns, rates and worker counts are checked too.
    expect(() => db.prepare('UPDATE test_runs SET parallel_enabled = 2 WHERE id = ?').run(run.id)).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE test_runs SET tags = '{not json' WHERE id = ?").run(run.id)).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE test_runs SET tags = '{}' WHERE id = ?").run(run.id)).toThrow(/CHECK/)
    expect(() => db.prepare('UPDATE test_runs SET pass_rate = 100.5 WHERE id = ?').run(run.id)).toThrow(/CHECK/)
    expect(() => db.prepare('UPDATE test_runs SET parallel_count = 11 WHERE id = ?').run(run.id)).toThrow(/CHECK/)
    expect(() =>
      db.prepare("INSERT INTO test_runs (id, run_name, run_number, project_id, created_by, status) VALUES ('x', 'x', 99, ?, ?, 'paused')").run(run.project_id, run.created_by),
    ).toThrow(/CHECK/)
    expect(t.dump()).toEqual(before)
  })

  it('refuse a second item for the same test case in a run, and a duplicate run number', async () => {
    const { run, items } = await startedRun(t, 1)
    const db = t.core.context.db
    expect(() =>
      db.prepare("INSERT INTO test_run_items (id, test_run_id, test_case_id, execution_order) VALUES ('dup', ?, ?, 2)").run(run.id, items[0].test_case_id),
    ).toThrow(/UNIQUE/)
    expect(() => db.prepare('UPDATE test_runs SET run_number = 1').run()).not.toThrow()
    const second = await t.ok('runs.create', {})
    expect(() => db.prepare('UPDATE test_runs SET run_number = 1 WHERE id = ?').run(second.id)).toThrow(/UNIQUE/)
  })
})

describe('Table introspection', () => {
  let db: Db
  beforeEach(() => {
    db = openDatabase(':memory:')
  })
  afterEach(() => db.close())

  it('finds JSON and boolean columns and the defaults of each table from its SQL', () => {
    const runs = introspect(db, 'test_runs')
    expect(runs.json.sort()).toEqual(['options', 'suite_path', 'tags'])
    expect(runs.bool.sort()).toEqual(['parallel_enabled', 'retry_on_failure'])
    expect(runs.defaults).toMatchObject({ status: 'pending', parallel_count: 1, pass_rate: 0, retry_count: 0, options: {} })
    expect(typeof runs.defaults.created_at).toBe('function')
    expect((runs.defaults.created_at as () => string)()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(runs.defaults).not.toHaveProperty('run_name')

    const steps = introspect(db, 'test_steps')
    expect(steps.json.sort()).toEqual(['options', 'target'])
    expect(steps.bool).toEqual(['disabled'])
    expect(steps.defaults).toMatchObject({ options: {}, disabled: 0 })

    const schedules = introspect(db, 'schedules')
    expect(schedules.json.sort()).toEqual(['notification_emails', 'repeat_days_of_week', 'report_formats', 'run_options', 'suite_path', 'tags', 'test_case_ids'])
    expect(schedules.bool.sort()).toEqual(['is_enabled', 'notify_desktop', 'notify_on_completion', 'notify_on_failure', 'notify_on_status_change', 'parallel_enabled', 'retry_on_failure'])
    expect(schedules.defaults).toMatchObject({ timezone: 'UTC', repeat_type: 'none', status: 'active', is_enabled: 1, notify_on_failure: 1, report_formats: ['html'], run_options: {}, missed_policy: 'skip' })

    // "values" is an SQL keyword, quoted in the table's SQL: still found as a JSON column.
    const rows = introspect(db, 'test_data_rows')
    expect(rows.json).toEqual(['values'])
    expect(rows.bool).toEqual(['enabled'])

    const results = introspect(db, 'test_run_results')
    expect(results.json.sort()).toEqual(['accessibility_results', 'captured_downloads', 'data_row_values', 'environment_info', 'racing_stats'])
    expect(results.bool).toEqual(['pre_script_aborted'])
    // Every reference column in order, plus TestDesk's trace of a failed execution.
    expect(results.columns).toEqual([...REFERENCE_COLUMNS.test_run_results.slice(0, -1), 'trace_path', 'created_at'])
  })

  it('refuses a table that does not exist', () => {
    expect(() => introspect(db, 'no_such_table')).toThrow(/No such table/)
  })
})
