// Schedules through the contract: what they run, pause and resume, which are due, lists with the
// filters of reference/003, and the record of each occurrence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../scheduler/testing'
import { createTests, GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
let clock: FakeClock
beforeEach(async () => {
  // Before every schedule of these tests starts: planning counts from "now".
  clock = new FakeClock('2026-01-01T00:00:00Z')
  t = await openTestCore({ scheduler: { clock } })
  await t.ok('projects.list')
})
afterEach(() => t.close())

const nightly = {
  schedule_name: 'Nightly Regression',
  suite_path: ['ROOT', 'Regression'],
  suite_name: 'Regression',
  scheduled_datetime: '2026-01-18T02:00:00Z',
  timezone: 'America/New_York',
  repeat_type: 'daily',
  parallel_count: 5,
  retry_count: 2,
  notification_emails: ['team@example.com'],
}
const names = (list: { schedule_name: string }[]) => list.map((s) => s.schedule_name)

describe('schedules', () => {
  it('are created as in reference/003, active and enabled, next execution at the scheduled time', async () => {
    const schedule = await t.ok('schedules.create', nightly)
    expect(schedule).toMatchObject({
      schedule_name: 'Nightly Regression', suite_path: ['ROOT', 'Regression'], timezone: 'America/New_York', repeat_type: 'daily',
      status: 'active', is_enabled: true, parallel_enabled: true, parallel_count: 5, retry_on_failure: true, retry_count: 2,
      notify_on_completion: true, notify_on_failure: true, notification_emails: ['team@example.com'], execution_count: 0,
      scheduled_datetime: '2026-01-18T02:00:00.000Z', next_execution_at: '2026-01-18T02:00:00.000Z', test_case_ids: null,
    })
    expect(await t.ok('schedules.get', { id: schedule.id })).toEqual(schedule)
  })

  it('need a suite path or test case ids, and check them, changing nothing', async () => {
    const { suite_path: _, ...nothing } = nightly
    expect(await t.failUnchanged('schedules.create', nothing)).toMatchObject({ kind: 'validation', issues: [{ field: 'suite_path' }] })
    expect((await t.failUnchanged('schedules.create', { ...nothing, test_case_ids: [] })).issues?.[0].field).toBe('suite_path')
    const [test] = await createTests(t, ['Checkout'])
    expect((await t.failUnchanged('schedules.create', { ...nothing, test_case_ids: [test.id, GHOST] })).issues?.[0].field).toBe('test_case_ids.1')
    expect((await t.ok('schedules.create', { ...nothing, test_case_ids: [test.id] })).test_case_ids).toEqual([test.id])
    expect(await t.failUnchanged('schedules.create', { ...nightly, parallel_count: 11 })).toMatchObject({ issues: [{ field: 'parallel_count', message: 'Must be between 1 and 10' }] })
    expect((await t.failUnchanged('schedules.create', { ...nightly, timezone: 'Mars/Olympus' })).issues?.[0].field).toBe('timezone')
    expect((await t.failUnchanged('schedules.create', { ...nightly, repeat_type: 'fortnightly' })).issues?.[0].field).toBe('repeat_type')
    expect((await t.failUnchanged('schedules.create', { ...nightly, notification_emails: ['not-an-email'] })).issues?.[0].field).toBe('notification_emails.0')
    expect((await t.failUnchanged('schedules.create', { ...nightly, scheduled_datetime: '18/01/2026 02:00' })).issues?.[0].field).toBe('scheduled_datetime')
  })

  it('pause and resume; completed or cancelled ones stay put', async () => {
    const schedule = await t.ok('schedules.create', nightly)
    expect((await t.ok('schedules.pause', { id: schedule.id })).status).toBe('paused')
    expect((await t.ok('schedules.resume', { id: schedule.id })).status).toBe('active')
    await t.ok('schedules.update', { id: schedule.id, status: 'cancelled' })
    expect(await t.failUnchanged('schedules.resume', { id: schedule.id })).toEqual({ kind: 'invalid_state', message: "Cannot resume schedule: status is 'cancelled'" })
    expect((await t.failUnchanged('schedules.pause', { id: schedule.id })).kind).toBe('invalid_state')
    expect((await t.fail('schedules.pause', { id: GHOST })).kind).toBe('not_found')
  })

  describe('pending', () => {
    async function seed() {
      const make = (schedule_name: string, scheduled_datetime: string, extra: Record<string, unknown> = {}) =>
        t.ok('schedules.create', { schedule_name, suite_path: ['ROOT'], scheduled_datetime, ...extra })
      return {
        overdue: await make('Overdue', '2026-01-17T02:00:00Z'),
        exact: await make('Exactly now', '2026-01-18T02:00:00Z'),
        offset: await make('Same instant, other offset', '2026-01-18T03:00:00+01:00'),
        later: await make('Later', '2026-01-18T02:00:00.001Z'),
        disabled: await make('Disabled', '2026-01-10T00:00:00Z', { is_enabled: false }),
        paused: await make('Paused', '2026-01-10T00:00:00Z'),
      }
    }

    it('gives active, enabled schedules with next_execution_at <= now, soonest first', async () => {
      const { paused } = await seed()
      await t.ok('schedules.pause', { id: paused.id })
      expect(names(await t.ok('schedules.pending', { at: '2026-01-18T02:00:00.000Z' }))).toEqual(['Overdue', 'Exactly now', 'Same instant, other offset'])
      // The same instant written with an offset or without milliseconds.
      expect(names(await t.ok('schedules.pending', { at: '2026-01-18T03:00:00+01:00' }))).toHaveLength(3)
      expect(names(await t.ok('schedules.pending', { at: '2026-01-18T02:00:00Z' }))).toHaveLength(3)
      expect(names(await t.ok('schedules.pending', { at: '2026-01-18T01:59:59.999Z' }))).toEqual(['Overdue'])
      await t.ok('schedules.resume', { id: paused.id })
      expect(names(await t.ok('schedules.pending', { at: '2026-01-18T02:00:00.001Z' }))).toEqual(['Paused', 'Overdue', 'Exactly now', 'Same instant, other offset', 'Later'])
    })

    it('defaults to now', async () => {
      await seed()
      expect(await t.ok('schedules.pending', {})).toEqual([])
      clock.jump(Date.parse('2026-06-01T00:00:00Z') - clock.now().getTime())
      expect(names(await t.ok('schedules.pending', {})).sort()).toEqual(['Exactly now', 'Later', 'Overdue', 'Paused', 'Same instant, other offset'])
      await t.ok('schedules.create', { schedule_name: 'Next century', suite_path: ['ROOT'], scheduled_datetime: '2126-01-01T00:00:00Z' })
      expect(names(await t.ok('schedules.pending', {}))).not.toContain('Next century')
    })

    it('follows next_execution_at, not the first scheduled time', async () => {
      const { overdue } = await seed()
      await t.ok('schedules.update', { id: overdue.id, next_execution_at: '2026-01-19T02:00:00Z' })
      expect(names(await t.ok('schedules.pending', { at: '2026-01-18T02:00:00Z' }))).not.toContain('Overdue')
    })
  })

  it('list with the filters of reference/003, soonest first by default', async () => {
    await t.ok('schedules.create', nightly)
    await t.ok('schedules.create', { ...nightly, schedule_name: 'Weekly smoke', repeat_type: 'weekly', repeat_days_of_week: [1, 3, 5], scheduled_datetime: '2026-01-20T06:00:00Z' })
    const once = await t.ok('schedules.create', { ...nightly, schedule_name: 'Once', repeat_type: 'none', scheduled_datetime: '2026-01-19T12:00:00Z', is_enabled: false })
    await t.ok('schedules.pause', { id: once.id })
    expect(names((await t.ok('schedules.list', {})).items)).toEqual(['Nightly Regression', 'Once', 'Weekly smoke'])
    expect(names((await t.ok('schedules.list', { sort_order: 'desc' })).items)).toEqual(['Weekly smoke', 'Once', 'Nightly Regression'])
    expect(names((await t.ok('schedules.list', { status: 'paused' })).items)).toEqual(['Once'])
    expect(names((await t.ok('schedules.list', { is_enabled: true })).items)).toEqual(['Nightly Regression', 'Weekly smoke'])
    expect(names((await t.ok('schedules.list', { repeat_type: 'weekly' })).items)).toEqual(['Weekly smoke'])
    expect(names((await t.ok('schedules.list', { from_date: '2026-01-19', to_date: '2026-01-19' })).items)).toEqual(['Once'])
    expect(names((await t.ok('schedules.list', { sort_by: 'schedule_name', sort_order: 'asc', search: 'LY' })).items)).toEqual(['Nightly Regression', 'Weekly smoke'])
    expect((await t.ok('schedules.list', { limit: 1 })).total).toBe(3)
    expect((await t.fail('schedules.list', { limit: 101 })).issues?.[0].field).toBe('limit')
  })

  it('keep the history of their occurrences, newest first', async () => {
    const schedule = await t.ok('schedules.create', nightly)
    const run = await t.ok('runs.create', { scheduled_at: '2026-01-18T02:00:00Z' })
    for (const day of [17, 18]) {
      t.store.schedules.recordExecution({
        schedule_id: schedule.id, test_run_id: day === 18 ? run.id : null, scheduled_for: `2026-01-${day}T02:00:00.000Z`, executed_at: `2026-01-${day}T02:00:01.000Z`,
        status: 'completed', trigger: 'schedule', total_tests: 10, passed_tests: 9, failed_tests: 1, duration_ms: 600000, error_message: null,
      })
    }
    const page = await t.ok('schedules.history', { id: schedule.id })
    expect(page.total).toBe(2)
    expect(page.items.map((e: { scheduled_for: string; test_run_id: string | null }) => [e.scheduled_for, e.test_run_id])).toEqual([
      ['2026-01-18T02:00:00.000Z', run.id],
      ['2026-01-17T02:00:00.000Z', null],
    ])
    expect((await t.ok('schedules.history', { id: schedule.id, limit: 1, offset: 1 })).items).toHaveLength(1)
    // Deleting the run keeps the occurrence, unlinked; deleting the schedule removes its history.
    await t.ok('runs.delete', { id: run.id })
    expect((await t.ok('schedules.history', { id: schedule.id })).items[0].test_run_id).toBeNull()
    await t.ok('schedules.delete', { id: schedule.id })
    expect((t.core.context.db.prepare('SELECT count(*) AS n FROM schedule_executions').get() as { n: number }).n).toBe(0)
    expect((await t.fail('schedules.history', { id: schedule.id })).kind).toBe('not_found')
  })

  it('update, delete and bulk delete', async () => {
    const a = await t.ok('schedules.create', nightly)
    const b = await t.ok('schedules.create', { ...nightly, schedule_name: 'Second' })
    const updated = await t.ok('schedules.update', { id: a.id, schedule_name: 'Renamed', parallel_count: 2, is_enabled: false })
    expect(updated).toMatchObject({ schedule_name: 'Renamed', parallel_count: 2, is_enabled: false, suite_path: ['ROOT', 'Regression'] })
    expect((await t.failUnchanged('schedules.update', { id: a.id, parallel_count: 11 })).issues?.[0].field).toBe('parallel_count')
    expect((await t.failUnchanged('schedules.update', { id: a.id, test_case_ids: [GHOST] })).issues?.[0].field).toBe('test_case_ids.0')
    expect((await t.failUnchanged('schedules.bulkDelete', { ids: [a.id, GHOST] })).issues?.[0].field).toBe('ids.1')
    expect(await t.ok('schedules.bulkDelete', { ids: [a.id, b.id] })).toEqual({ deleted: 2 })
    expect((await t.fail('schedules.delete', { id: a.id })).kind).toBe('not_found')
  })
})

describe('recurrence through the contract', () => {
  const draft = { scheduled_datetime: '2026-03-06T07:30:00Z', timezone: 'America/New_York', repeat_type: 'daily' }

  it('previews a draft: occurrences on both clocks, notes where they move, the rules in words', async () => {
    const preview = await t.ok('schedules.preview', { ...draft, local_timezone: 'Europe/Paris', count: 4 })
    expect(preview).toMatchObject({ description: 'Every day at 02:30 (America/New_York), from 2026-03-06', timezone: 'America/New_York', local_timezone: 'Europe/Paris' })
    expect(preview.occurrences).toEqual([
      { at: '2026-03-06T07:30:00.000Z', schedule_time: '2026-03-06T02:30:00-05:00', local_time: '2026-03-06T08:30:00+01:00', note: null },
      { at: '2026-03-07T07:30:00.000Z', schedule_time: '2026-03-07T02:30:00-05:00', local_time: '2026-03-07T08:30:00+01:00', note: null },
      {
        at: '2026-03-08T07:00:00.000Z',
        schedule_time: '2026-03-08T03:00:00-04:00',
        local_time: '2026-03-08T08:00:00+01:00',
        note: '02:30 does not exist on 2026-03-08 in America/New_York (clocks go forward): runs at 03:00, the next valid time',
      },
      { at: '2026-03-09T06:30:00.000Z', schedule_time: '2026-03-09T02:30:00-04:00', local_time: '2026-03-09T07:30:00+01:00', note: null },
    ])
    expect(preview.rules[0]).toContain('a time the clocks skip (spring forward) runs once at the next valid time')
    // From a later instant, five by default; a stored schedule by id, with a draft change on top.
    expect((await t.ok('schedules.preview', { ...draft, from: '2026-11-01T00:00:00Z' })).occurrences).toHaveLength(5)
    const stored = await t.ok('schedules.create', { ...nightly, ...draft })
    const weekly = await t.ok('schedules.preview', { id: stored.id, repeat_type: 'weekly', repeat_days_of_week: [1], count: 2 })
    expect(weekly.occurrences.map((o: { schedule_time: string }) => o.schedule_time)).toEqual(['2026-03-09T02:30:00-04:00', '2026-03-16T02:30:00-04:00'])
    expect((await t.fail('schedules.preview', { repeat_type: 'daily' })).issues?.[0].field).toBe('scheduled_datetime')
  })

  it('refuses a recurrence that cannot be planned, naming the field and changing nothing', async () => {
    const base = { schedule_name: 'X', suite_path: ['ROOT'], scheduled_datetime: '2026-02-01T00:00:00Z' }
    const cases: [Record<string, unknown>, string][] = [
      [{ repeat_type: 'custom', cron_expression: '0 0 31 2 *' }, 'cron_expression'],
      [{ repeat_type: 'custom', cron_expression: '* * *' }, 'cron_expression'],
      [{ repeat_type: 'daily', repeat_days_of_week: [1] }, 'repeat_days_of_week'],
      [{ repeat_type: 'custom', repeat_interval: 5, repeat_unit: 'hours' }, 'repeat_interval'],
      [{ repeat_type: 'custom', repeat_interval: 2 }, 'repeat_unit'],
      [{ repeat_type: 'daily', repeat_end_date: '2026-01-01T00:00:00Z' }, 'repeat_end_date'],
      [{ repeat_type: 'none', scheduled_datetime: '2025-12-31T00:00:00Z' }, 'scheduled_datetime'],
      [{ repeat_type: 'weekly', repeat_days_of_week: [7] }, 'repeat_days_of_week.0'],
      [{ repeat_type: 'custom', repeat_interval: 2, repeat_unit: 'weeks' }, 'repeat_unit'],
      [{ missed_policy: 'burst' }, 'missed_policy'],
      [{ webhook_url: 'not a url' }, 'webhook_url'],
      [{ run_options: { environment_id: GHOST } }, 'run_options.environment_id'],
    ]
    for (const [fields, field] of cases) {
      const error = await t.failUnchanged('schedules.create', { ...base, ...fields })
      expect(error.issues?.[0].field, JSON.stringify(fields)).toBe(field)
    }
    const made = await t.ok('schedules.create', { ...base, repeat_type: 'daily' })
    expect((await t.failUnchanged('schedules.update', { id: made.id, repeat_type: 'weekly', repeat_day_of_month: 3 })).issues?.[0].field).toBe('repeat_day_of_month')
  })

  it('changing the recurrence plans again from now; a rename keeps the plan', async () => {
    const made = await t.ok('schedules.create', { ...nightly, scheduled_datetime: '2026-01-10T12:00:00Z', timezone: 'UTC' })
    expect(made.next_execution_at).toBe('2026-01-10T12:00:00.000Z')
    clock.jump(Date.parse('2026-02-03T13:00:00Z') - clock.now().getTime())
    expect((await t.ok('schedules.update', { id: made.id, schedule_name: 'Renamed' })).next_execution_at).toBe('2026-01-10T12:00:00.000Z')
    const weekly = await t.ok('schedules.update', { id: made.id, repeat_type: 'weekly', repeat_days_of_week: [5] })
    expect(weekly).toMatchObject({ next_execution_at: '2026-02-06T12:00:00.000Z', description: 'Every week on Fri at 12:00 (UTC), from 2026-01-10' })
    expect(weekly.next_run).toMatchObject({ at: '2026-02-06T12:00:00.000Z', schedule_time: '2026-02-06T12:00:00+00:00' })
  })
})

describe('scheduler settings and status', () => {
  it('keep the SMTP password secret: stored, never returned, kept when not sent again', async () => {
    const smtp = { host: 'smtp.example.com', port: 465, secure: true, user: 'qa', password: 'hunter2-s3cret', from: 'qa@example.com' }
    const saved = await t.ok('schedules.updateSettings', { smtp, run_in_background: true })
    expect(saved).toEqual({ run_in_background: true, smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'qa', password_set: true, from: 'qa@example.com' } })
    expect(JSON.stringify(await t.ok('schedules.settings'))).not.toContain('hunter2')
    const { password: _, ...withoutPassword } = smtp
    await t.ok('schedules.updateSettings', { smtp: { ...withoutPassword, host: 'smtp2.example.com' } })
    expect(t.store.schedulerSettings.smtp()).toMatchObject({ host: 'smtp2.example.com', password: 'hunter2-s3cret' })
    expect((await t.ok('schedules.updateSettings', { smtp: { ...smtp, password: '' } })).smtp.password_set).toBe(false)
    expect((await t.failUnchanged('schedules.updateSettings', { smtp: { ...smtp, from: 'nobody' } })).issues?.[0].field).toBe('smtp.from')
    expect((await t.ok('schedules.updateSettings', { smtp: null })).smtp).toBeNull()
  })

  it('status: nobody runs the schedules, then another process does (its lease), then this one', async () => {
    expect(await t.ok('schedules.status')).toEqual({ running_here: false, holder: null, next_wake_at: null })
    t.store.leases.acquire('scheduler', { id: 'other', pid: 4242, host: 'elsewhere', kind: 'scheduler' }, 30_000, clock.now())
    expect(await t.ok('schedules.status')).toMatchObject({ running_here: false, holder: { pid: 4242, host: 'elsewhere', kind: 'scheduler' } })
    t.store.leases.release('scheduler', 'other')
    t.core.scheduler.start({ kind: 'app' })
    expect(await t.ok('schedules.status')).toMatchObject({ running_here: true, holder: { pid: process.pid, kind: 'app' } })
  })
})
