// Import of project files. The bytes are checked first (UTF-8, with or without a BOM; another
// encoding is named), then JSON syntax (line and column), the schema with its limits (paths,
// names, counts), steps and references; only then is anything written, in one transaction,
// updating by id. What the file leaves as it is stays untouched and is counted as unchanged, so
// the summary says what really changed. The suite tree is read once and built in one pass.
import { isUtf8 } from 'node:buffer'
import { isDeepStrictEqual } from 'node:util'
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { TestDeskError, issuesFromZod, validationError, type FieldIssue } from '../../shared/api/errors'
import { isUnder, type DataRow } from '../../shared/model/definition'
import { PROJECT_FILE_LIMITS, ProjectFile, type ImportSummary } from '../../shared/model/project-file'
import type { Store } from '../store'
import type { SuiteTree } from '../store/suite-tree'
import type { StepValidator } from '../store/tests'
import { fileBrowserOf, fileDataSetOf, fileEnvironmentOf, fileScriptOf, fileStepOf, fileTestOf } from './project-file-entries'

const MB = 1024 * 1024

/** Refuses a file too large to import, before it is read. */
export function checkProjectFileSize(bytes: number): void {
  if (bytes > PROJECT_FILE_LIMITS.bytes) {
    throw TestDeskError.validation('', `The file is ${(bytes / MB).toFixed(1)} MB; a project file is at most ${PROJECT_FILE_LIMITS.bytes / MB} MB`)
  }
}

/** Byte order marks and the encodings they announce (UTF-32 before UTF-16: FF FE starts both). */
const BOMS: [number[], string][] = [
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32 (big-endian)'],
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32 (little-endian)'],
  [[0xfe, 0xff], 'UTF-16 (big-endian)'],
  [[0xff, 0xfe], 'UTF-16 (little-endian)'],
]

/** A JSON file's encoding guessed from its NUL bytes (JSON starts with ASCII), or null. */
function encodingByNuls(bytes: Buffer): string | null {
  if (bytes.length < 4) return null
  const nul = [0, 1, 2, 3].map((i) => bytes[i] === 0)
  if (nul[0] && nul[1] && nul[2] && !nul[3]) return 'UTF-32 (big-endian)'
  if (!nul[0] && nul[1] && nul[2] && nul[3]) return 'UTF-32 (little-endian)'
  if (nul[0] && !nul[1] && nul[2] && !nul[3]) return 'UTF-16 (big-endian)'
  if (!nul[0] && nul[1] && !nul[2] && nul[3]) return 'UTF-16 (little-endian)'
  return null
}

/** Where the first byte that is not UTF-8 sits. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i]
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0
    if (!length || i + length > bytes.length || !isUtf8(bytes.subarray(i, i + length))) return i
    i += length
  }
  return i
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`
}

/**
 * The text of a project file's bytes: UTF-8, a leading BOM dropped. Another encoding is named;
 * bytes that are not UTF-8 are refused with where they are, never replaced by U+FFFD.
 */
export function decodeProjectFile(bytes: Buffer): string {
  checkProjectFileSize(bytes.length)
  const bom = BOMS.find(([mark]) => mark.every((byte, i) => bytes[i] === byte))
  const other = bom?.[1] ?? encodingByNuls(bytes)
  if (other) throw TestDeskError.validation('', `The file is encoded as ${other}; TestDesk reads project files as UTF-8. Save it as UTF-8 and import it again.`)
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  if (!isUtf8(body)) {
    const offset = firstInvalidUtf8(body)
    const where = lineAndColumn(body.subarray(0, offset).toString('utf8'), Number.MAX_SAFE_INTEGER)
    const byte = body[offset].toString(16).toUpperCase().padStart(2, '0')
    throw TestDeskError.validation('', `The file is not valid UTF-8: byte 0x${byte} at ${where} (byte ${offset + 1}). Save it as UTF-8 and import it again.`)
  }
  return body.toString('utf8')
}

/** Parses file text (a leading BOM allowed), reporting a syntax error with its line and column. */
export function parseProjectText(text: string): unknown {
  checkProjectFileSize(text.length)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  try {
    return JSON.parse(text)
  } catch (error) {
    // JSON.parse does not always say where; a tolerant parser finds the first problem's offset.
    const errors: ParseError[] = []
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
    const first = errors[0]
    let where = ''
    let what = error instanceof Error ? error.message : String(error)
    if (first) {
      where = ` at ${lineAndColumn(text, first.offset)}`
      what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
    } else if (!text.trim()) {
      what = 'the file is empty'
    }
    throw new TestDeskError('validation', `The file is not valid JSON${where}: ${what}`, [{ field: '', message: `not valid JSON${where}: ${what}` }])
  }
}

