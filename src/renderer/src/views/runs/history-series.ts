// A test's executions as chart series, oldest first: duration in seconds and the pass rate of
// the executions so far (a running rate, so one failure among many reads as a dip, not a cliff).
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
  entries.forEach((e, i) => {
    if (e.status === 'passed') passed++
    // Executions in the same millisecond would stack on one x; a millisecond apart they stay apart.
    const at = Date.parse(e.executed_at) / 1000
    out.at.push(i && at <= out.at[i - 1] ? out.at[i - 1] + 0.001 : at)
    out.duration_s.push(Math.round(e.duration_ms) / 1000)
    out.pass_rate.push(Math.round((passed / (i + 1)) * 10_000) / 100)
  })
  return out
}
