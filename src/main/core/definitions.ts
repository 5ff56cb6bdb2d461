// Contract namespaces of the definition side: projects, suites, tests, steps, data sets,
// scripts, environments and browser configurations, over the store's repositories.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import type { Store } from '../store'
import type { TableName } from '../store/base'
import { knownDevices } from '../runner/launch'
import { crudMethods } from './crud'

type Impl = Implementation<Api>

function fieldsOf(store: Store, table: TableName, ...computed: string[]): string[] {
  return [...store.columnsOf(table), ...computed]
}

export function definitionNamespaces(store: Store): Pick<Impl, 'projects' | 'suites' | 'tests' | 'steps' | 'dataSets' | 'scripts' | 'environments' | 'browsers' | 'settings'> {
  return {
    projects: {
      list: () => store.projects.list(),
      get: ({ id }) => store.projects.get(id),
      find: ({ ref }) => store.projects.find(ref),
      getDefault: () => store.projects.getDefault(),
      setDefault: ({ id }) => store.projects.setDefault(id),
      create: (input) => store.projects.create(input),
      update: (input) => store.projects.update(input),
      delete: ({ id }) => store.projects.delete(id),
    },
    suites: {
      ...crudMethods(store, store.suites, (q) => store.suites.list(q), fieldsOf(store, 'suites', 'path', 'test_count', 'own_test_count')),
      tree: ({ project_id }) => store.suites.tree(project_id),
      byPath: ({ project_id, path }) => store.suites.mustByPath(path, project_id),
      addTests: ({ suite_id, test_case_ids }) =>
        store.tx(() => {
          const suite = store.suites.get(suite_id)
          test_case_ids.forEach((id, i) => store.assertInProject('testCases', id, suite.project_id, `test_case_ids.${i}`, 'test case'))
          store.suites.link(suite_id, test_case_ids)
          return store.suites.get(suite_id)
        }),
      removeTests: ({ suite_id, test_case_ids }) =>
        store.tx(() => {
          store.suites.get(suite_id)
          for (const id of test_case_ids) store.suites.setSuitesOf(id, store.suites.suiteIdsOf(id).filter((s) => s !== suite_id))
          return store.suites.get(suite_id)
        }),
      testIds: ({ id, recursive }) => store.suites.testIds(id, recursive),
      hooks: ({ id }) => store.suiteSteps.hooks(id),
      setHooks: (input) => store.suiteSteps.set(input),
    },
    tests: {
      ...crudMethods(store, store.tests, (q) => store.tests.list(q), fieldsOf(store, 'testCases', 'suite_ids', 'step_count')),
      outline: ({ project_id }) => {
        const projectId = store.projectOrDefault(project_id)
        return { project: store.projects.get(projectId), suites: store.suites.tree(projectId), ...store.tests.outline(projectId) }
      },
    },
    steps: {
      list: ({ test_case_id }) => {
        store.tests.get(test_case_id)
        return store.tests.steps(test_case_id)
      },
      get: ({ id }) => store.tests.getStep(id),
      create: (input) => store.tests.createStep(input),
      update: (input) => store.tests.updateStep(input),
      delete: ({ id }) => store.tests.deleteStep(id),
      reorder: (input) => store.tests.reorderSteps(input),
    },
    dataSets: crudMethods(store, store.dataSets, (q) => store.dataSets.list(q), fieldsOf(store, 'dataSets', 'row_count')),
    scripts: crudMethods(store, store.scripts, (q) => store.scripts.list(q, { test_case_id: q.test_case_id, script_type: q.script_type }), fieldsOf(store, 'scripts')),
    environments: crudMethods(store, store.environments, (q) => store.environments.list(q), fieldsOf(store, 'environments', 'variables')),
    browsers: {
      ...crudMethods(store, store.browserConfigs, (q) => store.browserConfigs.list(q), fieldsOf(store, 'browserConfigs')),
      devices: () => knownDevices(),
    },
    settings: {
      get: () => store.settings.get(),
      update: (input) => store.settings.update(input),
    },
  }
}
