// npm run bench:steps — the demo-site tests step by step: each step's time in TestDesk's engine
// (runTest, its timings.total_ms) against the same step as hand-written Playwright, i.e. the code
// the catalogue's playwrightCode() gives for it, run in a fresh context of the same browser.
// Rounds alternate which side goes first. Prints, per action and checkpoint property, both p50s,
// their difference and ratio, and TestDesk's own overhead per step (p50/p95). Figures only: it
// asserts nothing. Options: --rounds N (default 5), --test "name" (repeatable), --steps (a line
// per step of each test, p50 of both sides).
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright'
import { expect as baseExpect } from '@playwright/test'
import { openCore } from '../src/main/core'
import { demoProjectFile } from '../src/main/demo/demo-project'
import { seedDemo } from '../src/main/core/demo'
import { startDemoSite } from '../src/main/demosite/server'
import { chromiumArgs, discoverBrowser } from '../src/main/runner/browsers'
import { engineSteps, runTest, type EngineStep } from '../src/main/runner/engine'
import { interpolateStep, playwrightCode } from '../src/shared/steps'

const DEFAULT_STEP_TIMEOUT = 10_000

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    test: { type: 'string', multiple: true },
    steps: { type: 'boolean', default: false },
  },
})
const ROUNDS = Math.max(1, Number(args.rounds) || 5)

interface BenchTest {
  name: string
  steps: EngineStep[]
  timeoutMs: number
  /** Per iteration: the variables (environment + data row) and the secrets masked. */
  variables: Record<string, string>
  secrets: string[]
}

/** The step's kind in the table: its action, or checkpoint:<property> (several joined by +). */
function kindOf(step: EngineStep): string {
  if (step.action !== 'checkpoint') return step.action
  const assertions = ((step.options.checkpoint as { assertions?: { property: string }[] })?.assertions ?? []).map((a) => a.property)
  return `checkpoint:${assertions.join('+')}`
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (!sorted.length) return NaN
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo)
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')

// ── The two sides ───────────────────────────────────────────────────────────────────────────

interface SideResult {
  ok: boolean
  error?: string
  /** Per step, in order. */
  stepMs: number[]
  overheadMs?: number[]
  /** The whole test: opening the page and every step. */
  totalMs: number
}

async function runTestDesk(browser: Browser, test: BenchTest, baseUrl: string): Promise<SideResult> {
  const context = await browser.newContext()
  try {
    const outcome = await runTest({
      context,
      steps: test.steps,
      baseUrl,
      variables: test.variables,
      secrets: test.secrets,
      screenshots: 'off',
      stepTimeoutMs: test.timeoutMs,
    })
    return {
      ok: outcome.status === 'passed',
      error: outcome.errorMessage ?? undefined,
      stepMs: outcome.steps.map((s) => s.timings.total_ms),
      overheadMs: outcome.steps.map((s) => s.timings.overhead_ms),
      totalMs: outcome.durationMs,
    }
  } finally {
    await context.close().catch(() => undefined)
  }
}

type StepFunction = (state: { page: Page; frame: unknown }, expect: typeof baseExpect, context: BrowserContext, vars: Record<string, string>) => Promise<void>
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => StepFunction

/**
 * The steps as hand-written Playwright: each step's generated code, variables replaced as the
 * test goes (set_variable and run_script add to them), timed from the call to its end.
 */
