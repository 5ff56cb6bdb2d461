// `npm run bench:store`: how fast the store writes what a run produces and answers the hot
// reads, on a fresh database file in WAL mode as in production. Write rates are printed next to
// raw better-sqlite3 doing the same inserts (same columns, values, ids, batches, transactions),
// measured batch by batch in turn so both see the same machine; project-file imports (see
// project-import.ts) next to their own raw anchor. Benchmarks report; they never fail.
import type Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ConsoleLogInput, NetworkLogInput, StepResultInput } from '../src/shared/model/execution'
import { Store } from '../src/main/store'
import { openDatabase } from '../src/main/store/db'
import { newId, nowIso } from '../src/main/store/table'
import { importBenchmarks } from './project-import'
import { quantile } from './stats'

const STEP_RESULTS = 5_000
const STEPS_PER_RESULT = 20
const LOG_RESULTS = 5_000
const LOGS_PER_RESULT = 100 // of each kind: 500k console + 500k network
const HISTORY_TEST_CASES = 1_000
const HISTORY_RUNS = 1_000 // × 1,000 test cases = 1M history rows
const RUNS = 100_000
const ROLLUP_RUNS = 8
const ROLLUP_ITEMS = 50
const QUERY_SAMPLES = 1_000

const root = mkdtempSync(join(tmpdir(), 'td-bench-'))
const rows: { measure: string; figure: string; goal: string; status: string }[] = []
const seeding: [string, number][] = []
const started = performance.now()
const loadAtStart = loadavg()[0]
// `--sync-capture`: every store writes its changes to the sync outbox too (migration 0090), to
// see what capture costs; off by default, as on a machine that does not sync.
const SYNC_CAPTURE = process.argv.includes('--sync-capture')

function open(name: string): { db: Database.Database; store: Store } {
  const dataDir = join(root, name)
  mkdirSync(dataDir)
  const db = openDatabase(join(dataDir, 'testdesk.db'))
  const store = new Store(db, { dataDir, userName: 'bench' })
  if (SYNC_CAPTURE) store.outbox.setCapturing(true)
  return { db, store }
}

function timed<T>(label: string, work: () => T): T {
  const start = performance.now()
  const result = work()
  seeding.push([label, performance.now() - start])
  return result
}

const ms = (value: number) => `${value.toFixed(2)} ms`
const rate = (count: number, millis: number) => Math.round(count / (millis / 1000))
const fmt = (n: number) => n.toLocaleString('en-US')

function report(measure: string, figure: string, goal = '', pass?: boolean): void {
  rows.push({ measure, figure, goal, status: pass === undefined ? '' : pass ? 'PASS' : 'MISS' })
}

/** A project, a test case and a run with one item, plus `count` result rows (raw SQL). */
function seedResults(store: Store, db: Database.Database, count: number): string[] {
  const testCase = store.tests.create({ name: 'Checkout' })
  const run = store.runs.create({ test_case_ids: [testCase.id] })
  const [item] = store.runs.items(run.id)
  const insert = db.prepare(
    "INSERT INTO test_run_results (id, test_run_id, test_run_item_id, test_case_id, iteration_number, status, created_at) VALUES (?, ?, ?, ?, ?, 'passed', ?)",
  )
  const ids = Array.from({ length: count }, () => newId())
  db.transaction(() => ids.forEach((id, i) => insert.run(id, run.id, item.id, testCase.id, i + 1, nowIso())))()
  return ids
}

// ── Writes: step results, console and network logs ──────────────────────────────────────────

function stepBatch(resultIndex: number): StepResultInput[] {
  const base = Date.UTC(2026, 0, 17, 10) + resultIndex * 60_000
  return Array.from({ length: STEPS_PER_RESULT }, (_, i) => ({
    step_number: i + 1,
    action: i === 0 ? 'navigate' : 'click',
    description: `Click the button #step-${i + 1}`,
    status: i === STEPS_PER_RESULT - 1 && resultIndex % 10 === 0 ? 'failed' : 'passed',
    started_at: new Date(base + i * 1000).toISOString(),
    completed_at: new Date(base + i * 1000 + 120).toISOString(),
    duration_ms: 120,
    selector: `#step-${i + 1}`,
    playwright_code: `await page.click('#step-${i + 1}')`,
    window_id: 'main',
    window_title: 'Shop - Checkout',
    error_message: i === STEPS_PER_RESULT - 1 && resultIndex % 10 === 0 ? 'Element not found: #step' : null,
  }))
}

