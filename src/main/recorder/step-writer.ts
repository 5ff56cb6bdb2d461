// Saves a session's steps as they come, at the recording point of their test: after the last step
// this session recorded that still exists, else after the step recording started from. The
// tester may edit, delete or reorder steps meanwhile (through `steps`); every write reads the
// current positions, so new steps still land where the tester expects.
import type { RecordedStepEvent } from '../../shared/api/recorder'
import type { StepInput, TestStep } from '../../shared/model/definition'
import type { Store } from '../store'

export type NewStep = Omit<StepInput, 'id'>

export class StepWriter {
  private readonly recorded: string[] = []

  /**
   * @param anchor the step new steps follow when none of this session's steps is left;
   * null: before the first step.
   */
  constructor(
    private readonly store: Store,
    readonly testCaseId: string,
    private readonly anchor: string | null,
    private readonly onStep: (event: Omit<RecordedStepEvent, 'session_id'>) => void,
  ) {}

  private exists(id: string): TestStep | null {
    try {
      const step = this.store.tests.getStep(id)
      return step.test_case_id === this.testCaseId ? step : null
    } catch {
      return null
    }
  }

  /** Ids of this session's steps that still exist, in recording order. */
  stepIds(): string[] {
    return this.recorded.filter((id) => this.exists(id))
  }

  /** The last step this session recorded, as stored now (null once the tester deleted it). */
  last(): TestStep | null {
    for (let i = this.recorded.length - 1; i >= 0; i--) {
      const step = this.exists(this.recorded[i])
      if (step) return step
    }
    return null
  }

  private nextPosition(): number {
    const last = this.last()
    if (last) return last.position + 1
    if (this.anchor === null) return 0
    const anchor = this.exists(this.anchor)
    return anchor ? anchor.position + 1 : this.store.tests.steps(this.testCaseId).length
  }

  add(step: NewStep, at: number): TestStep {
    const saved = this.store.tests.createStep({ test_case_id: this.testCaseId, position: this.nextPosition(), ...step })
    this.recorded.push(saved.id)
    this.onStep({ change: 'added', step: saved, latency_ms: Math.max(0, Date.now() - at) })
    return saved
  }

  /** Inserts a step just before `before` (a dialog's answer goes before the click that opened it). */
  insertBefore(before: TestStep, step: NewStep, at: number): TestStep {
    const saved = this.store.tests.createStep({ test_case_id: this.testCaseId, position: before.position, ...step })
    this.recorded.splice(Math.max(0, this.recorded.indexOf(before.id)), 0, saved.id)
    this.onStep({ change: 'added', step: saved, latency_ms: Math.max(0, Date.now() - at) })
    return saved
  }

  update(id: string, patch: Partial<NewStep>, at: number): TestStep {
    const saved = this.store.tests.updateStep({ id, ...patch })
    this.onStep({ change: 'updated', step: saved, latency_ms: Math.max(0, Date.now() - at) })
    return saved
  }
}
