// The run rules (src/shared/run-rules.ts) in a real run: a suite run leaves a draft helper test
// out yet its call_test steps may call it; archived tests and tests of another project cannot be
// called, and the step says why.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../core'
import { startDemoSite, type DemoSiteServer } from '../demosite/server'

let site: DemoSiteServer
beforeAll(async () => {
  site = await startDemoSite()
})
afterAll(async () => {
  await site?.close()
})

const cores: Core[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.close()
})

async function call<T = any>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as T
}

const addTodos = (...titles: string[]) => [
  { action: 'navigate', value: `${site.url}todos.html` },
  ...titles.flatMap((title) => [
    { action: 'fill', target: { selector: '[data-testid=new-todo]' }, value: title },
    { action: 'press', target: { selector: '[data-testid=new-todo]' }, value: 'Enter' },
  ]),
]
const completeSecond = (helper: string) => [
  { action: 'call_test', value: helper },
  { action: 'check', target: { selector: '#todo-list li >> nth=1 >> .todo-toggle' } },
  { action: 'checkpoint', target: { selector: '#todo-count' }, options: { checkpoint: { type: 'element', assertions: [{ property: 'text', expected: '1 item left' }] } } },
]

describe('which tests a run takes and call_test may call', () => {
  it('a suite run leaves out a draft helper and archived tests, and its tests call the draft', async () => {
    const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-rules-')) })
    cores.push(core)
    const suite = await call(core, 'suites.create', { name: 'Todos' })
    const helper = await call(core, 'tests.create', { name: 'Add two todos', status: 'draft', suite_ids: [suite.id], steps: addTodos('Buy milk', 'Walk the dog') })
    await call(core, 'tests.create', { name: 'Old helper', status: 'archived', suite_ids: [suite.id], steps: addTodos('Old') })
    const byName = await call(core, 'tests.create', { name: 'Complete the second todo', suite_ids: [suite.id], steps: completeSecond('Add two todos') })
    const byId = await call(core, 'tests.create', { name: 'Complete it by id', suite_ids: [suite.id], steps: completeSecond(helper.id) })
    const archived = await call(core, 'tests.create', { name: 'Calls an archived test', suite_ids: [suite.id], step_timeout_ms: 1000, steps: completeSecond('Old helper') })

    const run = await call(core, 'runs.create', { select: { suite_paths: [['ROOT', 'Todos']] }, options: { trace: 'off' } })
    const items = (await call(core, 'runItems.list', { test_run_id: run.id })).items
    expect(items.map((i: { test_case_name: string }) => i.test_case_name)).toEqual([byName.name, byId.name, archived.name])

    await call(core, 'runs.start', { id: run.id })
    const finished = await core.runner!.waitFor(run.id)
    expect(finished).toMatchObject({ status: 'completed', total_tests: 3, passed_tests: 2, failed_tests: 1 })
    const summary = await call(core, 'runs.summary', { id: run.id })
    const failed = summary.items.find((i: { status: string }) => i.status === 'failed')
    expect(failed.test_case_name).toBe(archived.name)
    expect(failed.error_message).toContain("Cannot call test 'Old helper': it is archived")

    const results = await call(core, 'results.list', { test_run_id: run.id })
    const passed = results.items.find((r: { test_case_id: string }) => r.test_case_id === byName.id)
    const steps = await call(core, 'stepResults.list', { test_run_result_id: passed.id })
    // The called draft's steps are recorded under the call, named by the helper.
    expect(steps.map((s: { description: string }) => s.description)).toContain("Add two todos › Fill 'new-todo' with 'Walk the dog'")
    expect(steps.map((s: { description: string }) => s.description)).toContain('Check the 2nd #todo-list li › .todo-toggle')
    // Called by id, the steps are still named by the helper's name.
    const calledById = results.items.find((r: { test_case_id: string }) => r.test_case_id === byId.id)
    const idSteps = await call(core, 'stepResults.list', { test_run_result_id: calledById.id })
    expect(idSteps[1].description).toBe(`Add two todos › Navigate to ${site.url}todos.html`)
  }, 120_000)

  it('call_test finds tests of the run’s own project only', async () => {
    const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-rules-')) })
    cores.push(core)
    await call(core, 'projects.list', {}) // on a fresh database: Default, made first
    const other = await call(core, 'projects.create', { name: 'Other' })
    const foreign = await call(core, 'tests.create', { project_id: other.id, name: 'Add two todos', status: 'draft', steps: addTodos('A', 'B') })
    const byName = await call(core, 'tests.create', { name: 'Calls by name', step_timeout_ms: 1000, steps: completeSecond('Add two todos') })
    const byId = await call(core, 'tests.create', { name: 'Calls by id', step_timeout_ms: 1000, steps: completeSecond(foreign.id) })
    const run = await call(core, 'runs.create', { test_case_ids: [byName.id, byId.id], options: { trace: 'off' } })
    await call(core, 'runs.start', { id: run.id })
    expect(await core.runner!.waitFor(run.id)).toMatchObject({ failed_tests: 2 })
    const summary = await call(core, 'runs.summary', { id: run.id })
    const errors = Object.fromEntries(summary.items.map((i: { test_case_name: string; error_message: string }) => [i.test_case_name, i.error_message]))
    expect(errors['Calls by id']).toContain(`test case ${foreign.id} belongs to another project`)
    expect(errors['Calls by name']).toContain("No test case named 'Add two todos' in this project to call")
  }, 120_000)
})