async function runPlaywright(browser: Browser, test: BenchTest, baseUrl: string): Promise<SideResult> {
  const started = performance.now()
  const context = await browser.newContext({ baseURL: baseUrl })
  const navigationTimeout = Math.max(30_000, test.timeoutMs)
  context.setDefaultTimeout(test.timeoutMs)
  context.setDefaultNavigationTimeout(navigationTimeout)
  const expect = baseExpect.configure({ timeout: test.timeoutMs })
  const stepMs: number[] = []
  try {
    const state = { page: await context.newPage(), frame: null as unknown }
    const vars: Record<string, string> = { ...test.variables }
    let frames: string[] = []
    for (const stored of test.steps) {
      const step = interpolateStep(stored, vars)
      const code = playwrightCode(step, { frames })
      if (step.action === 'switch_frame') frames = step.target ? [...(step.target.frames ?? []), step.target.selector] : []
      const fn = new AsyncFunction('state', 'expect', 'context', 'vars', `let { page, frame } = state;\n${code}\nstate.page = page; state.frame = frame;`)
      const t0 = performance.now()
      await fn(state, expect, context, vars)
      stepMs.push(performance.now() - t0)
    }
    return { ok: true, stepMs, totalMs: performance.now() - started }
  } catch (error) {
    return { ok: false, error: (error as Error).message.split('\n')[0], stepMs, totalMs: performance.now() - started }
  } finally {
    await context.close().catch(() => undefined)
  }
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const found = await discoverBrowser('chromium')
  if (!found.found || !found.path) throw new Error(`bench:steps needs Chromium. ${found.hint}`)
  const site = await startDemoSite({ port: 0 })
  const dataDir = mkdtempSync(join(tmpdir(), 'td-bench-steps-'))
  const core = await openCore({ dataDir, execution: 'manual' })
  seedDemo(core.context.store)
  const store = core.context.store
  const env = store.environments.byName('Demo site')!
  const resolved = store.environments.resolve(env.id)
  const project = demoProjectFile()
  const wanted = args.test?.length ? new Set(args.test) : null

  const tests: BenchTest[] = []
  for (const file of project.tests!) {
    if (wanted && !wanted.has(file.name)) continue
    const steps = engineSteps(store.tests.steps(file.id))
    const timeoutMs = file.step_timeout_ms ?? DEFAULT_STEP_TIMEOUT
    if (file.data_set_id) {
      // The first row of the data set, its secret column from the environment's password.
      const dataSet = project.data_sets!.find((d) => d.id === file.data_set_id)!
      const row = dataSet.rows![0].values as Record<string, string>
      tests.push({ name: file.name, steps, timeoutMs, variables: { ...resolved.variables, ...row, password: resolved.variables.password }, secrets: resolved.secrets })
    } else {
      tests.push({ name: file.name, steps, timeoutMs, variables: resolved.variables, secrets: resolved.secrets })
    }
  }

  const browser = await chromium.launch({ executablePath: found.path, headless: true, args: chromiumArgs({ headless: true }) })
  console.log(`Step benchmark: ${tests.length} demo-site tests, ${tests.reduce((n, t) => n + t.steps.length, 0)} steps, ${ROUNDS} rounds, Chromium ${found.path}`)
  console.log(`Load average ${loadavg()[0].toFixed(1)} when starting (${'2'} sides alternate which goes first).\n`)

  // Warm-up: one run of each side over every test (code paths, caches, the demo site's files).
  for (const test of tests) {
    await runTestDesk(browser, test, site.url)
    await runPlaywright(browser, test, site.url)
  }

  const byKind = new Map<string, { td: number[]; pw: number[]; overhead: number[] }>()
  const byStep = new Map<string, { td: number[]; pw: number[] }>()
  const totals = { td: [] as number[], pw: [] as number[] }
  const failures = new Map<string, string>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, test] of tests.entries()) {
      const tdFirst = (round + index) % 2 === 0
      let td: SideResult
      let pw: SideResult
      if (tdFirst) {
        td = await runTestDesk(browser, test, site.url)
        pw = await runPlaywright(browser, test, site.url)
      } else {
        pw = await runPlaywright(browser, test, site.url)
        td = await runTestDesk(browser, test, site.url)
      }
      if (!td.ok || !pw.ok) {
        failures.set(test.name, !td.ok ? `TestDesk: ${td.error}` : `Playwright: ${pw.error}`)
        continue
      }
      totals.td.push(td.totalMs)
      totals.pw.push(pw.totalMs)
      test.steps.forEach((step, i) => {
        const kind = kindOf(step)
        const k = byKind.get(kind) ?? { td: [], pw: [], overhead: [] }
        byKind.set(kind, k)
        k.td.push(td.stepMs[i])
        k.pw.push(pw.stepMs[i])
        k.overhead.push(td.overheadMs![i])
        const key = `${test.name} #${step.step_number} ${kind}`
        const s = byStep.get(key) ?? { td: [], pw: [] }
        byStep.set(key, s)
        s.td.push(td.stepMs[i])
        s.pw.push(pw.stepMs[i])
      })
    }
  }

  const header = ['kind', 'n', 'TestDesk p50', 'Playwright p50', 'diff', 'ratio', 'overhead p50', 'overhead p95']
  const rows = [...byKind.entries()]
    .sort((a, b) => b[1].td.length - a[1].td.length)
    .map(([kind, v]) => {
      const td = quantile(v.td, 0.5)
      const pw = quantile(v.pw, 0.5)
      return [kind, String(v.td.length), fmt(td), fmt(pw), (td - pw >= 0 ? '+' : '') + fmt(td - pw), fmt(td / pw, 2), fmt(quantile(v.overhead, 0.5), 2), fmt(quantile(v.overhead, 0.95), 2)]
    })
  const all = [...byKind.values()]
  const overhead = all.flatMap((v) => v.overhead)
  rows.push([
    'all steps',
    String(overhead.length),
    fmt(quantile(all.flatMap((v) => v.td), 0.5)),
    fmt(quantile(all.flatMap((v) => v.pw), 0.5)),
    '',
    '',
    fmt(quantile(overhead, 0.5), 2),
    fmt(quantile(overhead, 0.95), 2),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  console.log('Per step, milliseconds (TestDesk: timings.total_ms of runTest; Playwright: the generated code, awaited):')
  console.log(line(header))
  for (const row of rows) console.log(line(row))
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  console.log(
    `\nWhole tests (new page + steps), p50 of ${totals.td.length}: TestDesk ${fmt(quantile(totals.td, 0.5), 0)} ms, Playwright ${fmt(quantile(totals.pw, 0.5), 0)} ms;` +
      ` sum of step p50s per kind × n: TestDesk ${fmt(sum(all.map((v) => quantile(v.td, 0.5) * v.td.length)) / ROUNDS, 0)} ms, Playwright ${fmt(sum(all.map((v) => quantile(v.pw, 0.5) * v.pw.length)) / ROUNDS, 0)} ms per round`,
  )
  if (args.steps) {
    console.log('\nPer step (p50 TestDesk / Playwright):')
    for (const [key, v] of byStep) console.log(`  ${key.padEnd(90)} ${fmt(quantile(v.td, 0.5)).padStart(7)} ${fmt(quantile(v.pw, 0.5)).padStart(7)}`)
  }
  for (const [name, error] of failures) console.log(`Left out (did not pass on both sides in some round): ${name}: ${error}`)
  console.log(`Load average ${loadavg()[0].toFixed(1)} when done.`)

  await browser.close()
  await site.close()
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
}

await main()
