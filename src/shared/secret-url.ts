// A URL that is itself a secret (a webhook carries its credential in the path or query) is shown
// as its scheme and host only.
import { SECRET_MASK } from './secret-mask'

export function maskUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)
  return match ? `${match[1]}${match[2]}/${SECRET_MASK}` : SECRET_MASK
}

/** Whether `text` is what maskUrl shows (a caller sending back the value it was shown). */
export function isMaskedUrl(text: string): boolean {
  return text.endsWith(`/${SECRET_MASK}`) || text === SECRET_MASK
}
