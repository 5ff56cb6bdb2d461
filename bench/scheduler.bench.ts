// `npm run bench:scheduler`: how late schedules fire, and what planning costs.
// - Firing delay: one-time schedules fall due every 250 ms; the real loop (system clock, a
//   database file in WAL mode, runs in manual mode so no browser starts) creates their runs. The
//   delay is from each due instant to its run's creation. Anchor, in the same run: plain Node
//   timers armed for the same instants (how late the machine itself wakes a process).
// - Planning 10,000 schedules of every repeat type (hourly, daily, weekly, monthly on the 31st,
//   every N hours, every N days, cron; six time zones): creating them through the contract, and
//   planning them all again. Anchor: the same store writes without planning.
// Benchmarks report; they never fail.
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCore, type Core } from '../src/main/core'
import { quantile } from './stats'

const FIRINGS = 40
const SPACING_MS = 250
const LEAD_MS = 3000
const PLANNED = 10_000

const ms = (value: number) => `${value.toFixed(1)} ms`
const note = (text: string) => process.stderr.write(`${text}\n`)

async function call<T = any>(core: Core, name: string, input: unknown): Promise<T> {
  const envelope = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`)
  return envelope.value as T
}

async function firingDelay(root: string): Promise<{ delays: number[]; timers: number[] }> {
  const core = await openCore({ dataDir: join(root, 'firing'), execution: 'manual', userName: 'bench' })
  try {
    const test = await call(core, 'tests.create', { name: 'Bench test' })
    const start = Date.now() + LEAD_MS
    const due = Array.from({ length: FIRINGS }, (_, i) => new Date(start + i * SPACING_MS).toISOString())
    const ids: string[] = []
    for (const [i, at] of due.entries()) {
      ids.push((await call(core, 'schedules.create', { schedule_name: `Once ${i}`, test_case_ids: [test.id], scheduled_datetime: at, report_formats: [], notify_on_completion: false, notify_on_failure: false })).id)
    }
    // The anchor: a bare timer per instant, armed now, in this same process.
    const timers: number[] = []
    for (const at of due) setTimeout(() => timers.push(Date.now() - Date.parse(at)), Date.parse(at) - Date.now())
    core.scheduler.start({ kind: 'bench' })
    await new Promise((resolve) => setTimeout(resolve, LEAD_MS + FIRINGS * SPACING_MS + 2000))
    const delays: number[] = []
    for (const [i, id] of ids.entries()) {
      const [occurrence] = (await call(core, 'schedules.history', { id })).items
      if (!occurrence?.test_run_id) throw new Error(`Once ${i} did not fire`)
      const run = await call(core, 'runs.get', { id: occurrence.test_run_id })
      delays.push(Date.parse(run.created_at) - Date.parse(due[i]))
    }
    return { delays, timers }
  } finally {
    await core.close()
  }
}

function recurrence(i: number, start: string): Record<string, unknown> {
  const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'America/Sao_Paulo']
  const kinds: Record<string, unknown>[] = [
    { repeat_type: 'hourly' },
    { repeat_type: 'daily' },
    { repeat_type: 'weekly', repeat_days_of_week: [1, 3, 5] },
    { repeat_type: 'monthly', repeat_day_of_month: 31 },
    { repeat_type: 'custom', repeat_interval: 6, repeat_unit: 'hours' },
    { repeat_type: 'custom', repeat_interval: 3, repeat_unit: 'days' },
    { repeat_type: 'custom', cron_expression: '*/15 9-17 * * 1-5' },
  ]
  return { ...kinds[i % kinds.length], timezone: zones[i % zones.length], scheduled_datetime: start }
}

async function planning(root: string): Promise<{ createMs: number; replanMs: number; writeOnlyMs: number; byKind: Map<string, number[]> }> {
  const core = await openCore({ dataDir: join(root, 'planning'), execution: 'manual', userName: 'bench' })
  try {
    const test = await call(core, 'tests.create', { name: 'Bench test' })
    const start = new Date(Date.now() - 40 * 86_400_000).toISOString()
    const byKind = new Map<string, number[]>()
    const created = performance.now()
    for (let i = 0; i < PLANNED; i++) {
      const r = recurrence(i, start)
      const began = performance.now()
      await call(core, 'schedules.create', { schedule_name: `S${i}`, test_case_ids: [test.id], ...r })
      const kind = String(r.cron_expression ? 'cron' : r.repeat_unit ? `every N ${r.repeat_unit}` : r.repeat_type)
      byKind.set(kind, [...(byKind.get(kind) ?? []), performance.now() - began])
    }
    const createMs = performance.now() - created
    const replanned = performance.now()
    core.scheduler.replanAll()
    const replanMs = performance.now() - replanned
    // The same reads and writes with no planning: what the store costs on its own.
    const store = core.context.store
    const writes = performance.now()
    store.tx(() => {
      for (const id of store.schedules.ids()) {
        const schedule = store.schedules.get(id)
        store.schedules.plan(id, schedule.next_execution_at, schedule.status)
      }
    })
    const writeOnlyMs = performance.now() - writes
    return { createMs, replanMs, writeOnlyMs, byKind }
  } finally {
    await core.close()
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'td-bench-scheduler-'))
  note(`Scheduler benchmark on ${cpus().length} cores, load ${loadavg()[0].toFixed(2)} (working in ${root})`)
  try {
    note(`Firing ${FIRINGS} one-time schedules, ${SPACING_MS} ms apart…`)
    const { delays, timers } = await firingDelay(root)
    note(`Creating and planning ${PLANNED.toLocaleString('en-US')} schedules…`)
    const plan = await planning(root)
    const p95 = quantile(delays, 0.95)
    const rows = [
      ['measure', 'figure', 'anchor', 'ratio', 'goal', 'result'],
      ['firing delay p50 (due → run created)', ms(quantile(delays, 0.5)), `${ms(quantile(timers, 0.5))} (bare timer)`, '', '', ''],
      ['firing delay p95', ms(p95), `${ms(quantile(timers, 0.95))} (bare timer)`, `${(p95 / Math.max(1, quantile(timers, 0.95))).toFixed(1)}x`, '< 1 s', p95 < 1000 ? 'PASS' : 'MISS'],
      ['firing delay max', ms(Math.max(...delays)), ms(Math.max(...timers)), '', '', ''],
      [`create ${PLANNED.toLocaleString('en-US')} schedules (contract, planned)`, ms(plan.createMs), '', '', '', ''],
      [`plan ${PLANNED.toLocaleString('en-US')} schedules again`, ms(plan.replanMs), `${ms(plan.writeOnlyMs)} (same writes, no planning)`, `${(plan.replanMs / plan.writeOnlyMs).toFixed(1)}x`, '', ''],
      ['planning per schedule', `${((plan.replanMs / PLANNED) * 1000).toFixed(0)} µs`, `${((plan.writeOnlyMs / PLANNED) * 1000).toFixed(0)} µs`, '', '', ''],
      ...[...plan.byKind].map(([kind, times]) => [`  create p50, ${kind}`, ms(quantile(times, 0.5)), '', '', '', '']),
    ]
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd())
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

await main()
