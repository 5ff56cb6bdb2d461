// The scheduler loop with an injected clock, over the real core (runs started in manual mode, so
// a test ends them by submitting results or cancelling): firing at the due instant and only once,
// sleeping until then, noticing a jump of the clock, missed occurrences and their policy after a
// downtime, overlap, limits, pause and resume, run now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ScheduleExecutionView } from '../../shared/model/schedules'
import { createTests, openTestCore, submit, type TestCore } from '../core/testing'
import { FakeClock, settle } from './testing'

const T0 = '2026-03-02T12:00:00.000Z'
let t: TestCore
let clock: FakeClock
let logs: string[]
let events: { name: string; payload: any }[]
let testIds: string[]

beforeEach(async () => {
  clock = new FakeClock(T0)
  t = await openTestCore({ scheduler: { clock, timings: { graceMs: 60_000, maxSleepMs: 60_000 } } })
  testIds = (await createTests(t, ['Login works', 'Checkout works'], 1)).map((c) => c.id)
  logs = []
  events = []
  t.core.events.subscribe((name, payload) => {
    if (name.startsWith('schedules.')) events.push({ name, payload })
  })
})
afterEach(() => t.close())

const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString()
const MIN = 60_000
const HOUR = 60 * MIN

function schedule(fields: Record<string, unknown> = {}) {
  return t.ok('schedules.create', { schedule_name: 'Hourly smoke', test_case_ids: testIds, scheduled_datetime: at(HOUR), repeat_type: 'hourly', timezone: 'Europe/Berlin', ...fields })
}
const startLoop = () => t.core.scheduler.start({ kind: 'test', log: (line) => logs.push(line) })
const runs = async () => (await t.ok('runs.list', { sort_order: 'asc', sort_by: 'run_number' })).items as any[]
const history = async (id: string): Promise<ScheduleExecutionView[]> => (await t.ok('schedules.history', { id, limit: 100 })).items

function progressOf(run: any) {
  return { run_id: run.id, run_name: run.run_name, status: run.status, total_tests: run.total_tests, finished_tests: run.total_tests, passed_tests: run.passed_tests, failed_tests: run.failed_tests, skipped_tests: 0, no_run_tests: 0, pass_rate: run.pass_rate, running: [], elapsed_ms: 0, message: null }
}

/** Ends a run of the manual workflow: every item gets a result (passed unless told). */
async function finish(runId: string, status: 'passed' | 'failed' = 'passed') {
  const items = (await t.ok('runItems.list', { test_run_id: runId })).items as any[]
  for (const item of items) await submit(t, item, { status })
}