type Outcome = 'created' | 'updated' | 'unchanged'

/**
 * Writes one entry of the file: created when missing, updated when the stored one differs from
 * it, left alone otherwise. `current` reads the stored one in the file's own shape.
 */
function upsert<T>(existed: boolean, entry: T, current: () => unknown, create: () => void, update: () => void): Outcome {
  if (!existed) {
    create()
    return 'created'
  }
  if (isDeepStrictEqual(current(), entry)) return 'unchanged'
  update()
  return 'updated'
}

export function importProject(store: Store, raw: unknown, options: { project?: string; validateStep?: StepValidator } = {}): ImportSummary {
  const parsed = ProjectFile.safeParse(raw)
  if (!parsed.success) throw validationError(issuesFromZod(parsed.error.issues), 'The project file is invalid')
  const file = parsed.data
  const issues = checkFile(file, options.validateStep)
  if (issues.length) throw validationError(issues, 'The project file is invalid')

  const projectId = targetProject(store, file, options.project)
  const exists = (table: Parameters<Store['assertExists']>[0], id: string, field: string) => {
    const owner = store.projectOf(table, id)
    if (owner && projectId && owner !== projectId) throw TestDeskError.validation(field, rowsOfAnotherProject(store, id, owner, projectId))
    return owner !== null
  }

  return store.tx(() => {
    const fileRoot = file.suites.find((s) => s.path.length === 1)
    const target = projectId ?? store.createProjectRow(file.project.name, file.project.description, file.project.id, fileRoot?.id)
    const summary: ImportSummary = { project_id: target, project_name: '', created: {}, updated: {}, unchanged: {}, warnings: [] }
    const count = (kind: string, outcome: Outcome, n = 1) => {
      if (n) summary[outcome][kind] = (summary[outcome][kind] ?? 0) + n
    }
    if (projectId && projectId === file.project.id) {
      const project = store.projects.get(target)
      if (project.name !== file.project.name || project.description !== file.project.description) {
        store.projects.update({ id: target, name: file.project.name, description: file.project.description })
      }
    }
    summary.project_name = store.projects.get(target).name

    file.browser_configurations.forEach((b, i) => {
      const at = `browser_configurations.${i}`
      const outcome = upsert(
        exists('browserConfigs', b.id, `${at}.id`),
        b,
        () => fileBrowserOf(store.browserConfigs.get(b.id)),
        () => store.browserConfigs.create({ ...b, project_id: target }, at),
        () => store.browserConfigs.update(b, at),
      )
      count('browser_configurations', outcome)
    })
    file.environments.forEach((e, i) => {
      const at = `environments.${i}`
      const outcome = upsert(
        exists('environments', e.id, `${at}.id`),
        e,
        () => fileEnvironmentOf(store.environments.get(e.id)),
        () => store.environments.create({ ...e, project_id: target }, at),
        () => store.environments.update(e, at),
      )
      for (const name of store.environments.unsetSecrets(e.id)) {
        summary.warnings.push(`Environment '${e.name}': secret variable ${name} has no value on this machine; set it before running.`)
      }
      count('environments', outcome)
    })
    file.data_sets.forEach((d, i) => {
      const at = `data_sets.${i}`
      const existed = exists('dataSets', d.id, `${at}.id`)
      const stored = existed ? store.dataSets.rows(d.id) : []
      // Secret cells are not in files: keep what this machine has, else leave them empty.
      const withSecrets = () => {
        const previous = new Map<string, DataRow>(stored.map((r) => [r.id, r]))
        const secret = d.columns.filter((c) => c.secret).map((c) => c.name)
        return d.rows.map((row) => ({ ...row, values: { ...Object.fromEntries(secret.map((c) => [c, previous.get(row.id)?.values[c] ?? ''])), ...row.values } }))
      }
      const outcome = upsert(
        existed,
        d,
        () => fileDataSetOf(store.dataSets.get(d.id), stored),
        () => store.dataSets.create({ ...d, rows: withSecrets(), project_id: target }, at),
        () => store.dataSets.update({ ...d, rows: withSecrets() }, at),
      )
      count('data_sets', outcome)
    })
    file.tests.forEach((t, i) => {
      const at = `tests.${i}`
      const outcome = upsert(
        exists('testCases', t.id, `${at}.id`),
        t,
        () => fileTestOf(store.tests.row(t.id), store.tests.steps(t.id)),
        // Every step was checked with the file; importSuites links every test to its suites.
        () => store.tests.insert({ ...t, project_id: target }, at, { stepsChecked: true, unlinked: true }),
        () => store.tests.update(t, at),
      )
      count('tests', outcome)
    })
    importSuites(store, store.suites.bulk(target), file, exists, count)
    file.scripts.forEach((s, i) => {
      const at = `scripts.${i}`
      const { test_id: testId, ...script } = s
      const outcome = upsert(
        exists('scripts', s.id, `${at}.id`),
        s,
        () => fileScriptOf(store.scripts.get(s.id)),
        () => store.scripts.create({ ...script, test_case_id: testId, project_id: target }, at),
        () => store.scripts.update({ ...script, test_case_id: testId }, at),
      )
      count('scripts', outcome)
    })
    return summary
  })
}

