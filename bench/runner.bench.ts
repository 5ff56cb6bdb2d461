// npm run bench:runner — the same 30 demo-site tests run by TestDesk (`testdesk run`) and, written
// as Playwright Test specs generated from the same steps, by @playwright/test: the same Chromium
// executable, the same workers (1, then 2), no screenshots, no traces. Prints both wall times and
// their ratio (goal ≤ 0.8), and TestDesk's own overhead per step outside Playwright calls (goal
// < 2 ms), measured in-process from the engine's step timings plus the time spent storing results.
// Then the short-test workload (./runner-short): generated todo-app tests of 8-15 steps, each tool
// with its defaults and with artefacts off. BENCH_RUNNER_WORKLOADS=demo or =short runs one of the
// two; BENCH_SHORT_TESTS sets the short workload's size.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openCore } from '../src/main/core'
import { demoProjectFile } from '../src/main/demo/demo-project'
import { seedDemo } from '../src/main/core/demo'
import { startDemoSite } from '../src/main/demosite/server'
import { chromiumArgs, discoverBrowser } from '../src/main/runner/browsers'
import { engineSteps, runTest, type StepOutcome, type TestOutcome } from '../src/main/runner/engine'
import { persistExecution } from '../src/main/runner/persist'
import { chromium } from 'playwright'
import { quantile } from './stats'
import { DEFAULT_STEP_TIMEOUT, writePlaywrightProject } from './playwright-specs'
import { shortWorkload } from './runner-short'

const ROOT = resolve(import.meta.dirname, '..')
const WORKDIR = join(ROOT, 'bench', '.results', 'runner')

type FileTest = NonNullable<ReturnType<typeof demoProjectFile>['tests']>[number]

/** The demo tests both tools can run as written: no data rows, no values computed at run time. */
function benchTests(): FileTest[] {
  const plain = demoProjectFile().tests!.filter((t) => !t.data_set_id && !t.steps!.some((s) => s.action === 'set_variable' || s.action === 'run_script'))
  return plain.slice(0, 30)
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<{ ms: number; code: number | null; output: string }> {
  return new Promise((done) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('close', (code) => done({ ms: performance.now() - started, code, output }))
  })
}

interface OverheadFigures {
  steps: number
  engineOverhead: number[]
  storeMsPerStep: number
  playwrightMs: number
}

/** TestDesk's own time per step: the engine's overhead outside Playwright calls, plus storing. */
async function measureOverhead(tests: FileTest[], baseUrl: string, executable: string, variables: Record<string, string>, secrets: string[]): Promise<OverheadFigures> {
  const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-bench-oh-')), execution: 'manual' })
  seedDemo(core.context.store)
  const store = core.context.store
  const browser = await chromium.launch({ executablePath: executable, headless: true, args: chromiumArgs({ headless: true }) })
  const outcomes: { id: string; outcome: TestOutcome }[] = []
  try {
    for (const test of tests) {
      const context = await browser.newContext()
      try {
        outcomes.push({
          id: test.id,
          outcome: await runTest({
            context,
            steps: engineSteps(store.tests.steps(test.id)),
            baseUrl,
            variables,
            secrets,
            screenshots: 'off',
            stepTimeoutMs: test.step_timeout_ms ?? DEFAULT_STEP_TIMEOUT,
          }),
        })
      } finally {
        await context.close()
      }
    }
  } finally {
    await browser.close()
  }
  const run = store.runs.create({ test_case_ids: outcomes.map((o) => o.id) })
  store.runs.transitionRun(run.id, 'running', 'bench')
  const items = store.runs.items(run.id)
  const started = performance.now()
  for (const { id, outcome } of outcomes) {
    const item = items.find((i) => i.test_case_id === id)!
    persistExecution(store, outcome, {
      runId: run.id,
      itemId: item.id,
      testCaseId: id,
      attempt: 0,
      iteration: null,
      rowIndex: null,
      rowValues: null,
      completesItem: true,
      environmentInfo: { browser_name: 'chromium' },
    })
  }
  const storeMs = performance.now() - started
  const steps: StepOutcome[] = outcomes.flatMap((o) => o.outcome.steps)
  await core.close()
  return {
    steps: steps.length,
    engineOverhead: steps.map((s) => s.timings.overhead_ms),
    storeMsPerStep: storeMs / steps.length,
    playwrightMs: steps.reduce((sum, s) => sum + s.timings.playwright_ms, 0),
  }
}

async function main(): Promise<void> {
  const found = await discoverBrowser('chromium')
  if (!found.found || !found.path) throw new Error(`bench:runner needs Chromium. ${found.hint}`)
  const site = await startDemoSite()
  const tests = benchTests()
  const steps = tests.reduce((sum, t) => sum + t.steps!.length, 0)
  const dataDir = mkdtempSync(join(tmpdir(), 'td-bench-runner-'))
  // Both tools run against the same running demo site.
  const seedCore = await openCore({ dataDir, execution: 'manual' })
  seedDemo(seedCore.context.store)
  const env = seedCore.context.store.environments.byName('Demo site')!
  seedCore.context.store.environments.update({ id: env.id, base_url: site.url })
  const resolved = seedCore.context.store.environments.resolve(env.id)
  await seedCore.close()
  const variables = { ...resolved.variables, baseUrl: site.url }
  const workloads = (process.env.BENCH_RUNNER_WORKLOADS ?? 'demo,short').split(',')
  if (workloads.includes('demo')) await demoWorkload(tests, steps, dataDir, variables, resolved.secrets, site.url, found.path)
  if (workloads.includes('short')) await shortWorkload(site.url, found.path)
  await site.close()
}

