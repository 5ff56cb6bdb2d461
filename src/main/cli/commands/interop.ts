// `testdesk import-side`, `import-recording` and `export-playwright`: tests from Selenium IDE and
// Chrome DevTools Recorder in, a Playwright Test project out.
import type { Command } from 'commander'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { TestDeskError } from '../../../shared/api/errors'
import type { InteropImport } from '../../../shared/interop/conversion'
import { checkProjectFileSize, decodeProjectFile } from '../../core/project-import'
import { suitePathFlag } from '../format'
import { importCounts } from './project-files'
import { createOutput, usageError, type GlobalOptions, type Output } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'

function readText(file: string): string {
  try {
    checkProjectFileSize(statSync(resolve(file)).size)
    return decodeProjectFile(readFileSync(resolve(file)))
  } catch (error) {
    if (error instanceof TestDeskError) throw usageError(`Cannot import ${file}: ${error.message}`)
    throw usageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function printImport(out: Output, result: InteropImport, file: string): void {
  out.result(result)
  const { summary, counts } = result
  const kinds = importCounts
  out.line(`${result.dry_run ? 'Would import' : 'Imported'} ${file} into project '${summary.project_name}'${result.dry_run ? ' (dry run: nothing written)' : ''}.`)
  out.line(`  commands: ${counts.commands}, converted: ${counts.converted}, not converted: ${counts.unconverted}`)
  out.line(`  ${result.dry_run ? 'would create' : 'created'}: ${kinds(summary.created)}`)
  out.line(`  ${result.dry_run ? 'would update' : 'updated'}: ${kinds(summary.updated)}`)
  out.line(`  unchanged: ${kinds(summary.unchanged)}`)
  for (const test of result.tests) {
    out.line(`  ${test.suite.slice(1).join(' / ')} › ${test.name}: ${plural(test.steps, 'step')}${test.disabled ? ` (${test.disabled} disabled)` : ''}`)
  }
  if (result.unconverted.length) {
    out.line('Not converted (imported as disabled steps holding the original):')
    for (const u of result.unconverted) out.line(`  ${u.test} #${u.position} ${u.command}: ${u.reason}`)
  }
  for (const warning of summary.warnings) out.note(`warning: ${warning}`)
}

function registerImport(program: Command, name: string, what: string, method: 'interop.importSide' | 'interop.importRecording'): void {
  program
    .command(name)
    .description(`Import ${what}; commands TestDesk cannot express become disabled steps and are listed`)
    .argument('<file>', what)
    .addOption(projectOption('import into this project'))
    .option('--dry-run', 'only show what would be created; write nothing')
    .action(async (file: string, opts: { project?: string; dryRun?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const text = readText(file)
      const result = await withCore(globals, (core) => invoke(core, method, { text, file_name: basename(file), project: opts.project, dry_run: !!opts.dryRun }))
      printImport(out, result, file)
    })
}

export function registerInterop(program: Command): void {
  registerImport(program, 'import-side', 'a Selenium IDE project (.side)', 'interop.importSide')
  registerImport(program, 'import-recording', 'a Chrome DevTools Recorder recording (JSON)', 'interop.importRecording')

  program
    .command('export-playwright')
    .description('Write a Playwright Test project (config, one spec per suite) to run with `npx playwright test`')
    .option('--suite <path>', 'only this suite and its descendants, e.g. "Demo/Smoke"')
    .option('--test <name>', 'only this test (name or id)')
    .addOption(projectOption('the project to export'))
    .requiredOption('-o, --output <dir>', 'the folder to write the project into')
    .action(async (opts: { suite?: string; test?: string; project?: string; output: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const suitePath = opts.suite ? suitePathFlag(opts.suite) : undefined
      const result = await withCore(globals, async (core) =>
        invoke(core, 'interop.exportPlaywright', { project_id: (await projectOf(core, opts.project)).id, suite_path: suitePath, test: opts.test }),
      )
      const dir = resolve(opts.output)
      for (const file of result.files) {
        const path = join(dir, file.path)
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, file.text)
      }
      out.result({ dir, tests: result.tests, specs: result.specs, files: result.files.map((f) => f.path), unsupported: result.unsupported, env: result.env })
      out.line(`Wrote ${plural(result.tests, 'test')} in ${plural(result.specs, 'spec')} to ${dir}`)
      if (result.env.length) {
        out.line('Environment variables the tests read:')
        for (const e of result.env) out.line(`  ${e.name}: ${e.what}`)
      }
      for (const u of result.unsupported) out.note(`warning: ${u.test} step ${u.step}: ${u.reason} (written as code that fails)`)
      out.line(`Run: cd ${dir} && npm install && npx playwright test`)
    })
}
