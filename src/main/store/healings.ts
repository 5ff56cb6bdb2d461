// Healed selectors waiting for a tester's decision, recorded with each stored execution. Accepting
// one rewrites its step's target through the tests repository (so the step is validated and its
// test's version moves) and keeps the target as it was, which is what undo puts back.
import { TestDeskError } from '../../shared/api/errors'
import type { HealingDecision, HealingView, ListHealingsQuery, StepHealing } from '../../shared/api/healings'
import type { Page } from '../../shared/model/common'
import type { Target, TestStep } from '../../shared/model/definition'
import type { z } from 'zod'
import type { StoreBase } from './base'
import { newId, nowIso } from './table'
import type { TestsRepo } from './tests'

/** A healed target as the runner reports it for one stored step result. */
export interface HealingInput {
  test_step_result_id: string
  test_run_result_id: string
  test_run_id: string
  /** The test whose step healed (a called test's, for a step inside a call_test). */
  test_case_id: string
  /** The step's 1-based number in that test. */
  step_number: number
  field: 'target' | 'options.to'
  selector: string
  healed_selector: string
}

// Pending suggestions are one line per step, target and selector; decided ones one line each.
const GROUP = "CASE WHEN h.status = 'pending' THEN ifnull(h.test_step_id, h.id) || char(31) || h.field || char(31) || h.healed_selector ELSE h.id END"

const VIEW = `
  SELECT h.*, t.name AS test_case_name, r.run_name, r.run_number,
    CASE h.field WHEN 'target' THEN json_extract(s.target, '$.selector') ELSE json_extract(s.options, '$.to.selector') END AS current_selector
  FROM step_healings h
  JOIN test_cases t ON t.id = h.test_case_id
  JOIN test_runs r ON r.id = h.test_run_id
  LEFT JOIN test_steps s ON s.id = h.test_step_id`

export class HealingsRepo {
  constructor(
    private readonly s: StoreBase,
    private readonly tests: TestsRepo,
  ) {}

