// The run and item state machines (reference/002, /003). Every transition TestDesk makes is
// checked against these tables and recorded; anything else is refused as invalid_state.
import type { ItemStatus, RunStatus } from './execution'

export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  pending: ['queued', 'running', 'cancelled'],
  queued: ['running', 'cancelled', 'failed'],
  running: ['completed', 'cancelled', 'failed'],
  completed: [],
  cancelled: [],
  failed: [],
}

export const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  pending: ['queued', 'running', 'skipped', 'no_run'],
  queued: ['running', 'skipped', 'no_run'],
  running: ['passed', 'failed', 'skipped', 'no_run'],
  passed: [],
  failed: [],
  skipped: [],
  no_run: [],
}

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to)
}

export function canTransitionItem(from: ItemStatus, to: ItemStatus): boolean {
  return ITEM_TRANSITIONS[from].includes(to)
}

export function isFinishedItem(status: ItemStatus): boolean {
  return ITEM_TRANSITIONS[status].length === 0
}

export function isFinishedRun(status: RunStatus): boolean {
  return RUN_TRANSITIONS[status].length === 0
}

/** A test that failed and then passed on a retry. */
export function isFlaky(item: { status: ItemStatus; retry_attempt: number }): boolean {
  return item.status === 'passed' && item.retry_attempt > 0
}

/** Percentage with DECIMAL(5,2) semantics: hundredths, rounded half up; 0 when nothing counted. */
export function percentage(part: number, whole: number): number {
  if (whole <= 0) return 0
  return Math.round((part * 10000) / whole) / 100
}
