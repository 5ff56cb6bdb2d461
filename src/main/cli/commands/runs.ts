import { Option, type Command } from 'commander'
import { RUN_STATUSES, type ItemStatus, type TestRun } from '../../../shared/model/execution'
import { isFlaky } from '../../../shared/model/states'
import type { Core } from '../../core'
import { showTraceCommand } from '../../report/data'
import { failureHeading, failureShown, runOutcome, statusLabel } from '../../../shared/run-wording'
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
    .option('--debug', "also print TestDesk's own record of each failure: Playwright's call log and the stack")
    .action(async (ref: string, opts: { project?: string; debug?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const shown = await withCore(globals, async (core) => {
        const run = await findRun(core, ref, opts.project)
        const summary = await invoke(core, 'runs.summary', { id: run.id })
        const file = async (path: string | null) => (path ? (await invoke(core, 'artifacts.files', { paths: [path] }))[0] : null)
        const failures = []
        for (const item of summary.items.filter((i) => i.status === 'failed')) {
          // The attempt that decided the item: its last one.
          const results = await invoke(core, 'results.list', { test_run_item_id: item.id, status: 'failed', limit: 100 })
          for (const result of results.items.filter((r) => r.retry_attempt === item.retry_attempt)) {
            const steps = await invoke(core, 'stepResults.list', { test_run_result_id: result.id, status: 'failed' })
            const failure = failureShown(result.error_message, result.error_step_number, steps.map((s) => ({ ...s, number: s.step_number })))
            const failedStep = steps.find((s) => s.step_number === failure?.step) ?? steps[0]
            const checkpoints = []
            for (const c of await invoke(core, 'checkpoints.list', { test_run_result_id: result.id, status: 'failed' })) {
              checkpoints.push({ ...c, files: { baseline: await file(c.baseline_screenshot_path), actual: await file(c.actual_screenshot_path), diff: await file(c.diff_screenshot_path) } })
            }
            failures.push({
              checkpoints,
              item,
              result,
              steps,
              failure,
              screenshot_file: await file(result.error_screenshot_path ?? failedStep?.screenshot_path ?? null),
              trace_file: await file(result.trace_path),
            })
          }
        }
        // Baselines this run made: a first visual checkpoint passes, but a tester should know.
        const baselines = []
        const scripts = []
        for (let offset = 0, total = 1; offset < total; offset += 100) {
          const page = await invoke(core, 'results.list', { test_run_id: run.id, limit: 100, offset })
          total = page.total
          for (const result of page.items.filter((r) => r.total_pre_scripts + r.total_post_scripts + r.total_on_demand_scripts > 0)) {
            const name = summary.items.find((i) => i.id === result.test_run_item_id)?.test_case_name ?? result.test_case_id
            for (const script of await invoke(core, 'scriptResults.list', { test_run_result_id: result.id })) {
              scripts.push({ test: name, iteration: result.iteration_number, attempt: result.retry_attempt, ...script })
            }
          }
          for (const result of page.items.filter((r) => r.total_checkpoints > 0)) {
            for (const c of await invoke(core, 'checkpoints.list', { test_run_result_id: result.id })) {
              if (c.checkpoint_type === 'screenshot' && c.actual_properties?.baseline === 'created') baselines.push({ test_case_id: result.test_case_id, checkpoint: c.checkpoint_name, expected: c.expected_properties })
            }
          }
        }
        const found = await invoke(core, 'bundles.list', { test_run_id: run.id })
        const bundles = found.map(({ data_group_name, ...b }) => ({ ...b, data_group: data_group_name, test: summary.items.find((i) => i.id === b.test_run_item_id)?.test_case_name ?? null }))
        return { run, summary, failures, baselines, scripts, bundles }
      })
      // TestDesk's own stacks are for --debug only, in JSON as in text.
      out.result(opts.debug ? shown : { ...shown, failures: shown.failures.map((f) => ({ ...f, steps: f.steps.map(({ error_stack_trace: _, ...step }) => step) })) })
      const { run, summary } = shown
      out.line(`${run.run_name} (#${run.run_number})  ${runOutcome(run).label}  ${summary.summary.passed_tests}/${summary.summary.total_tests} passed (${run.pass_rate.toFixed(2)}%)  ${duration(run.duration_ms)}`)
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
      for (const b of shown.bundles) {
        out.line(`Data group ${b.data_group ? `'${b.data_group}'` : '(the test itself)'} of ${b.test ?? 'a test'}: ${b.execution_ids.length} execution${b.execution_ids.length === 1 ? '' : 's'} (bundle ${b.id})`)
      }
      if (shown.scripts.length) {
        const count = (status: string) => shown.scripts.filter((s) => s.status === status).length
        out.line(`Scripts: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`)
        for (const s of shown.scripts.filter((s) => s.status === 'failed')) {
          const where = `${s.test}${s.iteration ? ` [iteration ${s.iteration}]` : ''}${s.attempt ? ` (attempt ${s.attempt + 1})` : ''}`
          out.line(`  ✗ ${scriptKind(s)} '${s.script_name}'${s.is_critical ? ' (critical)' : ''} in ${where}: ${s.error_message ?? 'failed'}`)
          for (const line of (s.stderr ?? '').split('\n').filter(Boolean).slice(0, 5)) out.line(`      ${line}`)
        }
      }
      for (const b of shown.baselines) out.line(`New visual baseline: ${b.checkpoint.replace(/ \(new baseline\)$/, '')} (${String(b.expected?.browser)} ${String(b.expected?.viewport)})`)
      for (const { item, result, steps, failure, screenshot_file, trace_file, checkpoints } of shown.failures) {
        out.line()
        const iteration = result.iteration_number ? ` [iteration ${result.iteration_number}]` : ''
        out.line(`✗ ${item.test_case_name}${iteration}`)
        // The failure once: the step, what happened, then where to look.
        if (failure) {
          out.line(`    ${failureHeading(failure)}`)
          for (const line of failure.message.split('\n')) out.line(`    ${line}`)
        }
        for (const step of steps.filter((s) => (s.phase ? !failure?.message.includes(s.error_message ?? '\u0000') : s.step_number !== failure?.step))) {
          const which = step.phase ? `${PHASE_WORDS[step.phase]} step` : 'step'
          out.line(`    Also failed, ${which} ${step.step_number} ${step.description ?? step.action}: ${step.error_message ?? 'failed'}`)
        }
        for (const c of checkpoints.filter((c) => c.checkpoint_type !== 'element')) {
          out.line(`    ${c.checkpoint_type} checkpoint failed: ${c.checkpoint_name}`)
          if (c.error_message && !failure?.message.includes(c.error_message)) out.line(`      ${c.error_message}`)
          for (const [label, path] of Object.entries(c.files)) if (path) out.line(`      ${label.padEnd(8)} ${path}`)
          if (c.checkpoint_type === 'screenshot' && c.files.actual) out.line(`      accept:  testdesk baselines accept ${c.id}`)
        }
        if (screenshot_file) out.line(`    screenshot: ${screenshot_file}`)
        if (trace_file) out.line(`    trace:      ${showTraceCommand(trace_file)}`)
        if (opts.debug) {
          for (const step of steps) {
            if (!step.error_stack_trace) continue
            out.line(`    debug, step ${step.step_number}:`)
            for (const line of step.error_stack_trace.split('\n')) out.line(`      ${line}`)
          }
        }
      }
    })
}

const PHASE_WORDS = { setup: 'set-up', teardown: 'tear-down' } as const
function scriptKind(s: { script_type: string; attached_to_step: number | null }): string {
  if (s.script_type === 'pre_execution') return 'Pre-script'
  if (s.script_type === 'post_execution') return 'Post-script'
  return `On-demand script${s.attached_to_step ? ` after step ${s.attached_to_step}` : ''}`
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
