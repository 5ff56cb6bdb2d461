// Changes to the suite tree as undoable operations through the contract: each knows how to do
// itself and how to put things back (ids included, so undo and redo land on the same rows).
import type { ApiClient } from '../client'
import { MAX_BULK } from '../../../shared/api/crud'
import type { CreateTestCaseInput, Suite, TestCaseStatus, TestCaseWithSteps } from '../../../shared/model/definition'
import { newId, stepInput } from '../editor/test-doc'
import { copyName, suiteSubtree, type TreeModel } from './tree-model'

export interface Op {
  /** What it did, in the tester's words: "Moved 3 tests to Smoke". */
  label: string
  do(): Promise<void>
  undo(): Promise<void>
}

function chunks<T>(items: readonly T[], size = MAX_BULK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

async function bulkUpdateTests(client: ApiClient, items: Parameters<ApiClient['tests']['update']>[0][]): Promise<void> {
  for (const part of chunks(items)) await client.tests.bulkUpdate({ items: part })
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function createSuite(client: ApiClient, parentId: string, name: string): Op & { id: string } {
  const id = newId()
  return {
    id,
    label: `Created suite '${name}'`,
    do: async () => void (await client.suites.create({ id, parent_id: parentId, name })),
    undo: async () => void (await client.suites.delete({ id })),
  }
}

export function createTest(client: ApiClient, suiteId: string, name: string): Op & { id: string } {
  const id = newId()
  return {
    id,
    label: `Created test '${name}'`,
    do: async () => void (await client.tests.create({ id, name, suite_ids: [suiteId] })),
    undo: async () => void (await client.tests.delete({ id })),
  }
}

export function renameSuite(client: ApiClient, suite: Suite, name: string): Op {
  return {
    label: `Renamed suite '${suite.name}' to '${name}'`,
    do: async () => void (await client.suites.update({ id: suite.id, name })),
    undo: async () => void (await client.suites.update({ id: suite.id, name: suite.name })),
  }
}

export function renameTest(client: ApiClient, id: string, from: string, to: string): Op {
  return {
    label: `Renamed test '${from}' to '${to}'`,
    do: async () => void (await client.tests.update({ id, name: to })),
    undo: async () => void (await client.tests.update({ id, name: from })),
  }
}

/** Moves suites under `parentId` at `index` among its child suites (siblings renumbered). */
export function moveSuites(client: ApiClient, model: TreeModel, ids: string[], parentId: string, index: number): Op {
  const moving = new Set(ids)
  const siblings = [...model.suitesById.values()].filter((s) => s.parent_id === parentId).sort((a, b) => a.position - b.position)
  const staying = siblings.filter((s) => !moving.has(s.id))
  // `index` counts the rows shown before the drop, moved ones included.
  const before = siblings.slice(0, index).filter((s) => !moving.has(s.id)).length
  const order = [...staying.slice(0, before).map((s) => s.id), ...ids, ...staying.slice(before).map((s) => s.id)]
  const previous = [...new Set([...ids, ...order])].map((id) => {
    const suite = model.suitesById.get(id)!
    return { id, parent_id: suite.parent_id!, position: suite.position }
  })
  const target = model.suitesById.get(parentId)
  return {
    label: `Moved ${ids.length === 1 ? `suite '${model.suitesById.get(ids[0])?.name}'` : plural(ids.length, 'suite')} to '${target?.name === 'ROOT' ? 'the top' : target?.name}'`,
    async do() {
      await client.suites.bulkUpdate({ items: order.map((id, position) => ({ id, parent_id: parentId, position })) })
    },
    async undo() {
      await client.suites.bulkUpdate({ items: previous })
    },
  }
}

/** Moves tests out of the suite each row sat in and into `toSuiteId`. */
export function moveTests(client: ApiClient, model: TreeModel, rows: { testId: string; fromSuiteId: string }[], toSuiteId: string): Op {
  const before = new Map<string, string[]>()
  for (const { testId } of rows) before.set(testId, model.suitesOf.get(testId) ?? [])
  const after = new Map(before)
  for (const { testId, fromSuiteId } of rows) {
    const current = after.get(testId)!.filter((id) => id !== fromSuiteId && id !== toSuiteId)
    after.set(testId, [...current, toSuiteId])
  }
  const target = model.suitesById.get(toSuiteId)
  const name = rows.length === 1 ? `'${model.testsById.get(rows[0].testId)?.name}'` : plural(rows.length, 'test')
  return {
    label: `Moved ${name} to '${target?.name === 'ROOT' ? 'the top' : target?.name}'`,
    do: () => bulkUpdateTests(client, [...after].map(([id, suite_ids]) => ({ id, suite_ids }))),
    undo: () => bulkUpdateTests(client, [...before].map(([id, suite_ids]) => ({ id, suite_ids }))),
  }
}

function copyInput(test: TestCaseWithSteps, id: string, name: string, suiteIds: string[]): CreateTestCaseInput {
  return {
    id,
    name,
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
    suite_ids: suiteIds,
    steps: test.steps.map((step) => stepInput(step, false)),
  }
}

/** Copies of tests (steps included) beside the originals, named `… (copy)`. */
export async function duplicateTests(client: ApiClient, model: TreeModel, rows: { testId: string; suiteId: string }[]): Promise<Op & { ids: string[] }> {
  const names = new Set([...model.testsById.values()].map((t) => t.name))
  const inputs: CreateTestCaseInput[] = []
  for (const { testId, suiteId } of rows) {
    const test = await client.tests.get({ id: testId })
    const name = copyName(test.name, names)
    names.add(name)
    inputs.push(copyInput(test, newId(), name, [suiteId]))
  }
  const ids = inputs.map((i) => i.id!)
  return {
    ids,
    label: rows.length === 1 ? `Duplicated test as '${inputs[0].name}'` : `Duplicated ${plural(rows.length, 'test')}`,
    async do() {
      for (const part of chunks(inputs)) await client.tests.bulkCreate({ items: part })
    },
    async undo() {
      for (const part of chunks(ids)) await client.tests.bulkDelete({ ids: part })
    },
  }
}

/** What deleting loses, for the confirmation: tests, their steps and executions. */
export interface DeletionPlan {
  suites: Suite[]
  /** Tests deleted with everything they hold. */
  tests: TestCaseWithSteps[]
  /** Tests that only leave the deleted suites (they stay in other suites). */
  unlinked: string[]
  steps: number
  executions: number
}

/** Reads everything a deletion removes, so the dialog can say it and undo can put it back. */
export async function planDeletion(client: ApiClient, model: TreeModel, suiteIds: string[], testIds: string[]): Promise<DeletionPlan> {
  const suites = [...new Set(suiteIds.flatMap((id) => suiteSubtree(model, id)))].map((id) => model.suitesById.get(id)!)
  const inDeleted = new Set(suites.map((s) => s.id))
  const doomed = new Set(testIds)
  const unlinked: string[] = []
  for (const suite of suites) {
    for (const testId of model.testsOf.get(suite.id) ?? []) {
      if (doomed.has(testId)) continue
      // A test that also sits in a suite that stays only loses these links.
      if ((model.suitesOf.get(testId) ?? []).every((id) => inDeleted.has(id))) doomed.add(testId)
      else unlinked.push(testId)
    }
  }
  const tests: TestCaseWithSteps[] = []
  for (const id of doomed) tests.push(await client.tests.get({ id }))
  let executions = 0
  for (const test of tests) executions += (await client.history.forTestCase({ test_case_id: test.id, limit: 1 })).total
  return { suites, tests, unlinked, steps: tests.reduce((n, t) => n + t.steps.length, 0), executions }
}

export function describeDeletion(plan: DeletionPlan): string {
  const parts: string[] = []
  if (plan.suites.length) parts.push(plural(plan.suites.length, 'suite'))
  if (plan.tests.length) parts.push(`${plural(plan.tests.length, 'test')} with ${plural(plan.steps, 'step')}`)
  return parts.join(' and ')
}

export function deleteOp(client: ApiClient, model: TreeModel, plan: DeletionPlan): Op {
  const topSuites = plan.suites.filter((s) => !plan.suites.some((p) => p.id === s.parent_id))
  const links = plan.suites.map((s) => ({ suiteId: s.id, testIds: (model.testsOf.get(s.id) ?? []).filter((id) => plan.unlinked.includes(id)) }))
  return {
    label: `Deleted ${describeDeletion(plan)}`,
    async do() {
      for (const part of chunks(plan.tests.map((t) => t.id))) await client.tests.bulkDelete({ ids: part })
      for (const suite of topSuites) await client.suites.delete({ id: suite.id })
    },
    async undo() {
      // Suites first, parents before children (plan.suites is in tree order), then the tests and links.
      for (const suite of plan.suites) {
        await client.suites.create({ id: suite.id, parent_id: suite.parent_id, name: suite.name, description: suite.description, position: suite.position })
      }
      const inputs = plan.tests.map((t) => ({ ...copyInput(t, t.id, t.name, model.suitesOf.get(t.id) ?? []), steps: t.steps.map((step) => stepInput(step)) }))
      for (const part of chunks(inputs)) await client.tests.bulkCreate({ items: part })
      for (const { suiteId, testIds } of links) if (testIds.length) await client.suites.addTests({ suite_id: suiteId, test_case_ids: testIds })
    },
  }
}

export function tagTests(client: ApiClient, model: TreeModel, testIds: string[], tag: string, remove = false): Op {
  const before = testIds.map((id) => ({ id, tags: model.testsById.get(id)?.tags ?? [] }))
  const after = before.map(({ id, tags }) => ({ id, tags: remove ? tags.filter((t) => t !== tag) : tags.includes(tag) ? tags : [...tags, tag] }))
  return {
    label: `${remove ? 'Removed' : 'Added'} tag '${tag}' ${remove ? 'from' : 'to'} ${plural(testIds.length, 'test')}`,
    do: () => bulkUpdateTests(client, after),
    undo: () => bulkUpdateTests(client, before),
  }
}

export function setTestStatus(client: ApiClient, model: TreeModel, testIds: string[], status: TestCaseStatus): Op {
  const before = testIds.map((id) => ({ id, status: model.testsById.get(id)?.status ?? 'active' }))
  const words: Record<TestCaseStatus, string> = { active: 'Activated', archived: 'Deactivated', draft: 'Marked as draft' }
  return {
    label: `${words[status]} ${plural(testIds.length, 'test')}`,
    do: () => bulkUpdateTests(client, testIds.map((id) => ({ id, status }))),
    undo: () => bulkUpdateTests(client, before),
  }
}
