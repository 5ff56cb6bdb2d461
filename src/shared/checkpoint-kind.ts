// The comparison operators and what every checkpoint kind provides to the catalogue (schema, description, Playwright code): the
// element kind in ./checkpoints and the others in ./checkpoint-kinds share it without importing
// each other.
import type { z } from 'zod'

export const CHECKPOINT_OPERATOR_NAMES = [
  'equals', 'not_equals', 'contains', 'not_contains', 'matches', 'greater_than', 'less_than', 'at_least', 'at_most', 'exists',
] as const
export type CheckpointOperator = (typeof CHECKPOINT_OPERATOR_NAMES)[number]

export interface CheckpointKind<C = unknown> {
  label: string
  schema: z.ZodType<C>
  /** Whether the checkpoint step needs a target element. */
  target(checkpoint: C): 'required' | 'optional' | 'none'
  describe(checkpoint: C, element: string): string
  code(checkpoint: C, locator: string): string
}
