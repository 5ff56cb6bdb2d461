// Two projects in one data folder, from the command line as a new user meets them: the demo, then
// a TodoMVC project imported beside it, each listed, run, shown, reported and exported with
// --project; the default project; deleting with confirmation. The TodoMVC suite keeps its helper
// test a draft: the suite run leaves it out and its tests call it.
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../src/main/core'
import { DEMO_TEST_COUNT } from '../src/main/demo/demo-project'
import { runTestdesk, tempDataDir, type CliResult } from './support/cli'

const ROW = '#todo-list li >> nth=1'
const todo = (title: string) => [
  { id: randomUUID(), action: 'fill', target: { selector: '[data-testid=new-todo]' }, value: title },
  { id: randomUUID(), action: 'press', target: { selector: '[data-testid=new-todo]' }, value: 'Enter' },
]
const verifyText = (selector: string, expected: string) => ({
  id: randomUUID(),
  action: 'checkpoint',
  target: { selector },
  options: { checkpoint: { type: 'element', assertions: [{ property: 'text', expected }] }, timeout_ms: 4000 },
})

/** A TodoMVC project file: a draft helper that adds two todos, two tests calling it (one fails on purpose). */
function todoProject() {
  const env = randomUUID()
  const tests = [
    {
      id: randomUUID(),
      name: 'Add two todos',
      status: 'draft',
      environment_id: env,
      steps: [{ id: randomUUID(), action: 'navigate', value: 'todos.html' }, ...todo('Buy milk'), ...todo('Walk the dog')],
    },
    {
      id: randomUUID(),
      name: 'Complete the second todo',
      environment_id: env,
      steps: [
        { id: randomUUID(), action: 'call_test', value: 'Add two todos' },
        { id: randomUUID(), action: 'check', target: { selector: `${ROW} >> .todo-toggle` } },
        verifyText('#todo-count', '1 item left'),
      ],
    },
    {
      id: randomUUID(),
      name: 'Second todo is the cat (fails on purpose)',
      environment_id: env,
      steps: [{ id: randomUUID(), action: 'call_test', value: 'Add two todos' }, verifyText(ROW, 'Walk the cat')],
    },
  ]
  return {
    format: 'testdesk-project',
    version: 1,
    project: { id: randomUUID(), name: 'TodoMVC', description: null },
    scope: null,
    suites: [
      { id: randomUUID(), path: ['ROOT'], tests: [] },
      { id: randomUUID(), path: ['ROOT', 'TodoMVC'], tests: tests.map((t) => t.id) },
    ],
    tests,
    data_sets: [],
    scripts: [],
    environments: [{ id: env, name: 'Todo site', base_url: 'testdesk:demo-site/', variables: [] }],
    browser_configurations: [],
  }
}

let dataDir: string
let file: string
const td = (...args: string[]) => runTestdesk([...args, '--data-dir', dataDir], {}, 300_000)
const json = (result: CliResult) => JSON.parse(result.stdout)

beforeAll(async () => {
  dataDir = tempDataDir()
  file = join(dataDir, 'todo-project.json')
  writeFileSync(file, JSON.stringify(todoProject(), null, 2))
  expect((await td('demo')).code).toBe(0)
  const imported = await td('import', file)
  expect(imported.stdout).toContain("Imported into project 'TodoMVC'.")
}, 120_000)

