// The first thing a tester sees: is this installation ready to run tests, and where is the data.
import { useApp } from '../StoreContext'

export function Overview() {
  const system = useApp((s) => s.system)
  const error = useApp((s) => s.systemError)
  const reload = useApp((s) => s.loadSystem)

  return (
    <section className="view" aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      {error && (
        <div className="callout error" role="alert">
          <p>TestDesk could not load its status: {error}</p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {!system && !error && <p>Loading…</p>}
      {system && (
        <>
          <dl className="facts" data-testid="system-info">
            <dt>Version</dt>
            <dd data-testid="app-version">{system.appVersion}</dd>
            <dt>Data directory</dt>
            <dd data-testid="data-dir">{system.dataDir}</dd>
            <dt>Database</dt>
            <dd>
              {system.databasePath} (schema version <span data-testid="schema-version">{system.schemaVersion}</span>)
            </dd>
            <dt>Runs on</dt>
            <dd>
              {system.platform}, Node {system.nodeVersion}
              {system.electronVersion ? `, Electron ${system.electronVersion}` : ' (browser mode)'}
            </dd>
            <dt>Browser</dt>
            <dd data-testid="browser">
              {system.browser.found ? `${system.browser.path} (from ${system.browser.source})` : 'None found'}
            </dd>
          </dl>
          {!system.browser.found && (
            <div className="callout warn" role="alert">
              <p>No browser was found, so tests cannot run yet. {system.browser.hint}</p>
              <details>
                <summary>Places looked at</summary>
                <ul>
                  {system.browser.tried.map((place) => (
                    <li key={place}>{place}</li>
                  ))}
                </ul>
              </details>
            </div>
          )}
        </>
      )}
    </section>
  )
}
