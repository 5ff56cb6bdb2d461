// `npm run bench:report`: TestDesk's HTML report of a synthetic run (1,000 tests × 20 steps, 10%
// failing; once with a Chromium screenshot on each failure, once without) against Playwright's
// HTML reporter for the equivalent @playwright/test run, measured in the same run: generation
// time, size, and time until the summary is visible in Chromium. Prints figures, ratios, goals
// and PASS/MISS; a miss never fails the command.
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright'
import { launchTestBrowser } from '../e2e/support/browser'
import { openCore, type Core } from '../src/main/core'
import { writeReport } from '../src/main/report'
import { buildSyntheticRun } from '../src/main/report/fixture-runs'
import { folderBytes, runPlaywrightEquivalent } from './playwright-equivalent'
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
async function screenshots(browser: Browser, count: number): Promise<Buffer[]> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 640 } })
  const shots: Buffer[] = []
  let seed = 7
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
  for (let n = 0; n < count; n++) {
    const rows = Array.from({ length: 14 }, (_, r) => {
      const price = (random() * 300).toFixed(2)
      const hue = Math.floor(random() * 360)
      return `<tr><td><span style="display:inline-block;width:18px;height:18px;background:hsl(${hue} 70% 55%)"></span></td><td>Item ${n}-${r} ${random().toString(36).slice(2, 10)}</td><td>${Math.ceil(random() * 5)}</td><td>$${price}</td></tr>`
    }).join('')
    await page.setContent(`<body style="font:15px system-ui;margin:0">
      <header style="background:hsl(${(n * 37) % 360} 45% 30%);color:#fff;padding:14px 20px;font-size:22px">Shop — checkout #${n + 1}</header>
      <div style="display:flex;gap:20px;padding:16px 20px"><table style="flex:1;border-collapse:collapse" border="1" cellpadding="5">${rows}</table>
      <aside style="width:280px"><div style="background:#fdecea;color:#b3261e;padding:12px;border:1px solid #b3261e">Payment declined for order ${n + 1}: card ending ${1000 + n}</div>
      <p>Total: <b>$${(random() * 900).toFixed(2)}</b></p><button style="padding:8px 16px">Place order</button></aside></div></body>`)
    shots.push(await page.screenshot({ type: 'png' }))
  }
  await page.close()
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

