// HTTP requests as steps: the request (method, URL, headers, body), assertions on the response
// (status, headers, JSON path values, body text, response time) and values captured from it into
// variables. Shared by the `request` action and the `api` checkpoint, so both read and run alike.
import { z } from 'zod'
import type { CheckpointOperator } from './checkpoint-kind'
import { VariableName } from './model/definition'
import { jsRegex, jsString, quoted, regexProblem, toRegExp } from './patterns'

// The element checkpoint's operators (./checkpoints registers this file's kinds, so its values
// cannot be imported here without a cycle; `satisfies` keeps the two lists the same words).
const OPERATORS = ['equals', 'not_equals', 'contains', 'not_contains', 'matches', 'greater_than', 'less_than', 'at_least', 'at_most', 'exists'] as const satisfies readonly CheckpointOperator[]

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

export const HttpHeader = z.object({ name: z.string().trim().min(1).max(200).regex(/^[!#$%&'*+.^_`|~\w-]+$/, 'a header name is letters, digits and - (no spaces or colons)'), value: z.string().max(10_000) }).strict()

export const HttpRequestShape = {
  method: z.enum(HTTP_METHODS).optional(),
  headers: z.array(HttpHeader).max(50).optional(),
  /** Sent as written; text that is a JSON object or array goes as application/json unless a content-type header says otherwise. */
  body: z.string().max(1_000_000).optional(),
  /** Send the test's cookies (default true): the request is made as the logged-in page would. */
  share_cookies: z.boolean().optional(),
}

export const API_SOURCES = ['status', 'header', 'json', 'body', 'time'] as const
export type ApiSource = (typeof API_SOURCES)[number]

const SOURCE_OPERATORS: Record<ApiSource, readonly CheckpointOperator[]> = {
  status: ['equals', 'not_equals', 'greater_than', 'less_than', 'at_least', 'at_most'],
  header: ['equals', 'not_equals', 'contains', 'not_contains', 'matches', 'exists'],
  json: ['equals', 'not_equals', 'contains', 'not_contains', 'matches', 'greater_than', 'less_than', 'at_least', 'at_most', 'exists'],
  body: ['equals', 'contains', 'not_contains', 'matches'],
  time: ['less_than', 'at_most'],
}

export const ApiAssertion = z
  .object({
    source: z.enum(API_SOURCES),
    /** The header's name (source header) or the JSON path (`$.users[0].name`, source json). */
    path: z.string().trim().min(1).max(1000).optional(),
    operator: z.enum(OPERATORS).optional(),
    expected: z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()]).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    const operator = a.operator ?? defaultOperator(a.source)
    if (!SOURCE_OPERATORS[a.source].includes(operator)) issue('operator', `${a.source} can be checked with ${SOURCE_OPERATORS[a.source].join(', ')}, not ${operator}`)
    if ((a.source === 'header' || a.source === 'json') && !a.path) issue('path', a.source === 'header' ? 'say which header to check' : 'give the JSON path to check, e.g. $.users[0].name')
    if (a.source === 'json' && a.path && jsonPathProblem(a.path)) issue('path', jsonPathProblem(a.path)!)
    if (operator !== 'exists' && a.expected === undefined) issue('expected', `say what the ${a.source} should be`)
    if (operator === 'matches' && typeof a.expected === 'string' && !a.expected.includes('${')) {
      const problem = regexProblem(a.expected)
      if (problem) issue('expected', problem)
    }
  })
export type ApiAssertion = z.infer<typeof ApiAssertion>

export const ApiCapture = z
  .object({
    name: VariableName,
    from: z.enum(['json', 'header', 'status', 'body', 'regex']),
    /** JSON path (from json), header name (from header), or a regex whose first group is kept (from regex). */
    path: z.string().trim().min(1).max(1000).optional(),
    /** The value is masked wherever results show it. */
    secret: z.boolean().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.from === 'json' || c.from === 'header' || c.from === 'regex') && !c.path) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: c.from === 'json' ? 'give the JSON path to capture' : c.from === 'header' ? 'say which header to capture' : 'give the regex to capture with' })
    }
    if (c.from === 'json' && c.path && jsonPathProblem(c.path)) ctx.addIssue({ code: 'custom', path: ['path'], message: jsonPathProblem(c.path)! })
    if (c.from === 'regex' && c.path) {
      const problem = regexProblem(c.path)
      if (problem) ctx.addIssue({ code: 'custom', path: ['path'], message: problem })
    }
  })
