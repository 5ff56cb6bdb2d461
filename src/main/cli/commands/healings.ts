// `testdesk healings [list]` prints the healed selectors waiting for a decision (one line per step
// and suggestion); `accept ID` makes one its step's primary selector (the old primary stays as
// the first alternative), `dismiss ID` leaves the step as it is, `undo ID` takes a decision back.
import type { Command } from 'commander'
import type { HealingView } from '../../../shared/api/healings'
import { HEALING_STATUSES } from '../../../shared/api/healings'
import { Option } from 'commander'
import { table } from '../format'
import { createOutput, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'

export function registerHealings(program: Command): void {
  const healings = program.command('healings').description('Selectors that healed a step: list them, accept one as the new primary, dismiss or undo')
  healings
    .command('list', { isDefault: true })
    .description("List healed selectors (pending ones by default), newest first, with the ids accept and dismiss take")
    .addOption(new Option('--status <status>', 'which decisions to list').choices([...HEALING_STATUSES]).default('pending'))
    .option('--limit <n>', 'at most this many (1-100)', (v) => Number(v), 100)
    .addOption(projectOption())
    .action(async (opts: { status: HealingView['status']; limit: number; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const page = await withCore(globals, async (core) => invoke(core, 'healings.list', { status: opts.status, limit: opts.limit, project_id: (await projectOf(core, opts.project)).id }))
      out.result(page)
      if (!page.items.length) return out.line(`No ${opts.status} healings`)
      out.line(
        table(
          page.items.map((h) => [h.id, h.test_case_name, String(h.step_number), h.field === 'target' ? h.selector : `${h.selector} (drop)`, h.healed_selector, String(h.occurrences), h.run_name]),
          ['ID', 'TEST', 'STEP', 'SELECTOR', 'HEALED WITH', 'TIMES', 'LAST RUN'],
        ),
      )
      if (page.total > page.items.length) out.line(`(${page.items.length} of ${page.total} shown)`)
    })
  healings
    .command('accept')
    .description("Make a healed selector its step's primary; the old primary is kept as the first alternative")
    .argument('<id>', 'the healing id (testdesk healings prints it)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const decision = await withCore(globals, (core) => invoke(core, 'healings.accept', { id }))
      out.result(decision)
      out.line(`Step ${decision.healing.step_number} now uses ${decision.healing.healed_selector}; ${decision.healing.selector} is kept as a fallback (undo: testdesk healings undo ${id})`)
    })
  healings
    .command('dismiss')
    .description('Leave the step as it is; the same suggestion for the same step is dismissed with it')
    .argument('<id>', 'the healing id (testdesk healings prints it)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const healing = await withCore(globals, (core) => invoke(core, 'healings.dismiss', { id }))
      out.result(healing)
      out.line(`Dismissed: step ${healing.step_number} keeps ${healing.selector}`)
    })
  healings
    .command('undo')
    .description('Take back an acceptance (the step gets its old target back) or a dismissal')
    .argument('<id>', 'the healing id')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const decision = await withCore(globals, (core) => invoke(core, 'healings.undo', { id }))
      out.result(decision)
      out.line(`Pending again: step ${decision.healing.step_number} of ${decision.step.test_case_id} is as it was before the decision`)
    })
}
