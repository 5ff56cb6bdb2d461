// The schedule form: what it runs, when (repeat, start on the schedule's clock, time zone, end),
// with what, what happens to missed and overlapping runs, who is told; beside it a preview of
// the next five runs on this machine's clock, computed by the scheduler itself as you type.
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import type { Schedule } from '../../../../shared/model/schedules'
import { LibrarySelect } from '../../components/LibrarySelect'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'
import { draftOf, inputOf, newDraft, REPEAT_CHOICES, type RepeatChoice, type ScheduleDraft } from './schedule-draft'
import { LOCAL_ZONE, timeZones } from './schedule-words'
import { SchedulePreview } from './SchedulePreview'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

export function ScheduleForm({ schedule, onSaved }: { schedule: Schedule | null; onSaved(schedule: Schedule): void }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const outline = useApp((s) => s.outline)
  const id = useId()
  const [draft, setDraft] = useState<ScheduleDraft>(() => (schedule ? draftOf(schedule) : newDraft(new Date(), LOCAL_ZONE)))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const zones = useMemo(timeZones, [])
  const set = (patch: Partial<ScheduleDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const f = (name: string) => `${id}-${name}`

  const suites = (outline?.suites ?? []).filter((s) => s.path.length > 1).sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
  const suiteValue = draft.suitePath ? JSON.stringify(draft.suitePath) : ''

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setSaving(true)
    setError(null)
    try {
      const input = inputOf(draft)
      // The stored webhook comes back masked: unchanged, it is left out so the stored one stays.
      if (schedule && draft.webhookUrl === (schedule.webhook_url ?? '')) delete (input as { webhook_url?: unknown }).webhook_url
      const saved = schedule ? await client.schedules.update({ id: schedule.id, ...input }) : await client.schedules.create(input)
      store.getState().toast(schedule ? `Saved ${saved.schedule_name}` : `Created ${saved.schedule_name}`)
      onSaved(saved)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form className="form schedule-form" onSubmit={save} aria-label={schedule ? `Edit ${schedule.schedule_name}` : 'New schedule'}>
      <div className="schedule-form-columns">
        <div>
          <Field id={f('name')} label="Schedule name">
            <input id={f('name')} value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
          </Field>

          <fieldset className="field group">
            <legend>What it runs</legend>
            <Field id={f('suite')} label="Suite">
              <select id={f('suite')} value={suiteValue} onChange={(e) => set({ suitePath: e.target.value ? (JSON.parse(e.target.value) as string[]) : null })}>
                <option value="">No suite (only the tests and tags below)</option>
                <option value={JSON.stringify(['ROOT'])}>All tests of the project</option>
                {suites.map((s) => (
                  <option key={s.id} value={JSON.stringify(s.path)}>
                    {s.path.slice(1).join(' / ')}
                  </option>
                ))}
              </select>
            </Field>
            <details open={draft.testIds.length > 0}>
              <summary>Tests ({draft.testIds.length} chosen)</summary>
              <div className="check-list" role="group" aria-label="Tests">
                {(outline?.tests ?? []).map((t) => (
                  <label key={t.id}>
                    <input
                      type="checkbox"
                      checked={draft.testIds.includes(t.id)}
                      onChange={(e) => set({ testIds: e.target.checked ? [...draft.testIds, t.id] : draft.testIds.filter((x) => x !== t.id) })}
                    />{' '}
                    {t.name}
                  </label>
                ))}
              </div>
            </details>
            <Field id={f('tags')} label="Tests tagged" hint="Comma-separated: tests with any of these tags run too.">
              <input id={f('tags')} value={draft.tags} onChange={(e) => set({ tags: e.target.value })} placeholder="smoke, nightly" />
            </Field>
          </fieldset>

          <fieldset className="field group">
            <legend>When</legend>
            <Field id={f('repeat')} label="Repeat">
              <select id={f('repeat')} value={draft.repeat} onChange={(e) => set({ repeat: e.target.value as RepeatChoice })}>
                {REPEAT_CHOICES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            {draft.repeat === 'weekly' && (
              <fieldset className="field weekdays">
                <legend>On</legend>
                {WEEKDAYS.map((day, n) => (
                  <label key={day}>
                    <input type="checkbox" checked={draft.daysOfWeek.includes(n)} onChange={(e) => set({ daysOfWeek: e.target.checked ? [...draft.daysOfWeek, n] : draft.daysOfWeek.filter((d) => d !== n) })} /> {day}
                  </label>
                ))}
              </fieldset>
            )}
            {draft.repeat === 'monthly' && (
              <div className="field-row">
                <Field id={f('dom')} label="Day of the month">
                  <input id={f('dom')} type="number" min={1} max={31} value={draft.dayOfMonth} onChange={(e) => set({ dayOfMonth: Number(e.target.value) })} />
                </Field>
                <Field id={f('month-end')} label="In months without that day">
                  <select id={f('month-end')} value={draft.monthEnd} onChange={(e) => set({ monthEnd: e.target.value as ScheduleDraft['monthEnd'] })}>
                    <option value="last_day">Run on the month's last day</option>
                    <option value="skip">Skip that month</option>
                  </select>
                </Field>
              </div>
            )}
            {draft.repeat === 'every' && (
              <div className="field-row">
                <Field id={f('every')} label="Every">
                  <input id={f('every')} type="number" min={1} value={draft.everyN} onChange={(e) => set({ everyN: Number(e.target.value) })} />
                </Field>
                <Field id={f('unit')} label="Unit">
                  <select id={f('unit')} value={draft.everyUnit} onChange={(e) => set({ everyUnit: e.target.value as ScheduleDraft['everyUnit'] })}>
                    <option value="hours">hours</option>
                    <option value="days">days</option>
                  </select>
                </Field>
              </div>
            )}
            {draft.repeat === 'cron' && (
              <Field id={f('cron')} label="Cron expression" hint="Minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5 (weekdays at 09:00), read in the time zone below.">
                <input id={f('cron')} className="mono" value={draft.cron} onChange={(e) => set({ cron: e.target.value })} />
              </Field>
            )}
            <div className="field-row">
              <Field id={f('start-date')} label={draft.repeat === 'none' ? 'Date' : 'Starting on'}>
                <input id={f('start-date')} type="date" value={draft.startDate} onChange={(e) => set({ startDate: e.target.value })} required />
              </Field>
              <Field id={f('start-time')} label="At">
                <input id={f('start-time')} type="time" value={draft.startTime} onChange={(e) => set({ startTime: e.target.value })} required />
              </Field>
              <Field id={f('zone')} label="Time zone">
                <select id={f('zone')} value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })}>
                  {zones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone.replace(/_/g, ' ')}
                      {zone === LOCAL_ZONE ? ' (this machine)' : ''}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            {draft.repeat !== 'none' && (
              <div className="field-row">
                <Field id={f('end')} label="Last day (optional)">
                  <input id={f('end')} type="date" value={draft.endDate} onChange={(e) => set({ endDate: e.target.value })} />
                </Field>
                <Field id={f('max')} label="At most this many runs (optional)">
                  <input id={f('max')} type="number" min={1} value={draft.maxOccurrences} onChange={(e) => set({ maxOccurrences: e.target.value })} />
                </Field>
              </div>
            )}
          </fieldset>

          <fieldset className="field group">
            <legend>Run with</legend>
            <div className="field-row">
              <LibrarySelect kind="browser" id={f('browser')} label="Browser configuration" empty="Default (Chromium)" value={draft.browserConfigId} onChange={(browserConfigId) => set({ browserConfigId })} />
              <LibrarySelect kind="environment" id={f('env')} label="Environment" empty="Each test's own" value={draft.environmentId} onChange={(environmentId) => set({ environmentId })} />
            </div>
            <div className="field-row">
              <Field id={f('missed')} label="Runs missed while nothing was running">
                <select id={f('missed')} value={draft.missedPolicy} onChange={(e) => set({ missedPolicy: e.target.value as ScheduleDraft['missedPolicy'] })}>
                  <option value="skip">Record them as missed</option>
                  <option value="run_once">Record them, and run once at start</option>
                </select>
              </Field>
              <Field id={f('overlap')} label="When the previous run is still going">
                <select id={f('overlap')} value={draft.overlapPolicy} onChange={(e) => set({ overlapPolicy: e.target.value as ScheduleDraft['overlapPolicy'] })}>
                  <option value="skip">Skip this run</option>
                  <option value="queue">Run it after</option>
                </select>
              </Field>
            </div>
          </fieldset>

          <fieldset className="field group">
            <legend>Notifications</legend>
            <div className="check-row">
              <label>
                <input type="checkbox" checked={draft.notifyOnCompletion} onChange={(e) => set({ notifyOnCompletion: e.target.checked })} /> After every run
              </label>
              <label>
                <input type="checkbox" checked={draft.notifyOnFailure} onChange={(e) => set({ notifyOnFailure: e.target.checked })} /> When a run fails
              </label>
              <label>
                <input type="checkbox" checked={draft.notifyOnStatusChange} onChange={(e) => set({ notifyOnStatusChange: e.target.checked })} /> When the result changes
              </label>
              <label>
                <input type="checkbox" checked={draft.notifyDesktop} onChange={(e) => set({ notifyDesktop: e.target.checked })} /> As a desktop notification
              </label>
            </div>
            <Field id={f('emails')} label="E-mail to" hint="Comma-separated addresses; SMTP is set in Settings or with testdesk schedules.">
              <input id={f('emails')} value={draft.emails} onChange={(e) => set({ emails: e.target.value })} placeholder="qa@example.com" />
            </Field>
            <Field id={f('webhook')} label="Webhook URL" hint="A secret: stored, then shown only as its scheme and host. Slack-compatible JSON.">
              <input id={f('webhook')} className="mono" value={draft.webhookUrl} onChange={(e) => set({ webhookUrl: e.target.value })} placeholder="https://hooks.example.com/…" />
            </Field>
          </fieldset>
        </div>
        <SchedulePreview draft={draft} />
      </div>
      {error && (
        <p role="alert" className="field-issue">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={saving}>
          {schedule ? 'Save changes' : 'Create schedule'}
        </button>
      </div>
    </form>
  )
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="hint">{hint}</span>}
    </div>
  )
}
