// Export and import of project files. Export writes keys in a fixed order and arrays sorted by
// stable keys, so a file diffs cleanly in git. Import checks everything first (syntax, schema,
// steps, references), then writes in one transaction, updating by id: importing the same file
// twice changes nothing the second time.
import { TestDeskError, issuesFromZod, validationError, type FieldIssue } from '../../shared/api/errors'
import { isUnder, type DataRow, type TestCase } from '../../shared/model/definition'
import {
  PROJECT_FILE_FORMAT,
  PROJECT_FILE_VERSION,
  ProjectFile,
  type ImportSummary,
} from '../../shared/model/project-file'
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { z } from 'zod'
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import type { Store } from '../store'
import type { StepValidator } from '../store/tests'

export const PROJECT_SCHEMA_NAME = 'testdesk-project.schema.json'

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name) || 0

export function exportProject(store: Store, options: { project_id?: string; suite_path?: string[] } = {}): ProjectFile {
  const projectId = store.projectOrDefault(options.project_id)
  const project = store.projects.get(projectId)
  const tree = store.suites.tree(projectId)
  const scope = options.suite_path ? store.suites.mustByPath(options.suite_path, projectId) : null
  const suites = scope ? tree.filter((s) => isUnder(s.path, scope.path)) : tree
  const membership = new Map(suites.map((s) => [s.id, store.suites.testIds(s.id, false)]))
  const testIds = new Set([...membership.values()].flat())
  const allTests = store.tests.list({ project_id: projectId, limit: 100, offset: 0, sort_order: 'asc', recursive: true }).total
  const tests = collectTests(store, projectId, allTests).filter((t) => !scope || testIds.has(t.id))
  const keep = (id: string | null, ids: Set<string>) => !scope || (id !== null && ids.has(id))
  const dataSetIds = new Set(tests.map((t) => t.data_set_id).filter((id): id is string => !!id))
  const environmentIds = new Set(tests.map((t) => t.environment_id).filter((id): id is string => !!id))
  const browserIds = new Set(tests.map((t) => t.browser_config_id).filter((id): id is string => !!id))
  const exportedTests = new Set(tests.map((t) => t.id))
  const page = { project_id: projectId, limit: 100_000, offset: 0, sort_order: 'asc' as const }

  const file: ProjectFile = {
    $schema: `./${PROJECT_SCHEMA_NAME}`,
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    project: { id: project.id, name: project.name, description: project.description },
    scope: scope?.path ?? null,
    suites: suites
      .map((s) => ({ id: s.id, path: s.path, description: s.description, position: s.position, tests: membership.get(s.id) ?? [] }))
      .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000'))),
    tests: tests.sort(byName).map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      tags: t.tags,
      priority: t.priority,
      status: t.status,
      start_url: t.start_url,
      step_timeout_ms: t.step_timeout_ms,
      test_timeout_ms: t.test_timeout_ms,
      browser_config_id: t.browser_config_id,
      environment_id: t.environment_id,
      data_set_id: t.data_set_id,
      steps: store.tests.steps(t.id).map((step) => ({
        id: step.id,
        action: step.action,
        target: step.target,
        value: step.value,
        options: step.options,
        description: step.description,
        disabled: step.disabled,
      })),
    })),
    data_sets: store.dataSets
      .list(page)
      .items.filter((d) => keep(d.id, dataSetIds))
      .sort(byName)
      .map((d) => {
        const secret = new Set(d.columns.filter((c) => c.secret).map((c) => c.name))
        return {
          id: d.id,
          name: d.name,
          description: d.description,
          columns: d.columns,
          rows: store.dataSets.rows(d.id).map((row) => ({ id: row.id, values: withoutKeys(row.values, secret), enabled: row.enabled })),
        }
      }),
    scripts: store.scripts
      .list(page)
      .items.filter((s) => !scope || (s.test_case_id !== null && exportedTests.has(s.test_case_id)))
      .sort((a, b) => scriptKey(a).localeCompare(scriptKey(b)))
      .map((s) => ({
        id: s.id,
        test_id: s.test_case_id,
        name: s.name,
        script_type: s.script_type,
        language: s.language,
        source: s.source,
        is_critical: s.is_critical,
        timeout_ms: s.timeout_ms,
        attached_to_step: s.attached_to_step,
        position: s.position,
      })),
    environments: store.environments
      .list(page)
      .items.filter((e) => keep(e.id, environmentIds))
      .sort(byName)
      .map((e) => ({ id: e.id, name: e.name, description: e.description, base_url: e.base_url, variables: e.variables })),
    browser_configurations: store.browserConfigs
      .list(page)
      .items.filter((b) => keep(b.id, browserIds))
      .sort(byName)
      .map((b) => ({
        id: b.id,
        name: b.name,
        browser_name: b.browser_name,
        headless: b.headless,
        viewport_width: b.viewport_width,
        viewport_height: b.viewport_height,
        device_name: b.device_name,
        locale: b.locale,
        timezone_id: b.timezone_id,
        user_agent: b.user_agent,
        color_scheme: b.color_scheme,
      })),
  }
  return file
}

