// Baselines of visual checkpoints, by test case, checkpoint name, browser and viewport; the
// images themselves are artifacts (content-addressed files under the data directory).
import { TestDeskError } from '../../shared/api/errors'
import type { CheckpointResult, VisualBaseline } from '../../shared/model/execution'
import { readFileSync } from 'node:fs'
import type { ArtifactsRepo } from './artifacts'
import type { StoreBase } from './base'
import { newId, nowIso } from './table'

export interface BaselineKey {
  test_case_id: string
  name: string
  browser: string
  viewport: string
}

export class BaselinesRepo {
  constructor(
    private readonly s: StoreBase,
    private readonly artifacts: ArtifactsRepo,
  ) {}

  get(key: BaselineKey): VisualBaseline | null {
    const row = this.s.statements
      .get('SELECT * FROM visual_baselines WHERE test_case_id = ? AND name = ? AND browser = ? AND viewport = ?')
      .get(key.test_case_id, key.name, key.browser, key.viewport)
    return (row as VisualBaseline | undefined) ?? null
  }

  list(testCaseId: string): VisualBaseline[] {
    return this.s.statements.get('SELECT * FROM visual_baselines WHERE test_case_id = ? ORDER BY name, browser, viewport').all(testCaseId) as VisualBaseline[]
  }

  /** Sets the baseline for `key` to the PNG `bytes` (stored as an artifact), replacing any before. */
  save(key: BaselineKey, bytes: Buffer, acceptedFrom: string | null = null): VisualBaseline {
    const artifact = this.artifacts.save(bytes, 'image/png')
    const now = nowIso()
    this.s.statements
      .get(
        `INSERT INTO visual_baselines (id, test_case_id, name, browser, viewport, sha256, path, accepted_from, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (test_case_id, name, browser, viewport) DO UPDATE SET sha256 = excluded.sha256, path = excluded.path,
           accepted_from = excluded.accepted_from, updated_at = excluded.updated_at`,
      )
      .run(newId(), key.test_case_id, key.name, key.browser, key.viewport, artifact.sha256, artifact.path, acceptedFrom, now, now)
    return this.get(key)!
  }

  /**
   * Makes the screenshot a visual checkpoint result took the baseline for its test case, name,
   * browser and viewport: what a tester does when a change on screen was intended.
   */
  acceptFrom(checkpointResultId: string): VisualBaseline {
    const checkpoint = this.s.t.checkpoints.get(checkpointResultId) as unknown as CheckpointResult | null
    if (!checkpoint) throw TestDeskError.notFound('Checkpoint result', checkpointResultId)
    if (checkpoint.checkpoint_type !== 'screenshot') throw TestDeskError.invalidState(`Checkpoint '${checkpoint.checkpoint_name}' is a ${checkpoint.checkpoint_type} checkpoint: only a visual checkpoint's screenshot can become a baseline`)
    const expected = checkpoint.expected_properties ?? {}
    const [name, browser, viewport] = [expected.baseline, expected.browser, expected.viewport]
    if (!checkpoint.actual_screenshot_path || typeof name !== 'string' || typeof browser !== 'string' || typeof viewport !== 'string') {
      throw TestDeskError.invalidState(`Checkpoint '${checkpoint.checkpoint_name}' kept no screenshot to accept`)
    }
    const owner = this.s.statements.get('SELECT test_case_id FROM test_run_results WHERE id = ?').get(checkpoint.test_run_result_id) as { test_case_id: string | null } | undefined
    if (!owner?.test_case_id) throw TestDeskError.invalidState(`The result of checkpoint '${checkpoint.checkpoint_name}' belongs to no test case any more`)
    let bytes: Buffer
    try {
      bytes = readFileSync(this.artifacts.absolute(checkpoint.actual_screenshot_path))
    } catch (error) {
      // A data folder cleaned by hand: say which file, not the file system's code.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      throw TestDeskError.invalidState(`The screenshot of checkpoint '${checkpoint.checkpoint_name}' is gone from the data folder (${checkpoint.actual_screenshot_path}): run the test again and accept that result`)
    }
    return this.save({ test_case_id: owner.test_case_id, name, browser, viewport }, bytes, checkpoint.id)
  }
}
