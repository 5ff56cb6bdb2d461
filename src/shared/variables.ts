// `${name}` variables in step parameters. `$${name}` stays literally `${name}` (for JavaScript
// template literals in scripts). Secrets are masked by secret-mask.ts.

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
