// The sections, grouped, as links (so they can be opened in a new tab in browser mode), the
// current project (and its switcher), and the theme switch.
import type { MouseEvent } from 'react'
import { route, routePath } from '../routes'
import { SECTIONS } from '../sections'
import { useApp } from '../StoreContext'
import { ProjectSwitcher } from './ProjectSwitcher'

export function Sidebar() {
  const current = useApp((s) => s.route.section)
  const navigate = useApp((s) => s.navigate)
  const theme = useApp((s) => s.theme)
  const toggleTheme = useApp((s) => s.toggleTheme)
  const project = useApp((s) => s.outline?.project.name)
  const setPaletteOpen = useApp((s) => s.setPaletteOpen)
  const groups = [...new Set(SECTIONS.map((s) => s.group))]

  const follow = (event: MouseEvent, id: (typeof SECTIONS)[number]['id']) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    navigate(route(id))
  }

  return (
    <nav className="sidebar" aria-label="Sections" data-region>
      <div className="brand">TestDesk</div>
      <ProjectSwitcher project={project ?? null} />
      <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)}>
        Search and commands <kbd>Ctrl+K</kbd>
      </button>
      {groups.map((group) => (
        <div key={group} className="nav-group">
          <h2 className="nav-heading">{group}</h2>
          <ul>
            {SECTIONS.filter((s) => s.group === group).map((section) => (
              <li key={section.id}>
                <a
                  href={routePath(route(section.id))}
                  className={section.id === current ? 'nav-item active' : 'nav-item'}
                  aria-current={section.id === current ? 'page' : undefined}
                  onClick={(event) => follow(event, section.id)}
                >
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <button type="button" className="theme-toggle" onClick={toggleTheme} aria-pressed={theme === 'dark'}>
        Dark theme
      </button>
    </nav>
  )
}
