// The step catalogue: every action a step can take (entries in ./step-actions), and reading a
// step with it: validation with field paths, the tester's description, the Playwright code,
// variables. The store validates with it, the engine runs by it, the UI's step editor lists it.
//
// Selectors (Target.selector / alternatives / frames; ./selectors has the details and the
// Playwright mapping), chained with `>>`:
//   role=button[name="Sign in"]        ARIA role and accessible name (native)
//   [data-testid=save]  #id  css=…     CSS (native)         xpath=//…  //…   XPath (native)
//   text=Log out  text="Log out"       text: part, any case / whole, exact (native)
//   data-testid=save  id=login-submit  attributes (native)  testid=save     → getByTestId
//   label=Email  placeholder=City  alt=Logo  title=Settings  → getByLabel / getByPlaceholder /
//                                      getByAltText / getByTitle ("…" exact, /…/ regex)
// Variables: `${name}` in any string parameter (value, selectors, frames, options strings,
// expected values, scripts) is replaced before the step runs; `$${name}` stays literal;
// an unknown name fails the step with `Unknown variable ${name}`. See ./variables.
import { type FieldIssue, issuesFromZod } from './api/errors'
import { CHECKPOINT_KINDS } from './checkpoints'
import { truncate } from './patterns'
import { selectorProblem, targetCode, targetName } from './selectors'
import { ACTIONS, type ActionDefinition, type Parsed, type Requirement, type StepLike, type StepTarget } from './step-actions'
import { interpolate, mapStrings, variablesIn } from './variables'

export { interpolate, UnknownVariableError, variablesIn } from './variables'
export { maskSecrets, secretMasker, SECRET_MASK } from './secret-mask'
export { elementName, filterOptions, hasRefinements, locatorCode, parseSelector, selectorProblem, targetCode, targetName } from './selectors'
export { CHECKPOINT_KINDS, CHECKPOINT_OPERATORS, ELEMENT_PROPERTIES } from './checkpoints'
export { scriptFunction, scriptIsExpression, type Requirement, type StepLike, type StepTarget } from './step-actions'

export type StepAction = keyof typeof ACTIONS

export const STEP_ACTION_NAMES = Object.keys(ACTIONS) as StepAction[]

export interface StepActionInfo {
  action: StepAction
  label: string
  category: string
  hint: string
  target: Requirement
  value: Requirement
  valueHint: string | null
  /** Option name → what it does. Every action also takes continue_on_failure and timeout_ms. */
  options: Record<string, string>
}

/** Every action, in the order the step editor lists them. */
export const STEP_ACTIONS: readonly StepActionInfo[] = STEP_ACTION_NAMES.map((action) => {
  const d: ActionDefinition<unknown> = ACTIONS[action] as ActionDefinition<unknown>
  return {
    action, label: d.label, category: d.category, hint: d.hint, target: d.target, value: d.value, valueHint: d.valueHint ?? null,
    options: { ...d.optionHints, continue_on_failure: 'go on with the next steps if this one fails', timeout_ms: "this step's timeout in ms" },
  }
})

export function isStepAction(action: string): action is StepAction {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action)
}

// ── Reading a step ──────────────────────────────────────────────────────────────────────────

function definitionOf(action: string): ActionDefinition<Record<string, any>> | null {
  return isStepAction(action) ? (ACTIONS[action] as unknown as ActionDefinition<Record<string, any>>) : null
}

function parsedOf(step: StepLike, options: Record<string, any>): Parsed<Record<string, any>> {
  return { target: step.target ?? null, value: step.value ?? null, options, name: targetName(step.target) }
}

function zodIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: string[] }>, prefix: string, action: string, known: string[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({
        field: [prefix, ...issue.path.map(String), key].filter(Boolean).join('.'),
        message: `${action} has no option '${key}'${known.length ? `; it takes ${known.join(', ')}` : ''}`,
      }))
    }
    return issuesFromZod([issue], prefix)
  })
}

/**
 * Checks a step against the catalogue and returns its options parsed (defaults applied), or
 * every issue with its field path under `path` (`steps.2.options.to`; '' for a lone step).
 */
