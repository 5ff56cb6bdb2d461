import type { Command } from 'commander'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { TestDeskError } from '../../../shared/api/errors'
import { PROJECT_SCHEMA_NAME, projectFileJsonSchema, serializeProjectFile } from '../../core/project-files'
import { checkProjectFileSize, decodeProjectFile } from '../../core/project-import'
import { suitePathFlag } from '../format'
import { createOutput, usageError, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'

const SINGULAR: Record<string, string> = {
  tests: 'test',
  suites: 'suite',
  data_sets: 'data set',
  scripts: 'script',
  environments: 'environment',
  browser_configurations: 'browser configuration',
}

/** `2 tests, 1 suite` of an import summary's bucket; `nothing` when empty. */
export function importCounts(bucket: Record<string, number>): string {
  return (
    Object.entries(bucket)
      .map(([kind, n]) => `${n} ${n === 1 ? (SINGULAR[kind] ?? kind) : kind.replace(/_/g, ' ')}`)
      .join(', ') || 'nothing'
  )
}

export function registerProjectFiles(program: Command): void {
  program
    .command('import')
    .description('Import a project file (tests, suites, data sets, scripts, environments); importing again updates by id')
    .argument('<file>', 'a project file written by `testdesk export`')
    .option('--project <name|id>', 'import into this project (default: the file\'s project, matched by id then name)')
    .action(async (file: string, opts: { project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      let text: string
      try {
        // The size first: a file too large to import is refused before it is read.
        checkProjectFileSize(statSync(resolve(file)).size)
        text = decodeProjectFile(readFileSync(resolve(file)))
      } catch (error) {
        if (error instanceof TestDeskError) throw usageError(`Cannot import ${file}: ${error.message}`)
        throw usageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
      }
      const summary = await withCore(globals, (core) => invoke(core, 'projectFiles.import', { text, project: opts.project }))
      out.result(summary)
      const counts = importCounts
      out.line(`Imported into project '${summary.project_name}'.`)
      out.line(`  created: ${counts(summary.created)}`)
      out.line(`  updated: ${counts(summary.updated)}`)
      out.line(`  unchanged: ${counts(summary.unchanged)}`)
      for (const warning of summary.warnings) out.note(`warning: ${warning}`)
    })

  program
    .command('export')
    .description('Write the project, or one suite, as one JSON file (stable, diffable in git)')
    .option('--suite <path>', 'only this suite and its descendants, e.g. "Regression/Smoke"')
    .addOption(projectOption('the project to export'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (opts: { suite?: string; project?: string; output?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const suitePath = opts.suite ? suitePathFlag(opts.suite) : undefined
      const file = await withCore(globals, async (core) => invoke(core, 'projectFiles.export', { project_id: (await projectOf(core, opts.project)).id, suite_path: suitePath }))
      if (!opts.output) {
        // Nothing is written beside standard output, so the file names no schema there.
        const { $schema: _, ...printed } = file
        process.stdout.write(serializeProjectFile(printed))
        return
      }
      const target = resolve(opts.output)
      // The schema the file names ($schema: ./testdesk-project.schema.json) goes beside it.
      const schema = join(dirname(target), PROJECT_SCHEMA_NAME)
      writeFileSync(target, serializeProjectFile(file))
      writeFileSync(schema, JSON.stringify(projectFileJsonSchema(), null, 2) + '\n')
      out.result({ file: target, schema, tests: file.tests.length, suites: file.suites.length })
      out.line(`Wrote ${file.tests.length} tests in ${file.suites.length} suites to ${target}`)
      out.line(`JSON Schema: ${schema}`)
    })
}
