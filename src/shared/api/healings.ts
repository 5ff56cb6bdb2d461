// `healings`: selectors that healed a step (its primary found nothing, an alternative did),
// waiting for a tester to make them the step's new primary or to dismiss them.
import { z } from 'zod'
import { ById, DEFAULT_LIMIT, Id, MAX_LIMIT, type Page } from '../model/common'
import type { TestStep } from '../model/definition'
import { method, returns, type Namespace } from './contract'

export const HEALING_STATUSES = ['pending', 'accepted', 'dismissed'] as const
export const HealingStatus = z.enum(HEALING_STATUSES)
export type HealingStatus = z.infer<typeof HealingStatus>

export interface StepHealing {
  id: string
  test_step_result_id: string
  test_run_result_id: string
  test_run_id: string
  test_case_id: string
  /** The test step the selector belongs to; null once that step is gone. */
  test_step_id: string | null
  step_number: number
  /** Which target of the step healed: its own, or a drag's drop target. */
  field: 'target' | 'options.to'
  /** The primary selector that found nothing. */
  selector: string
  /** The alternative that found the element. */
  healed_selector: string
  status: HealingStatus
  decided_at: string | null
  created_at: string
}

/** A healing as the review lists it: with its test, run and how often the same suggestion came up. */
export interface HealingView extends StepHealing {
  test_case_name: string
  run_name: string
  run_number: number
  /** Pending healings of the same step and target suggesting the same selector (this one included). */
  occurrences: number
  /** The step's primary selector now (null when the step is gone or has no such target). */
  current_selector: string | null
}

export interface HealingDecision {
  healing: StepHealing
  /** The step as it is after the decision. */
  step: TestStep
}

export const ListHealingsQuery = z
  .object({
    status: HealingStatus.optional(),
    test_case_id: Id.optional(),
    test_run_id: Id.optional(),
    test_run_result_id: Id.optional(),
    /** The project's healings (the default project when no other filter names one). */
    project_id: Id.optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    offset: z.number().int().min(0).default(0),
  })
  .strict()

export const healings = {
  /**
   * Healings, newest first. Pending ones are listed once per step, target and suggested selector
   * (the newest occurrence, with `occurrences` counting the others).
   */
  list: method(ListHealingsQuery, returns<Page<HealingView>>()),
  get: method(ById, returns<HealingView>()),
  /**
   * Makes the healed selector the step's primary; the old primary becomes its first alternative.
   * Every pending healing of that step and target suggesting the same selector is accepted with it.
   */
  accept: method(ById, returns<HealingDecision>()),
  /** Leaves the step as it is; the same suggestion for the same step is dismissed with it. */
  dismiss: method(ById, returns<StepHealing>()),
  /** Undoes an acceptance (the step's target back as it was) or a dismissal: the healing is pending again. */
  undo: method(ById, returns<HealingDecision>()),
} satisfies Namespace
