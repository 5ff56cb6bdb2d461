// `settings`: what every window and the CLI of this installation share, such as run defaults.
import { z } from 'zod'
import { UpdateSettingsInput, type AppSettings } from '../model/settings'
import { method, returns, type Namespace } from './contract'

export const settings = {
  get: method(z.object({}).strict().default({}), returns<AppSettings>()),
  /** Merges the given settings into the stored ones and returns them all. */
  update: method(UpdateSettingsInput, returns<AppSettings>()),
} satisfies Namespace
