// Part of `npm run bench:store`: importing project files. A 20,000-test file (about 60 MB: six
// steps a test, 200 suites) into an empty database, again unchanged, and again
// with one test changed; one suite path 500 and 1,000 levels deep. The anchor is JSON.parse plus
// raw better-sqlite3 inserting the same test and step rows in one transaction, in the same run.
import type Database from 'better-sqlite3'
import { performance } from 'node:perf_hooks'
import { v7 as uuidv7 } from 'uuid'
import { decodeProjectFile, importProject, parseProjectText } from '../src/main/core/project-import'
import type { Store } from '../src/main/store'
import { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION, type ProjectFileInput } from '../src/shared/model/project-file'
import { validateStep } from '../src/shared/steps'

export const IMPORT_TESTS = 20_000
const STEPS_PER_TEST = 6
const SUITES = 200

type Report = (measure: string, figure: string, goal?: string, pass?: boolean) => void
type Open = (name: string) => { db: Database.Database; store: Store }

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = work()
  return { value, ms: performance.now() - start }
}

/** A project file as an export writes it (pretty JSON): six steps a test, each test in one of 200 suites. */
export function bigProjectFile(tests = IMPORT_TESTS) {
  const suites = Array.from({ length: SUITES }, (_, i) => ({
    id: uuidv7(),
    path: ['ROOT', `Area ${Math.floor(i / 20) + 1}`, `Feature ${i + 1}`],
    description: `Checks of feature ${i + 1}`,
    position: i % 20,
    tests: [] as string[],
  }))
  const areas = [...new Set(suites.map((s) => s.path[1]))].map((name, i) => ({ id: uuidv7(), path: ['ROOT', name], description: null, position: i, tests: [] }))
  const file = {
    $schema: './testdesk-project.schema.json',
    format: PROJECT_FILE_FORMAT as typeof PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION as typeof PROJECT_FILE_VERSION,
    project: { id: uuidv7(), name: 'Bench', description: null },
    scope: null,
    suites: [{ id: uuidv7(), path: ['ROOT'], description: null, position: 0, tests: [] }, ...areas, ...suites],
    tests: Array.from({ length: tests }, (_, t) => {
      const id = uuidv7()
      suites[t % SUITES].tests.push(id)
      return {
        id,
        name: `Checkout ${t + 1}: pays with a saved card and sees the receipt`,
        description: `Test ${t + 1}, generated for the import benchmark. It signs in, fills the basket and pays.`,
        tags: ['regression', t % 3 ? 'checkout' : 'smoke'],
        priority: 'medium' as const,
        status: 'active' as const,
        start_url: '/shop/index.html',
        step_timeout_ms: null,
        test_timeout_ms: null,
        browser_config_id: null,
        environment_id: null,
        data_set_id: null,
        steps: Array.from({ length: STEPS_PER_TEST }, (_, s) => ({
          id: uuidv7(),
          action: s === 0 ? 'navigate' : s % 3 ? 'fill' : 'click',
          target: s === 0 ? null : { selector: `role=textbox[name="Field ${s}"]`, alternatives: [`[data-testid=field-${s}]`] },
          value: s === 0 ? '/shop/checkout.html' : s % 3 ? `value ${s} of test ${t + 1}` : null,
          options: s % 3 ? {} : { timeout_ms: 5000 },
          description: s % 3 ? null : `Step ${s + 1} (recorded)`,
          disabled: false,
        })),
      }
    }),
    data_sets: [],
    scripts: [],
    environments: [],
    browser_configurations: [],
  }
  return file satisfies ProjectFileInput
}

/** A file holding one suite path `depth` levels below ROOT, as issue reports sent. */
function deepPathFile(depth: number): ProjectFileInput {
  return {
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    project: { id: uuidv7(), name: `Deep ${depth}`, description: null },
    suites: [{ id: uuidv7(), path: ['ROOT', ...Array.from({ length: depth }, (_, i) => `Level ${i + 1}`)], tests: [] }],
  }
}

/** JSON.parse and raw inserts of the same test and step rows: what the import is compared with. */
function rawAnchor(db: Database.Database, store: Store, text: string): number {
  const projectId = store.defaultProjectId
  const userId = store.localUserId
  return timed(() => {
    const file = JSON.parse(text) as ReturnType<typeof bigProjectFile>
    const test = db.prepare(
      `INSERT INTO test_cases (id, project_id, name, description, tags, priority, status, start_url, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const step = db.prepare(
      `INSERT INTO test_steps (id, test_case_id, position, action, target, value, options, description, disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    db.transaction(() => {
      for (const t of file.tests) {
        test.run(t.id, projectId, t.name, t.description, JSON.stringify(t.tags), t.priority, t.status, t.start_url, userId)
        t.steps.forEach((s, i) =>
          step.run(s.id, t.id, i, s.action, s.target ? JSON.stringify(s.target) : null, s.value, JSON.stringify(s.options), s.description, 0),
        )
      }
    })()
  }).ms
}

export function importBenchmarks(open: Open, report: Report): void {
  const file = bigProjectFile()
  const text = JSON.stringify(file, null, 2)
  const bytes = Buffer.from(text)
  const megabytes = (bytes.length / 1024 / 1024).toFixed(1)
  const label = `${IMPORT_TESTS.toLocaleString('en-US')} tests, ${megabytes} MB`

  const anchor = open('import-anchor')
  const anchorMs = rawAnchor(anchor.db, anchor.store, text)
  anchor.db.close()

  const { db, store } = open('import')
  const first = timed(() => importProject(store, parseProjectText(decodeProjectFile(bytes)), { validateStep }))
  report(`import ${label} into an empty database`, seconds(first.ms), '< 10 s', first.ms < 10_000)
  report('  ratio to JSON.parse + raw inserts of the same rows', `${(first.ms / anchorMs).toFixed(1)}× (${seconds(anchorMs)})`)
  report('  summary: created', Object.entries(first.value.created).map(([k, n]) => `${n} ${k}`).join(', '))
  const again = timed(() => importProject(store, parseProjectText(decodeProjectFile(bytes)), { validateStep }))
  report(`import the same file again (nothing changes)`, seconds(again.ms))
  report('  summary: updated', JSON.stringify(again.value.updated))
  file.tests[IMPORT_TESTS / 2].steps[1].value = 'changed by the benchmark'
  const changed = Buffer.from(JSON.stringify(file, null, 2))
  const one = timed(() => importProject(store, parseProjectText(decodeProjectFile(changed)), { validateStep }))
  report('import with one test changed', seconds(one.ms))
  report('  summary: updated', JSON.stringify(one.value.updated))
  db.close()

  for (const depth of [500, 1000]) {
    const deep = open(`deep-${depth}`)
    const run = timed(() => importProject(deep.store, deepPathFile(depth), { validateStep }))
    report(`import one suite path ${depth} levels deep`, seconds(run.ms), '', undefined)
    report('  summary: created', `${run.value.created.suites} suites`)
    deep.db.close()
  }
}
