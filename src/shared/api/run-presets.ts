// `runPresets`: a run builder's choices saved under a name in the project, to build the same
// run again later (or on another machine sharing the data folder).
import { z } from 'zod'
import { ById, Id, Name, type Deleted } from '../model/common'
import { ScreenshotPolicy, TracePolicy } from '../model/execution'
import { method, returns, type Namespace } from './contract'

const Ids = z.array(Id).max(10_000)

/** What the run builder holds: what to run and how. */
export const RunPresetConfig = z
  .object({
    name: z.string().max(255),
    source: z.enum(['pick', 'tree', 'failed']),
    suite_ids: Ids,
    tags: z.array(z.string().max(100)).max(100),
    test_ids: Ids,
    failed_run_id: Id.nullable(),
    browser_config_id: Id.nullable(),
    environment_id: Id.nullable(),
    workers: z.number().int().min(1).max(10),
    retries: z.number().int().min(0).max(10),
    screenshots: ScreenshotPolicy,
    trace: TracePolicy,
    fail_fast: z.boolean(),
    headless: z.boolean(),
    test_timeout_s: z.number().int().min(1).max(86_400).nullable(),
    run_timeout_min: z.number().int().min(1).max(10_080).nullable(),
  })
  .strict()
export type RunPresetConfig = z.infer<typeof RunPresetConfig>

export interface RunPreset {
  id: string
  project_id: string
  name: string
  config: RunPresetConfig
  created_at: string
  updated_at: string
}

export const runPresets = {
  list: method(z.object({ project_id: Id.optional() }).strict(), returns<RunPreset[]>()),
  /** Saves the choices under `name`, replacing the project's preset of that name if there is one. */
  save: method(z.object({ project_id: Id.optional(), name: Name, config: RunPresetConfig }).strict(), returns<RunPreset>()),
  delete: method(ById, returns<Deleted>()),
} satisfies Namespace
