// The app frame: the sections' sidebar, the open section, the status bar, and what floats over
// them (command palette, dialogs, messages). Global keys are handled here, once.
import { Suspense, useEffect } from 'react'
import { CommandPalette } from './components/CommandPalette'
import { Dialogs } from './components/Dialogs'
import { Sidebar } from './components/Sidebar'
import { StatusBar } from './components/StatusBar'
import { Toasts } from './components/Toasts'
import { useGlobalKeys } from './keys'
import { sectionOf } from './sections'
import { useApp } from './StoreContext'

export function App() {
  const theme = useApp((s) => s.theme)
  const section = useApp((s) => s.route.section)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useGlobalKeys()
  const View = sectionOf(section).view
  const label = sectionOf(section).label

  useEffect(() => {
    document.title = `${label} · TestDesk`
  }, [label])

  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        Skip to the main area
      </a>
      <Sidebar />
      <main className="main" id="main" aria-label={label} data-region tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <View />
        </Suspense>
      </main>
      <StatusBar />
      <CommandPalette />
      <Dialogs />
      <Toasts />
    </div>
  )
}