export function parseStep(step: StepLike, path = ''): { issues: FieldIssue[]; options: Record<string, any> } {
  const at = (field: string) => (path ? (field ? `${path}.${field}` : path) : field)
  const definition = definitionOf(step.action)
  if (!definition) {
    return { issues: [{ field: at('action'), message: `Unknown action '${step.action}'. Use one of: ${STEP_ACTION_NAMES.join(', ')}` }], options: {} }
  }
  const issues: FieldIssue[] = []
  const label = step.action
  const raw = step.options ?? {}
  const parsed = definition.options.safeParse(raw)
  if (!parsed.success) {
    const known = Object.keys(definition.optionHints).concat(['continue_on_failure', 'timeout_ms'])
    issues.push(...zodIssues(parsed.error.issues as never, at('options'), label, known))
  }
  const options = parsed.success ? parsed.data : (raw as Record<string, any>)

  let targetRule = definition.target
  if (step.action === 'checkpoint' && parsed.success) {
    const checkpoint = options.checkpoint as Record<string, unknown>
    const kind = CHECKPOINT_KINDS[String(checkpoint.type)]
    if (!kind) {
      issues.push({ field: at('options.checkpoint.type'), message: `Unknown checkpoint type '${String(checkpoint.type)}'. Use one of: ${Object.keys(CHECKPOINT_KINDS).join(', ')}` })
    } else {
      const result = kind.schema.safeParse(checkpoint)
      if (!result.success) issues.push(...zodIssues(result.error.issues as never, at('options.checkpoint'), 'checkpoint', []))
      else targetRule = kind.target(result.data)
    }
  }

  if (targetRule === 'required' && !step.target) issues.push({ field: at('target'), message: `${label} needs a target element` })
  if (targetRule === 'none' && step.target) issues.push({ field: at('target'), message: `${label} does not act on an element: remove the target` })
  if (step.target) {
    const problem = selectorProblem(step.target.selector)
    if (problem) issues.push({ field: at('target.selector'), message: problem })
    step.target.alternatives?.forEach((alternative, i) => {
      const p = selectorProblem(alternative)
      if (p) issues.push({ field: at(`target.alternatives.${i}`), message: p })
    })
    step.target.frames?.forEach((frame, i) => {
      const p = selectorProblem(frame)
      if (p) issues.push({ field: at(`target.frames.${i}`), message: p })
    })
    issues.push(...withinIssues(step.target, at('target')))
  }
  if (definition.value === 'required' && (step.value === null || step.value === undefined)) {
    issues.push({ field: at('value'), message: `${label} needs a value: ${definition.valueHint}` })
  }
  if (definition.value === 'none' && step.value) issues.push({ field: at('value'), message: `${label} does not take a value` })
  if (parsed.success) {
    for (const issue of definition.check?.(parsedOf(step, options)) ?? []) issues.push({ field: at(issue.field), message: issue.message })
    if (step.action === 'drag' && options.to) {
      const to = options.to as StepTarget
      for (const [field, selector] of [['selector', to.selector], ...(to.alternatives ?? []).map((a, i) => [`alternatives.${i}`, a])]) {
        const p = selectorProblem(selector)
        if (p) issues.push({ field: at(`options.to.${field}`), message: p })
      }
      issues.push(...withinIssues(to, at('options.to')))
    }
  }
  return { issues, options }
}

/** Problems of the selectors of a target's containers: `target.within.selector`, `target.within.within.selector`. */
function withinIssues(target: StepTarget, field: string): FieldIssue[] {
  const issues: FieldIssue[] = []
  for (let scope = target.within, path = `${field}.within`; scope; scope = scope.within, path += '.within') {
    const problem = selectorProblem(scope.selector)
    if (problem) issues.push({ field: `${path}.selector`, message: problem })
  }
  return issues
}

/** Everything wrong with a step, with field paths under `path`; matches the store's StepValidator. */
export function validateStep(step: StepLike, path: string): FieldIssue[] {
  return parseStep(step, path).issues
}

function optionsForWords(step: StepLike): Record<string, any> {
  const definition = definitionOf(step.action)
  const parsed = definition?.options.safeParse(step.options ?? {})
  return parsed?.success ? parsed.data : ((step.options ?? {}) as Record<string, any>)
}

/** The step in a tester's words: `Click button 'Sign in'`, `Fill 'Email' with 'demo@testdesk.dev'`. */
export function describeStep(step: StepLike): string {
  const definition = definitionOf(step.action)
  if (!definition) return `Unknown action '${step.action}'${step.target ? ` on ${targetName(step.target)}` : ''}`
  return truncate(definition.describe(parsedOf(step, optionsForWords(step))), 10_000)
}

/**
 * The Playwright code a step stands for, e.g. `await page.getByRole('button', { name: 'Sign in',
 * exact: true }).click();`, runnable as shown. `frames` is the frame chain a switch_frame step
 * entered, used for targets that do not name their own frames; `url` is the absolute URL a
 * navigate step opened (its relative value resolved against the base URL), shown in its place.
 */
export function playwrightCode(step: StepLike, context: { frames?: readonly string[]; url?: string | null } = {}): string {
  const definition = definitionOf(step.action)
  if (!definition) return `// Unknown action '${step.action}'`
  const frames = context.frames ?? []
  const locator = (target?: StepTarget | null) => (target ? targetCode(target, frames) : 'page')
  const shown = step.action === 'navigate' && context.url ? { ...step, value: context.url } : step
  return definition.code(parsedOf(shown, optionsForWords(step)), locator, frames)
}

// ── Variables in steps ──────────────────────────────────────────────────────────────────────

/** Every variable a step uses, in order of first use, across all its string parameters. */
export function referencedVariables(step: StepLike): string[] {
  const names: string[] = []
  const add = (text: string) => {
    for (const name of variablesIn(text)) if (!names.includes(name)) names.push(name)
    return text
  }
  if (step.target) mapStrings(step.target, add)
  if (step.value) add(step.value)
  if (step.options) mapStrings(step.options, add)
  if (step.description) add(step.description)
  return names
}

/** The step with every `${name}` replaced; throws UnknownVariableError naming the first unknown one. */
export function interpolateStep<S extends StepLike>(step: S, variables: Readonly<Record<string, string>>): S {
  const replace = (text: string) => interpolate(text, variables)
  return {
    ...step,
    target: step.target ? mapStrings(step.target, replace) : step.target,
    value: typeof step.value === 'string' ? replace(step.value) : step.value,
    options: step.options ? mapStrings(step.options, replace) : step.options,
    description: typeof step.description === 'string' ? replace(step.description) : step.description,
  }
}
