// The form that starts a recording: into a new test (its name and the URL to open) or into an
// existing test after its last step, with the browser configuration and environment to use.
import { useEffect, useId, useState, type FormEvent } from 'react'
import type { StartRecordingInput } from '../../../../shared/api/recorder'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useApp, useAppStore } from '../../StoreContext'

export function StartRecording() {
  const store = useAppStore()
  const id = useId()
  const tests = useApp((s) => s.outline?.tests)
  // The new test goes into the project this window shows (the nested field is not scoped for us).
  const projectId = useApp((s) => s.outline?.project.id ?? null)
  const openTest = useApp((s) => s.docs.test?.id ?? null)
  const environments = useApp((s) => s.lists.environment)
  const browsers = useApp((s) => s.lists.browser)
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
    const state = store.getState()
    if (!state.lists.environment) void state.loadList('environment')
    if (!state.lists.browser) void state.loadList('browser')
  }, [store])
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
        <div className="field">
          <label htmlFor={`${id}-browser`}>Browser configuration</label>
          <select id={`${id}-browser`} value={browserId} onChange={(e) => setBrowserId(e.target.value)}>
            <option value="">Default (Chromium)</option>
            {(browsers ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-env`}>Environment</label>
          <select id={`${id}-env`} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
            <option value="">The test's own (or none)</option>
            {(environments ?? []).map((env) => (
              <option key={env.id} value={env.id}>
                {env.name}
              </option>
            ))}
          </select>
        </div>
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
