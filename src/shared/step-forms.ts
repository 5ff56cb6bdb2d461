// The form of every step action, derived from the catalogue's zod schemas (through their JSON
// Schema) rather than written per action: a new action or option gets its form by itself. The
// app renders these field descriptions; validation stays with parseStep and its messages.
import { z } from 'zod'
import { CHECKPOINT_KINDS } from './checkpoints'
import { TargetRefinements } from './model/definition'
import { ACTIONS, type ActionDefinition, type StepLike } from './step-actions'
import { STEP_ACTIONS, isStepAction } from './steps'

interface FieldBase {
  /** Property name in its object (`click_count`), or the index of a list item. */
  key: string
  label: string
  hint: string | null
  required: boolean
}

export type FieldSpec =
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'choice'; options: readonly string[] })
  | (FieldBase & { kind: 'integer' | 'number'; min: number | null; max: number | null })
  | (FieldBase & { kind: 'text'; pattern: string | null; maxLength: number | null })
  /** A number, or text holding a `${variable}` (kept as a number when it reads as one). */
  | (FieldBase & { kind: 'number-or-text' })
  /** Text, a number or true/false, written as text (the checkpoint's expected value). */
  | (FieldBase & { kind: 'scalar' })
  /** Several of a fixed set (modifier keys). */
  | (FieldBase & { kind: 'choices'; options: readonly string[] })
  /** A list of texts (file paths, frames). */
  | (FieldBase & { kind: 'list'; max: number | null })
  | (FieldBase & { kind: 'group'; fields: FieldSpec[] })
  /** An element target: a selector with recorded alternatives (and frames). */
  | (FieldBase & { kind: 'target' })
  /** A list of groups (a checkpoint's assertions). */
  | (FieldBase & { kind: 'records'; fields: FieldSpec[]; min: number; max: number | null })
  /** One of several shapes told apart by `type` (checkpoint kinds). */
  | (FieldBase & { kind: 'variant'; variants: Record<string, { label: string; fields: FieldSpec[] }> })
  | (FieldBase & { kind: 'const'; value: unknown })
  /** Anything the generator cannot render as fields: edited as JSON. */
  | (FieldBase & { kind: 'json' })

type JsonSchema = {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  maxLength?: number
  pattern?: string
  additionalProperties?: unknown
}

const LABELS: Record<string, string> = {
  timeout_ms: 'Timeout (ms)', ms: 'Milliseconds', url: 'URL', x: 'X', y: 'Y',
  nth: 'Which match', visible_only: 'Visible only', has_not_text: 'Has not text', within: 'Inside', in_viewport: 'In viewport', css: 'CSS',
}

/** `click_count` → `Click count`. */
export function labelOf(key: string): string {
  if (LABELS[key]) return LABELS[key]
  const words = key.replace(/_ms$/, ' (ms)').replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const cache = new WeakMap<z.ZodType, JsonSchema>()
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let json = cache.get(schema)
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
    cache.set(schema, json)
  }
  return json
}

function isTargetSchema(schema: JsonSchema): boolean {
  return !!schema.properties?.selector && !!schema.properties?.alternatives
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf)
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
}

/** One field from its JSON Schema; `variants` names registries of shapes told apart by `type`. */
export function fieldFromSchema(key: string, schema: JsonSchema, required: boolean, hint: string | null = null): FieldSpec {
  const base = { key, label: labelOf(key), hint, required }
  if (schema.const !== undefined) return { ...base, kind: 'const', value: schema.const }
  if (schema.enum) return { ...base, kind: 'choice', options: schema.enum.map(String) }
  if (schema.anyOf) {
    const types = new Set(typesOf(schema))
    if (types.has('number') && types.has('string') && types.has('boolean')) return { ...base, kind: 'scalar' }
    if ((types.has('number') || types.has('integer')) && types.has('string')) return { ...base, kind: 'number-or-text' }
    return { ...base, kind: 'json' }
  }
  switch (schema.type) {
    case 'boolean':
      return { ...base, kind: 'boolean' }
    case 'integer':
    case 'number':
      return { ...base, kind: schema.type, min: schema.minimum ?? null, max: schema.maximum ?? null }
    case 'string':
      return { ...base, kind: 'text', pattern: schema.pattern ?? null, maxLength: schema.maxLength ?? null }
    case 'array': {
      const item = schema.items ?? {}
      if (item.enum) return { ...base, kind: 'choices', options: item.enum.map(String) }
      if (item.type === 'string') return { ...base, kind: 'list', max: schema.maxItems ?? null }
      if (item.type === 'object' && item.properties) return { ...base, kind: 'records', fields: fieldsOf(item), min: schema.minItems ?? 0, max: schema.maxItems ?? null }
      return { ...base, kind: 'json' }
    }
    case 'object':
      if (isTargetSchema(schema)) return { ...base, kind: 'target' }
      if (schema.properties && Object.keys(schema.properties).length) return { ...base, kind: 'group', fields: fieldsOf(schema) }
      return { ...base, kind: 'json' }
    default:
      return { ...base, kind: 'json' }
  }
}

function fieldsOf(schema: JsonSchema, hints: Record<string, string> = {}): FieldSpec[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {}).map(([key, property]) => fieldFromSchema(key, property, required.has(key), hints[key] ?? null))
}

