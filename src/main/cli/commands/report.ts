// `testdesk report RUN`: writes a run's HTML, JUnit or JSON report and prints where.
import type { Command } from 'commander'
import { REPORT_FORMATS, type ReportFormat } from '../../../shared/api/reports'
import { createOutput, usageError, type GlobalOptions } from '../output'
import { invoke, projectOption, withCore } from '../session'
import { findRun } from './runs'

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write the report of a test run: one self-contained HTML file, JUnit XML for CI, or JSON')
    .argument('<run>', 'the run: its number (12), its name (Run_012) or its id')
    .option('--format <format>', `html, junit or json (default: html)`)
    .option('-o, --output <file>', 'where to write it (default: <data dir>/reports/Run_<number>/report.<ext>)')
    .option('--images <where>', 'HTML screenshots: inline (one file, default) or beside (in a <name>-files folder)')
    .addOption(projectOption('the project of the run'))
    .action(async (ref: string, opts: { format?: string; output?: string; images?: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const format = (opts.format ?? 'html').toLowerCase()
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw usageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${opts.format}")`)
      const images = opts.images?.toLowerCase()
      if (images !== undefined && images !== 'inline' && images !== 'beside') throw usageError(`--images must be inline or beside (got "${opts.images}")`)
      if (images === 'beside' && format !== 'html') throw usageError('--images applies to the html format only')
      if (opts.output !== undefined && !opts.output.trim()) throw usageError('-o/--output needs a file name')
      const written = await withCore(globals, async (core) => {
        const run = await findRun(core, ref, opts.project)
        const report = await invoke(core, 'reports.export', { run_id: run.id, format: format as ReportFormat, path: opts.output, images: (images ?? 'inline') as 'inline' | 'beside' })
        return { run: { id: run.id, name: run.run_name, number: run.run_number }, ...report }
      })
      out.result(written)
      out.line(written.path)
    })
}
