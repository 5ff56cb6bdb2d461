// Recurrences on fixed dates across the 2026 clock changes of America/New_York (Mar 8, Nov 1),
// Europe/Berlin (Mar 29, Oct 25) and Australia/Sydney (Apr 5 back, Oct 4 forward), month ends,
// end dates and the checks that refuse a recurrence that cannot be planned.
import { describe, expect, it } from 'vitest'
import { TestDeskError } from '../../shared/api/errors'
import { describeRecurrence, recurrenceRules, zonedIso, type RecurrenceRule } from '../../shared/zoned-time'
import { checkRecurrence, instantOfWallTime, nextOccurrence, occurrenceNote, occurrencesBetween, occurrencesFrom, RULE_DEFAULTS } from './recurrence'

function rule(fields: Partial<RecurrenceRule> & Pick<RecurrenceRule, 'scheduled_datetime'>): RecurrenceRule {
  return { ...RULE_DEFAULTS, repeat_type: 'daily', ...fields }
}

/** Occurrences from the start, shown on the schedule's clock. */
function wall(r: RecurrenceRule, count: number, from = r.scheduled_datetime): string[] {
  return occurrencesFrom(r, new Date(from), count).map((d) => zonedIso(d, r.timezone))
}

const onDay = (list: string[], day: string) => list.filter((text) => text.startsWith(day))

describe('daily at a time the clocks skip runs once, at the next valid time', () => {
  it('America/New_York 02:30 on 2026-03-08 runs at 03:00 EDT, then 02:30 again', () => {
    const r = rule({ timezone: 'America/New_York', scheduled_datetime: '2026-03-06T07:30:00Z' })
    expect(wall(r, 4)).toEqual(['2026-03-06T02:30:00-05:00', '2026-03-07T02:30:00-05:00', '2026-03-08T03:00:00-04:00', '2026-03-09T02:30:00-04:00'])
  })

  it('Europe/Berlin 02:30 on 2026-03-29 runs at 03:00 CEST', () => {
    const r = rule({ timezone: 'Europe/Berlin', scheduled_datetime: '2026-03-27T01:30:00Z' })
    const list = wall(r, 5)
    expect(onDay(list, '2026-03-29')).toEqual(['2026-03-29T03:00:00+02:00'])
    expect(list).toEqual(['2026-03-27T02:30:00+01:00', '2026-03-28T02:30:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-30T02:30:00+02:00', '2026-03-31T02:30:00+02:00'])
  })

  it('Australia/Sydney 02:30 on 2026-10-04 runs at 03:00 AEDT', () => {
    const r = rule({ timezone: 'Australia/Sydney', scheduled_datetime: '2026-10-01T16:30:00Z' })
    expect(wall(r, 4)).toEqual(['2026-10-02T02:30:00+10:00', '2026-10-03T02:30:00+10:00', '2026-10-04T03:00:00+11:00', '2026-10-05T02:30:00+11:00'])
  })
})

describe('daily at a time that happens twice runs once, the first time', () => {
  it('America/New_York 01:30 on 2026-11-01 runs at 01:30 EDT only', () => {
    const r = rule({ timezone: 'America/New_York', scheduled_datetime: '2026-10-31T05:30:00Z' })
    expect(wall(r, 3)).toEqual(['2026-10-31T01:30:00-04:00', '2026-11-01T01:30:00-04:00', '2026-11-02T01:30:00-05:00'])
    // Asked from the first 01:30, the repeated 01:30 EST an hour later is not an occurrence.
    expect(nextOccurrence(r, new Date('2026-11-01T05:30:00Z'))!.toISOString()).toBe('2026-11-02T06:30:00.000Z')
    expect(nextOccurrence(r, new Date('2026-11-01T06:00:00Z'))!.toISOString()).toBe('2026-11-02T06:30:00.000Z')
  })

  it('Europe/Berlin 02:30 on 2026-10-25 runs at 02:30 CEST only', () => {
    const r = rule({ timezone: 'Europe/Berlin', scheduled_datetime: '2026-10-24T00:30:00Z' })
    expect(wall(r, 3)).toEqual(['2026-10-24T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00'])
  })

  it('Australia/Sydney 02:30 on 2026-04-05 runs at 02:30 AEDT only', () => {
    const r = rule({ timezone: 'Australia/Sydney', scheduled_datetime: '2026-04-03T15:30:00Z' })
    expect(wall(r, 3)).toEqual(['2026-04-04T02:30:00+11:00', '2026-04-05T02:30:00+11:00', '2026-04-06T02:30:00+10:00'])
  })
})

