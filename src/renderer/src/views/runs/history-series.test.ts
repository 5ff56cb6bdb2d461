import { describe, expect, it } from 'vitest'
import { historySeries, suiteTrendSeries } from './history-series'

describe('history series', () => {
  it('orders oldest first, durations in seconds, with the running pass rate', () => {
    const newestFirst = [
      { executed_at: '2026-01-03T00:00:00.000Z', duration_ms: 1500, status: 'passed' as const },
      { executed_at: '2026-01-02T00:00:00.000Z', duration_ms: 3000, status: 'failed' as const },
      { executed_at: '2026-01-01T00:00:00.000Z', duration_ms: 1000, status: 'passed' as const },
    ]
    const s = historySeries(newestFirst)
    expect(s.at).toEqual([Date.parse('2026-01-01T00:00:00.000Z') / 1000, Date.parse('2026-01-02T00:00:00.000Z') / 1000, Date.parse('2026-01-03T00:00:00.000Z') / 1000])
    expect(s.duration_s).toEqual([1, 3, 1.5])
    expect(s.pass_rate).toEqual([100, 50, 66.67])
  })

  it('keeps executions of the same instant apart on the time axis', () => {
    const same = '2026-01-01T00:00:00.000Z'
    const s = historySeries([{ executed_at: same, duration_ms: 1, status: 'failed' }, { executed_at: same, duration_ms: 1, status: 'passed' }])
    expect(s.at[1]).toBeGreaterThan(s.at[0])
    expect(historySeries([])).toEqual({ at: [], duration_s: [], pass_rate: [] })
  })

  it("charts a suite's runs oldest first with each run's own pass rate", () => {
    const s = suiteTrendSeries([
      { executed_at: '2026-01-02T00:00:00.000Z', duration_ms: 2500, pass_rate: 50 },
      { executed_at: '2026-01-02T00:00:00.000Z', duration_ms: 1000, pass_rate: 100 },
    ])
    expect(s.duration_s).toEqual([1, 2.5])
    expect(s.pass_rate).toEqual([100, 50])
    expect(s.at[1]).toBeGreaterThan(s.at[0])
  })
})