/** The demo suite's 30 tests, artefacts off on both sides, with 1 and then 2 workers. */
async function demoWorkload(tests: FileTest[], steps: number, dataDir: string, variables: Record<string, string>, secrets: string[], siteUrl: string, executable: string): Promise<void> {
  const project = writePlaywrightProject(WORKDIR, tests, { variables, baseUrl: siteUrl, executable, artefacts: 'off', reporter: 'dot' })

  console.log(`Runner benchmark: ${tests.length} demo-site tests, ${steps} steps, Chromium ${executable}`)
  console.log(`Load average ${loadavg()[0].toFixed(1)} on this machine when starting.\n`)
  const rows: string[][] = []
  const bin = join(ROOT, 'bin', 'testdesk.mjs')
  const pwCli = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js')
  // Runs where the two tools did not fail the same number of tests: named below the table.
  const differing: { workers: number; testdesk: string[]; playwright: string[] }[] = []
  for (const workers of [1, 2]) {
    const testdeskArgs = [bin, 'run', '--data-dir', dataDir, '--workers', String(workers), '--screenshots', 'off', '--trace', 'off', ...tests.flatMap((t) => ['--test', t.name])]
    // Warm both once (first start compiles TypeScript / loads caches), then time the second run.
    if (workers === 1) {
      await timed(process.execPath, testdeskArgs, { TESTDESK_BROWSER_PATH: executable })
      await timed(process.execPath, [pwCli, 'test', '--workers', '1', '--config', join(project, 'playwright.config.ts')], {}, project)
    }
    const testdesk = await timed(process.execPath, testdeskArgs, { TESTDESK_BROWSER_PATH: executable })
    const pw = await timed(process.execPath, [pwCli, 'test', '--workers', String(workers), '--config', join(project, 'playwright.config.ts')], {}, project)
    const tdFailures = [...testdesk.output.matchAll(/^✗ (.+?) \(\d[^)]*\)(?:: (.*))?$/gm)].map((m) => `${m[1]}: ${m[2] ?? ''}`)
    const pwFailures = [...pw.output.matchAll(/^\s+\d+\) \S+ › (.+?) ─+\s*$/gm)].map((m) => m[1])
    if (tdFailures.length !== pwFailures.length) differing.push({ workers, testdesk: tdFailures, playwright: pwFailures })
    const tdPassed = /(\d+) passed, (\d+) failed/.exec(testdesk.output)
    const pwPassed = /(\d+) passed/.exec(pw.output)
    const pwFailed = /(\d+) failed/.exec(pw.output)
    rows.push([
      String(workers),
      ms(testdesk.ms),
      ms(pw.ms),
      (testdesk.ms / pw.ms).toFixed(2),
      testdesk.ms / pw.ms <= 0.8 ? 'PASS' : 'MISS',
      `${tdPassed?.[1] ?? '?'} passed / ${tdPassed?.[2] ?? '?'} failed`,
      `${pwPassed?.[1] ?? 0} passed / ${pwFailed?.[1] ?? 0} failed`,
    ])
  }
  const header = ['workers', 'TestDesk', 'Playwright Test', 'ratio', 'goal ≤ 0.8', 'TestDesk verdicts', 'Playwright verdicts']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '))
  for (const d of differing) {
    console.log(`\nVerdicts differ with ${d.workers} worker(s) (a test failing on one side only was flaky on this machine in that run):`)
    console.log(`  TestDesk failed: ${d.testdesk.join('; ') || 'none'}`)
    console.log(`  Playwright Test failed: ${d.playwright.join('; ') || 'none'}`)
  }

  const overhead = await measureOverhead(tests, siteUrl, executable, variables, secrets)
  const p50 = quantile(overhead.engineOverhead, 0.5)
  const p95 = quantile(overhead.engineOverhead, 0.95)
  const mean = overhead.engineOverhead.reduce((a, b) => a + b, 0) / overhead.steps
  const total = mean + overhead.storeMsPerStep
  console.log(`\nTestDesk's own time per step outside Playwright calls (${overhead.steps} steps, in-process):`)
  console.log(`  engine: mean ${ms(mean)}, p50 ${ms(p50)}, p95 ${ms(p95)}; storing results: ${ms(overhead.storeMsPerStep)} per step`)
  console.log(`  total mean ${ms(total)} per step (goal < 2 ms): ${total < 2 ? 'PASS' : 'MISS'}; time inside Playwright calls: ${ms(overhead.playwrightMs / overhead.steps)} per step`)
  console.log(`Load average ${loadavg()[0].toFixed(1)} when done. Wall times include each tool's process start and browser launch.`)
}

await main()