  /** Records the healed targets of one execution (inside the caller's transaction). */
  record(healings: readonly HealingInput[]): void {
    const stepId = this.s.statements.get('SELECT id FROM test_steps WHERE test_case_id = ? AND position = ?')
    const insert = this.s.statements.get(
      `INSERT INTO step_healings (id, test_step_result_id, test_run_result_id, test_run_id, test_case_id, test_step_id, step_number, field, selector, healed_selector, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const now = nowIso()
    for (const h of healings) {
      const step = stepId.get(h.test_case_id, h.step_number - 1) as { id: string } | undefined
      insert.run(newId(), h.test_step_result_id, h.test_run_result_id, h.test_run_id, h.test_case_id, step?.id ?? null, h.step_number, h.field, h.selector, h.healed_selector, now)
    }
  }

  list(query: z.output<typeof ListHealingsQuery>): Page<HealingView> {
    const where: string[] = []
    const params: unknown[] = []
    const eq = (column: string, value: string | undefined) => {
      if (value === undefined) return
      where.push(`${column} = ?`)
      params.push(value)
    }
    eq('h.status', query.status)
    eq('h.test_case_id', query.test_case_id)
    eq('h.test_run_id', query.test_run_id)
    eq('h.test_run_result_id', query.test_run_result_id)
    // Without a test, run or result to narrow by, the list is of one project's tests.
    if (query.project_id || !(query.test_case_id || query.test_run_id || query.test_run_result_id)) eq('t.project_id', this.s.projectOrDefault(query.project_id))
    const sql = `
      WITH picked AS (
        SELECT v.*, row_number() OVER (PARTITION BY ${GROUP.replaceAll('h.', 'v.')} ORDER BY v.created_at DESC, v.id DESC) AS nth,
          count(*) OVER (PARTITION BY ${GROUP.replaceAll('h.', 'v.')}) AS occurrences
        FROM (${VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) v
      )
      SELECT * FROM picked WHERE nth = 1`
    const total = (this.s.statements.get(`SELECT count(*) AS n FROM (${sql})`).get(...params) as { n: number }).n
    const rows = this.s.statements.get(`${sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset) as (HealingView & { nth?: number })[]
    return { items: rows.map(withoutNth), total, limit: query.limit, offset: query.offset }
  }

  get(id: string): HealingView {
    const row = this.s.statements.get(`${VIEW} WHERE h.id = ?`).get(id) as HealingView | undefined
    if (!row) throw TestDeskError.notFound('Healing', id)
    const occurrences = row.status === 'pending' ? this.siblings(row).length : 1
    return { ...row, occurrences }
  }

  accept(id: string): HealingDecision {
    return this.s.tx(() => {
      const healing = this.get(id)
      if (healing.status !== 'pending') throw TestDeskError.invalidState(`This healing was ${healing.status} already`)
      const step = this.stepOf(healing)
      const before = targetOf(step, healing.field)
      if (!before) throw TestDeskError.invalidState(`Step ${healing.step_number} of '${healing.test_case_name}' has no ${fieldName(healing.field)} any more`)
      if (before.selector === healing.healed_selector) throw TestDeskError.conflict(`'${healing.healed_selector}' is the primary selector of step ${healing.step_number} already`)
      const after: Target = {
        ...before,
        selector: healing.healed_selector,
        // The old primary stays, first, so a page that still has it keeps passing without healing.
        alternatives: [before.selector, ...(before.alternatives ?? []).filter((a) => a !== healing.healed_selector && a !== before.selector)].slice(0, 20),
      }
      const updated = this.writeTarget(step, healing.field, after)
      const decided = nowIso()
      const setAccepted = this.s.statements.get("UPDATE step_healings SET status = 'accepted', decided_at = ?, previous_target = ? WHERE id = ?")
      for (const sibling of this.siblings(healing)) setAccepted.run(decided, JSON.stringify(before), sibling)
      return { healing: this.plain(id), step: updated }
    })
  }

  dismiss(id: string): StepHealing {
    return this.s.tx(() => {
      const healing = this.get(id)
      if (healing.status !== 'pending') throw TestDeskError.invalidState(`This healing was ${healing.status} already`)
      const setDismissed = this.s.statements.get("UPDATE step_healings SET status = 'dismissed', decided_at = ? WHERE id = ?")
      const decided = nowIso()
      for (const sibling of this.siblings(healing)) setDismissed.run(decided, sibling)
      return this.plain(id)
    })
  }

  undo(id: string): HealingDecision {
    return this.s.tx(() => {
      const healing = this.get(id)
      if (healing.status === 'pending') throw TestDeskError.invalidState('This healing is pending: there is no decision to undo')
      const step = this.stepOf(healing)
      const together = this.s.statements
        .get('SELECT id FROM step_healings WHERE test_step_id IS ? AND field = ? AND healed_selector = ? AND status = ? AND decided_at IS ?')
        .all(healing.test_step_id, healing.field, healing.healed_selector, healing.status, healing.decided_at) as { id: string }[]
      let updated = step
      if (healing.status === 'accepted') {
        const now = targetOf(step, healing.field)
        // Only the acceptance is undone: a step edited since is not overwritten.
        if (now?.selector !== healing.healed_selector) {
          throw TestDeskError.conflict(`Step ${healing.step_number} of '${healing.test_case_name}' was changed after the healing was accepted (its selector is now '${now?.selector ?? 'none'}'); edit the step instead`)
        }
        const previous = this.s.statements.get('SELECT previous_target FROM step_healings WHERE id = ?').get(id) as { previous_target: string | null }
        if (!previous.previous_target) throw TestDeskError.invalidState('This acceptance kept no earlier target to go back to')
        updated = this.writeTarget(step, healing.field, JSON.parse(previous.previous_target) as Target)
      }
      const reopen = this.s.statements.get("UPDATE step_healings SET status = 'pending', decided_at = NULL, previous_target = NULL WHERE id = ?")
      for (const row of together) reopen.run(row.id)
      return { healing: this.plain(id), step: updated }
    })
  }

  /** Pending healings decided together with `healing`: same step, target and suggestion. */
  private siblings(healing: StepHealing): string[] {
    if (!healing.test_step_id) return [healing.id]
    return (
      this.s.statements
        .get("SELECT id FROM step_healings WHERE test_step_id = ? AND field = ? AND healed_selector = ? AND status = 'pending'")
        .all(healing.test_step_id, healing.field, healing.healed_selector) as { id: string }[]
    ).map((r) => r.id)
  }

  private stepOf(healing: HealingView): TestStep {
    if (!healing.test_step_id) throw TestDeskError.invalidState(`Step ${healing.step_number} of '${healing.test_case_name}' no longer exists`)
    return this.tests.getStep(healing.test_step_id)
  }

  private writeTarget(step: TestStep, field: StepHealing['field'], target: Target): TestStep {
    if (field === 'target') return this.tests.updateStep({ id: step.id, target })
    return this.tests.updateStep({ id: step.id, options: { ...step.options, to: target } })
  }

  private plain(id: string): StepHealing {
    const { test_case_name: _t, run_name: _r, run_number: _n, occurrences: _o, current_selector: _c, ...healing } = this.get(id)
    return healing
  }
}

function targetOf(step: TestStep, field: StepHealing['field']): Target | null {
  if (field === 'target') return step.target ?? null
  const to = (step.options as Record<string, unknown> | null)?.to
  return to && typeof to === 'object' && typeof (to as Target).selector === 'string' ? (to as Target) : null
}

function fieldName(field: StepHealing['field']): string {
  return field === 'target' ? 'target' : 'drop target'
}

function withoutNth<T extends { nth?: number; previous_target?: unknown }>(row: T): Omit<T, 'nth' | 'previous_target'> {
  const { nth: _n, previous_target: _p, ...rest } = row
  return rest
}
