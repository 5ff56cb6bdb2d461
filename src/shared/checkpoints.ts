// Checkpoints: what a `checkpoint` step verifies. One entry per checkpoint type in
// CHECKPOINT_KINDS (element here; visual, accessibility, api and download in ./checkpoint-kinds),
// each with its parameter schema, readable description and Playwright code. The element
// checkpoint's comparisons live here too, so the UI can preview them and the engine runs them.
import { z } from 'zod'
import { CHECKPOINT_OPERATOR_NAMES, type CheckpointKind, type CheckpointOperator } from './checkpoint-kind'
import { MORE_CHECKPOINT_KINDS } from './checkpoint-kinds'
import { jsRegex, jsString, escapeRegex, normalizeWhitespace, quoted, regexProblem, slashRegex, toRegExp, truncate } from './patterns'

export const ELEMENT_PROPERTY_NAMES = [
  'visible', 'hidden', 'text', 'value', 'checked', 'enabled', 'disabled', 'count', 'attribute', 'url', 'title',
  // Lists, classes, styles, position
  'texts', 'class', 'css', 'in_viewport',
] as const
export type ElementProperty = (typeof ELEMENT_PROPERTY_NAMES)[number]

export { CHECKPOINT_OPERATOR_NAMES, type CheckpointOperator } from './checkpoint-kind'

/** Every operator with its label and how it reads in a description and in a failure. */
export const CHECKPOINT_OPERATORS: Record<CheckpointOperator, { label: string; reads: string; expects: string }> = {
  equals: { label: 'equals', reads: 'equals', expects: 'to equal' },
  not_equals: { label: 'does not equal', reads: 'does not equal', expects: 'not to equal' },
  contains: { label: 'contains', reads: 'contains', expects: 'to contain' },
  not_contains: { label: 'does not contain', reads: 'does not contain', expects: 'not to contain' },
  matches: { label: 'matches (regex)', reads: 'matches', expects: 'to match' },
  greater_than: { label: 'greater than', reads: 'is greater than', expects: 'to be greater than' },
  less_than: { label: 'less than', reads: 'is less than', expects: 'to be less than' },
  at_least: { label: 'at least', reads: 'is at least', expects: 'to be at least' },
  at_most: { label: 'at most', reads: 'is at most', expects: 'to be at most' },
  exists: { label: 'exists', reads: 'exists', expects: 'to exist' },
}

type ExpectedKind = 'boolean' | 'text' | 'number' | 'list'

interface PropertyInfo {
  label: string
  operators: readonly CheckpointOperator[]
  expected: ExpectedKind
  /** Read from the element (so the element must exist); visible/hidden/count hold for a missing one. */
  readsElement: boolean
  /** A property of the page, not of the target element. */
  ofPage: boolean
  /** Read from every match at once (so several matches are expected, not ambiguous). */
  ofAll?: boolean
}

const TEXT_OPERATORS = ['equals', 'contains', 'matches', 'not_equals', 'not_contains'] as const
const PAGE_OPERATORS = ['equals', 'contains', 'matches'] as const