export type ApiCapture = z.infer<typeof ApiCapture>

export function defaultOperator(source: ApiSource): CheckpointOperator {
  return source === 'time' ? 'less_than' : 'equals'
}

// ── JSON paths ─────────────────────────────────────────────────────────────────────────────

type PathPart = string | number

/**
 * `$.users[0].name`, `users[0]['full name']`, `$` itself: the dotted and bracketed subset of
 * JSONPath that names one value. Filters and wildcards are left out on purpose: an assertion
 * compares one value, and a path that could name many would make "equals" ambiguous.
 */
export function parseJsonPath(path: string): PathPart[] {
  let rest = path.trim()
  if (rest.startsWith('$')) rest = rest.slice(1)
  const parts: PathPart[] = []
  const token = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\])/
  if (rest && /^[A-Za-z_$]/.test(rest)) rest = `.${rest}`
  while (rest) {
    const m = token.exec(rest)
    if (!m) throw new Error(`'${path}' is not a JSON path this checkpoint reads: write $.name, $.list[0].name or $['odd key'] (at '${rest}')`)
    parts.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4]).replace(/\\(.)/g, '$1')))
    rest = rest.slice(m[0].length)
  }
  return parts
}

export function jsonPathProblem(path: string): string | null {
  if (path.includes('${')) return null
  try {
    parseJsonPath(path)
    return null
  } catch (error) {
    return (error as Error).message
  }
}

/** The value at `path`, or `undefined` when the path leads nowhere. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current: unknown = value
  for (const part of parseJsonPath(path)) {
    if (current === null || typeof current !== 'object') return undefined
    if (typeof part === 'number' && !Array.isArray(current)) return undefined
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined
    current = (current as Record<string | number, unknown>)[part]
  }
  return current
}

// ── Comparing ──────────────────────────────────────────────────────────────────────────────

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  return JSON.stringify(value)
}

/**
 * Whether `actual` satisfies the operator. Expected values written as text compare with numbers
 * and booleans by their text (`'200'` equals 200), since a value from a data row or a variable
 * is always text; `contains` on an array looks for an element equal to the expected value.
 */
export function valueHolds(operator: CheckpointOperator, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'exists': return (actual !== undefined) === (expected === undefined || expected === true || expected === 'true')
    case 'equals': return actual !== undefined && asText(actual) === asText(expected)
    case 'not_equals': return asText(actual) !== asText(expected)
    case 'contains':
    case 'not_contains': {
      const found = Array.isArray(actual) ? actual.some((item) => asText(item) === asText(expected)) : actual !== undefined && asText(actual).includes(asText(expected))
      return operator === 'contains' ? found : !found
    }
    case 'matches': return actual !== undefined && toRegExp(asText(expected)).test(asText(actual))
    default: {
      const a = typeof actual === 'number' ? actual : Number(asText(actual))
      const e = Number(asText(expected))
      if (!Number.isFinite(a) || !Number.isFinite(e) || actual === undefined || actual === null || actual === '') return false
      if (operator === 'greater_than') return a > e
      if (operator === 'less_than') return a < e
      if (operator === 'at_least') return a >= e
      return a <= e
    }
  }
}

const READS: Record<CheckpointOperator, string> = {
  equals: 'equals', not_equals: 'does not equal', contains: 'contains', not_contains: 'does not contain', matches: 'matches',
  greater_than: 'is greater than', less_than: 'is less than', at_least: 'is at least', at_most: 'is at most', exists: 'exists',
}

export function apiSubject(a: ApiAssertion): string {
  switch (a.source) {
    case 'status': return 'status'
    case 'header': return `header ${a.path}`
    case 'json': return a.path ?? '$'
    case 'body': return 'body'
    case 'time': return 'response time'
  }
}

/** One assertion in words: `status equals 200`, `$.total is at least 3`, `response time is less than 500 ms`. */
export function describeApiAssertion(a: ApiAssertion): string {
  const operator = a.operator ?? defaultOperator(a.source)
  if (operator === 'exists') return `${apiSubject(a)} ${a.expected === false || a.expected === 'false' ? 'does not exist' : 'exists'}`
  const expected = typeof a.expected === 'string' ? (operator === 'matches' ? a.expected : quoted(a.expected)) : String(a.expected)
  return `${apiSubject(a)} ${READS[operator]} ${expected}${a.source === 'time' ? ' ms' : ''}`
}

