// The form that starts a recording: into a new test (its name and the URL to open) or into an
// existing test after its last step, with the browser configuration and environment to use.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { StartRecordingInput } from '../../../../shared/api/recorder'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { LibrarySelect } from '../../components/LibrarySelect'
import { useApp, useAppStore } from '../../StoreContext'

export function StartRecording() {
  const store = useAppStore()
  const id = useId()
  const tests = useApp((s) => s.outline?.tests)
  // The new test goes into the project this window shows (the nested field is not scoped for us).
  const projectId = useApp((s) => s.outline?.project.id ?? null)
  const openTest = useApp((s) => s.docs.test?.id ?? null)
  const [into, setInto] = useState<'new' | 'existing'>(openTest ? 'existing' : 'new')
  const [name, setName] = useState('')
  const [url, setUrl] = useState('')
  const [testId, setTestId] = useState(openTest ?? '')
  const [environmentId, setEnvironmentId] = useState('')
  const [browserId, setBrowserId] = useState('')
  const [headless, setHeadless] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!testId && tests?.length) setTestId(tests[0].id)
  }, [tests, testId])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const input: StartRecordingInput = {
      ...(url.trim() ? { url: url.trim() } : {}),
      ...(into === 'new' ? { new_test: { name: name.trim() || `Recording ${new Date().toLocaleString()}`, ...(projectId ? { project_id: projectId } : {}) } } : { test_case_id: testId }),
      ...(environmentId ? { environment_id: environmentId } : {}),
      ...(browserId ? { browser_config_id: browserId } : {}),
      ...(headless ? { headless: true } : {}),
    }
    setBusy(true)
    setError(null)
    try {
      const session = await store.getState().client.recorder.start(input)
      store.getState().navigate(route('recorder', session.id))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>Start recording</h2>
      <fieldset className="field">
        <legend>Record into</legend>
        <label>
          <input type="radio" name={`${id}-into`} checked={into === 'new'} onChange={() => setInto('new')} /> A new test
        </label>
        <label>
          <input type="radio" name={`${id}-into`} checked={into === 'existing'} onChange={() => setInto('existing')} disabled={!tests?.length} /> An existing test, after its last step
        </label>
      </fieldset>
      {into === 'new' ? (
        <div className="field">
          <label htmlFor={`${id}-name`}>Test name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="Recording (date and time)" />
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-test`}>Test</label>
          <select id={`${id}-test`} value={testId} onChange={(e) => setTestId(e.target.value)}>
            {(tests ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.step_count} steps)
              </option>
            ))}
          </select>
          <span className="hint">Its steps are replayed in the recording browser first, then what you do is added after them.</span>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-url`}>URL to open{into === 'new' ? <span aria-hidden="true"> *</span> : ' (optional)'}</label>
        <input id={`${id}-url`} type="text" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/login" required={into === 'new'} />
        <span className="hint">Relative URLs open from the environment's base URL.</span>
      </div>
      <div className="field-row">
        <LibrarySelect kind="browser" id={`${id}-browser`} label="Browser configuration" empty="Default (Chromium)" value={browserId} onChange={setBrowserId} />
        <LibrarySelect kind="environment" id={`${id}-env`} label="Environment" empty="The test's own (or none)" value={environmentId} onChange={setEnvironmentId} />
      </div>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={headless} onChange={(e) => setHeadless(e.target.checked)} /> Without a window (headless; where there is no display this is the default)
        </label>
      </div>
      {error && (
        <p role="alert" className="field-issue">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || (into === 'existing' && !testId)}>
          {busy ? 'Opening the browser…' : 'Start recording'}
        </button>
      </div>
    </form>
  )
}
