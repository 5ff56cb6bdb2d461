// The one place that knows every spelling a secret takes on its way through a browser and
// TestDesk: raw; JSON- and JavaScript-escaped (`\"`, `\'`, `\u00e9`, nested `\\\"`); HTML-escaped
// (`&#39;`, `&quot;`, `&#xE9;`, nested `&amp;lt;`); URL-encoded (encodeURIComponent, form `+`,
// Chromium's own `%27`, either case of hex, nested `%2527`); any mixture of these, character by
// character; and base64 of its UTF-8 bytes, also inside a longer base64 text. Pure TypeScript.
import { escapeRegex } from './patterns'

export const SECRET_MASK = '••••••'

/** Shortest unaligned base64 run worth masking: shorter ones would hit unrelated base64 text. */
const MIN_BASE64_CORE = 8
/** Fewest leading characters of a secret masked where a shortened text cut it. */
const MIN_CUT = 4

const HEX = '0123456789abcdef'

/** A hex digit in either case, as a regex class (`[aA]`), or the digit itself. */
function anyCaseHex(digit: string): string {
  const lower = digit.toLowerCase()
  return /[a-f]/.test(lower) ? `[${lower}${lower.toUpperCase()}]` : lower
}

function hexPattern(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')].map(anyCaseHex).join('')
}

/** The UTF-8 bytes of a string, without TextEncoder (src/shared uses no platform APIs). */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
  }
  return bytes
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function base64(bytes: readonly number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | (b << 8) | c
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63]
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '='
    out += i + 2 < bytes.length ? BASE64[n & 63] : '='
  }
  return out
}

/**
 * Base64 runs that appear whenever the secret's bytes are base64-encoded, alone or inside longer
 * data (`user:secret` in a Basic header, a JSON blob): for each of the three byte alignments, the
 * characters that depend on the secret alone. Standard and URL-safe alphabets.
 */
function base64Spellings(secret: string): string[] {
  const bytes = utf8Bytes(secret)
  const spellings = new Set<string>([base64(bytes), base64(bytes).replace(/=+$/, '')])
  for (let offset = 0; offset < 3; offset++) {
    const encoded = base64([...Array<number>(offset).fill(0), ...bytes])
    const first = offset === 0 ? 0 : offset + 1
    const last = Math.floor(((offset + bytes.length) * 8) / 6)
    const core = encoded.slice(first, last)
    if (core.length >= MIN_BASE64_CORE) spellings.add(core)
  }
  for (const spelling of [...spellings]) spellings.add(spelling.replace(/\+/g, '-').replace(/\//g, '_'))
  return [...spellings]
}

/** Every way one character of a secret may be written, as regex alternatives. */
function characterForms(char: string): string[] {
  const code = char.codePointAt(0)!
  const forms = [escapeRegex(char)]
  if (/[A-Za-z0-9]/.test(char)) return forms
  // JSON and JavaScript: quotes and slashes behind any number of backslashes (nested escaping),
  // \uXXXX (surrogate pairs beyond the BMP), the short escapes of control characters.
  if (char === '\\') forms.push('\\\\+')
  else if (`"'\`/`.includes(char)) forms.push(`\\\\+${escapeRegex(char)}`)
  const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code]
  forms.push(units.map((unit) => `\\\\+u${hexPattern(unit, 4)}`).join(''))
  if (code < 0x100) forms.push(`\\\\+x${hexPattern(code, 2)}`)
  const short: Record<string, string> = { '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f', '\v': 'v' }
  if (short[char]) forms.push(`\\\\+${short[char]}`)
  // HTML: named and numeric character references, `&` itself possibly escaped again.
  const named: Record<string, string[]> = { '&': ['amp'], '<': ['lt'], '>': ['gt'], '"': ['quot'], "'": ['apos'], '\u00a0': ['nbsp'] }
  const amp = '&(?:amp;)*'
  for (const name of named[char] ?? []) forms.push(`${amp}${name};`)
  forms.push(`${amp}#0*${code};`, `${amp}#[xX]0*${hexPattern(code, 1)};`)
  // URLs: each UTF-8 byte as %XX in either case, `%` itself possibly encoded again; `+` for a space.
  forms.push(utf8Bytes(char).map((byte) => `%(?:25)*${anyCaseHex(HEX[byte >> 4])}${anyCaseHex(HEX[byte & 15])}`).join(''))
  if (char === ' ') forms.push('\\+')
  return forms
}

/** Runs of whitespace: a page or a tester's view may collapse or re-space them. */
const WHITESPACE_RUN = `(?:${[...new Set([' ', '\t', '\n', '\r', '\u00a0'].flatMap(characterForms))].join('|')})+`

/** Regex sources, one for each character of the secret (a run of whitespace counts as one). */
function characterParts(secret: string): string[] {
  const parts: string[] = []
  for (const piece of secret.trim().split(/(\s+)/)) {
    if (!piece) continue
    if (/^\s+$/.test(piece)) parts.push(WHITESPACE_RUN)
    else for (const char of piece) parts.push(characterForms(char).length === 1 ? escapeRegex(char) : `(?:${characterForms(char).join('|')})`)
  }
  return parts
}

/**
 * The start of the secret cut by a shortened text (`truncate` ends it with `…`): at least
 * MIN_CUT characters of it, then any number more, then the ellipsis.
 */
function cutPattern(parts: readonly string[]): string | null {
  if (parts.length <= MIN_CUT) return null
  let rest = ''
  for (let i = parts.length - 2; i >= MIN_CUT; i--) rest = `(?:${parts[i]}${rest})?`
  return `${parts.slice(0, MIN_CUT).join('')}${rest}…`
}

/** The regex matching every spelling of every secret (longest secrets first), or null for none. */
export function secretPattern(secrets: readonly string[]): RegExp | null {
  const usable = [...new Set(secrets.filter((secret) => secret && secret.trim()))].sort((a, b) => b.length - a.length)
  if (!usable.length) return null
  const parts = usable.map(characterParts)
  const alternatives = [
    ...parts.map((p) => p.join('')),
    ...usable.flatMap((secret) => base64Spellings(secret).map(escapeRegex)),
    ...parts.map(cutPattern).filter((p): p is string => p !== null),
  ]
  return new RegExp(alternatives.join('|'), 'g')
}

/** A function that replaces every spelling of every secret in a text with SECRET_MASK. */
export function secretMasker(secrets: readonly string[], mask = SECRET_MASK): (text: string) => string {
  const pattern = secretPattern(secrets)
  if (!pattern) return (text) => text
  return (text) => (text ? text.replace(pattern, mask) : text)
}

/** Masks every secret in a text (builds the matcher each call: use secretMasker for many texts). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secretMasker(secrets)(text)
}
