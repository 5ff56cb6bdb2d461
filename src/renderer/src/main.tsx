import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createClient } from './client'
import { createAppStore } from './store'
import { THEME_KEY, type Theme } from './store/uiSlice'
import { StoreContext } from './StoreContext'
import './styles.css'

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY)
  if (saved === 'light' || saved === 'dark') return saved
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

const store = createAppStore({
  client: createClient(),
  initialTheme: initialTheme(),
  saveTheme: (theme) => localStorage.setItem(THEME_KEY, theme),
})
void store.getState().loadSystem()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
)