/**
 * The file's suites, parents before children (so a parent takes the file's id rather than one
 * made up on the way), then each test's suites as the file lists them within its scope. A suite
 * counts as updated when its name, place, description, position or tests change; every suite a
 * path creates counts as created.
 */
function importSuites(
  store: Store,
  tree: SuiteTree,
  file: ProjectFile,
  exists: (table: 'suites', id: string, field: string) => boolean,
  count: (kind: string, outcome: Outcome, n?: number) => void,
): void {
  const fileTests = new Set(file.tests.map((t) => t.id))
  const memberships = new Map<string, string[]>()
  const order = file.suites.map((s, i) => ({ s, i })).sort((a, b) => a.s.path.length - b.s.path.length || a.i - b.i)
  for (const { s, i } of order) {
    const at = `suites.${i}`
    const name = s.path.at(-1)!
    const fields = { description: s.description, position: s.position }
    let node = s.path.length === 1 ? tree.root : tree.get(s.id)
    if (!node) exists('suites', s.id, `${at}.id`)
    let outcome: Outcome = 'unchanged'
    if (node !== tree.root) {
      const parent = tree.ensure(s.path.slice(0, -1), undefined, at)
      count('suites', 'created', parent.created)
      node ??= tree.child(parent.node, name)
      if (node) {
        if (tree.update(node, { parent: parent.node, name, ...fields }, at)) outcome = 'updated'
      } else {
        node = tree.ensure(s.path, (path) => (path.length === s.path.length ? { id: s.id, ...fields } : undefined), at).node
        outcome = 'created'
      }
    }
    const suiteId = node.id
    // Tests the file does not hold keep their place; those it holds are where it lists them.
    const before = new Set(tree.testIds(node))
    const added = s.tests.filter((id) => !before.has(id))
    const kept = new Set(s.tests)
    const dropped = [...before].some((id) => fileTests.has(id) && !kept.has(id))
    if (outcome === 'unchanged' && (added.length || dropped)) outcome = 'updated'
    store.suites.link(suiteId, added)
    if (importHooks(store, suiteId, s, at) && outcome === 'unchanged') outcome = 'updated'
    for (const testId of s.tests) memberships.set(testId, [...(memberships.get(testId) ?? []), suiteId])
    count('suites', outcome)
  }
  // A test's suites become those the file lists it in (within the file's scope).
  const scopeIds = new Set(file.scope ? store.suites.idsUnder(file.scope, tree.projectId) : store.suites.tree(tree.projectId).map((s) => s.id))
  for (const t of file.tests) {
    const outside = store.suites.suiteIdsOf(t.id).filter((id) => !scopeIds.has(id))
    const inside = memberships.get(t.id) ?? []
    store.suites.setSuitesOf(t.id, [...outside, ...inside].length ? [...outside, ...inside] : [tree.root.id])
  }
}

/**
 * Writes a suite's set-up and tear-down as the file has them; says whether that changed them.
 * Steps were checked with the file already; written only when they differ, so an unchanged
 * file writes nothing.
 */
function importHooks(store: Store, suiteId: string, s: ProjectFile['suites'][number], at: string): boolean {
  const stored = store.suiteSteps.hooks(suiteId)
  const same = (phase: 'setup' | 'teardown') => isDeepStrictEqual(stored[phase].map(fileStepOf), s[phase])
  const input = { suite_id: suiteId, ...(same('setup') ? {} : { setup: s.setup }), ...(same('teardown') ? {} : { teardown: s.teardown }) }
  if (!input.setup && !input.teardown) return false
  store.suiteSteps.set(input, at)
  return true
}

