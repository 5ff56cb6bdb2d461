// The `reports` namespace: writes a run's HTML, JUnit or JSON report where the caller asks (or in
// the data directory), checking the path first so a bad one fails with the field named.
import { mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import { REPORT_EXTENSIONS, type ExportReportInput } from '../../shared/api/reports'
import { writeReport } from '../report'
import type { CoreContext } from './context'

export function reportsNamespace(context: CoreContext): Implementation<Api>['reports'] {
  const { store } = context
  return {
    export: (input) => {
      const run = store.runs.get(input.run_id)
      if (input.images === 'beside' && input.format !== 'html') throw TestDeskError.validation('images', "only the html format has images to write beside it")
      const fallback = join(context.dataDir, 'reports', `Run_${String(run.run_number).padStart(3, '0')}`, `report.${REPORT_EXTENSIONS[input.format]}`)
      const path = checkedTarget(input.path ?? fallback)
      let exported
      try {
        exported = writeReport(store, run.id, { format: input.format, path, images: input.images })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code) throw TestDeskError.validation('path', `cannot write ${path}: ${code}`)
        throw error
      }
      if (input.format === 'html') store.reports.setReportPath(run.id, exported.path)
      return exported
    },
    findRun: ({ ref, project_id }) => {
      const projectId = store.projectOrDefault(project_id)
      const ids = store.reports.findRunIds(ref, projectId)
      if (ids.length > 1) throw TestDeskError.validation('ref', `${ids.length} runs are named '${ref}'; give the run number or id: ${ids.join(', ')}`)
      if (ids.length) return store.runs.get(ids[0])
      const project = store.projects.get(projectId).name
      const elsewhere = [...new Set(store.reports.findRunIds(ref).map((id) => store.projects.get(store.runs.get(id).project_id).name))]
      const hint = elsewhere.length ? ` (${elsewhere.map((name) => `project '${name}'`).join(' and ')} ${elsewhere.length === 1 ? 'has' : 'have'} one: choose that project)` : ''
      throw new TestDeskError(
        'not_found',
        `No test run matches '${ref}' in project '${project}'${hint}: give a run number such as 12, a run name such as Run_012, or a run id`,
      )
    },
  }
}

/** Resolves against the working directory; the file may not be a folder, its folder must be creatable. */
function checkedTarget(path: ExportReportInput['path'] & string): string {
  const target = resolve(path)
  if (isFolder(target) || /[\\/]$/.test(path)) throw TestDeskError.validation('path', `${target} is a folder; give a file name such as ${join(target, 'report.html')}`)
  const folder = dirname(target)
  try {
    mkdirSync(folder, { recursive: true })
  } catch (error) {
    throw TestDeskError.validation('path', `cannot create the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  if (!isFolder(folder)) throw TestDeskError.validation('path', `${folder} is not a folder`)
  return target
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
