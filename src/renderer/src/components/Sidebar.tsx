import { useApp } from '../StoreContext'
import type { Section } from '../store/uiSlice'

interface Entry {
  id: Section
  label: string
  ready: boolean
}

const SECTIONS: Entry[] = [
  { id: 'overview', label: 'Overview', ready: true },
  { id: 'tests', label: 'Tests', ready: false },
  { id: 'runs', label: 'Test runs', ready: false },
  { id: 'results', label: 'Results', ready: false },
  { id: 'schedules', label: 'Schedules', ready: false },
  { id: 'reports', label: 'Reports', ready: false },
  { id: 'settings', label: 'Settings', ready: false },
]

export function Sidebar() {
  const section = useApp((s) => s.section)
  const openSection = useApp((s) => s.openSection)
  const theme = useApp((s) => s.theme)
  const toggleTheme = useApp((s) => s.toggleTheme)

  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">TestDesk</div>
      <ul>
        {SECTIONS.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className={entry.id === section ? 'nav-item active' : 'nav-item'}
              aria-current={entry.id === section ? 'page' : undefined}
              disabled={!entry.ready}
              title={entry.ready ? undefined : 'Not available in this version yet'}
              onClick={() => openSection(entry.id)}
            >
              {entry.label}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="theme-toggle" onClick={toggleTheme} aria-label="Toggle light and dark theme">
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </nav>
  )
}