/** The project the file goes into: a named one, the file's own (by id, then name), or a new one. */
function targetProject(store: Store, file: ProjectFile, wanted?: string): string | null {
  if (wanted) return store.projects.find(wanted).id
  // Not projects.list: listing would create a default project first.
  const projects = store.projects.names()
  return (projects.find((p) => p.id === file.project.id) ?? projects.find((p) => p.name === file.project.name))?.id ?? null
}

/**
 * Ids are global, so a file's rows live in one project: says which project holds this one and
 * how to go on (import into that project, or delete it first to move them here).
 */
function rowsOfAnotherProject(store: Store, id: string, owner: string, target: string): string {
  const holder = store.projects.get(owner).name
  const wanted = store.projects.get(target).name
  return (
    `id ${id} belongs to project '${holder}', which already holds this file's rows. ` +
    `Import the file into '${holder}' (name that project, or none: a file goes to its own project), ` +
    `or delete project '${holder}' first to move its rows into '${wanted}'`
  )
}

/** Checks that cannot be said in the schema: unique ids, references inside the file, steps. */
function checkFile(file: ProjectFile, validateStep?: StepValidator): FieldIssue[] {
  const issues: FieldIssue[] = []
  const ids = new Map<string, string>()
  const unique = (id: string, field: string) => {
    const first = ids.get(id)
    if (first) issues.push({ field, message: `id ${id} is also used at ${first}` })
    else ids.set(id, field)
  }
  const index = (list: { id: string }[], kind: string) => {
    list.forEach((item, i) => unique(item.id, `${kind}.${i}.id`))
    return new Set(list.map((item) => item.id))
  }
  const tests = index(file.tests, 'tests')
  const dataSets = index(file.data_sets, 'data_sets')
  const environments = index(file.environments, 'environments')
  const browsers = index(file.browser_configurations, 'browser_configurations')
  index(file.scripts, 'scripts')
  index(file.suites, 'suites')
  const steps = file.tests.reduce((sum, t) => sum + t.steps.length, 0)
  if (steps > PROJECT_FILE_LIMITS.steps) {
    issues.push({ field: 'tests', message: `${steps.toLocaleString('en-US')} steps in all; at most ${PROJECT_FILE_LIMITS.steps.toLocaleString('en-US')} in one file` })
  }
  const paths = new Set<string>()
  file.suites.forEach((s, i) => {
    const key = s.path.join('\u0000')
    if (paths.has(key)) issues.push({ field: `suites.${i}.path`, message: `the suite ${s.path.join(' / ')} appears twice` })
    paths.add(key)
    if (file.scope && !isUnder(s.path, file.scope)) issues.push({ field: `suites.${i}.path`, message: `is outside the file's scope ${file.scope.join(' / ')}` })
    s.tests.forEach((id, j) => {
      if (!tests.has(id)) issues.push({ field: `suites.${i}.tests.${j}`, message: `no test with id ${id} in the file` })
    })
    for (const phase of ['setup', 'teardown'] as const) {
      s[phase].forEach((step, j) => {
        unique(step.id, `suites.${i}.${phase}.${j}.id`)
        if (validateStep) issues.push(...validateStep(step, `suites.${i}.${phase}.${j}`))
      })
    }
  })
  file.tests.forEach((t, i) => {
    if (t.data_set_id && !dataSets.has(t.data_set_id)) issues.push({ field: `tests.${i}.data_set_id`, message: 'no data set with this id in the file' })
    if (t.environment_id && !environments.has(t.environment_id)) issues.push({ field: `tests.${i}.environment_id`, message: 'no environment with this id in the file' })
    if (t.browser_config_id && !browsers.has(t.browser_config_id)) {
      issues.push({ field: `tests.${i}.browser_config_id`, message: 'no browser configuration with this id in the file' })
    }
    t.steps.forEach((step, j) => {
      unique(step.id, `tests.${i}.steps.${j}.id`)
      if (validateStep) issues.push(...validateStep(step, `tests.${i}.steps.${j}`))
    })
  })
  file.scripts.forEach((s, i) => {
    if (s.test_id && !tests.has(s.test_id)) issues.push({ field: `scripts.${i}.test_id`, message: 'no test with this id in the file' })
  })
  file.data_sets.forEach((d, i) => {
    const columns = new Set(d.columns.map((c) => c.name))
    d.rows.forEach((row, j) => {
      for (const key of Object.keys(row.values)) {
        if (!columns.has(key)) issues.push({ field: `data_sets.${i}.rows.${j}.values.${key}`, message: `no column named '${key}'` })
      }
      unique(row.id, `data_sets.${i}.rows.${j}.id`)
    })
  })
  return issues
}
