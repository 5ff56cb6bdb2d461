// Settings: where the data lives (and opening it), which browser runs tests (and how to get
// one), the defaults new runs start from, and the theme.
import { useEffect, useId, useState } from 'react'
import type { RunDefaults } from '../../../shared/model/settings'
import { ArtefactFields } from '../components/ArtefactFields'
import { openDataFolder } from '../data-folder'
import { exportPlaywrightProject, exportProject } from '../project-files'
import { useApp, useAppStore } from '../StoreContext'

export function SettingsView() {
  const store = useAppStore()
  const system = useApp((s) => s.system)
  const settings = useApp((s) => s.settings)
  const settingsError = useApp((s) => s.settingsError)
  const theme = useApp((s) => s.theme)
  const setTheme = useApp((s) => s.setTheme)
  const id = useId()
  useEffect(() => void store.getState().loadSettings(), [store])
  const defaults = settings?.run_defaults
  const update = (patch: Partial<RunDefaults>) => void store.getState().updateSettings({ run_defaults: patch })

  return (
    <div className="pane scroll settings" data-region>
      <h1>Settings</h1>
      <section aria-labelledby={`${id}-data`}>
        <h2 id={`${id}-data`}>Data</h2>
        {system && (
          <dl className="facts">
            <dt>Data folder</dt>
            <dd data-testid="data-dir">{system.dataDir}</dd>
            <dt>Database</dt>
            <dd>
              {system.databasePath} (schema version <span data-testid="schema-version">{system.schemaVersion}</span>)
            </dd>
            <dt>Version</dt>
            <dd data-testid="app-version">{system.appVersion}</dd>
            <dt>Runs on</dt>
            <dd>
              {system.platform}, Node {system.nodeVersion}
              {system.electronVersion ? `, Electron ${system.electronVersion}` : ' (browser mode)'}
            </dd>
          </dl>
        )}
        <div className="toolbar-row">
          <button type="button" onClick={() => void openDataFolder(store)}>
            Open the data folder
          </button>
          <button type="button" onClick={() => void exportProject(store)}>
            Export project file
          </button>
          <button type="button" onClick={() => void exportPlaywrightProject(store)}>
            Export Playwright project
          </button>
          <button type="button" onClick={() => store.getState().openDialog({ kind: 'import' })}>
            Import project file…
          </button>
        </div>
      </section>

      <section aria-labelledby={`${id}-browser`}>
        <h2 id={`${id}-browser`}>Browser</h2>
        {system && (system.browser.found ? (
          <p data-testid="browser">
            Tests run on {system.browser.path} (found {system.browser.source === 'env' ? 'through TESTDESK_BROWSER_PATH' : system.browser.source === 'playwright' ? "in Playwright's browsers" : 'on this system'}).
          </p>
        ) : (
          <div className="callout warn" role="alert">
            <p>No browser was found, so tests cannot run yet. {system.browser.hint}</p>
            <p>
              Install one with <code>npx playwright install chromium</code> (or your system's Chromium package), or point <code>TESTDESK_BROWSER_PATH</code> at a browser.
            </p>
            <details>
              <summary>Places looked at</summary>
              <ul>
                {system.browser.tried.map((place) => (
                  <li key={place}>{place}</li>
                ))}
              </ul>
            </details>
          </div>
        ))}
      </section>

      <section aria-labelledby={`${id}-runs`}>
        <h2 id={`${id}-runs`}>Defaults for new runs</h2>
        {settingsError && <p role="alert">{settingsError}</p>}
        {defaults && (
          <form className="form" onSubmit={(e) => e.preventDefault()}>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-workers`}>Workers (1-10)</label>
                <NumberSetting id={`${id}-workers`} min={1} max={10} value={defaults.workers} onSave={(workers) => update({ workers })} />
                <span className="hint">Tests at the same time, each in its own browser (about a CPU core each).</span>
              </div>
              <div className="field">
                <label htmlFor={`${id}-retries`}>Retries (0-10)</label>
                <NumberSetting id={`${id}-retries`} min={0} max={10} value={defaults.retries} onSave={(retries) => update({ retries })} />
                <span className="hint">A test that passes on a retry is marked flaky.</span>
              </div>
            </div>
            <div className="field-row">
              <ArtefactFields id={id} screenshots={defaults.screenshots} trace={defaults.trace} onChange={update} />
            </div>
            <div className="field checkbox">
              <label>
                <input type="checkbox" checked={defaults.headless} onChange={(e) => update({ headless: e.target.checked })} />
                Headless (no browser window)
              </label>
            </div>
          </form>
        )}
      </section>

      <section aria-labelledby={`${id}-look`}>
        <h2 id={`${id}-look`}>Appearance</h2>
        <fieldset className="field">
          <legend>Theme (this browser or window)</legend>
          {(['light', 'dark'] as const).map((t) => (
            <label key={t} className="radio">
              <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />
              {t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
      </section>
    </div>
  )
}

/** A whole number setting: saved when what is typed is a number in range, kept as typed otherwise. */
function NumberSetting({ id, min, max, value, onSave }: { id: string; min: number; max: number; value: number; onSave(value: number): void }) {
  const [text, setText] = useState(String(value))
  useEffect(() => setText(String(value)), [value])
  const n = Number(text)
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max
  return (
    <>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={text}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value)
          const next = Number(e.target.value)
          if (e.target.value.trim() !== '' && Number.isInteger(next) && next >= min && next <= max && next !== value) onSave(next)
        }}
      />
      {!valid && <span className="field-issue">Must be a whole number from {min} to {max}</span>}
    </>
  )
}
