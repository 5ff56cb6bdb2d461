// Where the window is (a section and what is open in it), kept in the address bar so a link
// or a reload opens the same place, and remembered so the app reopens where the tester left.
import type { StateCreator } from 'zustand'
import { HOME, parseRoute, routePath, sameRoute, type Route } from '../routes'
import type { AppState, StoreDeps } from './index'

export const LAST_ROUTE_KEY = 'testdesk.lastRoute'

export interface RouteSlice {
  route: Route
  navigate(route: Route, options?: { replace?: boolean }): void
  /** Follows the address (back/forward); returns the function that stops following. */
  followAddress(): () => void
}

export const routeSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], RouteSlice> =>
  (set, get) => {
    const initialPath = deps.address.read()
    const remembered = deps.storage.getItem(LAST_ROUTE_KEY)
    // The bare address opens what was open last time; any other address wins.
    const initial = initialPath === '/' && remembered ? parseRoute(remembered) : parseRoute(initialPath)
    if (routePath(initial) !== initialPath) deps.address.replace(routePath(initial))

    return {
      route: initial,
      navigate(next, options = {}) {
        if (sameRoute(next, get().route)) return
        const path = routePath(next)
        if (options.replace) deps.address.replace(path)
        else deps.address.push(path)
        deps.storage.setItem(LAST_ROUTE_KEY, path)
        set({ route: next })
      },
      followAddress() {
        return deps.address.listen((path) => {
          const next = parseRoute(path)
          deps.storage.setItem(LAST_ROUTE_KEY, routePath(next))
          set({ route: next })
        })
      },
    }
  }

export { HOME }