async function variant(root: string, name: string, pngs: Buffer[] | null): Promise<Variant> {
  const dataDir = join(root, `data-${name}`)
  mkdirSync(dataDir)
  const core = await openCore({ dataDir, execution: 'manual' })
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

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'td-bench-report-'))
  note(`Report benchmark: ${TESTS} tests × ${STEPS} steps, every ${FAIL_EVERY}th failing (working in ${root})`)
  const browser = await launchTestBrowser()
  try {
    note('Rendering failure screenshots in Chromium…')
    const pngs = await screenshots(browser, Math.ceil(TESTS / FAIL_EVERY))
    const pngSizes = pngs.map((p) => p.length).sort((a, b) => a - b)
    note(`  ${pngs.length} screenshots, ${kb(pngSizes[0])} to ${kb(pngSizes.at(-1)!)} each`)
    note('Writing TestDesk reports…')
    const plain = await variant(root, 'no-screenshots', null)
    const shots = await variant(root, 'screenshots', pngs)
    const junitStarted = performance.now()
    writeReport(plain.core.context.store, plain.runId, { format: 'junit', path: join(root, 'junit.xml') })
    const junitMs = performance.now() - junitStarted
    note(`Running the equivalent @playwright/test project with the HTML reporter (2 workers)…`)
    // BENCH_PLAYWRIGHT_REPORT reuses a report from an earlier run (the test run takes minutes).
    const reuse = process.env.BENCH_PLAYWRIGHT_REPORT
    if (reuse) cpSync(reuse, join(root, 'served', 'pw-report'), { recursive: true })
    const pw = reuse
      ? { dir: reuse, bytes: folderBytes(reuse), runMs: NaN, exitCode: null }
      : runPlaywrightEquivalent(join(root, 'served'), { tests: TESTS, steps: STEPS, failEvery: FAIL_EVERY })
    note(`  playwright test took ${ms(pw.runMs)} (exit ${pw.exitCode}); report ${kb(pw.bytes)}`)

    note('Measuring time until the summary is visible (median of 9 fresh loads each, pages in turn)…')
    // The anchor for browser overhead: a page holding nothing but the summary element.
    mkdirSync(join(root, 'served', 'blank'))
    writeFileSync(join(root, 'served', 'blank', 'index.html'), '<!DOCTYPE html><html><body><section id="summary"><dl><dd data-count="total">1000</dd></dl></section></body></html>')
    const server = await serveFolder(join(root, 'served'))
    const served = (path: string) => `${server.url}/${path}`
    const local = (path: string) => pathToFileURL(path).href
    const t = await timeToSummary(browser, {
      blankHttp: { url: served('blank/index.html'), selector: OURS },
      blankFile: { url: local(join(root, 'served', 'blank', 'index.html')), selector: OURS },
      plainHttp: { url: served('testdesk-no-screenshots/index.html'), selector: OURS },
      shotsHttp: { url: served('testdesk-screenshots/index.html'), selector: OURS },
      playwright: { url: served('pw-report/index.html'), selector: PLAYWRIGHTS },
      plainFile: { url: local(plain.file), selector: OURS },
      shotsFile: { url: local(shots.file), selector: OURS },
      // Not a goal, but what a reader waits for next: the first row of the test list.
      plainRows: { url: local(plain.file), selector: ROWS },
      shotsRows: { url: local(shots.file), selector: ROWS },
    })
    const blank = { http: t.blankHttp, file: t.blankFile }
    const http = { plain: t.plainHttp, shots: t.shotsHttp, playwright: t.playwright }
    const file = { plain: t.plainFile, shots: t.shotsFile }
    const rowsAt = { plain: t.plainRows, shots: t.shotsRows }
    await server.close()

    const sizeRatio = plain.bytes / pw.bytes
    const timeRatio = http.plain / http.playwright
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS')
    const rows: string[][] = [
      ['', 'TestDesk, no screenshots', 'TestDesk, screenshots', 'Playwright HTML', 'ratio (no shots / PW)', 'goal (no screenshots)', 'result'],
      ['generation (p50)', ms(plain.generationMs), ms(shots.generationMs), `n/a (test run ${ms(pw.runMs)})`, '', '< 1 s', verdict(plain.generationMs < 1000)],
      ['size', kb(plain.bytes), kb(shots.bytes), kb(pw.bytes), `${sizeRatio.toFixed(2)}x`, '≤ 0.5x Playwright', verdict(sizeRatio <= 0.5)],
      ['summary visible, http', ms(http.plain), ms(http.shots), ms(http.playwright), `${timeRatio.toFixed(2)}x`, '≤ 0.3 s', verdict(http.plain <= 300)],
      ['summary visible, file://', ms(file.plain), ms(file.shots), 'n/a (needs http)', '', '≤ 0.3 s', verdict(file.plain <= 300)],
      ['first test row, file://', ms(rowsAt.plain), ms(rowsAt.shots), '(with its summary)', '', '', ''],
    ]
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
    console.log(`\nReport benchmark: ${TESTS} tests × ${STEPS} steps, ${Math.ceil(TESTS / FAIL_EVERY)} failing (${pngs.length} screenshots of ${kb(pngSizes[0])}–${kb(pngSizes.at(-1)!)})`)
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd())
    console.log(`A blank page with only the summary element: ${ms(blank.http)} over http, ${ms(blank.file)} from file:// (browser overhead, same method).`)
    console.log(`JUnit XML of the same run: ${ms(junitMs)}. Chromium ${browser.version()}. Load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs.`)
    await plain.core.close()
    await shots.core.close()
  } finally {
    await browser.close()
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true })
  }
}

await main()
