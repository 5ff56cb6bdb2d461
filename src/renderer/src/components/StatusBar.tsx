import { useApp } from '../StoreContext'

export function StatusBar() {
  const system = useApp((s) => s.system)
  const error = useApp((s) => s.systemError)

  if (error) {
    return (
      <footer className="statusbar error" role="status">
        Cannot reach TestDesk: {error}
      </footer>
    )
  }
  if (!system) {
    return (
      <footer className="statusbar" role="status">
        Connecting…
      </footer>
    )
  }
  return (
    <footer className="statusbar" role="status" data-testid="status-bar">
      <span>TestDesk {system.appVersion}</span>
      <span>schema v{system.schemaVersion}</span>
      <span title={system.databasePath}>data: {system.dataDir}</span>
      <span className={system.browser.found ? 'ok' : 'warn'}>
        {system.browser.found ? `browser: ${system.browser.source} · ${system.browser.path}` : 'no browser found'}
      </span>
    </footer>
  )
}
