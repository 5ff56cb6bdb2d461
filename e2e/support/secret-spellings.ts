// Every spelling of a secret a page, a browser or TestDesk may produce, written with the real
// encoders (not with the masker's rules), so tests search stored data for each of them.
import { jsString } from '../../src/shared/patterns'

/** Base64 of the UTF-8 bytes (no Buffer: shared tests type-check without Node too). */
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))

const htmlEscape = (text: string, apostrophe: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, apostrophe)

/** JSON with every non-ASCII character as \uXXXX (Python's json.dumps, some servers). */
const asciiJson = (text: string) => JSON.stringify(text).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

export function secretSpellings(secret: string): Record<string, string> {
  const form = new URLSearchParams({ v: secret }).toString().slice(2)
  // `#` would end the query: a page sending the secret there escapes it first.
  const chromiumQuery = new URL(`http://example.test/?v=${secret.replace(/#/g, '%23')}`).search.slice(3)
  const spellings: Record<string, string> = {
    raw: secret,
    json: JSON.stringify(secret).slice(1, -1),
    'json (ASCII only)': asciiJson(secret),
    'json inside json': JSON.stringify(JSON.stringify(secret)).slice(1, -1),
    'js single-quoted': jsString(secret).slice(1, -1),
    'html (&#39;)': htmlEscape(secret, '&#39;'),
    'html (&#x27;)': htmlEscape(secret, '&#x27;'),
    'html (&apos;)': htmlEscape(secret, '&apos;'),
    encodeURIComponent: encodeURIComponent(secret),
    'encodeURIComponent, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    'form encoding': form,
    'form encoding, lower-case hex': form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    "Chromium's query escaping": chromiumQuery,
    base64: base64(secret),
    base64url: base64(secret).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  }
  for (const [name, { encoded, middle }] of Object.entries(base64Inside(secret))) spellings[`${name} (middle part of ${encoded})`] = middle
  return spellings
}

/**
 * The secret base64-encoded inside longer data at each byte alignment (as in a Basic header
 * `user:secret`), with the characters of the encoding that depend on the secret alone.
 */
export function base64Inside(secret: string): Record<string, { encoded: string; middle: string }> {
  const out: Record<string, { encoded: string; middle: string }> = {}
  for (const prefix of ['u:', 'us:', 'user:']) {
    const encoded = base64(prefix + secret + 'xyz')
    out[`base64 after ${prefix.length} bytes`] = { encoded, middle: encoded.slice(Math.ceil(((prefix.length + 1) * 8) / 6), -8) }
  }
  return out
}

/** The spellings found in `text`, by name (empty when the text holds none). */
export function spellingsIn(text: string, secrets: readonly string[]): string[] {
  const found: string[] = []
  for (const secret of secrets) {
    for (const [name, spelling] of Object.entries(secretSpellings(secret))) if (text.includes(spelling)) found.push(`${name} of ${JSON.stringify(secret)}`)
  }
  return found
}
