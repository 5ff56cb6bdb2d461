// One recording session, live: the browser and the page it shows, pause and resume, what a
// click in the page does, a URL to open, the steps as they arrive, and stop.
import { useEffect, useId, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react'
import { RecorderMode, type RecorderSession } from '../../../../shared/api/recorder'
import type { TestStep } from '../../../../shared/model/definition'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'
import { RecordedSteps } from './RecordedSteps'
import { recordingSubscription, reduceRecording, sessionSteps, type RecordingView } from './recorded-steps'

const MODE_LABELS: Record<RecorderMode, string> = {
  record: 'Record actions',
  pick: 'Pick a locator',
  assert_visible: 'Assert visible',
  assert_text: 'Assert text',
  assert_value: 'Assert value',
  assert_checked: 'Assert checked',
  screenshot: 'Screenshot checkpoint',
}

const STATUS_WORDS: Record<RecorderSession['status'], string> = {
  starting: 'Opening the browser…',
  replaying: 'Replaying the steps before the recording point…',
  recording: 'Recording',
  paused: 'Paused',
  stopped: 'Stopped',
  failed: 'Failed',
}

export function RecordingSession({ sessionId }: { sessionId: string }) {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const id = useId()
  const [{ session, steps }, setView] = useState<RecordingView>({ session: null, steps: [] })
  const setSession = (next: RecorderSession) => setView((view) => ({ ...view, session: next }))
  const setSteps: Dispatch<SetStateAction<TestStep[]>> = (next) =>
    setView((view) => ({ ...view, steps: typeof next === 'function' ? next(view.steps) : next }))
  const [error, setError] = useState<string | null>(null)
  const [url, setUrl] = useState('')

  useEffect(() => {
    let alive = true
    // Subscribe first, so nothing recorded between the read and the subscription is lost; only
    // this session's events come.
    const stop = client.subscribe(recordingSubscription(sessionId), (event) => {
      if (alive) setView((view) => reduceRecording(view, event, sessionId))
    })
    void (async () => {
      try {
        const current = await client.recorder.get({ session_id: sessionId })
        const all = await client.steps.list({ test_case_id: current.test_case_id })
        if (!alive) return
        setView({ session: current, steps: sessionSteps(all, current.step_ids) })
      } catch (e) {
        if (alive) setError(messageOf(e))
      }
    })()
    return () => {
      alive = false
      stop()
    }
  }, [client, sessionId])

  const act = async (call: () => Promise<RecorderSession>) => {
    try {
      setSession(await call())
      setError(null)
    } catch (e) {
      setError(messageOf(e))
    }
  }

  if (!session) {
    return <div className="pane">{error ? <p role="alert">Could not open the recording: {error}</p> : <p className="loading">Opening the recording…</p>}</div>
  }
  const ended = session.status === 'stopped' || session.status === 'failed'
  const statusText = session.paused && !ended ? 'Paused' : STATUS_WORDS[session.status]
  const go = (event: FormEvent) => {
    event.preventDefault()
    if (url.trim()) void act(() => client.recorder.navigate({ session_id: sessionId, url: url.trim() }))
  }
  const openTest = () => store.getState().navigate(route('tests', session.test_case_id))

  return (
    <div className="pane scroll recorder" data-region>
      <h1>Recording into {session.test_case_name}</h1>
      <p role="status" className="recorder-status" data-status={session.status}>
        {statusText}
        {session.replay && ` · replayed ${session.replay.steps} step${session.replay.steps === 1 ? '' : 's'}: ${session.replay.status}`}
      </p>
      {session.replay?.status === 'failed' && (
        <p className="callout warn">
          The replay stopped at step {session.replay.failed_step}: {session.replay.error}. Recording goes on from where the page is.
        </p>
      )}
      {session.error && <p className="callout warn">{session.error}</p>}
      <dl className="facts" aria-label="The recording browser">
        <dt>Browser</dt>
        <dd>
          {session.browser.name}
          {session.browser.version ? ` ${session.browser.version}` : ''} ({session.browser.headless ? 'headless' : 'in a window'})
        </dd>
        <dt>Page</dt>
        <dd data-testid="recorder-url">{session.url ?? 'none yet'}</dd>
        <dt>Windows</dt>
        <dd>{session.windows}</dd>
      </dl>

      {!ended ? (
        <>
          <div className="toolbar-row" role="toolbar" aria-label="Recording">
            {session.paused ? (
              <button type="button" onClick={() => act(() => client.recorder.resume({ session_id: sessionId }))}>
                Resume
              </button>
            ) : (
              <button type="button" onClick={() => act(() => client.recorder.pause({ session_id: sessionId }))}>
                Pause
              </button>
            )}
            <button type="button" className="primary" onClick={() => act(() => client.recorder.stop({ session_id: sessionId }))}>
              Stop recording
            </button>
          </div>
          <fieldset className="field recorder-modes">
            <legend>A click in the page</legend>
            {RecorderMode.options.map((mode) => (
              <label key={mode}>
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={session.mode === mode}
                  onChange={() => act(() => client.recorder.setMode({ session_id: sessionId, mode }))}
                />{' '}
                {MODE_LABELS[mode]}
              </label>
            ))}
          </fieldset>
          <form className="inline" onSubmit={go}>
            <label htmlFor={`${id}-url`}>Open a URL</label>
            <input id={`${id}-url`} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
            <button type="submit" disabled={!url.trim()}>
              Go
            </button>
          </form>
        </>
      ) : (
        <div className="callout" role="note">
          <p>
            {steps.length} recorded step{steps.length === 1 ? ' is' : 's are'} saved in {session.test_case_name}.
          </p>
          <div className="buttons">
            <button type="button" className="primary" onClick={openTest}>
              Open the test
            </button>
            <button type="button" onClick={() => store.getState().navigate(route('recorder'))}>
              Record another
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      <RecordedSteps session={session} steps={steps} onSteps={setSteps} onError={setError} />
    </div>
  )
}
