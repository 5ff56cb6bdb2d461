// `testdesk history TEST`: a test case's last executions and their statistics (reference/003
// "Get Execution History for Test Case"); with --suite, a suite's pass-rate and duration trend.
import type { Command } from 'commander'
import { duration, suitePathFlag, table } from '../format'
import { createOutput, intFlag, usageError, type GlobalOptions, type Output } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'
import type { Core } from '../../core'
import { isId } from '../../../shared/model/common'
import type { Project } from '../../../shared/model/definition'

const pct = (n: number) => `${n.toFixed(2)}%`

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description("Show a test case's execution history and statistics, or a suite's trend with --suite")
    .argument('[test]', 'the test case: its name or id')
    .option('--suite <path>', 'instead of a test: the trend of this suite and its descendants, e.g. "Regression/Smoke"')
    .option('--limit <n>', 'how many executions (or runs) to show, 1 to 100 (default 10)')
    .addOption(projectOption())
    .action(async (test: string | undefined, opts: { suite?: string; limit?: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const limit = intFlag('limit', opts.limit, 1, 100) ?? 10
      if (!test && !opts.suite) throw usageError('give a test case (name or id), or --suite <path> for a suite\'s trend')
      if (test && opts.suite) throw usageError('give a test case (name or id) or --suite <path>, not both')
      if (opts.suite) {
        const suitePath = suitePathFlag(opts.suite)
        const trend = await withCore(globals, async (core) => invoke(core, 'history.suiteTrend', { suite_path: suitePath, project_id: (await projectOf(core, opts.project)).id, limit }))
        out.result(trend)
        out.line(`Suite ${trend.suite_path.slice(1).join('/') || '(root)'}: last ${trend.runs.length} finished run${trend.runs.length === 1 ? '' : 's'}`)
        if (trend.runs.length) {
          out.line(
            table(
              trend.runs.map((r) => [r.run_name, r.executed_at.slice(0, 16).replace('T', ' '), String(r.tests), String(r.passed), String(r.failed), String(r.flaky), pct(r.pass_rate), duration(r.duration_ms) + (r.whole_run ? '' : ' *')]),
              ['Run', 'Started (UTC)', 'Tests', 'Passed', 'Failed', 'Flaky', 'Pass rate', 'Duration'],
            ),
          )
          if (trend.runs.some((r) => !r.whole_run)) out.line("* the run also held other suites' tests: the time of this suite's tests")
        }
        const s = trend.statistics
        out.line(`Average pass rate ${pct(s.avg_pass_rate)}, overall ${pct(s.overall_pass_rate)}, average duration ${duration(s.avg_duration_ms)}, flaky ${pct(s.flaky_rate)}`)
        return
      }
      const history = await withCore(globals, async (core) =>
        invoke(core, 'history.forTestCase', { test_case_id: await testCaseId(core, test!, await projectOf(core, opts.project)), limit }),
      )
      print(out, history)
    })
}

export async function testCaseId(core: Core, ref: string, project: Project): Promise<string> {
  if (isId(ref.trim())) return ref.trim()
  const page = await invoke(core, 'tests.list', { project_id: project.id, search: ref.trim(), limit: 100 })
  const exact = page.items.filter((t) => t.name === ref.trim())
  const loose = exact.length ? exact : page.items.filter((t) => t.name.toLowerCase() === ref.trim().toLowerCase())
  if (loose.length === 1) return loose[0].id
  if (loose.length > 1) throw usageError(`${loose.length} test cases are named "${ref}" in other case; give the exact name or its id: ${loose.map((t) => t.id).join(', ')}`)
  const near = page.items.slice(0, 5).map((t) => `"${t.name}"`)
  throw usageError(`No test case named "${ref}" in project '${project.name}'.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`)
}

function print(out: Output, h: Awaited<ReturnType<typeof invoke<'history.forTestCase'>>>): void {
  out.result(h)
  out.line(`${h.test_case_name}: ${h.history.length} of ${h.total} execution${h.total === 1 ? '' : 's'}`)
  if (h.history.length) {
    out.line(
      table(
        h.history.map((e) => [
          e.executed_at.slice(0, 16).replace('T', ' '),
          e.run_name ?? '',
          e.status,
          duration(e.duration_ms),
          pct(e.pass_rate),
          // Worded as `show` and the reports word them.
          e.retry_attempt ? `attempt ${e.retry_attempt + 1}` : '',
          e.iteration_number !== null ? `iteration ${e.iteration_number}` : '',
          (e.error_message ?? '').split('\n')[0].slice(0, 80),
        ]),
        ['Executed (UTC)', 'Run', 'Status', 'Duration', 'Steps passed', 'Attempt', 'Iteration', 'Error'],
      ),
    )
  }
  const s = h.statistics
  out.line(`Executions ${s.total_executions}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`)
  out.line(`Pass rate ${pct(s.overall_pass_rate)}, average duration ${duration(s.avg_duration_ms)}, flaky in ${s.flaky_runs} run${s.flaky_runs === 1 ? '' : 's'} (${pct(s.flaky_rate)})`)
}