export const ELEMENT_PROPERTIES: Record<ElementProperty, PropertyInfo> = {
  visible: { label: 'Visible', operators: ['equals'], expected: 'boolean', readsElement: false, ofPage: false },
  hidden: { label: 'Hidden', operators: ['equals'], expected: 'boolean', readsElement: false, ofPage: false },
  text: { label: 'Text', operators: TEXT_OPERATORS, expected: 'text', readsElement: true, ofPage: false },
  value: { label: 'Value', operators: TEXT_OPERATORS, expected: 'text', readsElement: true, ofPage: false },
  checked: { label: 'Checked', operators: ['equals'], expected: 'boolean', readsElement: true, ofPage: false },
  enabled: { label: 'Enabled', operators: ['equals'], expected: 'boolean', readsElement: true, ofPage: false },
  disabled: { label: 'Disabled', operators: ['equals'], expected: 'boolean', readsElement: true, ofPage: false },
  count: { label: 'Number of elements', operators: ['equals', 'greater_than', 'less_than', 'at_least', 'at_most'], expected: 'number', readsElement: false, ofPage: false, ofAll: true },
  attribute: { label: 'Attribute', operators: ['equals', 'contains', 'matches', 'exists'], expected: 'text', readsElement: true, ofPage: false },
  url: { label: 'Page URL', operators: PAGE_OPERATORS, expected: 'text', readsElement: false, ofPage: true },
  title: { label: 'Page title', operators: PAGE_OPERATORS, expected: 'text', readsElement: false, ofPage: true },
  texts: { label: 'Texts of the list', operators: ['equals', 'contains'], expected: 'list', readsElement: false, ofPage: false, ofAll: true },
  class: { label: 'Class', operators: ['contains', 'not_contains'], expected: 'text', readsElement: true, ofPage: false },
  css: { label: 'CSS property', operators: TEXT_OPERATORS, expected: 'text', readsElement: true, ofPage: false },
  in_viewport: { label: 'In the viewport', operators: ['equals'], expected: 'boolean', readsElement: true, ofPage: false },
}

/** How the list, class and CSS properties read their operators (`contains` is "has" for a class). */
const LIST_WORDS: Partial<Record<CheckpointOperator, string>> = { equals: 'in this order', contains: 'in any order' }

const hasVariable = (value: unknown) => typeof value === 'string' && value.includes('${')

export const ElementAssertion = z
  .object({
    property: z.enum(ELEMENT_PROPERTY_NAMES),
    operator: z.enum(CHECKPOINT_OPERATOR_NAMES).optional(),
    expected: z.union([z.string().max(100_000), z.number(), z.boolean()]).optional(),
    /** The attribute's name, for property `attribute`; the CSS property's, for `css`. */
    name: z.string().trim().min(1).max(255).optional(),
    /** The texts a list is expected to have, one an element, for property `texts`. */
    texts: z.array(z.string().max(10_000)).max(1000).optional(),
  })
  .strict()
  .superRefine((assertion, ctx) => {
    const info = ELEMENT_PROPERTIES[assertion.property]
    const operator = assertion.operator ?? 'equals'
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (!info.operators.includes(operator)) {
      issue('operator', `${assertion.property} can be checked with ${info.operators.join(', ')}, not ${operator}`)
      return
    }
    if (assertion.property === 'attribute' && !assertion.name) issue('name', 'say which attribute to check')
    if (assertion.property === 'css' && !assertion.name) issue('name', 'say which CSS property to check (color, display, font-weight…)')
    if (assertion.property !== 'texts' && assertion.texts !== undefined) issue('texts', 'texts are for the texts property only: use expected')
    const { expected } = assertion
    if (info.expected === 'list') {
      if (!assertion.texts) issue('texts', 'list the texts the elements should have, one an element')
      if (expected !== undefined) issue('expected', 'a list is checked against texts, not expected')
    } else if (info.expected === 'boolean' || operator === 'exists') {
      if (expected !== undefined && typeof expected !== 'boolean' && expected !== 'true' && expected !== 'false' && !hasVariable(expected)) {
        issue('expected', 'must be true or false')
      }
    } else if (expected === undefined) {
      issue('expected', `say what the ${assertion.property} should be`)
    } else if (info.expected === 'number') {
      if (typeof expected === 'boolean' || (typeof expected === 'string' && !hasVariable(expected) && !/^\s*\d+\s*$/.test(expected))) {
        issue('expected', 'must be a whole number')
      }
    } else if (typeof expected === 'boolean') {
      issue('expected', 'must be text')
    } else if (assertion.property === 'class' && !hasVariable(expected) && !/^\S+$/.test(String(expected).trim())) {
      issue('expected', 'one class name, without spaces (check two classes with two assertions)')
    } else if (operator === 'matches' && !hasVariable(expected)) {
      const problem = regexProblem(String(expected))
      if (problem) issue('expected', problem)
    }
  })
