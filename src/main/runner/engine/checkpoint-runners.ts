// Runners of the checkpoint kinds beyond element properties (./checkpoints runs those), by type.
import type { StepRun } from './step-run'
import { runAccessibilityCheckpoint } from './accessibility'
import { runDownloadCheckpoint } from './download-checkpoint'
import { runApiCheckpoint } from './http-request'
import { runVisualCheckpoint } from './visual'

export const MORE_CHECKPOINT_RUNNERS: Record<string, (run: StepRun, checkpoint: unknown) => Promise<void>> = {
  screenshot: runVisualCheckpoint,
  accessibility: runAccessibilityCheckpoint,
  api: runApiCheckpoint,
  download: runDownloadCheckpoint,
}
