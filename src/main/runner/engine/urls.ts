// URLs as testers write them in steps (relative, host:port, full) made absolute; shared by the
// navigate action and the request step.
import { StepFailure } from './failures'

/** An absolute URL for a navigate value: as written, or relative to the base URL or current page. */
export function resolveUrl(raw: string, baseUrl: string | null | undefined, currentUrl: string): string {
  const text = raw.trim()
  try {
    if (/^[\w.-]+:\d+(\/|$)/.test(text)) return new URL(`http://${text}`).href
    if (/^[a-zA-Z][\w+.-]*:/.test(text)) return new URL(text).href
    const base = baseUrl || (/^https?:/.test(currentUrl) ? currentUrl : null)
    if (base) return new URL(text, base).href
  } catch {
    throw new StepFailure(`'${text}' is not a valid URL`)
  }
  throw new StepFailure(`Navigation to '${text}' needs a full URL (with http:// or https://), or a base URL in the environment`)
}
