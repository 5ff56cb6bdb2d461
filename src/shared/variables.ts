// `${name}` variables in step parameters, and masking of secret values wherever a run shows or
// stores text. `$${name}` stays literally `${name}` (for JavaScript template literals in scripts).
import { escapeRegex } from './patterns'

export const SECRET_MASK = '••••••'

/** A name as environments and data sets define it (see VariableName in model/definition). */
const REFERENCE = /(\$?)\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g

export class UnknownVariableError extends Error {
  readonly variable: string

  constructor(variable: string) {
    super(`Unknown variable \${${variable}}`)
    this.name = 'UnknownVariableError'
    this.variable = variable
  }
}

/** Replaces every `${name}` from `variables`; throws UnknownVariableError naming the first unknown one. */
export function interpolate(text: string, variables: Readonly<Record<string, string>>): string {
  if (!text.includes('${')) return text
  return text.replace(REFERENCE, (whole, escaped: string, name: string) => {
    if (escaped) return whole.slice(1)
    if (!Object.prototype.hasOwnProperty.call(variables, name)) throw new UnknownVariableError(name)
    return variables[name]
  })
}

/** Names referenced in a text, in order of first use (escaped `$${…}` excluded). */
export function variablesIn(text: string): string[] {
  if (!text.includes('${')) return []
  const names: string[] = []
  for (const match of text.matchAll(REFERENCE)) {
    if (!match[1] && !names.includes(match[2])) names.push(match[2])
  }
  return names
}

/** Applies `transform` to every string inside a JSON-like value, keys untouched. */
export function mapStrings<T>(value: T, transform: (text: string) => string): T {
  if (typeof value === 'string') return transform(value) as T
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, transform)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, transform)
    return out as T
  }
  return value
}

/**
 * A function that masks every secret in a text. Secrets also appear URL-encoded (query strings,
 * form bodies) and JSON-escaped (request bodies), so those spellings are masked too. Longest
 * first, so a secret that contains another is masked whole.
 */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
  const spellings = new Set<string>()
  for (const secret of secrets) {
    if (!secret) continue
    spellings.add(secret)
    spellings.add(encodeURIComponent(secret))
    spellings.add(encodeURIComponent(secret).replace(/%20/g, '+'))
    spellings.add(JSON.stringify(secret).slice(1, -1))
  }
  if (!spellings.size) return (text) => text
  const pattern = new RegExp(
    [...spellings]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex)
      .join('|'),
    'g',
  )
  return (text) => (text ? text.replace(pattern, SECRET_MASK) : text)
}

/** Masks every secret in a text (builds the matcher each call: use secretMasker for many texts). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secretMasker(secrets)(text)
}
