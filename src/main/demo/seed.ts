// Seeds (or refreshes) the demo project in a project (the default one unless named), secrets included: the project
// file leaves secret values out, so they are set here after the import.
import type { ImportSummary } from '../../shared/model/project-file'
import type { Store } from '../store'
import { importProject } from '../core/project-import'
import { validateStep } from '../../shared/steps'
import { demoId, demoProjectFile, DEMO_SECRETS } from './demo-project'

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
