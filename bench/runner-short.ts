// bench:runner's short-test workload: generated todo-app tests of 8-15 steps (./short-todos) run
// by `testdesk run` and, as generated specs, by Playwright Test: one worker, the same Chromium and
// demo site, first with each tool's defaults, then with artefacts (screenshots, traces) off.
// Prints each run's wall time, CPU (the process and everything it started: browsers, workers) and
// per-test figures, and TestDesk's ratio to Playwright Test. BENCH_SHORT_TESTS sets how many
// tests (default 40); BENCH_SHORT_ROUNDS how many times each pair runs (default 1, best kept);
// BENCH_SHORT_MODES which of defaults,off,retain (both tools tracing every test) to run.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openCore } from '../src/main/core'
import { importProject } from '../src/main/core/project-import'
import { validateStep } from '../src/shared/steps'
import { writePlaywrightProject } from './playwright-specs'
import { shortTodosProject } from './short-todos'

const ROOT = resolve(import.meta.dirname, '..')
const WORKDIR = join(ROOT, 'bench', '.results', 'runner-short')

export interface Measured {
  wallMs: number
  /** User plus system CPU of the process and every process it started and waited for. */
  cpuMs: number
  code: number | null
  output: string
}

/** CPU time of this process's finished children (cutime + cstime from /proc), in ms. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[13]) + Number(fields[14])
  return (ticks * 1000) / 100
}

/** Runs a command to its end; children run one at a time, so the /proc delta is its CPU alone. */
export function measured(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Measured> {
  return new Promise((done) => {
    const cpuBefore = childrenCpuMs()
    const started = performance.now()
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('close', (code) => done({ wallMs: performance.now() - started, cpuMs: childrenCpuMs() - cpuBefore, code, output }))
  })
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export async function shortWorkload(siteUrl: string, executable: string): Promise<void> {
  const count = Number(process.env.BENCH_SHORT_TESTS ?? 40)
  const rounds = Number(process.env.BENCH_SHORT_ROUNDS ?? 1)
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_SHORT_TESTS must be a whole number of tests, 1 or more (got "${process.env.BENCH_SHORT_TESTS}")`)
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_SHORT_ROUNDS must be a whole number, 1 or more (got "${process.env.BENCH_SHORT_ROUNDS}")`)
  const file = shortTodosProject(count, siteUrl)
  const steps = file.tests!.reduce((sum, test) => sum + test.steps!.length, 0)
  const dataDir = mkdtempSync(join(tmpdir(), 'td-bench-short-'))
  const core = await openCore({ dataDir, execution: 'manual' })
  importProject(core.context.store, file, { validateStep })
  await core.close()

  const bin = join(ROOT, 'bin', 'testdesk.mjs')
  const pwCli = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js')
  const project = (artefacts: 'defaults' | 'off' | 'retain-on-failure') =>
    writePlaywrightProject(join(WORKDIR, artefacts), file.tests!, { variables: {}, baseUrl: siteUrl, executable, artefacts })
  const projects = { defaults: project('defaults'), off: project('off'), retain: project('retain-on-failure') }
  const testdesk = (extra: string[], only?: string) =>
    measured(process.execPath, [bin, 'run', '--data-dir', dataDir, '--workers', '1', ...(only ? ['--test', only] : ['--tag', 'short']), ...extra], { TESTDESK_BROWSER_PATH: executable })
  const playwright = (project: string, only?: string) =>
    measured(process.execPath, [pwCli, 'test', '--workers', '1', '--config', join(project, 'playwright.config.ts'), ...(only ? ['-g', only] : [])], {}, project)

  console.log(`\nShort-test workload: ${count} todo-app tests, ${steps} steps (${(steps / count).toFixed(1)} a test), one worker, best of ${rounds}`)
  console.log(`Load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} when starting.`)
  // A first start builds TestDesk's CLI bundle and Playwright Test's transform cache: not timed.
  await testdesk([], file.tests![0].name)
  await playwright(projects.defaults, file.tests![0].name)
  await playwright(projects.off, file.tests![0].name)
  await playwright(projects.retain, file.tests![0].name)

  const allModes = [
    { key: 'defaults', label: 'defaults', td: [] as string[], pw: projects.defaults },
    { key: 'off', label: 'artefacts off', td: ['--screenshots', 'off', '--trace', 'off'], pw: projects.off },
    // Both tools recording a trace of every test and keeping failures': TestDesk's default before.
    { key: 'retain', label: 'trace retain-on-failure', td: ['--trace', 'retain-on-failure'], pw: projects.retain },
  ]
  const wanted = (process.env.BENCH_SHORT_MODES ?? 'defaults,off,retain').split(',')
  const modes = allModes.filter((mode) => wanted.includes(mode.key))
  const rows: string[][] = []
  for (const mode of modes) {
    let best: { td: Measured; pw: Measured } | null = null
    for (let round = 0; round < rounds; round++) {
      const td = await testdesk(mode.td)
      const pw = await playwright(mode.pw)
      if (!best || td.wallMs / pw.wallMs < best.td.wallMs / best.pw.wallMs) best = { td, pw }
    }
    const { td, pw } = best!
    const tdVerdict = /(\d+) passed, (\d+) failed/.exec(td.output)
    const pwPassed = /(\d+) passed/.exec(pw.output)?.[1] ?? '0'
    const pwFailed = /(\d+) failed/.exec(pw.output)?.[1] ?? '0'
    const ratio = td.wallMs / pw.wallMs
    rows.push([
      mode.label,
      seconds(td.wallMs),
      seconds(pw.wallMs),
      ratio.toFixed(2),
      seconds(td.cpuMs),
      seconds(pw.cpuMs),
      (td.cpuMs / pw.cpuMs).toFixed(2),
      `${Math.round(td.wallMs / count)} / ${Math.round(pw.wallMs / count)} ms`,
      `${tdVerdict?.[1] ?? '?'}/${tdVerdict?.[2] ?? '?'}  ${pwPassed}/${pwFailed}`,
      ratio <= 0.8 && td.cpuMs <= pw.cpuMs ? 'PASS' : 'MISS',
    ])
    if (!tdVerdict || tdVerdict[2] !== '0') console.log(`TestDesk (${mode.label}) did not pass every test:\n${td.output.split('\n').filter((l) => l.startsWith('✗')).slice(0, 5).join('\n')}`)
    if (pwFailed !== '0') console.log(`Playwright Test (${mode.label}) did not pass every test:\n${pw.output.slice(-2000)}`)
  }
  const header = ['mode', 'TestDesk wall', 'PW Test wall', 'ratio', 'TestDesk CPU', 'PW Test CPU', 'CPU ratio', 'wall a test (TD / PW)', 'passed/failed (TD  PW)', 'goal ≤ 0.8, CPU ≤ 1']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '))
  console.log(`Load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} when done. CPU counts each tool's process and everything it started (browsers, workers).`)
}
