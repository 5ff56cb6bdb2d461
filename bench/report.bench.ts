// `npm run bench:report`: TestDesk's HTML report of a synthetic run (1,000 tests × 20 steps, 10%
// failing; once with a Chromium screenshot on each failure, once without) against Playwright's
// HTML reporter for the equivalent @playwright/test run, measured in the same run: generation
// time, size, and time until the summary is visible in Chromium. Prints figures, ratios, goals
// and PASS/MISS; a miss never fails the command. On a slow machine a load is retried (the browser
// launched again if it had gone), a phase that still fails is listed under "Not measured", and
// every figure that was measured is printed; exit 1 only when a figure is missing.
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright'
import { launchTestBrowser } from '../e2e/support/browser'
import { openCore, type Core } from '../src/main/core'
import { writeReport } from '../src/main/report'
import { buildSyntheticRun } from '../src/main/testing/fixture-runs'
import { folderBytes, runPlaywrightEquivalent } from './playwright-equivalent'
import { Phases, RelaunchingBrowser, retried } from './resilient'
import { median } from './stats'
import { serveFolder, timeToSummary } from './time-to-summary'

const TESTS = Number(process.env.BENCH_TESTS ?? 1000)
const STEPS = 20
const FAIL_EVERY = 10
const GENERATIONS = 5
const OURS = '#summary [data-count="total"]'
const PLAYWRIGHTS = '.header-view-status-container .counter'
const ROWS = '#tests .test .name'

const note = (text: string) => process.stderr.write(`${text}\n`)
const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(0)} kB`)
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`)

/** Distinct, realistic failure screenshots: a small shop page rendered by Chromium, per test. */
async function screenshots(browser: RelaunchingBrowser, count: number): Promise<Buffer[]> {
  let page: Page | null = null
  const shots: Buffer[] = []
  let seed = 7
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
  for (let n = 0; n < count; n++) {
    const rows = Array.from({ length: 14 }, (_, r) => {
      const price = (random() * 300).toFixed(2)
      const hue = Math.floor(random() * 360)
      return `<tr><td><span style="display:inline-block;width:18px;height:18px;background:hsl(${hue} 70% 55%)"></span></td><td>Item ${n}-${r} ${random().toString(36).slice(2, 10)}</td><td>${Math.ceil(random() * 5)}</td><td>$${price}</td></tr>`
    }).join('')
    const html = `<body style="font:15px system-ui;margin:0">
      <header style="background:hsl(${(n * 37) % 360} 45% 30%);color:#fff;padding:14px 20px;font-size:22px">Shop — checkout #${n + 1}</header>
      <div style="display:flex;gap:20px;padding:16px 20px"><table style="flex:1;border-collapse:collapse" border="1" cellpadding="5">${rows}</table>
      <aside style="width:280px"><div style="background:#fdecea;color:#b3261e;padding:12px;border:1px solid #b3261e">Payment declined for order ${n + 1}: card ending ${1000 + n}</div>
      <p>Total: <b>$${(random() * 900).toFixed(2)}</b></p><button style="padding:8px 16px">Place order</button></aside></div></body>`
    shots.push(
      await retried(`screenshot ${n + 1}`, async () => {
        try {
          page ??= await (await browser.get()).newPage({ viewport: { width: 1024, height: 640 } })
          await page.setContent(html)
          return await page.screenshot({ type: 'png' })
        } catch (error) {
          // A new page (in a browser launched again if it had gone) for the next try.
          await page?.close().catch(() => undefined)
          page = null
          throw error
        }
      }),
    )
  }
  await (page as Page | null)?.close().catch(() => undefined)
  return shots
}

interface Variant {
  name: string
  core: Core
  runId: string
  file: string
  generationMs: number
  bytes: number
}

