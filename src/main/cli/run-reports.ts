// `testdesk run … --report html,junit --out DIR`: the run's reports through reports.export, as
// any other caller of the contract would write them.
import { join, resolve } from 'node:path'
import { TestDeskError } from '../../shared/api/errors'
import { REPORT_FORMATS, type ExportedReport, type ReportFormat } from '../../shared/api/reports'
import type { Core } from '../core'
import { reportFileName } from '../report'

/**
 * For `testdesk run … --report html,junit --out DIR`: writes each format into `outDir` when the
 * run has ended and returns the paths written, in the order asked.
 */
export async function writeRunReports(core: Core, runId: string, formats: readonly string[], outDir: string): Promise<string[]> {
  const wanted = [...new Set(formats.map((f) => f.trim().toLowerCase()).filter(Boolean))]
  wanted.forEach((format, i) => {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw TestDeskError.validation(`report.${i}`, `unknown report format '${format}' (use ${REPORT_FORMATS.join(', ')})`)
    }
  })
  const paths: string[] = []
  for (const format of wanted as ReportFormat[]) {
    const envelope = await core.dispatcher.call('reports.export', { run_id: runId, format, path: join(resolve(outDir), reportFileName(format)) }, { transport: 'direct' })
    if (!envelope.ok) throw TestDeskError.from(envelope.error)
    paths.push((envelope.value as ExportedReport).path)
  }
  return paths
}
