import { describe, expect, it } from 'vitest'
import type { Schedule } from '../../../../shared/model/schedules'
import { draftOf, inputOf, instantOfWallTime, newDraft, recurrenceOf, whatItRuns } from './schedule-draft'

describe('the schedule form draft', () => {
  it('reads a date and time on the schedule clock, across clock changes', () => {
    expect(instantOfWallTime('2026-01-18', '02:00', 'America/New_York')!.toISOString()).toBe('2026-01-18T07:00:00.000Z')
    expect(instantOfWallTime('2026-07-01', '09:30', 'Europe/Berlin')!.toISOString()).toBe('2026-07-01T07:30:00.000Z')
    // Spring forward in New York: 02:30 does not exist; 03:00, when the clocks jump, as the scheduler plans it.
    expect(instantOfWallTime('2026-03-08', '02:30', 'America/New_York')!.toISOString()).toBe('2026-03-08T07:00:00.000Z')
    expect(instantOfWallTime('2026-03-29', '02:15', 'Europe/Berlin')!.toISOString()).toBe('2026-03-29T01:00:00.000Z')
    // Fall back: 01:30 reads twice; the first one.
    expect(instantOfWallTime('2026-11-01', '01:30', 'America/New_York')!.toISOString()).toBe('2026-11-01T05:30:00.000Z')
    // Sydney, in its summer (UTC+11).
    expect(instantOfWallTime('2026-01-10', '08:00', 'Australia/Sydney')!.toISOString()).toBe('2026-01-09T21:00:00.000Z')
    expect(instantOfWallTime('2026-13-10', '08:00', 'UTC')).toBeNull()
    expect(instantOfWallTime('2026-02-30', '08:00', 'UTC')).toBeNull()
    expect(instantOfWallTime('tomorrow', '08:00', 'UTC')).toBeNull()
  })

  it('turns the repeat choices into the contract fields', () => {
    const draft = { ...newDraft(new Date('2026-05-01T10:00:00Z'), 'Europe/Berlin'), startDate: '2026-05-04', startTime: '06:00' }
    expect(recurrenceOf({ ...draft, repeat: 'weekly', daysOfWeek: [5, 1] })).toMatchObject({ repeat_type: 'weekly', repeat_days_of_week: [1, 5], scheduled_datetime: '2026-05-04T04:00:00.000Z' })
    expect(recurrenceOf({ ...draft, repeat: 'every', everyN: 6, everyUnit: 'hours' })).toMatchObject({ repeat_type: 'custom', repeat_interval: 6, repeat_unit: 'hours', cron_expression: null })
    expect(recurrenceOf({ ...draft, repeat: 'cron', cron: ' */15 * * * * ' })).toMatchObject({ repeat_type: 'custom', cron_expression: '*/15 * * * *', repeat_interval: null })
    expect(recurrenceOf({ ...draft, repeat: 'monthly', dayOfMonth: 31, endDate: '2026-12-31' })).toMatchObject({ repeat_day_of_month: 31, repeat_end_date: '2026-12-31T22:59:00.000Z' })
  })

  it('comes back from a stored schedule as it was entered', () => {
    const draft = { ...newDraft(new Date('2026-05-01T10:00:00Z'), 'America/New_York'), name: 'Nightly', suitePath: ['ROOT', 'Demo'], tags: 'smoke, login', repeat: 'weekly' as const, daysOfWeek: [2, 4], startDate: '2026-05-05', startTime: '02:30', emails: 'a@b.dev' }
    const input = inputOf(draft)
    const stored = { ...input, id: 'x', repeat_month_end: 'last_day', run_options: input.run_options, status: 'active', webhook_url: null } as unknown as Schedule
    const back = draftOf(stored)
    expect(back).toMatchObject({ name: 'Nightly', suitePath: ['ROOT', 'Demo'], tags: 'smoke, login', repeat: 'weekly', daysOfWeek: [2, 4], startDate: '2026-05-05', startTime: '02:30', timezone: 'America/New_York', emails: 'a@b.dev' })
    expect(whatItRuns(stored)).toBe('suite Demo + tagged smoke, login')
  })
})
