// The next five runs of the recurrence being typed, as the scheduler will plan them (the
// contract's preview, not a second implementation here), on this machine's clock, with the
// schedule's own clock beside them when it differs and the rules for clock changes.
import { useEffect, useState } from 'react'
import type { SchedulePreview as Preview } from '../../../../shared/model/schedules'
import { messageOf } from '../../store/docsSlice'
import { useApp } from '../../StoreContext'
import { recurrenceOf, type ScheduleDraft } from './schedule-draft'
import { LOCAL_ZONE, localTime, wallTimeWords } from './schedule-words'

export function SchedulePreview({ draft }: { draft: ScheduleDraft }) {
  const client = useApp((s) => s.client)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const recurrence = JSON.stringify(recurrenceOf(draft))

  useEffect(() => {
    let current = true
    // Typing a cron expression should not ask on every key.
    const timer = setTimeout(() => {
      client.schedules.preview({ ...JSON.parse(recurrence), count: 5, local_timezone: LOCAL_ZONE }).then(
        (p) => current && (setPreview(p), setError(null)),
        (e) => current && (setPreview(null), setError(messageOf(e))),
      )
    }, 200)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [client, recurrence])

  return (
    <section className="schedule-preview" aria-labelledby="schedule-preview-title">
      <h2 id="schedule-preview-title">Next runs</h2>
      <div aria-live="polite">
        {error && <p className="field-issue">{error}</p>}
        {preview && (
          <>
            <p className="describe">{preview.description}</p>
            {preview.occurrences.length === 0 ? (
              <p className="empty">No run left: the schedule has ended.</p>
            ) : (
              <ol aria-label="Next runs">
                {preview.occurrences.map((o) => (
                  <li key={o.at}>
                    {localTime(o.at)}
                    {preview.timezone !== LOCAL_ZONE && <span className="muted"> · {wallTimeWords(o.schedule_time, preview.timezone)}</span>}
                    {o.note && <div className="hint">{o.note}</div>}
                  </li>
                ))}
              </ol>
            )}
            {preview.rules.length > 0 && (
              <ul className="muted rules">
                {preview.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  )
}
