import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createClient } from './client'
import { scopedToProject, windowProject } from './project-scope'
import { windowAddress } from './routes'
import { createAppStore } from './store'
import { THEME_KEY, type Theme } from './store/uiSlice'
import { StoreContext } from './StoreContext'
import './styles.css'

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY)
  if (saved === 'light' || saved === 'dark') return saved
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

function scopedClient() {
  const client = createClient()
  return scopedToProject(client, windowProject(client, localStorage))
}

const store = createAppStore({
  // Every call that takes a project names the one this window works in (the project switcher's).
  client: scopedClient(),
  address: windowAddress(window),
  storage: localStorage,
  initialTheme: initialTheme(),
  saveTheme: (theme) => localStorage.setItem(THEME_KEY, theme),
})
const state = store.getState()
state.followAddress()
state.startLive()
void state.loadSystem()
void state.loadOutline()
void state.loadSettings()

// Leaving with edits not yet saved: the browser asks first.
window.addEventListener('beforeunload', (event) => {
  const docs = Object.values(store.getState().docs)
  if (docs.some((doc) => doc && (doc.present !== doc.base || doc.saving))) event.preventDefault()
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
)
