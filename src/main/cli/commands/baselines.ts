// `testdesk baselines TEST` lists a test case's visual baselines; `testdesk baselines accept ID`
// makes a visual checkpoint result's screenshot the baseline (the id `testdesk show` prints).
import type { Command } from 'commander'
import { table } from '../format'
import { createOutput, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'
import { testCaseId } from './history'

export function registerBaselines(program: Command): void {
  const baselines = program.command('baselines').description("Visual checkpoints' baselines: list a test's, or accept a new one from a result")
  baselines
    .command('list', { isDefault: true })
    .description("List a test case's visual baselines (per name, browser and viewport)")
    .argument('<test>', 'the test case: its name or id')
    .addOption(projectOption())
    .action(async (test: string, opts: { project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const { testCase, list, files } = await withCore(globals, async (core) => {
        const testCase = await invoke(core, 'tests.get', { id: await testCaseId(core, test, await projectOf(core, opts.project)) })
        const list = await invoke(core, 'checkpoints.baselines', { test_case_id: testCase.id })
        return { testCase, list, files: await invoke(core, 'artifacts.files', { paths: list.map((b) => b.path) }) }
      })
      out.result(list.map((b, i) => ({ ...b, file: files[i] })))
      if (!list.length) return out.line(`${testCase.name} has no visual baselines yet: its first run with a visual checkpoint makes them`)
      out.line(table(list.map((b, i) => [b.name, b.browser, b.viewport, b.accepted_from ? 'accepted' : 'first run', b.updated_at.slice(0, 19).replace('T', ' '), files[i]]), ['NAME', 'BROWSER', 'VIEWPORT', 'FROM', 'SINCE (UTC)', 'FILE']))
    })
  baselines
    .command('accept')
    .description("Make a visual checkpoint result's screenshot the baseline its next runs compare with")
    .argument('<checkpoint>', 'the checkpoint result id (testdesk show prints it under a failed visual checkpoint)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const baseline = await withCore(globals, (core) => invoke(core, 'checkpoints.acceptBaseline', { id }))
      out.result(baseline)
      out.line(`Baseline '${baseline.name}' (${baseline.browser} ${baseline.viewport}) is now the screenshot of checkpoint ${id}`)
    })
}
