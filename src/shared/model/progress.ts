// What a run reports while it happens: events on the contract for the UI and the CLI.
import type { ItemStatus, ResultStatus, RunStatus } from './execution'

export interface RunningTest {
  item_id: string
  test_case_name: string
  attempt: number
  iteration: number | null
  step_number: number | null
  step_description: string | null
}

export interface RunProgress {
  run_id: string
  run_name: string
  status: RunStatus
  total_tests: number
  finished_tests: number
  passed_tests: number
  failed_tests: number
  skipped_tests: number
  no_run_tests: number
  pass_rate: number
  running: RunningTest[]
  elapsed_ms: number
  /** Why the run ended, when it ended other than by completing (stopped, cancelled, failed). */
  message: string | null
}

export interface ItemProgress {
  run_id: string
  item_id: string
  test_case_id: string
  test_case_name: string
  status: ItemStatus
  attempt: number
  iteration: number | null
  total_iterations: number
  duration_ms: number
  error_message: string | null
  flaky: boolean
}

export interface StepProgress {
  run_id: string
  item_id: string
  step_number: number
  total_steps: number
  action: string
  description: string | null
  status: 'running' | ResultStatus
  duration_ms: number | null
  error_message: string | null
  healed_selector: string | null
}
