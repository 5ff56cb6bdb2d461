// Checkpoints: what a `checkpoint` step verifies. One entry per checkpoint type in
// CHECKPOINT_KINDS (element here; visual, accessibility, api and download in ./checkpoint-kinds),
// each with its parameter schema, readable description and Playwright code. The element
// checkpoint's comparisons live here too, so the UI can preview them and the engine runs them.
import { z } from 'zod'
import { MORE_CHECKPOINT_KINDS } from './checkpoint-kinds'
import { jsRegex, jsString, escapeRegex, normalizeWhitespace, quoted, regexProblem, slashRegex, toRegExp } from './patterns'

export const ELEMENT_PROPERTY_NAMES = [
  'visible', 'hidden', 'text', 'value', 'checked', 'enabled', 'disabled', 'count', 'attribute', 'url', 'title',
] as const
export type ElementProperty = (typeof ELEMENT_PROPERTY_NAMES)[number]

export const CHECKPOINT_OPERATOR_NAMES = [
  'equals', 'not_equals', 'contains', 'not_contains', 'matches', 'greater_than', 'less_than', 'at_least', 'at_most', 'exists',
] as const
export type CheckpointOperator = (typeof CHECKPOINT_OPERATOR_NAMES)[number]

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

type ExpectedKind = 'boolean' | 'text' | 'number'

interface PropertyInfo {
  label: string
  operators: readonly CheckpointOperator[]
  expected: ExpectedKind
  /** Read from the element (so the element must exist); visible/hidden/count hold for a missing one. */
  readsElement: boolean
  /** A property of the page, not of the target element. */
  ofPage: boolean
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
  count: { label: 'Number of elements', operators: ['equals', 'greater_than', 'less_than', 'at_least', 'at_most'], expected: 'number', readsElement: false, ofPage: false },
  attribute: { label: 'Attribute', operators: ['equals', 'contains', 'matches', 'exists'], expected: 'text', readsElement: true, ofPage: false },
  url: { label: 'Page URL', operators: PAGE_OPERATORS, expected: 'text', readsElement: false, ofPage: true },
  title: { label: 'Page title', operators: PAGE_OPERATORS, expected: 'text', readsElement: false, ofPage: true },
}

const hasVariable = (value: unknown) => typeof value === 'string' && value.includes('${')

export const ElementAssertion = z
  .object({
    property: z.enum(ELEMENT_PROPERTY_NAMES),
    operator: z.enum(CHECKPOINT_OPERATOR_NAMES).optional(),
    expected: z.union([z.string().max(100_000), z.number(), z.boolean()]).optional(),
    /** The attribute's name, for property `attribute`. */
    name: z.string().trim().min(1).max(255).optional(),
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
    const { expected } = assertion
    if (info.expected === 'boolean' || operator === 'exists') {
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
  expected: boolean | number | string
  name?: string
}

/** Applies defaults and turns text operands into their kind; throws an Error a tester can read. */
export function resolveAssertion(assertion: ElementAssertion): ResolvedAssertion {
  const info = ELEMENT_PROPERTIES[assertion.property]
  const operator = assertion.operator ?? 'equals'
  const raw = assertion.expected
  let expected: boolean | number | string
  if (info.expected === 'boolean' || operator === 'exists') {
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
    if (operator === 'matches') toRegExp(expected)
  }
  return { property: assertion.property, operator, expected, ...(assertion.name ? { name: assertion.name } : {}) }
}

/** Key of an assertion in expected/actual property maps: `text`, `attribute:href`, `text#2` for a repeat. */
export function assertionKey(assertion: { property: string; name?: string }, taken: ReadonlySet<string>): string {
  const base = assertion.property === 'attribute' ? `attribute:${assertion.name}` : assertion.property
  let key = base
  for (let n = 2; taken.has(key); n++) key = `${base}#${n}`
  return key
}

/** Whether an actual value satisfies an assertion. `null` means the element (or attribute) is missing. */
export function assertionHolds(assertion: ResolvedAssertion, actual: unknown): boolean {
  const { operator, expected, property } = assertion
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

// ── Words ───────────────────────────────────────────────────────────────────────────────────

const ADJECTIVES: Partial<Record<ElementProperty, [string, string]>> = {
  visible: ['visible', 'hidden'],
  hidden: ['hidden', 'visible'],
  checked: ['checked', 'not checked'],
  enabled: ['enabled', 'disabled'],
  disabled: ['disabled', 'enabled'],
}

function operand(assertion: ResolvedAssertion, max = 80): string {
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
  const expectation = `Expected ${subjectOf(assertion, element)} ${CHECKPOINT_OPERATORS[assertion.operator].expects} ${operand(assertion, 200)}`
  if (missing) return `${expectation} but no element matches ${missing}`
  if (assertion.property === 'attribute' && actual === null) return `${expectation} but ${element} has no attribute ${assertion.name}`
  if (assertion.property === 'value' && actual === null) return `${expectation} but ${element} is not a form field`
  return `${expectation} but was ${shown(actual)}`
}

function regexOperand(assertion: ResolvedAssertion): string {
  const text = String(assertion.expected)
  return assertion.operator === 'matches' ? jsRegex(toRegExp(text)) : `/${escapeRegex(text)}/`
}

/** Playwright Test code for one assertion on locator expression `locator`. */
export function assertionCode(assertion: ResolvedAssertion, locator: string): string {
  const { property, operator, expected } = assertion
  const to = (matcher: string, negate = false) => `await expect(${locator}).${negate ? 'not.' : ''}${matcher};`
  const text = typeof expected === 'string' ? jsString(expected) : String(expected)
  switch (property) {
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

export interface CheckpointKind<C = unknown> {
  label: string
  schema: z.ZodType<C>
  /** Whether the checkpoint step needs a target element. */
  target(checkpoint: C): 'required' | 'optional' | 'none'
  describe(checkpoint: C, element: string): string
  code(checkpoint: C, locator: string): string
}

function resolvedOrRaw(assertion: ElementAssertion): ResolvedAssertion {
  try {
    return resolveAssertion(assertion)
  } catch {
    return { property: assertion.property, operator: assertion.operator ?? 'equals', expected: String(assertion.expected ?? ''), name: assertion.name }
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
