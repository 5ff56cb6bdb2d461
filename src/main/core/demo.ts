// The `demo` namespace: seeds (or refreshes) the demo project in a project, secrets included: the
// project file leaves secret values out, so they are set here after the import.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import type { ImportSummary } from '../../shared/model/project-file'
import { validateStep } from '../../shared/steps'
import { demoId, demoProjectFile, DEMO_SECRETS, DEMO_TEST_COUNT } from '../demo/demo-project'
import type { Store } from '../store'
import { importProject } from './project-import'

export function demoNamespace(store: Store): Implementation<Api>['demo'] {
  return {
    seed: ({ project_id }) => {
      // Checked first, so a project that is not there is a validation error and nothing is written.
      const projectId = store.projectOrDefault(project_id)
      const summary = seedDemo(store, projectId)
      return { project: store.projects.get(projectId), summary, test_count: DEMO_TEST_COUNT }
    },
  }
}

/** Seeds the demo in one transaction; tests and benchmarks call it directly on a store. */
export function seedDemo(store: Store, projectId: string = store.defaultProjectId): ImportSummary {
  return store.tx(() => {
    const file = demoProjectFile()
    const summary = importProject(store, file, { project: projectId, validateStep })
    const environment = store.environments.get(demoId('environment'))
    store.environments.update({
      id: environment.id,
      variables: environment.variables.map((v) => ({ ...v, value: v.name === 'password' ? DEMO_SECRETS.environment.password : v.value })),
    })
    const dataSet = store.dataSets.get(demoId('data-set'))
    store.dataSets.update({
      id: dataSet.id,
      rows: dataSet.rows.map((row, i) => ({ id: row.id, enabled: row.enabled, values: { ...row.values, password: DEMO_SECRETS.accounts[i] } })),
    })
    // Demo tests that an older TestDesk also linked to ROOT belong to their Demo suite alone.
    const root = store.suites.rootId(projectId)
    for (const test of file.tests ?? []) {
      const suites = store.suites.suiteIdsOf(test.id)
      if (suites.length > 1 && suites.includes(root)) store.suites.setSuitesOf(test.id, suites.filter((id) => id !== root))
    }
    summary.warnings = summary.warnings.filter((w) => !w.includes('secret variable password'))
    return summary
  })
}
