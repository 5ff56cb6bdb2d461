// Browser mode's session token, kept by this page for its own origin: read once from the URL
// fragment that `testdesk serve` printed (`#token=…`; a fragment is never sent to any server),
// then held in sessionStorage (this origin, port included, and this tab only) and taken out of
// the address bar. Inside Electron there is no token: the preload bridge is the transport.
import { TOKEN_FRAGMENT_KEY } from '../../shared/api/transport'

const STORAGE_KEY = 'testdesk.session-token'

export interface TokenPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  storage: Pick<Storage, 'getItem' | 'setItem'>
}

export function sessionToken(place: TokenPlace = { location: window.location, history: window.history, storage: window.sessionStorage }): string | null {
  const fragment = new URLSearchParams(place.location.hash.replace(/^#/, ''))
  const fromUrl = fragment.get(TOKEN_FRAGMENT_KEY)
  if (fromUrl) {
    place.storage.setItem(STORAGE_KEY, fromUrl)
    fragment.delete(TOKEN_FRAGMENT_KEY)
    const rest = fragment.toString()
    place.history.replaceState(place.history.state, '', `${place.location.pathname}${place.location.search}${rest ? `#${rest}` : ''}`)
    return fromUrl
  }
  return place.storage.getItem(STORAGE_KEY)
}