describe('hourly runs every real hour', () => {
  it('none in the hour New York skips, both New York 01:30s when the hour repeats', () => {
    const spring = rule({ repeat_type: 'hourly', timezone: 'America/New_York', scheduled_datetime: '2026-03-08T05:30:00Z' })
    expect(wall(spring, 3)).toEqual(['2026-03-08T00:30:00-05:00', '2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00'])
    const fall = rule({ repeat_type: 'hourly', timezone: 'America/New_York', scheduled_datetime: '2026-11-01T04:30:00Z' })
    const list = occurrencesFrom(fall, new Date(fall.scheduled_datetime), 4).map((d) => d.toISOString())
    expect(list).toEqual(['2026-11-01T04:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z', '2026-11-01T07:30:00.000Z'])
  })

  it('in Sydney as well', () => {
    const fall = rule({ repeat_type: 'hourly', timezone: 'Australia/Sydney', scheduled_datetime: '2026-04-04T14:15:00Z' })
    expect(wall(fall, 4)).toEqual(['2026-04-05T01:15:00+11:00', '2026-04-05T02:15:00+11:00', '2026-04-05T02:15:00+10:00', '2026-04-05T03:15:00+10:00'])
  })
})

describe('every N hours keeps the same times each day', () => {
  it('every 6 hours from 02:30 in New York: 02:30, 08:30, 14:30, 20:30, the skipped 02:30 at 03:00', () => {
    const r = rule({ repeat_type: 'custom', repeat_unit: 'hours', repeat_interval: 6, timezone: 'America/New_York', scheduled_datetime: '2026-03-07T13:30:00Z' })
    expect(wall(r, 6)).toEqual([
      '2026-03-07T08:30:00-05:00',
      '2026-03-07T14:30:00-05:00',
      '2026-03-07T20:30:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T08:30:00-04:00',
      '2026-03-08T14:30:00-04:00',
    ])
  })

  it('every 2 hours in Berlin runs the repeated 02:30 once', () => {
    const r = rule({ repeat_type: 'custom', repeat_unit: 'hours', repeat_interval: 2, timezone: 'Europe/Berlin', scheduled_datetime: '2026-10-24T20:30:00Z' })
    expect(wall(r, 4)).toEqual(['2026-10-24T22:30:00+02:00', '2026-10-25T00:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-25T04:30:00+01:00'])
  })
})

describe('every N days counts calendar days in the schedule zone', () => {
  it('every 3 days at 02:30 in New York, across the spring-forward day', () => {
    const r = rule({ repeat_type: 'custom', repeat_unit: 'days', repeat_interval: 3, timezone: 'America/New_York', scheduled_datetime: '2026-03-02T07:30:00Z' })
    expect(wall(r, 4)).toEqual(['2026-03-02T02:30:00-05:00', '2026-03-05T02:30:00-05:00', '2026-03-08T03:00:00-04:00', '2026-03-11T02:30:00-04:00'])
    // From any instant, the next is on the 3-day grid counted from the start date.
    expect(zonedIso(nextOccurrence(r, new Date('2026-04-01T12:00:00Z'))!, r.timezone)).toBe('2026-04-04T02:30:00-04:00')
  })

  it('every 2 days in Sydney, across the fall-back day', () => {
    const r = rule({ repeat_type: 'custom', repeat_unit: 'days', repeat_interval: 2, timezone: 'Australia/Sydney', scheduled_datetime: '2026-04-02T15:30:00Z' })
    expect(wall(r, 3)).toEqual(['2026-04-03T02:30:00+11:00', '2026-04-05T02:30:00+11:00', '2026-04-07T02:30:00+10:00'])
  })
})