function consoleBatch(resultIndex: number): ConsoleLogInput[] {
  const base = Date.UTC(2026, 0, 17, 10) + resultIndex * 60_000
  return Array.from({ length: LOGS_PER_RESULT }, (_, i) => ({
    log_level: (['log', 'info', 'warn', 'error', 'debug'] as const)[i % 5],
    message: `[app] rendered component ${i} in ${i % 17} ms`,
    source: 'https://shop.test/assets/app.js',
    line_number: 100 + i,
    column_number: 12,
    stack_trace: i % 5 === 3 ? 'Error\n    at render (app.js:100:12)' : null,
    step_index: i % STEPS_PER_RESULT,
    timestamp: new Date(base + i * 10).toISOString(),
  }))
}

function networkBatch(resultIndex: number): NetworkLogInput[] {
  const base = Date.UTC(2026, 0, 17, 10) + resultIndex * 60_000
  return Array.from({ length: LOGS_PER_RESULT }, (_, i) => ({
    url: `https://shop.test/api/items/${i}?page=${resultIndex % 7}`,
    method: i % 4 === 0 ? 'POST' : 'GET',
    status_code: i % 25 === 0 ? 500 : 200,
    status_text: i % 25 === 0 ? 'Internal Server Error' : 'OK',
    request_headers: { accept: 'application/json', 'user-agent': 'TestDesk' },
    response_headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    content_type: 'application/json',
    content_length: 512 + i,
    resource_type: i % 3 === 0 ? 'fetch' : 'xhr',
    timestamp: new Date(base + i * 10).toISOString(),
    duration_ms: 20 + (i % 50),
    ttfb_ms: 5 + (i % 10),
    step_index: i % STEPS_PER_RESULT,
  }))
}

/**
 * Raw inserts as one would write them by hand: a prepared INSERT of every column (as the store's
 * INSERT has), values bound in order, missing ones as the schema's defaults, a UUIDv7 id and a
 * created_at per row, one transaction per batch.
 */
