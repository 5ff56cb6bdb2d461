// Which page URLs are TestDesk's own window: the built UI on disk, or the dev server in development.
import { pathToFileURL } from 'node:url'

export function isAppUrl(url: string, rendererIndex: string, devServerUrl?: string): boolean {
  if (!url) return false
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin
    } catch {
      return false
    }
  }
  const expected = pathToFileURL(rendererIndex).href
  return url.split('#')[0].split('?')[0] === expected
}