describe('weekly and monthly', () => {
  it('weekly on Mon, Wed, Fri; without days, on the start weekday', () => {
    const r = rule({ repeat_type: 'weekly', repeat_days_of_week: [5, 1, 3], timezone: 'Europe/Berlin', scheduled_datetime: '2026-03-23T08:00:00Z' })
    expect(wall(r, 5)).toEqual(['2026-03-23T09:00:00+01:00', '2026-03-25T09:00:00+01:00', '2026-03-27T09:00:00+01:00', '2026-03-30T09:00:00+02:00', '2026-04-01T09:00:00+02:00'])
    const plain = rule({ repeat_type: 'weekly', scheduled_datetime: '2026-01-07T12:00:00Z' })
    expect(wall(plain, 2)).toEqual(['2026-01-07T12:00:00+00:00', '2026-01-14T12:00:00+00:00'])
  })

  it('monthly on the 31st runs on the last day of shorter months, February of leap years included', () => {
    const r = rule({ repeat_type: 'monthly', repeat_day_of_month: 31, timezone: 'America/New_York', scheduled_datetime: '2027-12-31T14:00:00Z' })
    expect(wall(r, 6).map((t) => t.slice(0, 10))).toEqual(['2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31'])
    expect(occurrenceNote(r, new Date('2028-04-30T13:00:00Z'))).toBe('April has no 31st: runs on the 30th, its last day')
    expect(occurrenceNote(r, new Date('2028-03-31T13:00:00Z'))).toBeNull()
  })

  it('monthly on the 30th never runs on a 31st; with the skip rule, short months have no run', () => {
    const thirtieth = rule({ repeat_type: 'monthly', repeat_day_of_month: 30, scheduled_datetime: '2026-01-30T09:00:00Z' })
    expect(wall(thirtieth, 4).map((t) => t.slice(0, 10))).toEqual(['2026-01-30', '2026-02-28', '2026-03-30', '2026-04-30'])
    const skip = rule({ repeat_type: 'monthly', repeat_day_of_month: 31, repeat_month_end: 'skip', scheduled_datetime: '2026-01-31T09:00:00Z' })
    expect(wall(skip, 4).map((t) => t.slice(0, 10))).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31'])
  })

  it('monthly on the 29th: the last day only in February of common years', () => {
    const r = rule({ repeat_type: 'monthly', repeat_day_of_month: 29, scheduled_datetime: '2026-12-29T09:00:00Z' })
    expect(wall(r, 4).map((t) => t.slice(0, 10))).toEqual(['2026-12-29', '2027-01-29', '2027-02-28', '2027-03-29'])
  })
})

