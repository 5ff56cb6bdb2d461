// Selector strings as stored in Target.selector / alternatives / frames: parsing them into the
// forms the engine locates with, a readable element name for descriptions, and Playwright code.
//
// Accepted forms (parts may be chained with `>>`: the right part is searched inside the left):
//   role=button[name="Sign in"]   ARIA role and accessible name. As in Playwright's role engine,
//                                 a quoted name matches the whole name, case-sensitively;
//                                 [name="sign in"i] ignores case, [name*="Sign"] matches a part,
//                                 [name=/sign/i] a regex; also [checked] [pressed] [level=2] …
//   [data-testid=save]  #id  .a>b any CSS, with or without `css=`
//   xpath=//button  //button      XPath
//   text=Log out                  text, any case, part of the element's text; text="Log out" = whole text
//   data-testid=save  testid=save the test id attribute, exact
//   id=login-submit               the id attribute
//   label=Email                   form control by its label          → getByLabel
//   placeholder=City              input by placeholder               → getByPlaceholder
//   alt=TestDesk logo             image by alt text                  → getByAltText
//   title=Settings                element by title attribute         → getByTitle
// For label=, placeholder=, alt= and title=: "…" or '…' = the whole text, exactly; /…/flags = a
// regex; otherwise any case, part of the text (Playwright's getBy* defaults).
// Playwright's page.locator() understands role=, css=, xpath=, text=, id=, data-testid= (and
// data-test-id=, data-test=, nth=, visible=, internal:…) natively; label=, placeholder=, alt=,
// title= and testid= are TestDesk's and the engine maps them to the getBy* calls.
import { escapeRegex, jsRegex, jsString, quoted, slashRegex } from './patterns'

export const GET_BY_ENGINES = ['label', 'placeholder', 'alt', 'title', 'testid'] as const
export type GetByEngine = (typeof GET_BY_ENGINES)[number]

const NATIVE_ENGINES = new Set([
  'css', 'xpath', 'text', 'role', 'id', 'data-testid', 'data-test-id', 'data-test', 'nth', 'visible', 'aria-ref',
  'css:light', 'text:light', 'id:light', 'data-testid:light', 'data-test-id:light', 'data-test:light', 'xpath:light',
])

export type SelectorPart =
  | { kind: 'native'; selector: string }
  | { kind: GetByEngine; text: string | RegExp; exact: boolean }

const GET_BY_PREFIX = /^(label|placeholder|alt|title|testid)\s*=\s*([\s\S]*)$/
const ENGINE_PREFIX = /^([a-zA-Z][\w-]*(?::[\w-]+)?)\s*=/

/** Splits `a >> b >> c` into its parts, leaving `>>` inside quotes alone. */
export function splitChain(selector: string): string[] {
  if (!selector.includes('>>')) return [selector.trim()]
  const parts: string[] = []
  let quote: string | null = null
  let start = 0
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i]
    if (quote) {
      if (ch === '\\') i++
      else if (ch === quote) quote = null
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch
    } else if (ch === '>' && selector[i + 1] === '>') {
      parts.push(selector.slice(start, i).trim())
      start = i + 2
      i++
    }
  }
  parts.push(selector.slice(start).trim())
  return parts
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1')
}

function isQuoted(text: string): boolean {
  return text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0]
}

/** The text operand of label=, placeholder=, alt=, title= and testid=. Throws on a bad /regex/. */
function getByText(engine: GetByEngine, raw: string): { text: string | RegExp; exact: boolean } {
  const value = raw.trim()
  if (engine === 'testid') return { text: isQuoted(value) ? unquote(value) : value, exact: true }
  if (isQuoted(value)) return { text: unquote(value), exact: true }
  const regex = slashRegex(value)
  return regex ? { text: regex, exact: false } : { text: value, exact: false }
}

/** The parts of a selector chain; native parts go to page.locator() as written. */
export function parseSelector(selector: string): SelectorPart[] {
  return splitChain(selector).map((part) => {
    const getBy = GET_BY_PREFIX.exec(part)
    if (!getBy) return { kind: 'native', selector: part }
    const engine = getBy[1] as GetByEngine
    return { kind: engine, ...getByText(engine, getBy[2]) }
  })
}