function scriptKey(s: { test_case_id: string | null; script_type: string; position: number; name: string }): string {
  return `${s.test_case_id ?? ''}|${s.script_type}|${String(s.position).padStart(6, '0')}|${s.name}`
}

function collectTests(store: Store, projectId: string, total: number): TestCase[] {
  const tests: TestCase[] = []
  for (let offset = 0; offset < total; offset += 100) {
    tests.push(...store.tests.list({ project_id: projectId, limit: 100, offset, sort_order: 'asc', recursive: true }).items)
  }
  return tests
}

/** Pretty, stable JSON with a final newline. */
export function serializeProjectFile(file: ProjectFile): string {
  return JSON.stringify(file, null, 2) + '\n'
}

function withoutKeys(values: Record<string, string>, keys: Set<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !keys.has(key)))
}

// ── Import ──────────────────────────────────────────────────────────────────────────────────

/** Parses file text, reporting a syntax error with its line and column. */
export function parseProjectText(text: string): unknown {
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
      const before = text.slice(0, first.offset).split('\n')
      where = ` at line ${before.length}, column ${before[before.length - 1].length + 1}`
      what = describeParseError(printParseErrorCode(first.error))
    } else if (!text.trim()) {
      what = 'the file is empty'
    }
    throw new TestDeskError('validation', `The file is not valid JSON${where}: ${what}`, [{ field: '', message: `not valid JSON${where}: ${what}` }])
  }
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

export function importProject(
  store: Store,
  raw: unknown,
  options: { project?: string; validateStep?: StepValidator } = {},
): ImportSummary {
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
    const summary: ImportSummary = { project_id: target, project_name: '', created: {}, updated: {}, warnings: [] }
    const count = (kind: string, existed: boolean) => {
      const bucket = existed ? summary.updated : summary.created
      bucket[kind] = (bucket[kind] ?? 0) + 1
    }
    if (projectId && projectId === file.project.id) store.projects.update({ id: target, name: file.project.name, description: file.project.description })
    summary.project_name = store.projects.get(target).name

    file.browser_configurations.forEach((b, i) => {
      const existed = exists('browserConfigs', b.id, `browser_configurations.${i}.id`)
      if (existed) store.browserConfigs.update(b, `browser_configurations.${i}`)
      else store.browserConfigs.create({ ...b, project_id: target }, `browser_configurations.${i}`)
      count('browser_configurations', existed)
    })
    file.environments.forEach((e, i) => {
      const existed = exists('environments', e.id, `environments.${i}.id`)
      if (existed) store.environments.update(e, `environments.${i}`)
      else store.environments.create({ ...e, project_id: target }, `environments.${i}`)
      for (const name of store.environments.unsetSecrets(e.id)) {
        summary.warnings.push(`Environment '${e.name}': secret variable ${name} has no value on this machine; set it before running.`)
      }
      count('environments', existed)
    })
    file.data_sets.forEach((d, i) => {
      const existed = exists('dataSets', d.id, `data_sets.${i}.id`)
      const secret = d.columns.filter((c) => c.secret).map((c) => c.name)
      const previous = new Map<string, DataRow>(existed ? store.dataSets.rows(d.id).map((r) => [r.id, r]) : [])
      const rows = d.rows.map((row) => ({
        ...row,
        // Secret cells are not in files: keep what this machine has, else leave them empty.
        values: { ...Object.fromEntries(secret.map((c) => [c, previous.get(row.id)?.values[c] ?? ''])), ...row.values },
      }))
      if (existed) store.dataSets.update({ ...d, rows }, `data_sets.${i}`)
      else store.dataSets.create({ ...d, rows, project_id: target }, `data_sets.${i}`)
      count('data_sets', existed)
    })
    const createdTests = new Set<string>()
    file.tests.forEach((t, i) => {
      const existed = exists('testCases', t.id, `tests.${i}.id`)
      if (existed) store.tests.update(t, `tests.${i}`)
      else createdTests.add(store.tests.create({ ...t, project_id: target }, `tests.${i}`).id)
      count('tests', existed)
    })
    const memberships = new Map<string, string[]>()
    for (const [i, s] of file.suites.entries()) {
      const suite = importSuite(store, target, s, i, exists)
      count('suites', suite.existed)
      for (const testId of s.tests) memberships.set(testId, [...(memberships.get(testId) ?? []), suite.id])
      store.suites.link(suite.id, s.tests)
    }
    // A test's suites become those the file lists it in (within the file's scope).
    const scopeIds = new Set(file.scope ? store.suites.idsUnder(file.scope, target) : store.suites.tree(target).map((s) => s.id))
    for (const t of file.tests) {
      // A test created above sits at ROOT only until its suites are known: that link is not the file's.
      const outside = createdTests.has(t.id) ? [] : store.suites.suiteIdsOf(t.id).filter((id) => !scopeIds.has(id))
      const inside = memberships.get(t.id) ?? []
      store.suites.setSuitesOf(t.id, [...outside, ...inside].length ? [...outside, ...inside] : [store.suites.root(target).id])
    }
    file.scripts.forEach((s, i) => {
      const existed = exists('scripts', s.id, `scripts.${i}.id`)
      const { test_id: testId, ...script } = s
      if (existed) store.scripts.update({ ...script, test_case_id: testId }, `scripts.${i}`)
      else store.scripts.create({ ...script, test_case_id: testId, project_id: target }, `scripts.${i}`)
      count('scripts', existed)
    })
    return summary
  })
}