export type ElementAssertion = z.infer<typeof ElementAssertion>

export const ElementCheckpoint = z
  .object({
    type: z.literal('element'),
    name: z.string().trim().min(1).max(255).optional(),
    assertions: z.array(ElementAssertion).min(1, 'add at least one property to verify').max(50),
  })
  .strict()
export type ElementCheckpoint = z.infer<typeof ElementCheckpoint>

// ── Assertions with their defaults applied ─────────────────────────────────────────────────

export interface ResolvedAssertion {
  property: ElementProperty
  operator: CheckpointOperator
  expected: boolean | number | string | string[]
  name?: string
}

/** Applies defaults and turns text operands into their kind; throws an Error a tester can read. */
export function resolveAssertion(assertion: ElementAssertion): ResolvedAssertion {
  const info = ELEMENT_PROPERTIES[assertion.property]
  const operator = assertion.operator ?? 'equals'
  const raw = assertion.expected
  let expected: boolean | number | string | string[]
  if (info.expected === 'list') {
    expected = (assertion.texts ?? []).map(normalizeWhitespace)
  } else if (info.expected === 'boolean' || operator === 'exists') {
    if (raw === undefined || raw === true || raw === 'true') expected = true
    else if (raw === false || raw === 'false') expected = false
    else throw new Error(`Expected value of ${assertion.property} must be true or false, not ${quoted(String(raw))}`)
  } else if (info.expected === 'number') {
    expected = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim())
    if (!Number.isInteger(expected) || String(raw ?? '').trim() === '') {
      throw new Error(`Expected number of elements must be a whole number, not ${quoted(String(raw))}`)
    }
  } else {
    expected = String(raw ?? '')
    if (assertion.property === 'class') expected = expected.trim()
    if (operator === 'matches') toRegExp(expected)
  }
  return { property: assertion.property, operator, expected, ...(assertion.name ? { name: assertion.name } : {}) }
}

/** Key of an assertion in expected/actual property maps: `text`, `attribute:href`, `text#2` for a repeat. */
export function assertionKey(assertion: { property: string; name?: string }, taken: ReadonlySet<string>): string {
  const base = assertion.property === 'attribute' || assertion.property === 'css' ? `${assertion.property}:${assertion.name}` : assertion.property
  let key = base
  for (let n = 2; taken.has(key); n++) key = `${base}#${n}`
  return key
}

/** Whether an actual value satisfies an assertion. `null` means the element (or attribute) is missing. */
export function assertionHolds(assertion: ResolvedAssertion, actual: unknown): boolean {
  const { operator, expected, property } = assertion
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return false
    if (operator === 'contains') return listMissing(expected, actual).length === 0
    return actual.length === expected.length && expected.every((text, i) => actual[i] === text)
  }
  if (property === 'class') {
    if (typeof actual !== 'string') return false
    const has = actual.split(/\s+/).includes(String(expected))
    return operator === 'not_contains' ? !has : has
  }
  if (typeof expected === 'boolean') {
    if (operator === 'exists') return (actual !== null && actual !== undefined) === expected
    return actual === expected
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false
    switch (operator) {
      case 'greater_than': return actual > expected
      case 'less_than': return actual < expected
      case 'at_least': return actual >= expected
      case 'at_most': return actual <= expected
      default: return actual === expected
    }
  }
  if (typeof actual !== 'string') return false
  const wanted = property === 'text' ? normalizeWhitespace(expected) : expected
  switch (operator) {
    case 'equals': return actual === wanted
    case 'not_equals': return actual !== wanted
    case 'contains': return actual.includes(wanted)
    case 'not_contains': return !actual.includes(wanted)
    case 'matches': return toRegExp(expected).test(actual)
    default: return false
  }
}

