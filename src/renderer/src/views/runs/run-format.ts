// How the runs screens word errors and times.
import { TestDeskError } from '../../../../shared/api/errors'

/** An error with the fields it names: "Validation failed (parallel_count: Must be between 1 and 10)". */
export function errorText(error: unknown): string {
  if (error instanceof TestDeskError && error.issues?.length) return `${error.message} (${error.issues.map((i) => `${i.field}: ${i.message}`).join('; ')})`
  return error instanceof Error ? error.message : String(error)
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—'
}
