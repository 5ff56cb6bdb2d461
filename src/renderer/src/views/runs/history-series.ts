// A test's executions as chart series, oldest first: duration in seconds and the pass rate of
// the executions so far (a running rate, so one failure among many reads as a dip, not a cliff).
import type { SuiteTrendPoint } from '../../../../shared/api/results'
import type { ExecutionHistoryEntry } from '../../../../shared/model/execution'

export interface HistorySeries {
  /** Seconds since the epoch (uPlot's time axis). */
  at: number[]
  duration_s: number[]
  pass_rate: number[]
}

export function historySeries(newestFirst: readonly Pick<ExecutionHistoryEntry, 'executed_at' | 'duration_ms' | 'status'>[]): HistorySeries {
  const entries = [...newestFirst].reverse()
  const out: HistorySeries = { at: [], duration_s: [], pass_rate: [] }
  let passed = 0
  out.at = spacedTimes(entries.map((e) => e.executed_at))
  entries.forEach((e, i) => {
    if (e.status === 'passed') passed++
    out.duration_s.push(Math.round(e.duration_ms) / 1000)
    out.pass_rate.push(Math.round((passed / (i + 1)) * 10_000) / 100)
  })
  return out
}

/**
 * A suite's runs as chart series, oldest first: the suite's duration in each run and that run's
 * own pass rate (each run is a verdict of its own, unlike one test's executions).
 */
export function suiteTrendSeries(newestFirst: readonly Pick<SuiteTrendPoint, 'executed_at' | 'duration_ms' | 'pass_rate'>[]): HistorySeries {
  const runs = [...newestFirst].reverse()
  return { at: spacedTimes(runs.map((r) => r.executed_at)), duration_s: runs.map((r) => Math.round(r.duration_ms) / 1000), pass_rate: runs.map((r) => r.pass_rate) }
}

/** Seconds since the epoch; points of the same millisecond a millisecond apart, not stacked on one x. */
function spacedTimes(isoOldestFirst: readonly string[]): number[] {
  const out: number[] = []
  isoOldestFirst.forEach((iso, i) => {
    const at = Date.parse(iso) / 1000
    out.push(i && at <= out[i - 1] ? out[i - 1] + 0.001 : at)
  })
  return out
}
