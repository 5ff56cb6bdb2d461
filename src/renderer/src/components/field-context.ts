// What a form field reads and writes through: shared by the fields renderer and the target editor
// (which renders fields of its own), so that neither imports the other for the type.
import type { FieldPath } from '../../../shared/step-forms'

export interface FieldContext {
  /** Everything the fields edit (a step's options). */
  root: Record<string, unknown>
  /** Sets (undefined removes) a value at a path inside root; `key` groups typing for undo. */
  set(path: FieldPath, value: unknown): void
  /** The catalogue's message for a field path (`options.to.selector`), if any. */
  issueAt(path: FieldPath): string | null
  /** Prefix of issue paths (`options`). */
  prefix: string
}
