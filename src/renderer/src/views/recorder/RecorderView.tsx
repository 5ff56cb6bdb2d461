// The recorder panel: start a recording (a new test on a URL, or into a test after one of its
// steps), then follow the session live: its browser and URL, pause and resume, what a click
// does (record, pick, assert), the steps as they arrive (edit, delete, reorder), stop.
import { useEffect, useState } from 'react'
import type { RecorderSession } from '../../../../shared/api/recorder'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp } from '../../StoreContext'
import { RecordingSession } from './RecordingSession'
import { StartRecording } from './StartRecording'

export function RecorderView() {
  const sessionId = useApp((s) => (s.route.section === 'recorder' ? s.route.id : null))
  return sessionId ? <RecordingSession key={sessionId} sessionId={sessionId} /> : <RecorderHome />
}

function RecorderHome() {
  const client = useApp((s) => s.client)
  const navigate = useApp((s) => s.navigate)
  const [sessions, setSessions] = useState<RecorderSession[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    client.recorder.list({}).then(setSessions, (e) => setError(messageOf(e)))
  }, [client])
  const running = (sessions ?? []).filter((s) => s.status !== 'stopped' && s.status !== 'failed')

  return (
    <div className="pane scroll recorder" data-region>
      <h1>Recorder</h1>
      <p className="muted">
        Use the site in the recording browser: each action becomes a step with ranked selectors, saved into the test as it happens.
      </p>
      {error && <p role="alert">{error}</p>}
      {running.length > 0 && (
        <section aria-labelledby="recorder-running">
          <h2 id="recorder-running">Recording now</h2>
          <ul className="library-list">
            {running.map((s) => (
              <li key={s.id}>
                <button type="button" className="link" onClick={() => navigate(route('recorder', s.id))}>
                  {s.test_case_name} ({s.paused ? 'paused' : s.status})
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <StartRecording />
    </div>
  )
}
