// The app frame: sidebar of sections, the open section, and a status bar with system facts.
import { useEffect } from 'react'
import { Sidebar } from './components/Sidebar'
import { StatusBar } from './components/StatusBar'
import { useApp } from './StoreContext'
import { Overview } from './views/Overview'

export function App() {
  const theme = useApp((s) => s.theme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  return (
    <div className="frame">
      <Sidebar />
      <main className="main" aria-label="Main area">
        <Overview />
      </main>
      <StatusBar />
    </div>
  )
}