export function shownValue(value: unknown, max = 200): string {
  if (value === undefined) return 'nothing (not found)'
  return typeof value === 'string' ? quoted(value, max) : quoted(JSON.stringify(value), max).replace(/^'|'$/g, '')
}

// ── Words and code ─────────────────────────────────────────────────────────────────────────

export interface HttpRequestSpec {
  method?: (typeof HTTP_METHODS)[number]
  headers?: { name: string; value: string }[]
  body?: string
  share_cookies?: boolean
}

/** The headers a request sends: as written, plus application/json for a JSON body without a content type. */
export function requestHeaders(r: HttpRequestSpec): Record<string, string> {
  const headers = Object.fromEntries((r.headers ?? []).map((h) => [h.name, h.value]))
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
  if (!typed && r.body !== undefined && isJsonText(r.body)) headers['content-type'] = 'application/json'
  return headers
}

function isJsonText(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

export function describeRequest(url: string, r: HttpRequestSpec): string {
  return `${r.method ?? 'GET'} ${url}`
}

/** Playwright's request call for a request: `await page.request.fetch(url, { method, headers, data })`. */
export function requestCode(url: string, r: HttpRequestSpec, into = 'response'): string {
  const parts: string[] = []
  if (r.method && r.method !== 'GET') parts.push(`method: ${jsString(r.method)}`)
  const headers = Object.entries(requestHeaders(r))
  if (headers.length) parts.push(`headers: { ${headers.map(([k, v]) => `${jsString(k)}: ${jsString(v)}`).join(', ')} }`)
  if (r.body !== undefined) parts.push(`data: ${jsString(r.body)}`)
  // The page's request context shares the test's cookies; a fresh one does not.
  const client = r.share_cookies === false ? '(await request.newContext())' : 'page.request'
  return `const ${into} = await ${client}.fetch(${jsString(url)}${parts.length ? `, { ${parts.join(', ')} }` : ''});`
}

export function captureCode(c: ApiCapture, from = 'response'): string {
  const set = (expression: string) => `vars[${jsString(c.name)}] = ${expression};`
  switch (c.from) {
    case 'status': return set(`String(${from}.status())`)
    case 'header': return set(`${from}.headers()[${jsString((c.path ?? '').toLowerCase())}]`)
    case 'body': return set(`await ${from}.text()`)
    case 'regex': return set(`${jsRegex(toRegExp(c.path ?? ''))}.exec(await ${from}.text())?.[1]`)
    case 'json': return set(`String(${jsonAccess(`(await ${from}.json())`, c.path ?? '$')})`)
  }
}

function jsonAccess(base: string, path: string): string {
  try {
    return base + parseJsonPath(path).map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${jsString(p)}]`)).join('')
  } catch {
    return base
  }
}

export function apiAssertionCode(a: ApiAssertion, from = 'response'): string {
  const operator = a.operator ?? defaultOperator(a.source)
  const subject =
    a.source === 'status' ? `${from}.status()` :
    a.source === 'header' ? `${from}.headers()[${jsString((a.path ?? '').toLowerCase())}]` :
    a.source === 'body' ? `await ${from}.text()` :
    a.source === 'time' ? 'elapsedMs' :
    jsonAccess(`(await ${from}.json())`, a.path ?? '$')
  const e = typeof a.expected === 'string' ? jsString(a.expected) : String(a.expected)
  switch (operator) {
    case 'equals': return `expect(${subject}).toEqual(${e});`
    case 'not_equals': return `expect(${subject}).not.toEqual(${e});`
    case 'contains': return `expect(${subject}).toContain(${e});`
    case 'not_contains': return `expect(${subject}).not.toContain(${e});`
    case 'matches': return `expect(${subject}).toMatch(${jsRegex(toRegExp(String(a.expected ?? '')))});`
    case 'exists': return `expect(${subject}).${a.expected === false ? 'toBeUndefined' : 'toBeDefined'}();`
    case 'greater_than': return `expect(${subject}).toBeGreaterThan(${e});`
    case 'less_than': return `expect(${subject}).toBeLessThan(${e});`
    case 'at_least': return `expect(${subject}).toBeGreaterThanOrEqual(${e});`
    case 'at_most': return `expect(${subject}).toBeLessThanOrEqual(${e});`
  }
}
