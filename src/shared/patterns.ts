// How testers write text to match (plain text or /regex/flags) and how values are quoted in
// step descriptions and in generated Playwright code. Shared by the catalogue and the engine so
// a description, its code and the run all read a pattern the same way.

const SLASH_REGEX = /^\/(.+)\/([dgimsuvy]*)$/s

/** `/Sign (in|up)/i` as a RegExp; null when the text is not written in slashes. Throws on a bad pattern. */
export function slashRegex(text: string): RegExp | null {
  const match = SLASH_REGEX.exec(text)
  return match ? new RegExp(match[1], match[2].replace(/[gy]/g, '')) : null
}

/** A `matches` operand: `/…/flags` or a bare pattern. Throws SyntaxError on an invalid pattern. */
export function toRegExp(pattern: string): RegExp {
  return slashRegex(pattern) ?? new RegExp(pattern)
}

/** Why a `matches` operand is not a valid regular expression, or null when it is. */
export function regexProblem(pattern: string): string | null {
  try {
    toRegExp(pattern)
    return null
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`
  }
}

/** Plain text matches as a substring; `/…/` text as a regular expression. */
export function textMatches(actual: string, pattern: string): boolean {
  const regex = slashRegex(pattern)
  return regex ? regex.test(actual) : actual.includes(pattern)
}

/** Collapses runs of whitespace and trims, the way a tester reads text on screen. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/[\u200b\u00ad]/g, '').replace(/\s+/g, ' ').trim()
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…'
}

/** A value inside a description: `'Sign in'`, shortened so a long value keeps the line readable. */
export function quoted(value: string, max = 80): string {
  return `'${truncate(value, max)}'`
}

/** A single-quoted JavaScript string literal. */
export function jsString(value: string): string {
  const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")
  return `'${body}'`
}

/** A JavaScript regular expression literal for a RegExp. */
export function jsRegex(regex: RegExp): string {
  return `/${regex.source}/${regex.flags}`
}

/** Escapes text for use inside a RegExp. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
