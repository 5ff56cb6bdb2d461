import { Option, type Command } from 'commander'
import { RUN_STATUSES, type ItemStatus, type TestRun } from '../../../shared/model/execution'
import { isFlaky } from '../../../shared/model/states'
import type { Core } from '../../core'
import { statusLabel } from '../../report/data'
import { duration, showPath, table } from '../format'
import { createOutput, intFlag, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'

/**
 * A run named the way testers name it: its number (12 or #12) or name (Run_012) in the project
 * `--project` names (else the default project), or its id.
 */
export async function findRun(core: Core, ref: string, project: string | undefined): Promise<TestRun> {
  return invoke(core, 'reports.findRun', { ref, project_id: (await projectOf(core, project)).id })
}

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('List test runs, newest first')
    .addOption(new Option('--status <status>', 'only runs in this status').choices(RUN_STATUSES))
    .option('--limit <n>', 'how many, 1 to 100 (default 20)')
    .addOption(projectOption())
    .action(async (opts: { status?: string; limit?: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const limit = intFlag('limit', opts.limit, 1, 100) ?? 20
      const page = await withCore(globals, async (core) => invoke(core, 'runs.list', { project_id: (await projectOf(core, opts.project)).id, status: opts.status, limit }))
      out.result(page)
      out.line(
        table(
          page.items.map((run) => [
            String(run.run_number),
            run.run_name,
            run.status,
            `${run.passed_tests}/${run.total_tests}`,
            `${run.pass_rate.toFixed(2)}%`,
            duration(run.duration_ms),
            run.created_at.slice(0, 19).replace('T', ' '),
          ]),
          ['#', 'NAME', 'STATUS', 'PASSED', 'PASS RATE', 'DURATION', 'CREATED (UTC)'],
        ),
      )
      out.line(`${page.items.length} of ${page.total} runs`)
    })

  program
    .command('show')
    .description("Show a run's items and the steps that failed")
    .argument('<run>', 'run number, name or id')
    .addOption(projectOption('the project of the run'))
    .action(async (ref: string, opts: { project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const shown = await withCore(globals, async (core) => {
        const run = await findRun(core, ref, opts.project)
        const summary = await invoke(core, 'runs.summary', { id: run.id })
        const failures = []
        for (const item of summary.items.filter((i) => i.status === 'failed')) {
          const results = await invoke(core, 'results.list', { test_run_item_id: item.id, status: 'failed', limit: 100 })
          for (const result of results.items) {
            const steps = await invoke(core, 'stepResults.list', { test_run_result_id: result.id, status: 'failed' })
            failures.push({ item, result, steps })
          }
        }
        return { run, summary, failures }
      })
      out.result(shown)
      const { run, summary } = shown
      out.line(`${run.run_name} (#${run.run_number})  ${run.status}  ${summary.summary.passed_tests}/${summary.summary.total_tests} passed (${run.pass_rate.toFixed(2)}%)  ${duration(run.duration_ms)}`)
      if (run.suite_path) out.line(`Suite: ${showPath(run.suite_path)}`)
      out.line(`Browser: ${run.browser_name ?? '-'} ${run.browser_version ?? ''}`.trimEnd())
      out.line()
      out.line(
        table(
          summary.items.map((item) => [
            String(item.execution_order),
            item.test_case_name,
            verdict(item),
            duration(item.duration_ms),
          ]),
          ['#', 'TEST', 'STATUS', 'DURATION'],
        ),
      )
      for (const { item, result, steps } of shown.failures) {
        out.line()
        const iteration = result.iteration_number ? ` [row ${result.iteration_number}]` : ''
        out.line(`✗ ${item.test_case_name}${iteration}: ${result.error_message ?? 'failed'}`)
        for (const step of steps) {
          out.line(`    step ${step.step_number} ${step.description ?? step.action}: ${step.error_message ?? 'failed'}`)
          if (step.screenshot_path) out.line(`      screenshot: ${step.screenshot_path}`)
        }
        if (result.trace_path) out.line(`    trace: ${result.trace_path} (npx playwright show-trace <data-dir>/${result.trace_path})`)
      }
    })
}

/** Status as testers read it: Pass (3/4) for data-driven items, flaky marked. */
export function verdict(item: { status: string; is_data_driven: boolean; passed_iterations: number; total_iterations: number; retry_attempt: number }): string {
  // Callers (`run`'s summary) type the status loosely; it is an item status.
  const typed = item as typeof item & { status: ItemStatus }
  const base = !typed.is_data_driven
    ? typed.status
    : typed.status === 'passed' || typed.status === 'failed'
      ? statusLabel(typed)
      : `${typed.status} (${typed.passed_iterations}/${typed.total_iterations})`
  return isFlaky(typed) ? `${base} (flaky, attempt ${typed.retry_attempt + 1})` : base
}
