// The runner's face to the core's runs namespace: the orchestrator, or manual runs without a browser.
import type { TestRun } from '../../shared/model/execution'

/** How runs are started and halted: the orchestrator implements it, the core's runs namespace calls it. */
export interface RunControl {
  start(runId: string, environment: { browser_name?: string; viewport_width?: number; viewport_height?: number }): Promise<TestRun> | TestRun
  stop(runId: string): Promise<TestRun> | TestRun
  cancel(runId: string): Promise<TestRun> | TestRun
}
