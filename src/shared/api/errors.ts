// Errors cross every transport as typed values, never as thrown strings, so the UI and the CLI can
// say exactly what was wrong (which field, which record, which state) whatever carried the call.

export type ErrorKind = 'validation' | 'not_found' | 'conflict' | 'invalid_state' | 'internal'

export interface FieldIssue {
  /** Dotted path of the offending field in the input, e.g. `items.2.name`; empty for the whole input. */
  field: string
  message: string
}

export interface ApiError {
  kind: ErrorKind
  message: string
  /** For `validation`: every field that was wrong. */
  issues?: FieldIssue[]
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** HTTP status a kind maps to when the contract travels over HTTP. */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  invalid_state: 422,
  internal: 500,
}

export class TestDeskError extends Error {
  readonly kind: ErrorKind
  readonly issues?: FieldIssue[]

  constructor(kind: ErrorKind, message: string, issues?: FieldIssue[]) {
    super(message)
    this.name = 'TestDeskError'
    this.kind = kind
    this.issues = issues
  }

  static validation(field: string, message: string): TestDeskError {
    return new TestDeskError('validation', field ? `${field}: ${message}` : message, [{ field, message }])
  }

  static notFound(what: string, id: string): TestDeskError {
    return new TestDeskError('not_found', `${what} not found: ${id}`)
  }

  static conflict(message: string, field?: string): TestDeskError {
    return new TestDeskError('conflict', message, field ? [{ field, message }] : undefined)
  }

  static invalidState(message: string): TestDeskError {
    return new TestDeskError('invalid_state', message)
  }

  toJSON(): ApiError {
    return this.issues ? { kind: this.kind, message: this.message, issues: this.issues } : { kind: this.kind, message: this.message }
  }

  static from(error: ApiError): TestDeskError {
    return new TestDeskError(error.kind, error.message, error.issues)
  }
}

/** Turns zod-style issues into field issues with dotted paths. */
export function issuesFromZod(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix = '',
): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return { field: prefix && path ? `${prefix}.${path}` : prefix || path, message: issue.message }
  })
}

export function validationError(issues: FieldIssue[], what = 'Invalid input'): TestDeskError {
  const first = issues[0]
  const summary = first ? `${first.field || '(input)'}: ${first.message}` : ''
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return new TestDeskError('validation', `${what}: ${summary}${more}`, issues)
}