/** What is wrong with a selector string, or null when the engine can use it. */
export function selectorProblem(selector: string): string | null {
  if (!selector.trim()) return 'must not be empty'
  const parts = splitChain(selector)
  for (const part of parts) {
    if (!part) return parts.length > 1 ? 'has an empty part around >>' : 'must not be empty'
    const getBy = GET_BY_PREFIX.exec(part)
    if (getBy) {
      const value = getBy[2].trim()
      if (!value || value === '""' || value === "''") return `${getBy[1]}= needs the text to look for`
      try {
        getByText(getBy[1] as GetByEngine, value)
      } catch (error) {
        return `${getBy[1]}= has an invalid regular expression: ${(error as Error).message}`
      }
      continue
    }
    const engine = ENGINE_PREFIX.exec(part)?.[1]
    if (engine && !NATIVE_ENGINES.has(engine) && !engine.startsWith('internal:')) {
      return `unknown selector type '${engine}='. Use a CSS selector, or role=, text=, label=, placeholder=, alt=, title=, testid=, data-testid=, id=, css=, xpath=`
    }
    if (engine === 'role' && !parseRoleSelector(part)) {
      return `is not a valid role selector: write it like role=button[name="Sign in"]`
    }
    if (engine && part.slice(engine.length + 1).trim() === '') return `${engine}= needs a value`
  }
  return null
}

// ── Role selectors ──────────────────────────────────────────────────────────────────────────

export interface RoleSelector {
  role: string
  /** As getByRole takes it: a string (with exact) or a RegExp. */
  name?: string | RegExp
  exact?: boolean
  /** Other getByRole options: checked, pressed, selected, expanded, disabled, level, includeHidden. */
  options: Record<string, string | number | boolean>
}

const ROLE_HEAD = /^role\s*=\s*([a-zA-Z]+)/
const ROLE_ATTRIBUTE =
  /\s*\[\s*([a-zA-Z-]+)\s*(?:(\*=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/(?:[^/\\]|\\.)+\/[a-z]*|[^\]\s]+)\s*([isIS])?\s*)?\]/y
const ROLE_FLAGS: Record<string, string> = {
  checked: 'checked', pressed: 'pressed', selected: 'selected', expanded: 'expanded', disabled: 'disabled', 'include-hidden': 'includeHidden',
}

/** `role=button[name="Sign in"]` as getByRole arguments with the same meaning; null if not parseable. */
export function parseRoleSelector(part: string): RoleSelector | null {
  const head = ROLE_HEAD.exec(part)
  if (!head) return null
  const result: RoleSelector = { role: head[1].toLowerCase(), options: {} }
  ROLE_ATTRIBUTE.lastIndex = head[0].length
  let match: RegExpExecArray | null
  while (ROLE_ATTRIBUTE.lastIndex < part.length && (match = ROLE_ATTRIBUTE.exec(part))) {
    const [, attribute, op, rawValue, flag] = match
    if (attribute === 'name') {
      if (!rawValue) return null
      const regex = rawValue.startsWith('/') ? slashRegex(rawValue) : null
      if (regex) {
        result.name = regex
        continue
      }
      const value = isQuoted(rawValue) ? unquote(rawValue) : rawValue
      const ignoreCase = flag === 'i' || flag === 'I'
      if (op === '*=') {
        // Playwright's getByRole matches part of the name ignoring case; a case-sensitive part needs a regex.
        if (ignoreCase) result.name = value
        else result.name = new RegExp(escapeRegex(value))
      } else if (ignoreCase) {
        result.name = new RegExp(`^${escapeRegex(value)}$`, 'i')
      } else {
        result.name = value
        result.exact = true
      }
    } else if (attribute === 'level') {
      if (!rawValue || Number.isNaN(Number(rawValue))) return null
      result.options.level = Number(rawValue)
    } else if (ROLE_FLAGS[attribute]) {
      const value = rawValue ? (isQuoted(rawValue) ? unquote(rawValue) : rawValue) : 'true'
      result.options[ROLE_FLAGS[attribute]] = value === 'true' ? true : value === 'false' ? false : value
    } else {
      return null
    }
  }
  return ROLE_ATTRIBUTE.lastIndex === part.length || part.length === head[0].length ? result : null
}

// ── Readable names ──────────────────────────────────────────────────────────────────────────

const ROLE_WORDS: Record<string, string> = {
  textbox: 'field', searchbox: 'search field', spinbutton: 'number field', combobox: 'dropdown', listbox: 'list',
  menuitem: 'menu item', menuitemcheckbox: 'menu item', menuitemradio: 'menu item', radio: 'radio button',
  img: 'image', columnheader: 'column header', rowheader: 'row header', tabpanel: 'tab panel', gridcell: 'cell',
  progressbar: 'progress bar', alertdialog: 'dialog',
}

function textName(text: string | RegExp): string {
  return typeof text === 'string' ? quoted(text) : jsRegex(text)
}

