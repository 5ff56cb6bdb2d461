// The reporter that stores each finished execution (result, steps, checkpoints, logs, artifacts)
// in one transaction; the orchestrator reads the test's verdict from what it stored.
import type { Store } from '../store'
import { persistExecution } from './persist'
import type { RunReporter } from './reporter'

export function storeResults(store: Store): RunReporter {
  return {
    name: 'store results',
    onAttemptEnd: ({ outcome, context }) => {
      persistExecution(store, outcome, context)
    },
  }
}