function importSuite(
  store: Store,
  projectId: string,
  s: ProjectFile['suites'][number],
  index: number,
  exists: (table: 'suites', id: string, field: string) => boolean,
): { id: string; existed: boolean } {
  if (s.path.length === 1) return { id: store.suites.root(projectId).id, existed: true }
  if (exists('suites', s.id, `suites.${index}.id`)) {
    const current = store.suites.get(s.id)
    const parent = store.suites.ensurePath(s.path.slice(0, -1), projectId)
    store.suites.update({ id: s.id, name: s.path.at(-1), description: s.description, parent_id: parent.id === current.parent_id ? undefined : parent.id, position: s.position })
    return { id: s.id, existed: true }
  }
  const atPath = store.suites.byPath(s.path, projectId)
  if (atPath) {
    store.suites.update({ id: atPath.id, description: s.description, position: s.position })
    return { id: atPath.id, existed: true }
  }
  const parent = store.suites.ensurePath(s.path.slice(0, -1), projectId)
  const id = store.t.suites.insert({ id: s.id, project_id: projectId, parent_id: parent.id, name: s.path.at(-1), description: s.description, position: s.position })
  return { id, existed: false }
}

/** The project the file goes into: a named one, the file's own (by id, then name), or a new one. */
function targetProject(store: Store, file: ProjectFile, wanted?: string): string | null {
  if (wanted) return store.projects.find(wanted).id
  // Read the table directly: listing through the repository would create a default project first.
  const projects = store.t.projects.all(undefined, 'ORDER BY created_at') as unknown as { id: string; name: string }[]
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
  const paths = new Set<string>()
  file.suites.forEach((s, i) => {
    const key = s.path.join('\u0000')
    if (paths.has(key)) issues.push({ field: `suites.${i}.path`, message: `the suite ${s.path.join(' / ')} appears twice` })
    paths.add(key)
    if (file.scope && !isUnder(s.path, file.scope)) issues.push({ field: `suites.${i}.path`, message: `is outside the file's scope ${file.scope.join(' / ')}` })
    s.tests.forEach((id, j) => {
      if (!tests.has(id)) issues.push({ field: `suites.${i}.tests.${j}`, message: `no test with id ${id} in the file` })
    })
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

/** The JSON Schema of project files, generated from the same zod schema import uses. */
export function projectFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ProjectFile, { io: 'input', unrepresentable: 'any' }),
    $id: `https://testdesk.dev/schema/${PROJECT_SCHEMA_NAME}`,
    title: 'TestDesk project file',
  }
}

export function projectFilesNamespace(store: Store, validateStep?: StepValidator): Implementation<Api>['projectFiles'] {
  return {
    export: ({ project_id, suite_path }) => exportProject(store, { project_id, suite_path }),
    import: ({ file, text, project }) => importProject(store, text !== undefined ? parseProjectText(text) : file, { project, validateStep }),
    schema: () => projectFileJsonSchema(),
  }
}
