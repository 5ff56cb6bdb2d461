// Settings of this installation that every window and the CLI share (stored in the database):
// the defaults a new run starts from. Per-window choices (theme, panel sizes) stay in the window.
import { z } from 'zod'
import { ScreenshotPolicy, TracePolicy } from './execution'

/** Each run default with its bounds, without its default value (an update names only some). */
const RunDefaultFields = {
  workers: z.number().int().min(1, 'Must be between 1 and 10').max(10, 'Must be between 1 and 10'),
  retries: z.number().int().min(0, 'Must be between 0 and 10').max(10, 'Must be between 0 and 10'),
  screenshots: ScreenshotPolicy,
  trace: TracePolicy,
  headless: z.boolean(),
}

export const RunDefaults = z
  .object({
    workers: RunDefaultFields.workers.default(1),
    retries: RunDefaultFields.retries.default(0),
    screenshots: RunDefaultFields.screenshots.default('on-failure'),
    trace: RunDefaultFields.trace.default('on-failure'),
    headless: RunDefaultFields.headless.default(true),
  })
  .strict()
export type RunDefaults = z.infer<typeof RunDefaults>

export const AppSettings = z.object({ run_defaults: RunDefaults.default(RunDefaults.parse({})) }).strict()
export type AppSettings = z.infer<typeof AppSettings>

/** A change to some settings; what is not given stays as it is. */
export const UpdateSettingsInput = z.object({ run_defaults: z.object(RunDefaultFields).partial().strict().optional() }).strict()
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>