describe('two projects in one data folder', () => {
  it('lists them; the default one is used when no --project is given; an import into the wrong one says where its rows are', async () => {
    const listed = await td('projects')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(new RegExp(`^\\*\\s+Default\\s+${DEMO_TEST_COUNT}\\s`, 'm'))
    expect(listed.stdout).toMatch(/^\s+TodoMVC\s+3\s+1\s+0\s/m)

    const wrong = await td('import', file, '--project', 'Default')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain("belongs to project 'TodoMVC', which already holds this file's rows")
    expect(wrong.stderr).toContain("Import the file into 'TodoMVC'")
    expect(json(await td('projects', '--json')).items.map((p: { test_count: number }) => p.test_count)).toEqual([DEMO_TEST_COUNT, 3])

    const elsewhere = await td('tests', '--suite', 'TodoMVC')
    expect(elsewhere.code).toBe(2)
    expect(elsewhere.stderr).toContain("project 'TodoMVC' has it")
    const tests = await td('tests', '--suite', 'TodoMVC', '--project', 'todomvc')
    expect(tests.code).toBe(0)
    expect(tests.stdout).toMatch(/^Add two todos\s+5\s+draft\s+TodoMVC$/m)
    expect(tests.stdout).toContain('3 tests')
    expect((await td('suites', '--project', 'TodoMVC')).stdout).toContain('TodoMVC  (3 tests)')
    const unknown = await td('tests', '--project', 'Nope')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("No project named 'Nope' (projects here: 'Default', 'TodoMVC')")
  }, 120_000)

  it('runs, shows, reports, reruns and exports the second project; descriptions name the row; shown code runs without a baseURL', async () => {
    const run = await td('run', '--suite', 'TodoMVC', '--project', 'TodoMVC', '--trace', 'off')
    // The draft helper is left out of the suite run, and both tests call it.
    expect(run.stderr).toContain('Run_001: 2 tests')
    expect(run.stdout).toContain('Run_001: completed. 1 passed, 1 failed of 2')
    expect(run.stdout).toContain("Expected text of the 2nd #todo-list li to equal 'Walk the cat' but was 'Walk the dog")
    expect(run.code).toBe(1)

    expect(json(await td('runs', '--json')).total).toBe(0) // the default project (the demo) has none
    expect(json(await td('runs', '--project', 'TodoMVC', '--json')).items[0]).toMatchObject({ run_number: 1, passed_tests: 1, failed_tests: 1 })
    const notHere = await td('show', '1')
    expect(notHere.code).toBe(2)
    expect(notHere.stderr).toContain("No test run matches '1' in project 'Default' (project 'TodoMVC' has one: choose that project)")
    const show = await td('show', '1', '--project', 'TodoMVC')
    expect(show.code).toBe(0)
    expect(show.stdout).toContain("Failed at step 2: Verify text of the 2nd #todo-list li equals 'Walk the cat'")

    const out = join(dataDir, 'todo-report.json')
    expect((await td('report', 'Run_001', '--project', 'TodoMVC', '--format', 'json', '-o', out)).code).toBe(0)
    const report = readFileSync(out, 'utf8')
    expect(report).toContain('Check the 2nd #todo-list li › .todo-toggle')
    expect(report).toContain("Add two todos › Fill 'new-todo' with 'Walk the dog'")

    // The contract gives the same run, with the code each step ran: the navigate shows the URL it opened.
    const core = await openCore({ dataDir, execution: 'manual' })
    try {
      const call = async (name: string, input: unknown) => {
        const result = await core.dispatcher.call(name, input, { transport: 'direct' })
        if (!result.ok) throw new Error(result.error.message)
        return result.value as any
      }
      const project = await call('projects.find', { ref: 'TodoMVC' })
      const found = await call('reports.findRun', { ref: '1', project_id: project.id })
      const results = await call('results.list', { test_run_id: found.id })
      const passed = results.items.find((r: { status: string }) => r.status === 'passed')
      const steps = await call('stepResults.list', { test_run_result_id: passed.id })
      const navigate = steps.find((s: { action: string }) => s.action === 'navigate')
      expect(navigate.playwright_code).toMatch(/^await page\.goto\('http:\/\/127\.0\.0\.1:\d+\/todos\.html'\);$/)
      expect(steps.find((s: { action: string }) => s.action === 'check').playwright_code).toBe(
        "await page.locator('#todo-list li').nth(1).locator('.todo-toggle').check();",
      )
    } finally {
      await core.close()
    }

    const rerun = await td('rerun', '1', '--only', 'failed', '--project', 'TodoMVC')
    expect(rerun.stdout).toContain('Run_001 rerun: completed. 0 passed, 1 failed of 1')
    const history = await td('history', 'Complete the second todo', '--project', 'TodoMVC', '--json')
    expect(json(history).total).toBe(1)
    expect((await td('history', '--suite', 'TodoMVC', '--project', 'TodoMVC', '--json')).code).toBe(0)

    const exported = join(dataDir, 'todo-export.json')
    expect((await td('export', '--project', 'TodoMVC', '-o', exported)).code).toBe(0)
    expect(JSON.parse(readFileSync(exported, 'utf8')).tests.map((t: { name: string }) => t.name)).toContain('Add two todos')
    const demo = JSON.parse((await td('export')).stdout)
    expect(demo.tests).toHaveLength(DEMO_TEST_COUNT)
  }, 600_000)

  it('makes another project the default, and deletes one only when confirmed', async () => {
    expect((await td('projects', 'default', 'TodoMVC')).stdout).toContain("'TodoMVC' is now the default project.")
    expect(json(await td('tests', '--json')).map((t: { name: string }) => t.name)).toContain('Add two todos')
    const refused = await td('projects', 'delete', 'TodoMVC', '--yes')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('The default project cannot be deleted')
    await td('projects', 'default', 'Default')

    const unconfirmed = await td('projects', 'delete', 'TodoMVC') // no input to answer from
    expect(unconfirmed.code).toBe(2)
    expect(unconfirmed.stderr).toContain("Not deleted: deleting project 'TodoMVC' (3 tests, 1 suite, 2 runs) needs confirmation")
    const mistyped = await runTestdesk(['projects', 'delete', 'TodoMVC', '--data-dir', dataDir], {}, 60_000, 'todo\n')
    expect(mistyped.code).toBe(2)
    expect(mistyped.stderr).toContain("Type the project's name to delete it:")
    expect(mistyped.stderr).toContain("Not deleted: 'todo' is not 'TodoMVC'")
    expect(json(await td('projects', '--json')).total).toBe(2)
    const confirmed = await runTestdesk(['projects', 'delete', 'TodoMVC', '--data-dir', dataDir], {}, 60_000, 'TodoMVC\n')
    expect(confirmed.code).toBe(0)
    expect(confirmed.stdout).toContain("Deleted project 'TodoMVC' (3 tests, 1 suite, 2 runs).")
    expect(json(await td('projects', '--json')).items.map((p: { name: string }) => p.name)).toEqual(['Default'])
  }, 120_000)
})