/** Fields of each checkpoint kind, for the `checkpoint` option's variant field. */
function checkpointVariants(): Record<string, { label: string; fields: FieldSpec[] }> {
  return Object.fromEntries(
    Object.entries(CHECKPOINT_KINDS).map(([type, kind]) => [type, { label: kind.label, fields: fieldsOf(jsonSchemaOf(kind.schema)).filter((f) => f.key !== 'type') }]),
  )
}

/** Option fields whose free-form object is really one of a registry's shapes. */
const VARIANT_OPTIONS: Record<string, () => Record<string, { label: string; fields: FieldSpec[] }>> = { checkpoint: checkpointVariants }

/** Options every action takes; forms show them apart, under "When it fails". */
export const COMMON_OPTIONS = ['continue_on_failure', 'timeout_ms'] as const

export interface ActionForm {
  action: string
  /** The action's own options, in declaration order. */
  options: FieldSpec[]
  /** continue_on_failure and timeout_ms. */
  common: FieldSpec[]
}

const forms = new Map<string, ActionForm>()

/** The option fields of an action, or null for an action the catalogue does not know. */
export function actionForm(action: string): ActionForm | null {
  if (!isStepAction(action)) return null
  let form = forms.get(action)
  if (!form) {
    const info = STEP_ACTIONS.find((a) => a.action === action)!
    const definition = ACTIONS[action] as ActionDefinition<unknown>
    const fields = fieldsOf(jsonSchemaOf(definition.options), info.options).map((field) =>
      field.kind === 'json' && VARIANT_OPTIONS[field.key] ? ({ ...field, kind: 'variant', variants: VARIANT_OPTIONS[field.key]() } as FieldSpec) : field,
    )
    form = {
      action,
      options: fields.filter((f) => !(COMMON_OPTIONS as readonly string[]).includes(f.key)),
      common: fields.filter((f) => (COMMON_OPTIONS as readonly string[]).includes(f.key)),
    }
    forms.set(action, form)
  }
  return form
}

// ── Target refinements ──────────────────────────────────────────────────────────────────────

const REFINEMENT_HINTS: Record<string, string> = {
  has_text: 'only matches whose text contains this (any case)',
  has_not_text: 'only matches whose text does not contain this (any case)',
  visible_only: 'only matches that are visible',
  nth: 'first, last, or an index from 0 (1 = the 2nd)',
  within: 'search inside this element (a row, a card, a dialog)',
  selector: 'the container: role=row, [data-testid=card], #cart…',
}

let refinementFields: FieldSpec[] | null = null

/**
 * The fields that narrow a target (has text, has not text, visible only, which match) and its
 * container (`within`: a selector with the same refinements), for the target editor. A
 * container inside a container is written in project files; the form shows one level.
 */
export function targetRefinementFields(): FieldSpec[] {
  if (!refinementFields) {
    const own = fieldsOf(jsonSchemaOf(z.object(TargetRefinements)), REFINEMENT_HINTS)
    const container = fieldsOf(jsonSchemaOf(z.object({ selector: z.string().trim().min(1).max(1000), ...TargetRefinements })), REFINEMENT_HINTS)
    // Its own label: the target's selector field is already called Selector.
    const fields = container.map((field) => (field.key === 'selector' ? { ...field, label: 'Container selector' } : field))
    refinementFields = [...own, { key: 'within', label: labelOf('within'), hint: REFINEMENT_HINTS.within, required: false, kind: 'group', fields }]
  }
  return refinementFields
}

/** How a step's value is written: JavaScript (a code editor) or plain text. */
export function valueFormat(step: StepLike): 'text' | 'javascript' {
  if (!isStepAction(step.action)) return 'text'
  const definition = ACTIONS[step.action] as ActionDefinition<Record<string, unknown>>
  return definition.valueFormat?.(step.options ?? {}) ?? 'text'
}

// ── From a field's text to the value stored ───────────────────────────────────────────────

/**
 * The value a text input stands for in a field: empty text removes an optional field
 * (undefined), numbers become numbers where the field takes them, anything else stays text so
 * validation can say what is wrong with it.
 */
export function valueFromText(field: FieldSpec, text: string): unknown {
  if (text === '') return undefined
  switch (field.kind) {
    case 'integer':
    case 'number':
    case 'number-or-text': {
      const trimmed = text.trim()
      const number = Number(trimmed)
      return trimmed !== '' && Number.isFinite(number) && /^-?\d+(\.\d+)?$/.test(trimmed) ? number : text
    }
    default:
      return text
  }
}

/** How a stored value reads in a text input. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : String(value)
}

/** Where a field sits in the value a form edits: keys and list indexes, outermost first. */
export type FieldPath = (string | number)[]

/**
 * Sets (or, with undefined, removes) a value at a path inside an options object, copying only
 * what lies on the path, so unchanged branches keep their identity.
 */
export function setAtPath(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  if (!path.length) return root
  const [head, ...rest] = path
  const container: any = Array.isArray(root) ? root.slice() : { ...root }
  const next = rest.length ? setAtPath((container[head] ?? (typeof rest[0] === 'number' ? [] : {})) as Record<string, unknown>, rest, value) : value
  if (next === undefined && !Array.isArray(container)) delete container[head]
  else container[head] = next
  return container
}

export function getAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let current: any = root
  for (const part of path) {
    if (current === null || current === undefined) return undefined
    current = current[part]
  }
  return current
}
