// Which attempts of a test record a Playwright trace, and which traces a run keeps. Recording
// costs on every test that records it (Chromium snapshots the page on every action and streams
// a screencast), so only 'retain-on-failure' records every test; the default records a failed
// test again instead, which costs only when something fails.
import type { TracePolicy } from '../../shared/model/execution'

/** What one attempt does: record nothing, record and keep the trace if it fails, or record and keep it. */
export type AttemptTracing = 'none' | 'keep-if-failed' | 'keep'

export function attemptTracing(policy: TracePolicy, attempt: number): AttemptTracing {
  switch (policy) {
    case 'off':
      return 'none'
    case 'retain-on-failure':
      return 'keep-if-failed'
    case 'on-first-retry':
      return attempt === 1 ? 'keep' : 'none'
    case 'on-failure':
      return attempt === 0 ? 'none' : 'keep-if-failed'
  }
}

/**
 * Whether a test whose last attempt failed without a trace runs once more to record one: only
 * 'on-failure' promises a trace of every failure. The re-run's results are not kept, only its
 * trace, and only when it failed too (a trace of a pass would show nothing of the failure).
 */
export function tracesByRerun(policy: TracePolicy, lastAttempt: AttemptTracing): boolean {
  return policy === 'on-failure' && lastAttempt === 'none'
}