describe('start, end and one-time schedules', () => {
  it('a one-time schedule has its start as only occurrence', () => {
    const r = rule({ repeat_type: 'none', scheduled_datetime: '2026-05-01T10:00:00.250Z' })
    expect(occurrencesFrom(r, new Date('2026-01-01T00:00:00Z'), 5).map((d) => d.toISOString())).toEqual(['2026-05-01T10:00:00.250Z'])
    expect(nextOccurrence(r, new Date('2026-05-01T10:00:00.250Z'))).toBeNull()
  })

  it('nothing before the start, nothing after the end date (inclusive)', () => {
    const r = rule({ scheduled_datetime: '2026-06-01T08:00:00Z', repeat_end_date: '2026-06-03T08:00:00Z' })
    expect(occurrencesFrom(r, new Date('2026-01-01T00:00:00Z'), 10).map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-06-01', '2026-06-02', '2026-06-03'])
  })

  it('lists the occurrences of a downtime, the latest kept when there are many', () => {
    const r = rule({ repeat_type: 'hourly', scheduled_datetime: '2026-06-01T00:00:00Z' })
    const some = occurrencesBetween(r, new Date('2026-06-01T00:00:00Z'), new Date('2026-06-01T03:00:00Z'), 100)
    expect(some.occurrences.map((d) => d.toISOString().slice(11, 16))).toEqual(['01:00', '02:00', '03:00'])
    const many = occurrencesBetween(r, new Date('2026-06-01T00:00:00Z'), new Date('2026-06-03T00:00:00Z'), 10)
    expect(many.occurrences).toHaveLength(10)
    expect(many.total).toBe(48)
    expect(many.first!.toISOString()).toBe('2026-06-01T01:00:00.000Z')
    expect(many.occurrences.at(-1)!.toISOString()).toBe('2026-06-03T00:00:00.000Z')
    // A year of an every-minute cron: counted no further than the scan limit, the latest still listed.
    const minutes = rule({ repeat_type: 'custom', cron_expression: '* * * * *', scheduled_datetime: '2025-06-01T00:00:00Z' })
    const year = occurrencesBetween(minutes, new Date('2025-06-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z'), 5, 1000)
    expect(year.total).toBeNull()
    expect(year.first!.toISOString()).toBe('2025-06-01T00:01:00.000Z')
    expect(year.occurrences.map((d) => d.toISOString().slice(11, 16))).toEqual(['23:56', '23:57', '23:58', '23:59', '00:00'])
  })
})

describe('cron expressions', () => {
  it('are read on the schedule zone clock, 5 or 6 fields', () => {
    const weekdays = rule({ repeat_type: 'custom', cron_expression: '0 9 * * 1-5', timezone: 'Europe/Berlin', scheduled_datetime: '2026-03-27T00:00:00Z' })
    expect(wall(weekdays, 3)).toEqual(['2026-03-27T09:00:00+01:00', '2026-03-30T09:00:00+02:00', '2026-03-31T09:00:00+02:00'])
    const seconds = rule({ repeat_type: 'custom', cron_expression: '30 */15 * * * *', scheduled_datetime: '2026-01-01T00:00:00Z' })
    expect(wall(seconds, 2)).toEqual(['2026-01-01T00:00:30+00:00', '2026-01-01T00:15:30+00:00'])
  })
})

describe('notes and descriptions say what happens', () => {
  it('notes a skipped time and a repeated one', () => {
    const spring = rule({ timezone: 'America/New_York', scheduled_datetime: '2026-03-06T07:30:00Z' })
    expect(occurrenceNote(spring, new Date('2026-03-08T07:00:00Z'))).toBe('02:30 does not exist on 2026-03-08 in America/New_York (clocks go forward): runs at 03:00, the next valid time')
    expect(occurrenceNote(spring, new Date('2026-03-09T06:30:00Z'))).toBeNull()
    const fall = rule({ timezone: 'America/New_York', scheduled_datetime: '2026-10-31T05:30:00Z' })
    expect(occurrenceNote(fall, new Date('2026-11-01T05:30:00Z'))).toBe('01:30 happens twice on 2026-11-01 in America/New_York (clocks go back): runs once, the first time')
    expect(occurrenceNote(fall, new Date('2026-11-02T06:30:00Z'))).toBeNull()
  })

  it('describes each repeat type with its zone and limits', () => {
    const base = { scheduled_datetime: '2026-01-18T07:00:00Z', timezone: 'America/New_York' }
    expect(describeRecurrence(rule({ ...base }))).toBe('Every day at 02:00 (America/New_York), from 2026-01-18')
    expect(describeRecurrence(rule({ ...base, repeat_type: 'none' }))).toBe('Once, on 2026-01-18 at 02:00 (America/New_York)')
    expect(describeRecurrence(rule({ ...base, repeat_type: 'weekly', repeat_days_of_week: [1, 3] }))).toBe('Every week on Mon, Wed at 02:00 (America/New_York), from 2026-01-18')
    expect(describeRecurrence(rule({ ...base, repeat_type: 'monthly', repeat_day_of_month: 31, max_occurrences: 3 }))).toBe(
      'Every month on the 31st at 02:00; in shorter months on their last day (America/New_York), from 2026-01-18, at most 3 runs',
    )
    expect(describeRecurrence(rule({ ...base, repeat_type: 'custom', repeat_unit: 'hours', repeat_interval: 8 }))).toBe('Every 8 hours, at 02:00, 10:00, 18:00 (America/New_York), from 2026-01-18')
    expect(describeRecurrence(rule({ ...base, repeat_type: 'custom', cron_expression: '*/5 * * * *', repeat_end_date: '2026-02-01T05:00:00Z' }))).toBe(
      'Cron "*/5 * * * *" (America/New_York), from 2026-01-18, until 2026-02-01 00:00',
    )
    expect(recurrenceRules(rule({ ...base, repeat_type: 'monthly', repeat_day_of_month: 31 }))).toEqual([
      expect.stringContaining('a time the clocks skip (spring forward) runs once at the next valid time'),
      'Months without a 31st run on their last day (February 28th or 29th, the 30th of 30-day months).',
    ])
    expect(recurrenceRules(rule({ scheduled_datetime: '2026-01-18T07:00:00Z', timezone: 'Asia/Tokyo' }))).toEqual([])
  })
})

describe('recurrences that cannot be planned are refused, naming the field', () => {
  const refused = (fields: Partial<RecurrenceRule>) => {
    try {
      checkRecurrence(rule({ scheduled_datetime: '2026-01-01T00:00:00Z', ...fields }))
    } catch (error) {
      expect(error).toBeInstanceOf(TestDeskError)
      return { field: (error as TestDeskError).issues?.[0].field, message: (error as TestDeskError).message }
    }
    throw new Error('accepted')
  }

  it('options of another repeat type', () => {
    expect(refused({ repeat_type: 'daily', repeat_days_of_week: [1] }).field).toBe('repeat_days_of_week')
    expect(refused({ repeat_type: 'weekly', repeat_day_of_month: 3 }).field).toBe('repeat_day_of_month')
    expect(refused({ repeat_type: 'daily', cron_expression: '* * * * *' }).field).toBe('cron_expression')
    expect(refused({ repeat_type: 'hourly', repeat_interval: 2 }).field).toBe('repeat_interval')
  })

  it('custom without an interval or with both, hours that do not divide a day', () => {
    expect(refused({ repeat_type: 'custom' }).field).toBe('repeat_interval')
    expect(refused({ repeat_type: 'custom', repeat_interval: 3 }).field).toBe('repeat_unit')
    expect(refused({ repeat_type: 'custom', repeat_interval: 3, repeat_unit: 'days', cron_expression: '* * * * *' }).field).toBe('cron_expression')
    const five = refused({ repeat_type: 'custom', repeat_interval: 5, repeat_unit: 'hours' })
    expect(five).toEqual({ field: 'repeat_interval', message: expect.stringContaining('choose 1, 2, 3, 4, 6, 8 or 12 hours') })
  })

  it('a cron expression croner cannot read, or that never matches', () => {
    expect(refused({ repeat_type: 'custom', cron_expression: '61 * * * *' })).toEqual({ field: 'cron_expression', message: expect.stringContaining('Invalid value for minute: 61') })
    expect(refused({ repeat_type: 'custom', cron_expression: 'every day' }).field).toBe('cron_expression')
    expect(refused({ repeat_type: 'custom', cron_expression: '0 0 30 2 *' }).message).toContain('never matches')
  })

  it('an end before the start', () => {
    expect(refused({ repeat_end_date: '2025-12-31T00:00:00Z' }).field).toBe('repeat_end_date')
  })
})

describe('wall times typed by a tester', () => {
  it('are read in the given zone by the same DST rules', () => {
    expect(instantOfWallTime('2026-01-18 02:00', 'America/New_York')!.toISOString()).toBe('2026-01-18T07:00:00.000Z')
    expect(instantOfWallTime('2026-03-08 02:30', 'America/New_York')!.toISOString()).toBe('2026-03-08T07:00:00.000Z')
    expect(instantOfWallTime('2026-11-01T01:30:15', 'America/New_York')!.toISOString()).toBe('2026-11-01T05:30:15.000Z')
    expect(instantOfWallTime('2026-02-30 10:00', 'Europe/Berlin')).toBeNull()
    expect(instantOfWallTime('tomorrow', 'Europe/Berlin')).toBeNull()
  })
})
