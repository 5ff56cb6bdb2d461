// The scheduler's settings on this machine, kept as one row of `settings`: whether the desktop app
// keeps firing schedules from the tray, and the SMTP server for e-mail notifications. The SMTP
// password is a secret: it never leaves the store but to the mailer (password_set says it is there).
import type { SchedulerSettings, SmtpSettings, UpdateSchedulerSettingsInput } from '../../shared/model/schedules'
import type { StoreBase } from './base'

const KEY = 'scheduler'

interface Stored {
  run_in_background: boolean
  smtp: (Omit<SmtpSettings, 'password_set'> & { password: string | null }) | null
}

const EMPTY: Stored = { run_in_background: false, smtp: null }

export type SmtpConnection = Omit<SmtpSettings, 'password_set'> & { password: string | null }

export class SchedulerSettingsRepo {
  constructor(private readonly s: StoreBase) {}

  private read(): Stored {
    const row = this.s.statements.get('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
    return row ? { ...EMPTY, ...(JSON.parse(row.value) as Partial<Stored>) } : EMPTY
  }

  /** As shown: the password replaced by whether one is stored. */
  get(): SchedulerSettings {
    const { run_in_background, smtp } = this.read()
    if (!smtp) return { run_in_background, smtp: null }
    const { password, ...shown } = smtp
    return { run_in_background, smtp: { ...shown, password_set: !!password } }
  }

  /** For the mailer only. */
  smtp(): SmtpConnection | null {
    return this.read().smtp
  }

  update(input: UpdateSchedulerSettingsInput): SchedulerSettings {
    return this.s.tx(() => {
      const current = this.read()
      const next: Stored = { ...current }
      if (input.run_in_background !== undefined) next.run_in_background = input.run_in_background
      if (input.smtp === null) next.smtp = null
      else if (input.smtp) {
        const { password, ...fields } = input.smtp
        // Omitted or null keeps the stored password, so editing the server never needs it again.
        const kept = password === undefined || password === null ? (current.smtp?.password ?? null) : password || null
        next.smtp = { ...fields, user: fields.user ?? null, password: kept }
      }
      this.s.statements
        .get('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(KEY, JSON.stringify(next), this.s.now())
      return this.get()
    })
  }
}
