import type { Command } from 'commander'
import type { ImportSummary } from '../../../shared/model/project-file'
import { seedDemo } from '../../demo/seed'
import { DEMO_TEST_COUNT } from '../../demo/demo-project'
import { createOutput, type GlobalOptions } from '../output'
import { projectOf, projectOption, shellWord, withCore } from '../session'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Add the demo project (about 30 tests against the bundled demo site) to this data directory')
    .addOption(projectOption('the project to add the demo to'))
    .action(async (opts: { project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const { summary, project } = await withCore(globals, async (core) => {
        const project = await projectOf(core, opts.project)
        return { summary: seedDemo(core.context.store, project.id), project }
      })
      out.result(summary)
      out.line(demoAddedLine(summary))
      // Commands that name no project work in the default one: name this one when it is not.
      const flag = project.is_default ? '' : ` --project ${shellWord(project.name)}`
      out.line('Next:')
      out.line(`  testdesk tests --suite Demo${flag}      list them`)
      out.line(`  testdesk run --suite Demo${flag}        run them (the demo site starts by itself)`)
      out.line('  testdesk serve                   open TestDesk in your browser')
    })
}

/** What adding the demo did, in one line (`testdesk demo` and `testdesk serve --demo`). */
export function demoAddedLine(summary: ImportSummary): string {
  return `${summary.created.tests ? 'Added' : 'Refreshed'} the demo: ${DEMO_TEST_COUNT} tests in suite Demo.`
}