function rawWriters(db: Database.Database) {
  const steps = db.prepare(
    `INSERT INTO test_step_results (id, test_run_result_id, step_number, action, description, status, started_at, completed_at, duration_ms,
       selector, element_html, input_value, screenshot_path, screenshot_url, error_message, error_stack_trace, playwright_code, window_id,
       window_title, healed_selector, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const consoleLogs = db.prepare(
    `INSERT INTO console_logs (id, test_run_result_id, log_level, message, source, line_number, column_number, stack_trace, step_index, timestamp, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const networkLogs = db.prepare(
    `INSERT INTO network_logs (id, test_run_result_id, url, method, status_code, status_text, request_headers, response_headers,
       request_body_preview, response_body_preview, content_type, content_length, resource_type, timestamp, duration_ms, ttfb_ms,
       error_message, step_index, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value))
  return {
    steps: db.transaction((resultId: string, batch: readonly StepResultInput[]) => {
      for (const s of batch) {
        steps.run(newId(), resultId, s.step_number, s.action, s.description ?? null, s.status, s.started_at ?? null, s.completed_at ?? null, s.duration_ms ?? 0,
          s.selector ?? null, s.element_html ?? null, s.input_value ?? null, s.screenshot_path ?? null, s.screenshot_url ?? null, s.error_message ?? null,
          s.error_stack_trace ?? null, s.playwright_code ?? null, s.window_id ?? null, s.window_title ?? null, s.healed_selector ?? null, nowIso())
      }
      return batch.length
    }),
    consoleLogs: db.transaction((resultId: string, batch: readonly ConsoleLogInput[]) => {
      for (const l of batch) {
        consoleLogs.run(newId(), resultId, l.log_level, l.message, l.source ?? null, l.line_number ?? null, l.column_number ?? null, l.stack_trace ?? null,
          l.step_index ?? null, l.timestamp, nowIso())
      }
      return batch.length
    }),
    networkLogs: db.transaction((resultId: string, batch: readonly NetworkLogInput[]) => {
      for (const l of batch) {
        networkLogs.run(newId(), resultId, l.url, l.method, l.status_code ?? null, l.status_text ?? null, json(l.request_headers), json(l.response_headers),
          l.request_body_preview ?? null, l.response_body_preview ?? null, l.content_type ?? null, l.content_length ?? null, l.resource_type ?? null,
          l.timestamp, l.duration_ms ?? null, l.ttfb_ms ?? null, l.error_message ?? null, l.step_index ?? null, nowIso())
      }
      return batch.length
    }),
  }
}

function writeBenchmarks(): void {
  const repo = open('writes-repo')
  const raw = open('writes-raw')
  const repoResults = timed('5,000 results for the write benchmarks (×2)', () => seedResults(repo.store, repo.db, Math.max(STEP_RESULTS, LOG_RESULTS)))
  const rawResults = seedResults(raw.store, raw.db, Math.max(STEP_RESULTS, LOG_RESULTS))
  const writers = rawWriters(raw.db)

  const compare = (label: string, batches: number, build: (i: number) => object[], viaRepo: (resultId: string, batch: object[]) => unknown, viaRaw: (resultId: string, batch: object[]) => unknown) => {
    let repoMs = 0
    let rawMs = 0
    let count = 0
    for (let i = 0; i < batches; i++) {
      const batch = build(i)
      count += batch.length
      // Alternate which goes first so neither always runs on a warmer cache.
      const order = i % 2 === 0 ? ['repo', 'raw'] : ['raw', 'repo']
      for (const which of order) {
        const start = performance.now()
        if (which === 'repo') viaRepo(repoResults[i], batch)
        else viaRaw(rawResults[i], batch)
        const took = performance.now() - start
        if (which === 'repo') repoMs += took
        else rawMs += took
      }
    }
    const repoRate = rate(count, repoMs)
    const rawRate = rate(count, rawMs)
    report(`${label}: repository`, `${fmt(repoRate)} rows/s`)
    report(`${label}: raw better-sqlite3`, `${fmt(rawRate)} rows/s`)
    report(`${label}: repository / raw`, (repoRate / rawRate).toFixed(2), '≥ 0.80', repoRate / rawRate >= 0.8)
  }

  compare(
    `${fmt(STEP_RESULTS * STEPS_PER_RESULT)} step results (${STEPS_PER_RESULT}/result)`,
    STEP_RESULTS,
    stepBatch,
    (id, batch) => repo.store.results.insertSteps(id, batch as StepResultInput[]),
    (id, batch) => writers.steps(id, batch as StepResultInput[]),
  )
  compare(
    `${fmt(LOG_RESULTS * LOGS_PER_RESULT)} console logs (${LOGS_PER_RESULT}/result)`,
    LOG_RESULTS,
    consoleBatch,
    (id, batch) => repo.store.results.addConsoleLogs(id, batch as ConsoleLogInput[]),
    (id, batch) => writers.consoleLogs(id, batch as ConsoleLogInput[]),
  )
  compare(
    `${fmt(LOG_RESULTS * LOGS_PER_RESULT)} network logs (${LOGS_PER_RESULT}/result)`,
    LOG_RESULTS,
    networkBatch,
    (id, batch) => repo.store.results.addNetworkLogs(id, batch as NetworkLogInput[]),
    (id, batch) => writers.networkLogs(id, batch as NetworkLogInput[]),
  )
  // Both sides wrote the same values: compare the first rows of each table, ids and times aside.
  for (const table of ['test_step_results', 'console_logs', 'network_logs']) {
    const sample = (db: Database.Database) =>
      (db.prepare(`SELECT * FROM ${table} ORDER BY rowid LIMIT 200`).all() as Record<string, unknown>[]).map(({ id: _i, test_run_result_id: _r, created_at: _c, ...rest }) =>
        JSON.stringify(rest),
      )
    if (sample(repo.db).join('\n') !== sample(raw.db).join('\n')) throw new Error(`The repository and raw inserts wrote different ${table} rows`)
  }
  for (const side of [repo, raw]) {
    const count = (table: string) => (side.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    const expected = [STEP_RESULTS * STEPS_PER_RESULT, LOG_RESULTS * LOGS_PER_RESULT, LOG_RESULTS * LOGS_PER_RESULT]
    const actual = [count('test_step_results'), count('console_logs'), count('network_logs')]
    if (actual.join() !== expected.join()) throw new Error(`Row counts ${actual} differ from ${expected}`)
    side.db.close()
  }
}

// ── Reads: history, runs list; the rollup of one submitted result ───────────────────────────

function readBenchmarks(): void {
  const { db, store } = open('reads')
  const projectId = store.defaultProjectId
  const userId = store.localUserId

  const testCaseIds = timed(`${fmt(HISTORY_TEST_CASES)} test cases`, () => {
    const insert = db.prepare('INSERT INTO test_cases (id, project_id, name, created_by) VALUES (?, ?, ?, ?)')
    const ids = Array.from({ length: HISTORY_TEST_CASES }, () => newId())
    db.transaction(() => ids.forEach((id, i) => insert.run(id, projectId, `Test case ${i + 1}`, userId)))()
    return ids
  })

  const runIds = timed(`${fmt(RUNS)} runs`, () => {
    const insert = db.prepare(
      `INSERT INTO test_runs (id, run_name, run_number, project_id, created_by, status, started_at, completed_at, duration_ms,
         total_tests, passed_tests, failed_tests, pass_rate, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const statuses = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'failed', 'cancelled', 'completed', 'pending']
    const first = Date.UTC(2025, 0, 1)
    const step = (365 * 86_400_000) / RUNS
    const ids: string[] = []
    db.transaction(() => {
      for (let i = 0; i < RUNS; i++) {
        const id = newId()
        ids.push(id)
        const created = new Date(first + i * step).toISOString()
        const status = statuses[i % statuses.length]
        const total = 10 + (i % 40)
        const passed = total - (i % 5)
        const done = status !== 'pending'
        insert.run(id, `Run_${String(i + 1).padStart(3, '0')}`, i + 1, projectId, userId, status, done ? created : null, done ? created : null, done ? 60_000 : 0,
          total, done ? passed : 0, done ? total - passed : 0, done ? Math.round((passed * 10000) / total) / 100 : 0, i % 3 ? '["nightly"]' : '["smoke"]', created, created)
      }
    })()
    return ids
  })

  timed(`${fmt(HISTORY_RUNS * HISTORY_TEST_CASES)} history rows`, () => {
    const insert = db.prepare(
      `INSERT INTO test_execution_history (id, test_case_id, test_run_id, status, executed_at, duration_ms, total_steps, passed_steps, failed_steps,
         pass_rate, error_message, run_name, retry_attempt, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    db.transaction(() => {
      for (let r = 0; r < HISTORY_RUNS; r++) {
        const runIndex = RUNS - HISTORY_RUNS + r // the newest runs
        const executed = Date.UTC(2025, 0, 1) + runIndex * ((365 * 86_400_000) / RUNS)
        for (let c = 0; c < HISTORY_TEST_CASES; c++) {
          const failed = (r * 7 + c) % 10 === 0
          const at = new Date(executed + c * 1000).toISOString()
          insert.run(newId(), testCaseIds[c], runIds[runIndex], failed ? 'failed' : 'passed', at, 1000 + (c % 100) * 10, 20, failed ? 19 : 20, failed ? 1 : 0,
            failed ? 95 : 100, failed ? 'Element not found: #submit' : null, `Run_${runIndex + 1}`, 0, at)
        }
      }
    })()
  })

  timed('WAL checkpoint and warm-up (no ANALYZE, as users have)', () => {
    db.pragma('wal_checkpoint(TRUNCATE)')
    for (let i = 0; i < 200; i++) store.history.forTestCase(testCaseIds[i], 10)
  })

  // Test case history, newest 10 with statistics over all ~1,000 executions.
  const history: number[] = []
  for (let i = 0; i < QUERY_SAMPLES; i++) {
    const id = testCaseIds[Math.floor(Math.random() * testCaseIds.length)]
    const start = performance.now()
    const page = store.history.forTestCase(id, 10)
    history.push(performance.now() - start)
    if (page.history.length !== 10 || page.total !== HISTORY_RUNS) throw new Error('unexpected history page')
  }
  report(`history of a test case (10 of ${fmt(HISTORY_RUNS)}, ${fmt(HISTORY_RUNS * HISTORY_TEST_CASES)} rows): p50`, ms(quantile(history, 0.5)))
  report('history of a test case: p95', ms(quantile(history, 0.95)), '< 5 ms', quantile(history, 0.95) < 5)

  // Runs filtered by status and date, newest first, one page of 20 with its total.
  const runsList: number[] = []
  for (let i = 0; i < QUERY_SAMPLES + 20; i++) {
    const daysBack = 7 + Math.floor(Math.random() * 358)
    const from = new Date(Date.UTC(2026, 0, 1) - daysBack * 86_400_000).toISOString().slice(0, 10)
    const offset = 20 * Math.floor(Math.random() * 5)
    const start = performance.now()
    const page = store.runs.list({ status: 'completed', from_date: from, limit: 20, offset, sort_by: 'created_at', sort_order: 'desc' })
    if (i >= 20) runsList.push(performance.now() - start)
    if (page.items.length !== 20) throw new Error('unexpected runs page')
  }
  report(`runs list (status + from_date, ${fmt(RUNS)} runs): p50`, ms(quantile(runsList, 0.5)))
  report('runs list: p95', ms(quantile(runsList, 0.95)), '< 20 ms', quantile(runsList, 0.95) < 20)

  // One submitted result rolled up into a running run of 50 items.
  const rollup: number[] = []
  for (let r = 0; r < ROLLUP_RUNS; r++) {
    const tests = testCaseIds.slice(r * ROLLUP_ITEMS, (r + 1) * ROLLUP_ITEMS)
    const run = store.runs.create({ test_case_ids: tests })
    store.runs.transitionRun(run.id, 'running', 'bench')
    for (const item of store.runs.items(run.id)) {
      const start = performance.now()
      store.results.submit({
        test_run_id: run.id, test_run_item_id: item.id, test_case_id: item.test_case_id, status: item.execution_order % 9 ? 'passed' : 'failed',
        started_at: nowIso(), completed_at: nowIso(), total_steps: 20, passed_steps: 19, failed_steps: 1, total_checkpoints: 4, passed_checkpoints: 4,
      })
      rollup.push(performance.now() - start)
    }
    if (store.runs.get(run.id).status !== 'completed') throw new Error('the rollup run did not complete')
  }
  report(`submit + rollup (run of ${ROLLUP_ITEMS} items, ${fmt(rollup.length)} submits): p50`, ms(quantile(rollup, 0.5)))
  report('submit + rollup: p95', ms(quantile(rollup, 0.95)))
  db.close()
}

try {
  writeBenchmarks()
  readBenchmarks()
  importBenchmarks(open, report)
} finally {
  rmSync(root, { recursive: true, force: true })
}

const total = (performance.now() - started) / 1000
const width = (key: 'measure' | 'figure' | 'goal' | 'status') => Math.max(key.length, ...rows.map((r) => r[key].length))
const line = (r: { measure: string; figure: string; goal: string; status: string }) =>
  `${r.measure.padEnd(width('measure'))}  ${r.figure.padStart(width('figure'))}  ${r.goal.padEnd(width('goal'))}  ${r.status}`.trimEnd()
console.log(`\nTestDesk store benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, WAL database file, sync capture ${SYNC_CAPTURE ? 'on' : 'off'}`)
// Other work on the machine slows absolute figures; the repository/raw ratios are measured side by side.
console.log(`load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end\n`)
console.log(line({ measure: 'measure', figure: 'figure', goal: 'goal', status: 'status' }))
console.log(line({ measure: '-'.repeat(width('measure')), figure: '-'.repeat(width('figure')), goal: '-'.repeat(width('goal')), status: '------' }))
for (const r of rows) console.log(line(r))
console.log('\nseeding (raw SQL, one transaction each):')
for (const [label, millis] of seeding) console.log(`  ${label.padEnd(50)} ${(millis / 1000).toFixed(1)} s`)
console.log(`\ntotal ${total.toFixed(1)} s`)

mkdirSync(join('bench', '.results'), { recursive: true })
writeFileSync(join('bench', '.results', 'store.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, rows, seeding, total_s: total }, null, 2))