async function variant(root: string, name: string, pngs: Buffer[] | null, cores: Core[]): Promise<Variant> {
  const dataDir = join(root, `data-${name}`)
  mkdirSync(dataDir)
  const core = await openCore({ dataDir, execution: 'manual' })
  cores.push(core)
  const built = performance.now()
  const { runId } = buildSyntheticRun(core.context.store, { tests: TESTS, steps: STEPS, failEvery: FAIL_EVERY, screenshot: pngs ? (i) => pngs[Math.floor(i / FAIL_EVERY)] : undefined })
  note(`  ${name}: built the run through the store in ${ms(performance.now() - built)}`)
  const dir = join(root, 'served', `testdesk-${name}`)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'index.html')
  const times: number[] = []
  for (let i = 0; i < GENERATIONS; i++) {
    const started = performance.now()
    writeReport(core.context.store, runId, { format: 'html', path: file })
    times.push(performance.now() - started)
  }
  return { name, core, runId, file, generationMs: median(times), bytes: statSync(file).size }
}

async function main(): Promise<boolean> {
  const root = mkdtempSync(join(tmpdir(), 'td-bench-report-'))
  note(`Report benchmark: ${TESTS} tests × ${STEPS} steps, every ${FAIL_EVERY}th failing (working in ${root})`)
  const browser = new RelaunchingBrowser(launchTestBrowser)
  const phases = new Phases()
  const cores: Core[] = []
  try {
    note('Rendering failure screenshots in Chromium…')
    const pngs = await phases.run('failure screenshots', () => screenshots(browser, Math.ceil(TESTS / FAIL_EVERY)))
    const pngSizes = (pngs ?? []).map((p) => p.length).sort((a, b) => a - b)
    if (pngs) note(`  ${pngs.length} screenshots, ${kb(pngSizes[0])} to ${kb(pngSizes.at(-1)!)} each`)
    note('Writing TestDesk reports…')
    const plain = await phases.run('TestDesk report, no screenshots', () => variant(root, 'no-screenshots', null, cores))
    const shots = pngs ? await phases.run('TestDesk report, screenshots', () => variant(root, 'screenshots', pngs, cores)) : null
    const junitMs = plain
      ? await phases.run('JUnit XML', () => {
          const started = performance.now()
          writeReport(plain.core.context.store, plain.runId, { format: 'junit', path: join(root, 'junit.xml') })
          return performance.now() - started
        })
      : null
    note(`Running the equivalent @playwright/test project with the HTML reporter (2 workers)…`)
    // BENCH_PLAYWRIGHT_REPORT reuses a report from an earlier run (the test run takes minutes).
    const reuse = process.env.BENCH_PLAYWRIGHT_REPORT
    const pw = await phases.run('Playwright HTML report (the anchor)', () => {
      if (!reuse) return runPlaywrightEquivalent(join(root, 'served'), { tests: TESTS, steps: STEPS, failEvery: FAIL_EVERY })
      cpSync(reuse, join(root, 'served', 'pw-report'), { recursive: true })
      return { dir: reuse, bytes: folderBytes(reuse), runMs: NaN, exitCode: null }
    })
    if (pw) note(`  playwright test took ${ms(pw.runMs)} (exit ${pw.exitCode}); report ${kb(pw.bytes)}`)

    note('Measuring time until the summary is visible (median of 9 fresh loads each, pages in turn)…')
    // The anchor for browser overhead: a page holding nothing but the summary element.
    mkdirSync(join(root, 'served', 'blank'), { recursive: true })
    writeFileSync(join(root, 'served', 'blank', 'index.html'), '<!DOCTYPE html><html><body><section id="summary"><dl><dd data-count="total">1000</dd></dl></section></body></html>')
    const server = await serveFolder(join(root, 'served'))
    const served = (path: string) => `${server.url}/${path}`
    const local = (path: string) => pathToFileURL(path).href
    const pages: Record<string, { url: string; selector: string }> = {
      blankHttp: { url: served('blank/index.html'), selector: OURS },
      blankFile: { url: local(join(root, 'served', 'blank', 'index.html')), selector: OURS },
    }
    if (plain) {
      pages.plainHttp = { url: served('testdesk-no-screenshots/index.html'), selector: OURS }
      pages.plainFile = { url: local(plain.file), selector: OURS }
      // Not a goal, but what a reader waits for next: the first row of the test list.
      pages.plainRows = { url: local(plain.file), selector: ROWS }
    }
    if (shots) {
      pages.shotsHttp = { url: served('testdesk-screenshots/index.html'), selector: OURS }
      pages.shotsFile = { url: local(shots.file), selector: OURS }
      pages.shotsRows = { url: local(shots.file), selector: ROWS }
    }
    if (pw) pages.playwright = { url: served('pw-report/index.html'), selector: PLAYWRIGHTS }
    const times = await phases.run('time to summary', () => timeToSummary(browser, pages))
    await server.close()
    for (const failure of times?.failures ?? []) phases.failed.push({ phase: 'time to summary', error: failure })
    const t = (key: string): number | null => times?.medians[key] ?? null

    const verdict = (value: number | null, goal: (v: number) => boolean) => (value === null ? '' : goal(value) ? 'PASS' : 'MISS')
    const msOr = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : ms(value))
    const kbOr = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : kb(value))
    const sizeRatio = plain && pw ? plain.bytes / pw.bytes : null
    const timeRatio = t('plainHttp') !== null && t('playwright') !== null ? t('plainHttp')! / t('playwright')! : null
    const rows: string[][] = [
      ['', 'TestDesk, no screenshots', 'TestDesk, screenshots', 'Playwright HTML', 'ratio (no shots / PW)', 'goal (no screenshots)', 'result'],
      ['generation (p50)', msOr(plain?.generationMs), msOr(shots?.generationMs), pw ? `n/a (test run ${ms(pw.runMs)})` : 'n/a', '', '< 1 s', verdict(plain?.generationMs ?? null, (v) => v < 1000)],
      ['size', kbOr(plain?.bytes), kbOr(shots?.bytes), kbOr(pw?.bytes), sizeRatio === null ? '' : `${sizeRatio.toFixed(2)}x`, '≤ 0.5x Playwright', verdict(sizeRatio, (v) => v <= 0.5)],
      ['summary visible, http', msOr(t('plainHttp')), msOr(t('shotsHttp')), msOr(t('playwright')), timeRatio === null ? '' : `${timeRatio.toFixed(2)}x`, '≤ 0.3 s', verdict(t('plainHttp'), (v) => v <= 300)],
      ['summary visible, file://', msOr(t('plainFile')), msOr(t('shotsFile')), 'n/a (needs http)', '', '≤ 0.3 s', verdict(t('plainFile'), (v) => v <= 300)],
      ['first test row, file://', msOr(t('plainRows')), msOr(t('shotsRows')), '(with its summary)', '', '', ''],
    ]
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
    const shotsNote = pngs ? ` (${pngs.length} screenshots of ${kb(pngSizes[0])}–${kb(pngSizes.at(-1)!)})` : ''
    console.log(`\nReport benchmark: ${TESTS} tests × ${STEPS} steps, ${Math.ceil(TESTS / FAIL_EVERY)} failing${shotsNote}`)
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd())
    const short = Object.entries(times?.samples ?? {}).filter(([, n]) => n < 9)
    if (short.length) console.log(`Fewer than 9 loads measured: ${short.map(([key, n]) => `${key} ${n}`).join(', ')}.`)
    console.log(`A blank page with only the summary element: ${msOr(t('blankHttp'))} over http, ${msOr(t('blankFile'))} from file:// (browser overhead, same method).`)
    const chromium = await browser.get().then((b) => b.version()).catch(() => 'n/a')
    const relaunched = browser.relaunches ? `, launched again ${browser.relaunches} time${browser.relaunches === 1 ? '' : 's'}` : ''
    console.log(`JUnit XML of the same run: ${msOr(junitMs)}. Chromium ${chromium}${relaunched}. Load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs.`)
    return !phases.report((line) => console.log(line))
  } finally {
    for (const core of cores) await core.close().catch(() => undefined)
    await browser.close()
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true })
  }
}

// A goal missed never fails the command; a figure that could not be measured does (exit 1).
if (!(await main())) process.exitCode = 1