describe('the loop', () => {
  it('sleeps until the due instant, fires there once, and plans the next occurrence', async () => {
    const s = await schedule()
    startLoop()
    await settle()
    expect(t.core.scheduler.status()).toMatchObject({ running_here: true, next_wake_at: at(MIN), holder: { kind: 'test', pid: process.pid } })
    await clock.advanceTo(at(HOUR - 1))
    expect(await runs()).toHaveLength(0)
    // Capped at a minute, the sleep before the due instant ends exactly on it.
    expect(t.core.scheduler.status().next_wake_at).toBe(at(HOUR))
    await clock.advance(1)
    const created = await runs()
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ status: 'running', scheduled_at: at(HOUR), total_tests: 2, options: { is_scheduled: true, headless: true } })
    expect(created[0].notes).toBe(`Scheduled by "Hourly smoke" for ${at(HOUR)}`)
    const [occurrence] = await history(s.id)
    expect(occurrence).toMatchObject({ status: 'running', trigger: 'schedule', scheduled_for: at(HOUR), executed_at: at(HOUR), test_run_id: created[0].id, run_name: 'Run_001' })
    expect(await t.ok('schedules.get', { id: s.id })).toMatchObject({ next_execution_at: at(2 * HOUR), execution_count: 1 })
    expect(events.filter((e) => e.name === 'schedules.onFired')).toHaveLength(1)
    // Time passing without a due occurrence fires nothing more.
    await clock.advance(30 * MIN)
    expect(await runs()).toHaveLength(1)
  })

  it('ends the occurrence with its run, writes the html report, and starts the next one on time', async () => {
    const s = await schedule({ max_occurrences: 2 })
    startLoop()
    await clock.advanceTo(at(HOUR))
    const [first] = await runs()
    await finish(first.id, 'failed')
    await clock.advance(MIN)
    const [ended] = await history(s.id)
    expect(ended).toMatchObject({ status: 'failed', total_tests: 2, passed_tests: 0, failed_tests: 2, report_path: expect.stringMatching(/report\.html$/) })
    expect(await t.ok('schedules.get', { id: s.id })).toMatchObject({ last_execution_status: 'failed', last_executed_at: at(HOUR) })
    await clock.advanceTo(at(2 * HOUR))
    const second = (await runs())[1]
    await finish(second.id)
    await clock.advance(MIN)
    expect((await history(s.id)).map((e) => e.status)).toEqual(['completed', 'failed'])
    // max_occurrences: 2 runs done, nothing left to plan.
    expect(await t.ok('schedules.get', { id: s.id })).toMatchObject({ status: 'completed', next_execution_at: null, execution_count: 2 })
    await clock.advance(3 * HOUR)
    expect(await runs()).toHaveLength(2)
  })

  it('notices the clock jumping forward (sleep) and records what fell meanwhile as missed', async () => {
    const s = await schedule()
    startLoop()
    await clock.advanceTo(at(HOUR))
    await finish((await runs())[0].id)
    // The machine sleeps from 13:00 to 16:30: timers do not run, the wall clock jumps.
    clock.jump(3.5 * HOUR - MIN)
    await clock.advance(MIN)
    expect(logs.some((line) => /clock moved forward by \d+ s/.test(line))).toBe(true)
    const statuses = (await history(s.id)).map((e) => [e.scheduled_for, e.status])
    expect(statuses).toEqual([
      [at(4 * HOUR), 'missed'],
      [at(3 * HOUR), 'missed'],
      [at(2 * HOUR), 'missed'],
      [at(HOUR), 'completed'],
    ])
    expect(await runs()).toHaveLength(1)
    expect((await t.ok('schedules.get', { id: s.id })).next_execution_at).toBe(at(5 * HOUR))
    // And fires on time again after.
    await clock.advanceTo(at(5 * HOUR))
    expect(await runs()).toHaveLength(2)
  })

  it('a clock set back waits for the planned instant and fires nothing twice', async () => {
    const s = await schedule()
    startLoop()
    await clock.advanceTo(at(HOUR))
    clock.jump(-30 * MIN)
    // 13:00 comes round again on the wall clock: it already ran.
    await clock.advance(31 * MIN)
    expect(await runs()).toHaveLength(1)
    await clock.advanceTo(at(2 * HOUR))
    expect((await history(s.id)).map((e) => e.scheduled_for)).toEqual([at(2 * HOUR), at(HOUR)])
  })
})

describe('after a downtime', () => {
  async function downtime(policy: 'skip' | 'run_once') {
    const s = await schedule({ missed_policy: policy })
    // Nothing runs the schedules from 12:00 to 17:10: 13:00 … 17:00 all fall in the gap.
    clock.jump(5 * HOUR + 10 * MIN)
    startLoop()
    await settle()
    return s
  }

  it('skip: every missed occurrence is recorded with its time, nothing runs, the plan goes on', async () => {
    const s = await downtime('skip')
    expect((await history(s.id)).map((e) => [e.scheduled_for, e.status, e.test_run_id])).toEqual(
      [5, 4, 3, 2, 1].map((h) => [at(h * HOUR), 'missed', null]),
    )
    expect(await runs()).toHaveLength(0)
    expect(await t.ok('schedules.get', { id: s.id })).toMatchObject({ next_execution_at: at(6 * HOUR), execution_count: 0 })
    expect(logs.some((line) => line.includes('5 occurrences missed while nothing ran the schedules (policy: skip)'))).toBe(true)
  })

  it('run once: the latest missed occurrence runs now, once, the others are recorded missed', async () => {
    const s = await downtime('run_once')
    const list = await history(s.id)
    expect(list.map((e) => [e.scheduled_for, e.status, e.trigger])).toEqual([
      [at(5 * HOUR), 'running', 'catch_up'],
      ...[4, 3, 2, 1].map((h) => [at(h * HOUR), 'missed', 'schedule']),
    ])
    expect(list[0].executed_at).toBe(at(5 * HOUR + 10 * MIN))
    expect(await runs()).toHaveLength(1)
    expect((await t.ok('schedules.get', { id: s.id })).execution_count).toBe(1)
  })

  it('a long downtime lists the latest 100 and sums up the rest in one row', async () => {
    const s = await schedule({ repeat_type: 'custom', cron_expression: '*/5 * * * *', scheduled_datetime: at(5 * MIN) })
    clock.jump(24 * HOUR)
    startLoop()
    await settle()
    const page = await t.ok('schedules.history', { id: s.id, limit: 100, offset: 100 })
    expect(page.total).toBe(101)
    expect(page.items[0]).toMatchObject({ status: 'missed', scheduled_for: at(5 * MIN), error_message: `188 occurrences were missed from ${at(5 * MIN)} on; only the latest 100 are listed one by one` })
  })
})

