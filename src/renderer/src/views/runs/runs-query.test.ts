import { describe, expect, it } from 'vitest'
import { ListRunsQuery } from '../../../../shared/model/execution'
import { runsQuery, type RunsFilter } from './RunsList'

const none: RunsFilter = { search: '', status: '', from: '', to: '', tag: '', sortBy: 'created_at', order: 'desc' }

describe('runs list query', () => {
  it('sends only the filters set, a page at the offset, and the contract accepts it', () => {
    expect(runsQuery(none, 200)).toEqual({ limit: 100, offset: 200, sort_by: 'created_at', sort_order: 'desc' })
    const all = runsQuery({ search: ' Nightly ', status: 'failed', from: '2026-01-01', to: '2026-02-01', tag: ' smoke ', sortBy: 'pass_rate', order: 'asc' }, 0)
    expect(all).toEqual({ limit: 100, offset: 0, sort_by: 'pass_rate', sort_order: 'asc', search: 'Nightly', status: 'failed', from_date: '2026-01-01', to_date: '2026-02-01', tags: ['smoke'] })
    expect(ListRunsQuery.safeParse(all).success).toBe(true)
  })
})
