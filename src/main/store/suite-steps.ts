// A suite's set-up and tear-down steps. Written as whole lists per phase, like a test's steps
// through tests.update: the editor saves what the tester sees, checked against the catalogue.
import { TestDeskError, validationError } from '../../shared/api/errors'
import type { SetSuiteHooksInput, StepInput, SuiteHookPhase, SuiteHooks, SuiteStep } from '../../shared/model/definition'
import type { StoreBase } from './base'
import { guarded } from './errors'
import { stepColumns, type StepValidator } from './tests'
import { Where } from './table'

export class SuiteStepsRepo {
  constructor(
    private readonly s: StoreBase,
    private readonly validateStep: StepValidator = () => [],
  ) {}

  hooks(suiteId: string): SuiteHooks {
    this.s.mustGet('suites', suiteId, 'Suite')
    return { suite_id: suiteId, setup: this.steps(suiteId, 'setup'), teardown: this.steps(suiteId, 'teardown') }
  }

  steps(suiteId: string, phase: SuiteHookPhase): SuiteStep[] {
    return this.s.t.suiteSteps.all(new Where().eq('suite_id', suiteId).eq('phase', phase), 'ORDER BY position')
  }

  /** Ids of the suites of a project that have set-up or tear-down steps (one query for a whole tree). */
  suitesWithHooks(projectId: string): Set<string> {
    const rows = this.s.statements
      .get('SELECT DISTINCT st.suite_id FROM suite_steps st JOIN suites s ON s.id = st.suite_id WHERE s.project_id = ?')
      .all(projectId) as { suite_id: string }[]
    return new Set(rows.map((r) => r.suite_id))
  }

  /** Replaces the lists given (a phase left out keeps its steps). `prefix` places errors in a bigger input. */
  set(input: SetSuiteHooksInput, prefix = ''): SuiteHooks {
    const at = (field: string) => (prefix ? `${prefix}.${field}` : field)
    return this.s.tx(() => {
      this.s.mustGet('suites', input.suite_id, 'Suite')
      const issues = (['setup', 'teardown'] as const).flatMap((phase) => (input[phase] ?? []).flatMap((step, i) => this.validateStep(step, at(`${phase}.${i}`))))
      if (issues.length) throw validationError(issues, 'Invalid set-up or tear-down steps')
      for (const phase of ['setup', 'teardown'] as const) {
        const steps = input[phase]
        if (!steps) continue
        this.s.statements.get('DELETE FROM suite_steps WHERE suite_id = ? AND phase = ?').run(input.suite_id, phase)
        this.write(input.suite_id, phase, steps, at(phase))
      }
      return this.hooks(input.suite_id)
    })
  }

  private write(suiteId: string, phase: SuiteHookPhase, steps: readonly StepInput[], field: string): void {
    const ids = new Set<string>()
    steps.forEach((step, i) => {
      if (!step.id) return
      if (ids.has(step.id)) throw TestDeskError.validation(`${field}.${i}.id`, `id ${step.id} is used twice`)
      ids.add(step.id)
    })
    const rows = steps.map((step, position) => ({ id: step.id, suite_id: suiteId, phase, position, ...stepColumns(step) }))
    guarded(() => this.s.t.suiteSteps.insertMany(rows), field)
  }
}
