import { Option, type Command } from 'commander'
import { TestCaseStatus } from '../../../shared/model/definition'
import { showPath, suitePathFlag, table } from '../format'
import { createOutput, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'

export function registerCatalog(program: Command): void {
  program
    .command('suites')
    .description('List the suite tree with the number of tests in each suite')
    .addOption(projectOption())
    .action(async (opts: { project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const suites = await withCore(globals, async (core) => invoke(core, 'suites.tree', { project_id: (await projectOf(core, opts.project)).id }))
      out.result(suites)
      for (const suite of suites) {
        const indent = '  '.repeat(suite.path.length - 1)
        out.line(`${indent}${suite.path.length === 1 ? '(root)' : suite.name}  (${suite.test_count} test${suite.test_count === 1 ? '' : 's'})`)
      }
    })

  program
    .command('tests')
    .description('List test cases, optionally of one suite (with its descendants) or with a tag')
    .option('--suite <path>', 'e.g. "Regression/Smoke"')
    .option('--tag <tag...>', 'only tests with every one of these tags')
    .addOption(new Option('--status <status>', 'only tests in this status').choices(TestCaseStatus.options))
    .option('--search <text>', 'names containing this text')
    .addOption(projectOption())
    .action(async (opts: { suite?: string; tag?: string[]; status?: string; search?: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const suitePath = opts.suite ? suitePathFlag(opts.suite) : undefined
      const { tests, suites } = await withCore(globals, async (core) => {
        const projectId = (await projectOf(core, opts.project)).id
        if (suitePath) await invoke(core, 'suites.byPath', { path: suitePath, project_id: projectId })
        const all = []
        for (let offset = 0; ; offset += 100) {
          const page = await invoke(core, 'tests.list', { project_id: projectId, suite_path: suitePath, tags: opts.tag, status: opts.status, search: opts.search, limit: 100, offset })
          all.push(...page.items)
          if (offset + 100 >= page.total) break
        }
        return { tests: all, suites: await invoke(core, 'suites.tree', { project_id: projectId }) }
      })
      out.result(tests)
      const pathOf = new Map(suites.map((s) => [s.id, showPath(s.path)]))
      out.line(
        table(
          tests.map((t) => [t.name, String(t.step_count), t.tags.join(','), t.status, t.suite_ids.map((id) => pathOf.get(id) ?? id).join('; ')]),
          ['NAME', 'STEPS', 'TAGS', 'STATUS', 'SUITES'],
        ),
      )
      out.line(`${tests.length} test${tests.length === 1 ? '' : 's'}`)
    })
}
