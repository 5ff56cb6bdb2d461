// Building blocks every entity of the model uses: ids, timestamps, pages, list queries.
import { z } from 'zod'

export const Id = z.string().uuid({ message: 'must be a UUID' })
export type Id = string

/** Whether a tester's reference is an id rather than a name or number. */
export function isId(text: string): boolean {
  return Id.safeParse(text).success
}

/**
 * ISO-8601 UTC timestamp text, e.g. 2026-01-17T10:05:00.000Z. Any offset is accepted and turned
 * into that one form, because the store compares and sorts timestamps as text.
 */
export const Timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time' })
  .transform((text) => new Date(text).toISOString())
export type Timestamp = string

/** A date or date-time filter (`2026-01-01` or a full timestamp). */
export const DateFilter = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD) or an ISO-8601 date-time',
})

/** Characters no name may hold: C0 and C1 controls and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/**
 * Why a name cannot be stored as written, or null: names show in lists, paths, reports and
 * terminals, where control characters hide or rewrite text, and U+FFFD means bytes were lost.
 */
export function nameProblem(text: string): string | null {
  const control = CONTROL.exec(text)
  if (control) return `must not contain control characters (${codePoint(control[0])} at character ${control.index + 1})`
  const replacement = text.indexOf('\ufffd')
  if (replacement >= 0) return `contains U+FFFD at character ${replacement + 1}: the text was not valid UTF-8 where it came from`
  const surrogate = UNPAIRED_SURROGATE.exec(text)
  if (surrogate) return `contains an unpaired surrogate (${codePoint(surrogate[0])} at character ${surrogate.index + 1}): not valid Unicode`
  return null
}

/** A trimmed, non-empty name of at most `max` characters, checked by nameProblem. */
export function nameOf(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      const problem = nameProblem(text)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}

export const Tags = z.array(nameOf(100)).max(100, 'at most 100 tags')
export const Name = nameOf(255)
export const LongText = z.string().max(100_000)
export const JsonObject = z.record(z.string(), z.unknown())
export type JsonObject = Record<string, unknown>

export const SortOrder = z.enum(['asc', 'desc'])

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

/** Common list parameters of reference/003: pagination, sorting, field selection, search. */
export function listQuery<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortFields: S,
  filters: F,
) {
  return z
    .object({
      limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
      offset: z.number().int().min(0).default(0),
      sort_by: z.enum(sortFields).optional(),
      sort_order: SortOrder.default('desc'),
      /** Return only these fields of each item (id is always included). */
      fields: z.array(z.string().min(1)).min(1).optional(),
      /** Case-insensitive search in the name. */
      search: z.string().trim().min(1).max(255).optional(),
      ...filters,
    })
    .strict()
}

export const ById = z.object({ id: Id }).strict()
export const ByIds = z.object({ ids: z.array(Id).min(1).max(1000) }).strict()

export interface Deleted {
  id: string
  deleted: true
}

export interface BulkDeleted {
  deleted: number
}
