// Where the app is: a section and what is open in it, as a path (`/tests/<id>`, `/runs/12`) that
// the host can deep-link to. Pure functions, so the palette, the tree and links all agree.

export const SECTION_IDS = ['tests', 'recorder', 'data-sets', 'environments', 'browsers', 'runs', 'schedules', 'settings'] as const
export type SectionId = (typeof SECTION_IDS)[number]

export interface Route {
  section: SectionId
  /** What is open in the section (a test, a data set, a run…), if anything. */
  id: string | null
  /** Deeper parts a section may use (a run's result: /runs/12/results/<id>). */
  rest: string[]
}

export const HOME: Route = { section: 'tests', id: null, rest: [] }

export function isSection(value: string): value is SectionId {
  return (SECTION_IDS as readonly string[]).includes(value)
}

/** `/tests/abc` → { section: 'tests', id: 'abc' }; an unknown path is the home route. */
export function parseRoute(path: string): Route {
  const parts = path
    .split(/[?#]/)[0]
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        return part
      }
    })
  const [section, id, ...rest] = parts
  if (!section || !isSection(section)) return HOME
  return { section, id: id ?? null, rest }
}

export function routePath(route: Route): string {
  return '/' + [route.section, route.id, ...route.rest].filter((part): part is string => !!part).map(encodeURIComponent).join('/')
}

export function sameRoute(a: Route, b: Route): boolean {
  return routePath(a) === routePath(b)
}

export function route(section: SectionId, id: string | null = null, ...rest: string[]): Route {
  return { section, id, rest }
}

/**
 * How the window's address holds the route: the path in browser mode (http), the hash where the
 * app is loaded from a file (the desktop app), whose path cannot change.
 */
export interface Address {
  read(): string
  push(path: string): void
  replace(path: string): void
  listen(onChange: (path: string) => void): () => void
}

export function windowAddress(win: Window): Address {
  const byHash = win.location.protocol === 'file:'
  const read = () => (byHash ? win.location.hash.replace(/^#/, '') || '/' : win.location.pathname)
  const target = (path: string) => (byHash ? `#${path}` : path)
  return {
    read,
    push: (path) => win.history.pushState(null, '', target(path)),
    replace: (path) => win.history.replaceState(null, '', target(path)),
    listen(onChange) {
      const handler = () => onChange(read())
      win.addEventListener('popstate', handler)
      return () => win.removeEventListener('popstate', handler)
    },
  }
}
