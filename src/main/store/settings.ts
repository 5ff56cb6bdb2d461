// Settings rows: one JSON value per key. A stored value that no longer reads (an older or newer
// TestDesk wrote it) falls back to the defaults rather than breaking every window.
import { AppSettings, RunDefaults, type UpdateSettingsInput } from '../../shared/model/settings'
import type { StoreBase } from './base'

const RUN_DEFAULTS_KEY = 'run_defaults'

export class SettingsRepo {
  constructor(private readonly s: StoreBase) {}

  get(): AppSettings {
    const row = this.s.statements.get('SELECT value FROM settings WHERE key = ?').get(RUN_DEFAULTS_KEY) as { value: string } | undefined
    const stored = row ? RunDefaults.safeParse(JSON.parse(row.value)) : null
    return AppSettings.parse({ run_defaults: stored?.success ? stored.data : undefined })
  }

  update(input: UpdateSettingsInput): AppSettings {
    return this.s.tx(() => {
      if (input.run_defaults) {
        const merged = RunDefaults.parse({ ...this.get().run_defaults, ...input.run_defaults })
        this.s.statements
          .get(
            `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(RUN_DEFAULTS_KEY, JSON.stringify(merged), this.s.now())
      }
      return this.get()
    })
  }
}