function nativeName(part: string): string {
  const role = parseRoleSelector(part)
  if (role) {
    const word = ROLE_WORDS[role.role] ?? role.role
    return role.name === undefined ? word : `${word} ${textName(role.name)}`
  }
  const roleHead = ROLE_HEAD.exec(part)
  if (roleHead) return ROLE_WORDS[roleHead[1]] ?? roleHead[1]
  const engine = ENGINE_PREFIX.exec(part)?.[1]
  const rest = engine ? part.slice(part.indexOf('=') + 1).trim() : part
  if (engine === 'text' || engine === 'text:light') {
    const regex = slashRegex(rest)
    return regex ? jsRegex(regex) : quoted(isQuoted(rest) ? unquote(rest) : rest)
  }
  if (engine && /^data-test(id|-id)?(:light)?$/.test(engine)) return quoted(isQuoted(rest) ? unquote(rest) : rest)
  if (engine === 'id' || engine === 'id:light') return `#${isQuoted(rest) ? unquote(rest) : rest}`
  const css = engine === 'css' ? rest : part
  const testId = /^\[\s*data-test(?:id|-id)?\s*=\s*("[^"]*"|'[^']*'|[^\]\s]+)\s*\]$/.exec(css)
  if (testId) return quoted(isQuoted(testId[1]) ? unquote(testId[1]) : testId[1])
  return css
}

/** One part of a chain in a tester's words. */
function partName(part: SelectorPart): string {
  if (part.kind === 'native') return nativeName(part.selector)
  if (part.kind === 'alt' && typeof part.text === 'string') return `image ${quoted(part.text)}`
  return textName(part.text)
}

const NTH = /^nth\s*=\s*(-?\d+)$/
const VISIBLE = /^visible\s*=\s*(true|false)$/

/** `the 2nd`, `the last`, `the 2nd from last` for Playwright's 0-based nth (negative from the end). */
export function ordinal(index: number): string {
  if (index === -1) return 'the last'
  const n = index < 0 ? -index : index + 1
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'
  return `the ${n}${suffix}${index < 0 ? ' from last' : ''}`
}

/**
 * The element a selector points at, in a tester's words: role=button[name="Sign in"] → button
 * 'Sign in'; [data-testid=save] → 'save'; text=Log out → 'Log out'; label=Email → 'Email';
 * any other CSS or XPath → the selector itself. A chain names every part, outermost first,
 * joined by ›, with nth= and visible= read as words about the part before them:
 * `#todo-list li >> nth=1 >> .toggle` → the 2nd #todo-list li › .toggle.
 */
export function elementName(selector: string): string {
  const names: string[] = []
  for (const part of parseSelector(selector)) {
    const native = part.kind === 'native' ? part.selector : ''
    const nth = NTH.exec(native)
    const visible = VISIBLE.exec(native)
    if (nth) names.push(`${ordinal(Number(nth[1]))} ${names.pop() ?? 'element'}`)
    else if (visible) names.push(`${names.pop() ?? 'element'} (${visible[1] === 'true' ? 'visible' : 'hidden'})`)
    else names.push(partName(part))
  }
  return names.length ? names.join(' › ') : selector
}

/** What narrows a selector's matches (see Target in model/definition): stored as fields, not selector syntax. */
export interface Refinements {
  has_text?: string
  has_not_text?: string
  visible_only?: boolean
  nth?: 'first' | 'last' | number
  within?: ScopeLike
}
interface ScopeLike extends Refinements {
  selector: string
}

function nthWords(nth: 'first' | 'last' | number): string {
  return nth === 'first' ? 'the first' : nth === 'last' ? 'the last' : ordinal(nth)
}

/** A selector with its refinements in words: `the 2nd button 'Delete' in #todo-list li that has text 'milk'`. */
function refinedName(scope: ScopeLike): string {
  let name = elementName(scope.selector)
  if (scope.visible_only) name = `${name} (visible)`
  if (scope.has_text !== undefined) name = `${name} that has text ${quoted(scope.has_text)}`
  if (scope.has_not_text !== undefined) name = `${name} ${scope.has_text !== undefined ? 'but not' : 'without text'} ${quoted(scope.has_not_text)}`
  if (scope.nth !== undefined) name = `${nthWords(scope.nth)} ${name}`
  if (scope.within) name = `${name} in ${refinedName(scope.within)}`
  return name
}

/** elementName of a target, with its refinements and the frames it lives in ("in frame …", outermost first). */
export function targetName(target: ({ selector: string; frames?: readonly string[] } & Refinements) | null | undefined): string {
  if (!target) return 'the page'
  const name = refinedName(target)
  const frames = target.frames ?? []
  return frames.length ? `${name} in frame ${frames.map(elementName).join(' › ')}` : name
}

/** Whether a target narrows its selector with refinements (or a container). */
export function hasRefinements(target: Refinements): boolean {
  return target.has_text !== undefined || target.has_not_text !== undefined || !!target.visible_only || target.nth !== undefined || !!target.within
}

// ── Playwright code ─────────────────────────────────────────────────────────────────────────

function textArgument(text: string | RegExp, exact: boolean): string {
  if (typeof text !== 'string') return jsRegex(text)
  return exact ? `${jsString(text)}, { exact: true }` : jsString(text)
}

function roleCode(role: RoleSelector): string {
  const options: string[] = []
  if (role.name !== undefined) options.push(`name: ${typeof role.name === 'string' ? jsString(role.name) : jsRegex(role.name)}`)
  if (role.exact) options.push('exact: true')
  for (const [key, value] of Object.entries(role.options)) options.push(`${key}: ${typeof value === 'string' ? jsString(value) : String(value)}`)
  return `getByRole(${jsString(role.role)}${options.length ? `, { ${options.join(', ')} }` : ''})`
}

const GET_BY_METHOD: Record<GetByEngine, string> = {
  label: 'getByLabel', placeholder: 'getByPlaceholder', alt: 'getByAltText', title: 'getByTitle', testid: 'getByTestId',
}

/** `first`: the part a page or frame starts from, which has no nth() or filter(). */
function partCode(part: SelectorPart, first: boolean): string {
  if (part.kind !== 'native') {
    if (part.kind === 'testid') return `getByTestId(${jsString(String(part.text))})`
    return `${GET_BY_METHOD[part.kind]}(${textArgument(part.text, part.exact)})`
  }
  const selector = part.selector
  const role = parseRoleSelector(selector)
  if (role) return roleCode(role)
  const engine = ENGINE_PREFIX.exec(selector)?.[1]
  const rest = engine ? selector.slice(selector.indexOf('=') + 1).trim() : ''
  if (engine === 'text') {
    const regex = slashRegex(rest)
    if (regex) return `getByText(${jsRegex(regex)})`
    return isQuoted(rest) ? `getByText(${jsString(unquote(rest))}, { exact: true })` : `getByText(${jsString(rest)})`
  }
  if (engine === 'data-testid') return `getByTestId(${jsString(isQuoted(rest) ? unquote(rest) : rest)})`
  const nth = first ? null : NTH.exec(selector)
  if (nth) return nth[1] === '-1' ? 'last()' : `nth(${Number(nth[1])})`
  const visible = first ? null : VISIBLE.exec(selector)
  if (visible) return `filter({ visible: ${visible[1]} })`
  return `locator(${jsString(selector)})`
}

/** Playwright code locating `selector` from `base` (a page, frame or locator expression). */
export function locatorCode(selector: string, base = 'page'): string {
  return parseSelector(selector).reduce((code, part, i) => `${code}.${partCode(part, i === 0)}`, base)
}

/** The filter() options of a target's refinements, as Playwright's Locator.filter takes them. */
export function filterOptions(r: Refinements): { hasText?: string; hasNotText?: string; visible?: true } | null {
  const options = {
    ...(r.has_text !== undefined ? { hasText: r.has_text } : {}),
    ...(r.has_not_text !== undefined ? { hasNotText: r.has_not_text } : {}),
    ...(r.visible_only ? { visible: true as const } : {}),
  }
  return Object.keys(options).length ? options : null
}

/** `code` narrowed by refinements: `.filter({ hasText: 'milk' }).nth(1)`. */
function refinedCode(code: string, r: Refinements): string {
  const filter = filterOptions(r)
  if (filter) {
    const parts = Object.entries(filter).map(([key, value]) => `${key}: ${typeof value === 'string' ? jsString(value) : String(value)}`)
    code += `.filter({ ${parts.join(', ')} })`
  }
  if (r.nth === 'first') code += '.first()'
  else if (r.nth === 'last') code += '.last()'
  else if (r.nth !== undefined) code += `.nth(${r.nth})`
  return code
}

/** Playwright code for a selector with its refinements, searched inside its container (if any) from `base`. */
function scopedCode(scope: ScopeLike, base: string): string {
  const from = scope.within ? scopedCode(scope.within, base) : base
  return refinedCode(locatorCode(scope.selector, from), scope)
}

/**
 * Playwright code locating a target: its own frame chain when it has one, else `scopeFrames` (the
 * frame a switch_frame step entered), then its container, the selector and its refinements.
 */
export function targetCode(target: { selector: string; frames?: readonly string[] } & Refinements, scopeFrames: readonly string[] = []): string {
  const frames = target.frames?.length ? target.frames : scopeFrames
  const base = frames.reduce((code, frame) => `${locatorCode(frame, code)}.contentFrame()`, 'page')
  return scopedCode(target, base)
}
