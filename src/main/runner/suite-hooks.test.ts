// Suite set-up and tear-down in real Chromium against the demo site, through the orchestrator:
// nested suites' lists run outermost set-up first and innermost tear-down first, in the test's
// own page; a failed set-up leaves the test's steps unrun; tear-down runs after a failed test;
// a failed tear-down fails the test in its own words. One core, one run, one browser.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStepResult } from '../../shared/model/execution'
import { openCore, type Core } from '../core'
import { startDemoSite, type DemoSiteServer } from '../demosite/server'
import { collectReportData } from '../report/data'
import { renderJson } from '../report/json'
import { renderJunit } from '../report/junit'

let site: DemoSiteServer
let core: Core

beforeAll(async () => {
  site = await startDemoSite()
  core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-hooks-')) })
})
afterAll(async () => {
  await core?.close()
  await site?.close()
})

async function call<T = any>(name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as T
}

// Checkpoints expected to fail give up after a second; every other step has the usual time.
const verify = (selector: string, expected: string, fails = false) => ({
  action: 'checkpoint',
  target: { selector },
  options: { checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'equals', expected }] }, ...(fails ? { timeout_ms: 1000 } : {}) },
})
const addTodo = (text: string) => [
  { action: 'fill', target: { selector: '[data-testid=new-todo]' }, value: text },
  { action: 'press', target: { selector: '[data-testid=new-todo]' }, value: 'Enter' },
]

async function suite(name: string, parent: string | null, setup: object[], teardown: object[]) {
  const created = await call('suites.create', { name, ...(parent ? { parent_id: parent } : {}) })
  await call('suites.setHooks', { suite_id: created.id, setup, teardown })
  return created.id as string
}

async function test(name: string, suiteId: string, steps: object[]) {
  return (await call('tests.create', { name, suite_ids: [suiteId], steps })).id as string
}

const brief = (steps: TestStepResult[]) => steps.map((s) => [s.phase, s.step_number, s.status, s.description])

describe('suite set-up and tear-down', () => {
  it('wrap each test of nested suites in order, and report set-up and tear-down failures as such', async () => {
    const outer = await suite('Todos', null, [{ action: 'navigate', value: `${site.url}todos.html`, description: 'Open the app' }], [{ action: 'clear_storage', description: 'Forget the list' }])
    const inner = await suite('Seeded', outer, addTodo('from set-up'), [verify('#todo-count', '2 items left', true)])
    const broken = await suite('Broken', outer, [verify('#todo-count', 'no such count', true)], [])
    const torn = await suite('Torn', outer, [], [verify('h1', 'no such heading', true)])
    const passing = await test('Sees the set-up todo', inner, [...addTodo('own'), verify('#todo-count', '2 items left')])
    const failing = await test('Fails on its own', inner, [verify('#todo-count', 'nine items left', true)])
    const neverRuns = await test('Never runs its steps', broken, addTodo('own'))
    const tornDown = await test('Fails in tear-down', torn, [verify('#todo-count', '0 items left')])

    const run = await call('runs.create', { select: { suite_ids: [outer] }, options: { trace: 'off', screenshots: 'off' } })
    await call('runs.start', { id: run.id })
    const finished = await core.runner!.waitFor(run.id)
    expect(finished).toMatchObject({ status: 'completed', total_tests: 4, passed_tests: 1, failed_tests: 3 })
    const results = (await call('results.list', { test_run_id: run.id })).items as { id: string; test_case_id: string; status: string; error_message: string | null; error_step_number: number | null }[]
    const of = async (id: string) => {
      const result = results.find((r) => r.test_case_id === id)!
      return { result, steps: (await call('stepResults.list', { test_run_result_id: result.id })) as TestStepResult[] }
    }

    // Outermost set-up first, innermost tear-down first; all in the page the test's steps use.
    const ok = await of(passing)
    expect(ok.result).toMatchObject({ status: 'passed', error_message: null })
    expect(brief(ok.steps)).toEqual([
      ['setup', 1, 'passed', 'Todos › Open the app'],
      ['setup', 2, 'passed', "Seeded › Fill 'new-todo' with 'from set-up'"],
      ['setup', 3, 'passed', expect.stringMatching(/^Seeded › Press Enter/)],
      [null, 1, 'passed', "Fill 'new-todo' with 'own'"],
      [null, 2, 'passed', expect.stringMatching(/^Press Enter/)],
      [null, 3, 'passed', expect.stringContaining('#todo-count')],
      ['teardown', 1, 'passed', expect.stringMatching(/^Seeded › /)],
      ['teardown', 2, 'passed', 'Todos › Forget the list'],
    ])

    // A failed test still runs its suites' tear-down; its message is the test's own.
    const failed = await of(failing)
    expect(failed.result).toMatchObject({ status: 'failed', error_step_number: 1 })
    expect(failed.result.error_message).toMatch(/^Step 1 \(.*\): Expected text of #todo-count to equal 'nine items left' but was '1 item left'/)
    expect(failed.steps.filter((s) => s.phase === 'teardown').map((s) => s.status)).toEqual(['failed', 'passed'])
    expect(failed.result.error_message).toContain("\nTear-down failed at step 1 of suite 'Seeded': Expected text of #todo-count to equal '2 items left' but was '1 item left'")

    // A failed set-up: the rest of the set-up and the test's steps are skipped; tear-down runs.
    const notRun = await of(neverRuns)
    expect(notRun.result.status).toBe('failed')
    expect(notRun.result.error_message).toBe("Set-up failed at step 1 of suite 'Broken': Expected text of #todo-count to equal 'no such count' but was '0 items left'")
    expect(notRun.result.error_step_number).toBeNull()
    expect(brief(notRun.steps).map(([phase, n, status]) => [phase, n, status])).toEqual([
      ['setup', 1, 'passed'], ['setup', 2, 'failed'], [null, 1, 'skipped'], [null, 2, 'skipped'], ['teardown', 1, 'passed'],
    ])

    // Every own step passed, a tear-down step failed: the test fails in tear-down's words.
    const torndown = await of(tornDown)
    expect(torndown.result.status).toBe('failed')
    expect(torndown.result.error_message).toBe("Tear-down failed at step 1 of suite 'Torn': Expected text of h1 to equal 'no such heading' but was 'Todo list'")
    expect(torndown.steps.filter((s) => s.phase === null).map((s) => s.status)).toEqual(['passed'])

    // Reports: steps keep their phase and order; a failure is worded as the run worded it.
    const data = collectReportData(core.context.store, run.id)
    const reported = data.tests.find((x) => x.name === 'Never runs its steps')!.executions[0]
    expect(reported.steps.map((s) => [s.phase, s.number, s.status])).toEqual([['setup', 1, 'passed'], ['setup', 2, 'failed'], [null, 1, 'skipped'], [null, 2, 'skipped'], ['teardown', 1, 'passed']])
    expect(reported.failure).toEqual({ step: null, step_text: null, message: notRun.result.error_message })
    const junit = renderJunit(data)
    expect(junit).toContain(`message="Set-up failed at step 1 of suite &apos;Broken&apos;`)
    expect(junit).toContain(`message="Tear-down failed at step 1 of suite &apos;Torn&apos;`)
    expect(JSON.parse(renderJson(data)).tests.find((x: { name: string }) => x.name === 'Sees the set-up todo').executions[0].steps[0]).toMatchObject({ phase: 'setup', number: 1, description: 'Todos › Open the app' })
  }, 120_000)
})