/** The expected texts a list lacks (each expected text needs an element of its own). */
export function listMissing(expected: readonly string[], actual: readonly unknown[]): string[] {
  const left = [...actual]
  return expected.filter((text) => {
    const at = left.indexOf(text)
    if (at === -1) return true
    left.splice(at, 1)
    return false
  })
}

// ── Words ───────────────────────────────────────────────────────────────────────────────────

const ADJECTIVES: Partial<Record<ElementProperty, [string, string]>> = {
  visible: ['visible', 'hidden'],
  hidden: ['hidden', 'visible'],
  checked: ['checked', 'not checked'],
  enabled: ['enabled', 'disabled'],
  disabled: ['disabled', 'enabled'],
  in_viewport: ['in the viewport', 'out of the viewport'],
}

function listText(texts: readonly unknown[], max = 200): string {
  return truncate(`[${texts.map((t) => (typeof t === 'string' ? quoted(t, 80) : String(t))).join(', ')}]`, max)
}

function operand(assertion: ResolvedAssertion, max = 80): string {
  if (Array.isArray(assertion.expected)) return `${listText(assertion.expected, max * 3)} ${LIST_WORDS[assertion.operator] ?? ''}`.trim()
  if (typeof assertion.expected !== 'string') return String(assertion.expected)
  if (assertion.operator === 'matches') return slashRegex(assertion.expected) ? assertion.expected : `/${assertion.expected}/`
  return quoted(assertion.expected, max)
}

function subjectOf(assertion: ResolvedAssertion, element: string): string {
  switch (assertion.property) {
    case 'text': return `text of ${element}`
    case 'value': return `value of ${element}`
    case 'count': return `the number of ${element}`
    case 'attribute': return `attribute ${assertion.name} of ${element}`
    case 'css': return `CSS ${assertion.name} of ${element}`
    case 'texts': return `the texts of ${element}`
    case 'url': return 'the URL'
    case 'title': return 'the page title'
    default: return element
  }
}

/** One assertion in a description: `text of #login-error equals 'Invalid username or password'`. */
export function describeAssertion(assertion: ResolvedAssertion, element: string): string {
  const adjectives = ADJECTIVES[assertion.property]
  if (adjectives) return `${element} is ${assertion.expected ? adjectives[0] : `not ${adjectives[0]}`}`
  if (assertion.operator === 'exists') return `${element} ${assertion.expected ? 'has' : 'has no'} attribute ${assertion.name}`
  if (assertion.property === 'class') return `${element} ${assertion.operator === 'not_contains' ? 'has no' : 'has'} class ${operand(assertion)}`
  if (assertion.property === 'texts') return `the texts of ${element} ${assertion.operator === 'contains' ? 'include' : 'are'} ${operand(assertion)}`
  return `${subjectOf(assertion, element)} ${CHECKPOINT_OPERATORS[assertion.operator].reads} ${operand(assertion)}`
}

function shown(actual: unknown): string {
  return typeof actual === 'string' ? quoted(actual, 200) : String(actual)
}

/**
 * Why an assertion failed: `Expected text of #login-error to equal 'X' but was 'Y'`. `actual`
 * null/undefined for an element property means no element matched (`missing` says which selector).
 */