describe('overlap', () => {
  it('skip: an occurrence while the previous run still goes is recorded skipped', async () => {
    const s = await schedule()
    startLoop()
    await clock.advanceTo(at(2 * HOUR))
    expect((await history(s.id)).map((e) => [e.status, e.error_message])).toEqual([
      ['skipped', 'Skipped: Run_001 was still running'],
      ['running', null],
    ])
    expect(await runs()).toHaveLength(1)
    expect((await t.ok('schedules.get', { id: s.id })).execution_count).toBe(1)
  })

  it('queue: it waits and starts when the previous run ends; a second one waiting is skipped', async () => {
    const s = await schedule({ overlap_policy: 'queue' })
    startLoop()
    await clock.advanceTo(at(3 * HOUR))
    expect((await history(s.id)).map((e) => [e.status, e.error_message])).toEqual([
      ['skipped', 'Skipped: Run_001 was still running'],
      ['pending', 'Queued: waits for Run_001 to end'],
      ['running', null],
    ])
    await t.ok('runs.cancel', { id: (await runs())[0].id })
    await clock.advance(MIN)
    expect((await history(s.id)).map((e) => e.status)).toEqual(['skipped', 'running', 'cancelled'])
    expect(await runs()).toHaveLength(2)
  })
})

describe('pause, resume, limits, run now', () => {
  it('nothing fires while paused; resume plans from now without recording missed occurrences', async () => {
    const s = await schedule()
    startLoop()
    await t.ok('schedules.pause', { id: s.id })
    await clock.advanceTo(at(3 * HOUR + 30 * MIN))
    expect(await runs()).toHaveLength(0)
    const resumed = await t.ok('schedules.resume', { id: s.id })
    expect(resumed).toMatchObject({ status: 'active', next_execution_at: at(4 * HOUR) })
    await clock.advanceTo(at(4 * HOUR))
    expect((await history(s.id)).map((e) => e.status)).toEqual(['running'])
  })

  it('an end date completes the schedule after its last occurrence', async () => {
    const s = await schedule({ repeat_end_date: at(2 * HOUR) })
    startLoop()
    await clock.advanceTo(at(HOUR))
    await finish((await runs())[0].id)
    await clock.advanceTo(at(2 * HOUR))
    expect(await t.ok('schedules.get', { id: s.id })).toMatchObject({ status: 'completed', next_execution_at: null })
    expect(await runs()).toHaveLength(2)
  })

  it('run now runs the configuration at once, leaves the plan alone, and is refused while a run goes', async () => {
    const s = await schedule()
    const execution = await t.ok('schedules.runNow', { id: s.id })
    expect(execution).toMatchObject({ trigger: 'manual', status: 'running', scheduled_for: T0 })
    expect(await t.ok('schedules.get', { id: s.id })).toMatchObject({ next_execution_at: at(HOUR), execution_count: 0 })
    expect(await t.fail('schedules.runNow', { id: s.id })).toMatchObject({ kind: 'invalid_state', message: 'Hourly smoke is still running Run_001: wait for it to end, or stop it' })
    await finish(execution.test_run_id)
    expect((await t.ok('schedules.runNow', { id: s.id })).test_run_id).not.toBe(execution.test_run_id)
  })

  it('run now is recorded with its run at once, so a process holding the schedules never starts a second run for it', async () => {
    const s = await schedule()
    startLoop()
    const execution = await t.ok('schedules.runNow', { id: s.id })
    await clock.advance(2 * MIN)
    expect(await runs()).toHaveLength(1)
    // Another process ended the occurrence first: this one still tells its listeners (a CLI waiting on it).
    t.store.schedules.updateExecution(execution.id, { status: 'completed' }, ['running'])
    events.length = 0
    await finish(execution.test_run_id)
    // As the orchestrator of the process that ran it says when the run ends.
    t.core.events.emit('runs.onProgress', { ...progressOf(await t.ok('runs.get', { id: execution.test_run_id })) })
    await t.core.scheduler.drain()
    expect(events.filter((e) => e.name === 'schedules.onExecution').map((e) => [e.payload.id, e.payload.status])).toContainEqual([execution.id, 'completed'])
  })

  it('an occurrence whose tests are gone ends failed, saying why', async () => {
    const s = await schedule({ test_case_ids: null, tags: ['nobody-has-this'] })
    const execution = await t.ok('schedules.runNow', { id: s.id })
    expect(execution).toMatchObject({ status: 'failed', test_run_id: null, error_message: 'Could not create the run: no tests match its suite and tags' })
  })
})
