// A test case as the editor holds it: its properties and its steps, each step with a stable id
// (made here for new steps, so a step keeps its identity through reorders, undo and saves).
import type { Priority, Target, TestCaseStatus, TestCaseWithSteps, UpdateTestCaseInput } from '../../../shared/model/definition'
import { describeStep, parseStep } from '../../../shared/steps'

export interface StepDraft {
  id: string
  action: string
  target: Target | null
  value: string | null
  options: Record<string, unknown>
  description: string | null
  disabled: boolean
}

export interface TestDoc {
  name: string
  description: string | null
  tags: string[]
  priority: Priority
  status: TestCaseStatus
  start_url: string | null
  step_timeout_ms: number | null
  test_timeout_ms: number | null
  browser_config_id: string | null
  environment_id: string | null
  data_set_id: string | null
  steps: StepDraft[]
}

const PROPERTY_KEYS = [
  'name', 'description', 'tags', 'priority', 'status', 'start_url', 'step_timeout_ms', 'test_timeout_ms', 'browser_config_id', 'environment_id', 'data_set_id',
] as const satisfies readonly (keyof TestDoc)[]

export function newId(): string {
  return crypto.randomUUID()
}

export function fromTestCase(test: TestCaseWithSteps): TestDoc {
  return {
    name: test.name,
    description: test.description,
    tags: test.tags,
    priority: test.priority,
    status: test.status,
    start_url: test.start_url,
    step_timeout_ms: test.step_timeout_ms,
    test_timeout_ms: test.test_timeout_ms,
    browser_config_id: test.browser_config_id,
    environment_id: test.environment_id,
    data_set_id: test.data_set_id,
    steps: test.steps.map((s) => ({
      id: s.id,
      action: s.action,
      target: s.target,
      value: s.value,
      options: s.options ?? {},
      description: s.description,
      disabled: s.disabled,
    })),
  }
}

/** The update that turns `base` into `doc`: only what changed, made on `version`. */
export function updateInput(id: string, base: TestDoc, doc: TestDoc, version: number): UpdateTestCaseInput {
  const input: Record<string, unknown> = { id, if_version: version }
  for (const key of PROPERTY_KEYS) if (doc[key] !== base[key]) input[key] = doc[key]
  if (doc.steps !== base.steps) input.steps = doc.steps.map((step) => stepInput(step))
  return input as UpdateTestCaseInput
}

/** A step as the contract takes it (a stored step or a draft), with its id or, for a copy, without. */
export function stepInput(step: StepDraft, keepId = true) {
  return {
    ...(keepId ? { id: step.id } : {}),
    action: step.action,
    target: step.target,
    value: step.value,
    options: step.options,
    description: step.description,
    disabled: step.disabled,
  }
}

// ── Validation, memoised per step object (unchanged steps keep their identity) ─────────────

export interface StepIssue {
  field: string
  message: string
}

const issuesCache = new WeakMap<StepDraft, StepIssue[]>()

/** What is wrong with a step, by field path (`target.selector`, `options.to`), in the catalogue's words. */
export function stepIssues(step: StepDraft): StepIssue[] {
  let issues = issuesCache.get(step)
  if (!issues) {
    issues = parseStep(step).issues
    issuesCache.set(step, issues)
  }
  return issues
}

const descriptions = new WeakMap<StepDraft, string>()

/** The step in the catalogue's words, computed once per step object (rows re-render on scroll). */
export function stepDescription(step: StepDraft): string {
  let text = descriptions.get(step)
  if (text === undefined) {
    text = describeStep(step)
    descriptions.set(step, text)
  }
  return text
}

/** Why the document cannot be saved (the first problem, with its step number), or null. */
export function docProblem(doc: TestDoc): string | null {
  if (!doc.name.trim()) return 'the test needs a name'
  for (let i = 0; i < doc.steps.length; i++) {
    const issues = stepIssues(doc.steps[i])
    if (issues.length) return `step ${i + 1}: ${issues[0].field ? `${issues[0].field}: ` : ''}${issues[0].message}`
  }
  return null
}
