// What runs and where the data lives, always in view.
import { useApp } from '../StoreContext'

export function StatusBar() {
  const system = useApp((s) => s.system)
  const error = useApp((s) => s.systemError)
  const runs = useApp((s) => s.activeRuns)
  const project = useApp((s) => s.outline?.project.name)

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
    <footer className="statusbar" data-testid="status-bar">
      <span role="status" data-testid="runs-status">
        {runs.length === 0
          ? 'No run in progress'
          : runs.map((run) => `${run.name}: ${run.finished}/${run.total}`).join(' · ') + (runs.length === 1 ? ' running' : ' running')}
      </span>
      {project && <span>project: {project}</span>}
      <span title={system.databasePath}>data: {system.dataDir}</span>
      <span className={system.browser.found ? 'ok' : 'warn'}>
        {system.browser.found ? `browser: ${system.browser.source} · ${system.browser.path}` : 'no browser found (see Settings)'}
      </span>
      <span>TestDesk {system.appVersion}</span>
    </footer>
  )
}
