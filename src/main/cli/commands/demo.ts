import type { Command } from 'commander'
import type { DemoSeeded } from '../../../shared/api/demo'
import { createOutput, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, shellWord, withCore } from '../session'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Add the demo project (about 30 tests against the bundled demo site) to this data directory')
    .addOption(projectOption('the project to add the demo to'))
    .action(async (opts: { project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const seeded = await withCore(globals, async (core) => invoke(core, 'demo.seed', { project_id: (await projectOf(core, opts.project)).id }))
      out.result(seeded.summary)
      out.line(demoAddedLine(seeded))
      // Commands that name no project work in the default one: name this one when it is not.
      const flag = seeded.project.is_default ? '' : ` --project ${shellWord(seeded.project.name)}`
      out.line('Next:')
      out.line(`  testdesk tests --suite Demo${flag}      list them`)
      out.line(`  testdesk run --suite Demo${flag}        run them (the demo site starts by itself)`)
      out.line('  testdesk serve                   open TestDesk in your browser')
    })
}

/** What adding the demo did, in one line (`testdesk demo` and `testdesk serve --demo`). */
export function demoAddedLine({ summary, test_count }: DemoSeeded): string {
  return `${summary.created.tests ? 'Added' : 'Refreshed'} the demo: ${test_count} tests in suite Demo.`
}