export function assertionFailure(assertion: ResolvedAssertion, element: string, actual: unknown, missing?: string): string {
  const adjectives = ADJECTIVES[assertion.property]
  if (adjectives) {
    const wanted = assertion.expected ? `to be ${adjectives[0]}` : `not to be ${adjectives[0]}`
    if (missing || actual === null || actual === undefined) return `Expected ${element} ${wanted} but no element matches ${missing ?? element}`
    return `Expected ${element} ${wanted} but it is ${actual ? adjectives[0] : adjectives[1]}`
  }
  if (assertion.operator === 'exists') {
    if (missing) return `Expected ${element} to have attribute ${assertion.name} but no element matches ${missing}`
    return assertion.expected
      ? `Expected ${element} to have attribute ${assertion.name} but it has none`
      : `Expected ${element} not to have attribute ${assertion.name} but it has ${shown(actual)}`
  }
  if (assertion.property === 'class') {
    const wanted = `Expected ${element} ${assertion.operator === 'not_contains' ? 'not to have' : 'to have'} class ${operand(assertion)}`
    if (missing || typeof actual !== 'string') return `${wanted} but no element matches ${missing ?? element}`
    return `${wanted} but ${actual.trim() ? `its classes are ${quoted(actual.trim().replace(/\s+/g, ' '), 200)}` : 'it has no class'}`
  }
  if (Array.isArray(assertion.expected)) return listFailure(assertion.expected, assertion.operator, element, actual)
  const expectation = `Expected ${subjectOf(assertion, element)} ${CHECKPOINT_OPERATORS[assertion.operator].expects} ${operand(assertion, 200)}`
  if (missing) return `${expectation} but no element matches ${missing}`
  if (assertion.property === 'attribute' && actual === null) return `${expectation} but ${element} has no attribute ${assertion.name}`
  if (assertion.property === 'value' && actual === null) return `${expectation} but ${element} is not a form field`
  return `${expectation} but was ${shown(actual)}`
}

/** Why a list check failed, naming the first difference: `item 2 is 'Milk', not 'Bread'`. */
function listFailure(expected: readonly string[], operator: CheckpointOperator, element: string, actual: unknown): string {
  const texts = Array.isArray(actual) ? actual : []
  const wanted = `Expected the texts of ${element} ${operator === 'contains' ? 'to include' : 'to be'} ${listText(expected)} ${LIST_WORDS[operator] ?? ''}`.trimEnd()
  const found = texts.length ? `the ${texts.length === 1 ? 'element has' : `${texts.length} elements have`} ${listText(texts)}` : 'no element matches'
  if (operator === 'contains') {
    const missing = listMissing(expected, texts)
    return `${wanted} but ${missing.map((t) => quoted(t, 80)).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: ${found}`
  }
  if (texts.length !== expected.length) return `${wanted} but ${found}`
  const at = expected.findIndex((text, i) => texts[i] !== text)
  return `${wanted} but item ${at + 1} is ${quoted(String(texts[at]), 80)}, not ${quoted(expected[at], 80)}: ${found}`
}

function regexOperand(assertion: ResolvedAssertion): string {
  const text = String(assertion.expected)
  return assertion.operator === 'matches' ? jsRegex(toRegExp(text)) : `/${escapeRegex(text)}/`
}

