// Export of project files (import is in project-import.ts). Export writes keys in a fixed order
// and arrays sorted by stable keys, so a file diffs cleanly in git.
import { isUnder, type TestCase } from '../../shared/model/definition'
import { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION, ProjectFile } from '../../shared/model/project-file'
import { z } from 'zod'
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import type { Store } from '../store'
import type { StepValidator } from '../store/tests'
import { fileBrowserOf, fileDataSetOf, fileEnvironmentOf, fileScriptOf, fileStepOf, fileTestOf } from './project-file-entries'
import { importProject, parseProjectText } from './project-import'

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
      .map((s) => {
        const hooks = store.suiteSteps.hooks(s.id)
        return {
          id: s.id,
          path: s.path,
          description: s.description,
          position: s.position,
          tests: membership.get(s.id) ?? [],
          setup: hooks.setup.map(fileStepOf),
          teardown: hooks.teardown.map(fileStepOf),
        }
      })
      .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000'))),
    tests: tests.sort(byName).map((t) => fileTestOf(t, store.tests.steps(t.id))),
    data_sets: store.dataSets
      .list(page)
      .items.filter((d) => keep(d.id, dataSetIds))
      .sort(byName)
      .map((d) => fileDataSetOf(d, store.dataSets.rows(d.id))),
    scripts: store.scripts
      .list(page)
      .items.filter((s) => !scope || (s.test_case_id !== null && exportedTests.has(s.test_case_id)))
      .sort((a, b) => scriptKey(a).localeCompare(scriptKey(b)))
      .map(fileScriptOf),
    environments: store.environments
      .list(page)
      .items.filter((e) => keep(e.id, environmentIds))
      .sort(byName)
      .map(fileEnvironmentOf),
    browser_configurations: store.browserConfigs
      .list(page)
      .items.filter((b) => keep(b.id, browserIds))
      .sort(byName)
      .map(fileBrowserOf),
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