/** Playwright Test code for one assertion on locator expression `locator`. */
export function assertionCode(assertion: ResolvedAssertion, locator: string): string {
  const { property, operator, expected } = assertion
  const to = (matcher: string, negate = false) => `await expect(${locator}).${negate ? 'not.' : ''}${matcher};`
  if (Array.isArray(expected)) {
    const list = `[${expected.map(jsString).join(', ')}]`
    if (operator === 'equals') return to(`toHaveText(${list})`)
    // No web-first matcher takes a list in any order: retry the read and compare as toPass does.
    return `await expect(async () => expect((await ${locator}.allTextContents()).map((t) => t.replace(/\\s+/g, ' ').trim())).toEqual(expect.arrayContaining(${list}))).toPass();`
  }
  const text = typeof expected === 'string' ? jsString(expected) : String(expected)
  switch (property) {
    case 'texts': return ''
    case 'class': return to(`toContainClass(${text})`, operator === 'not_contains')
    case 'in_viewport': return to('toBeInViewport()', !expected)
    case 'css': {
      const name = jsString(assertion.name ?? '')
      if (operator === 'equals' || operator === 'not_equals') return to(`toHaveCSS(${name}, ${text})`, operator === 'not_equals')
      return to(`toHaveCSS(${name}, ${regexOperand(assertion)})`, operator === 'not_contains')
    }
    case 'visible': return to(expected ? 'toBeVisible()' : 'toBeHidden()')
    case 'hidden': return to(expected ? 'toBeHidden()' : 'toBeVisible()')
    case 'checked': return to('toBeChecked()', !expected)
    case 'enabled': return to(expected ? 'toBeEnabled()' : 'toBeDisabled()')
    case 'disabled': return to(expected ? 'toBeDisabled()' : 'toBeEnabled()')
    case 'text':
      if (operator === 'contains' || operator === 'not_contains') return to(`toContainText(${text})`, operator === 'not_contains')
      return to(`toHaveText(${operator === 'matches' ? regexOperand(assertion) : text})`, operator === 'not_equals')
    case 'value':
      if (operator === 'equals' || operator === 'not_equals') return to(`toHaveValue(${text})`, operator === 'not_equals')
      return to(`toHaveValue(${regexOperand(assertion)})`, operator === 'not_contains')
    case 'count': {
      if (operator === 'equals') return to(`toHaveCount(${text})`)
      const matcher = { greater_than: 'toBeGreaterThan', less_than: 'toBeLessThan', at_least: 'toBeGreaterThanOrEqual', at_most: 'toBeLessThanOrEqual' }[
        operator as 'greater_than'
      ]
      return `expect(await ${locator}.count()).${matcher}(${text});`
    }
    case 'attribute': {
      const name = jsString(assertion.name ?? '')
      if (operator === 'exists') return to(`toHaveAttribute(${name})`, !expected)
      return to(`toHaveAttribute(${name}, ${operator === 'equals' ? text : regexOperand(assertion)})`)
    }
    case 'url':
    case 'title': {
      const matcher = property === 'url' ? 'toHaveURL' : 'toHaveTitle'
      return `await expect(page).${matcher}(${operator === 'equals' ? text : regexOperand(assertion)});`
    }
  }
}

// ── The registry ────────────────────────────────────────────────────────────────────────────

export type { CheckpointKind } from './checkpoint-kind'

function resolvedOrRaw(assertion: ElementAssertion): ResolvedAssertion {
  try {
    return resolveAssertion(assertion)
  } catch {
    return { property: assertion.property, operator: assertion.operator ?? 'equals', expected: assertion.texts ?? String(assertion.expected ?? ''), name: assertion.name }
  }
}

const element: CheckpointKind<ElementCheckpoint> = {
  label: 'Element properties',
  schema: ElementCheckpoint,
  target: (checkpoint) => (checkpoint.assertions.every((a) => ELEMENT_PROPERTIES[a.property].ofPage) ? 'optional' : 'required'),
  describe: (checkpoint, name) => `Verify ${checkpoint.assertions.map((a) => describeAssertion(resolvedOrRaw(a), name)).join(' and ')}`,
  code: (checkpoint, locator) => checkpoint.assertions.map((a) => assertionCode(resolvedOrRaw(a), locator)).join('\n'),
}

/** Checkpoint types the catalogue knows; a new type is one more entry here (and its engine runner). */
export const CHECKPOINT_KINDS: Record<string, CheckpointKind<any>> = { element, ...MORE_CHECKPOINT_KINDS }

/**
 * What a stored checkpoint result checked, in words: an `element` checkpoint that only read the
 * page's title or URL is about the page, not an element ('page title', 'page URL', 'page').
 */
export function checkpointSubject(type: string, propertyNames: readonly string[]): string {
  if (type !== 'element' || !propertyNames.length) return type
  const properties = new Set(propertyNames.map((name) => name.replace(/#\d+$/, '')))
  if (![...properties].every((p) => (ELEMENT_PROPERTIES as Record<string, PropertyInfo | undefined>)[p]?.ofPage)) return 'element'
  if (properties.size > 1) return 'page'
  return properties.has('title') ? 'page title' : 'page URL'
}
