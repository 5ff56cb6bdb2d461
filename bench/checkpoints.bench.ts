// npm run bench:checkpoints — each checkpoint kind's time in TestDesk's engine (the checkpoint
// step's timings.total_ms) against the same check written by hand in Playwright, in one browser
// and one demo site:
//   visual         vs expect(locator).toHaveScreenshot() under @playwright/test (its own process)
//   accessibility  vs new AxeBuilder({ page }).withTags([...]).analyze() (@axe-core/playwright)
//   api            vs page.request.fetch() and checks on status, JSON and time
//   download       vs waitForEvent('download') + click + hashing and reading the file
// Prints p50s, the difference and the ratio (goal ≤ 1.2x). Figures only: it asserts nothing.
// Options: --rounds N (default 7).
import AxeBuilder from '@axe-core/playwright'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import { chromium, type Browser, type Page } from 'playwright'
import { startDemoSite, type DemoSiteServer } from '../src/main/demosite/server'
import { chromiumArgs, discoverBrowser } from '../src/main/runner/browsers'
import { runTest, type VisualBaselineKey } from '../src/main/runner/engine'
import { numbered, step, type StepSpec } from '../src/main/runner/engine/testing'
import { median } from './stats'

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } })
const ROUNDS = Math.max(2, Number(args.rounds) || 7)
const TAGS = ['wcag2a', 'wcag2aa']
const KNOWN = ['html-has-lang', 'image-alt', 'label', 'color-contrast', 'button-name', 'link-name']
const BADGE = '[data-testid=badge]'

const checkpoint = (c: Record<string, unknown>, target: string | null = null): StepSpec => step('checkpoint', target, null, { checkpoint: c, timeout_ms: 60_000 })

interface Kind {
  name: string
  anchor: string
  /** Steps before the measured one (not timed), then the timed ones. */
  setup: StepSpec[]
  timed: StepSpec[]
  /** The same check by hand on a page where `setup` already ran; returns its time in ms. */
  byHand?(page: Page, site: DemoSiteServer): Promise<number>
}

const KINDS: Kind[] = [
  {
    name: 'visual (element)',
    anchor: 'toHaveScreenshot',
    setup: [step('navigate', null, '/visual.html')],
    timed: [checkpoint({ type: 'screenshot', name: 'badge' }, BADGE)],
    // Measured in a @playwright/test process: toHaveScreenshot only runs inside a test.
  },
  {
    name: 'accessibility',
    anchor: '@axe-core/playwright',
    setup: [step('navigate', null, '/a11y-violations.html')],
    timed: [checkpoint({ type: 'accessibility', tags: TAGS, acknowledged: KNOWN.map((rule) => ({ rule })) })],
    async byHand(page) {
      const started = performance.now()
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze()
      const fresh = results.violations.filter((v) => !KNOWN.includes(v.id))
      if (fresh.length) throw new Error(`unexpected violations: ${fresh.map((v) => v.id).join(', ')}`)
      return performance.now() - started
    },
  },
  {
    name: 'api',
    anchor: 'page.request.fetch',
    setup: [step('navigate', null, '/index.html')],
    timed: [checkpoint({ type: 'api', url: '/api/users', assertions: [{ source: 'status', expected: 200 }, { source: 'json', path: '$.total', expected: 5 }, { source: 'time', operator: 'less_than', expected: 5000 }] })],
    async byHand(page, site) {
      const started = performance.now()
      const response = await page.request.fetch(new URL('/api/users', site.url).href)
      const body = await response.json()
      const elapsed = performance.now() - started
      if (response.status() !== 200 || body.total !== 5 || elapsed >= 5000) throw new Error('api check failed')
      return performance.now() - started
    },
  },
  {
    name: 'download (click + check)',
    anchor: "waitForEvent('download')",
    setup: [step('navigate', null, '/download.html')],
    timed: [step('click', '[data-testid=download-json]'), checkpoint({ type: 'download', file_name: '*.json', min_size: 200, contains: 'Gamma' })],
    async byHand(page) {
      const started = performance.now()
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=download-json]').click()])
      const path = await download.path()
      const bytes = readFileSync(path)
      createHash('sha256').update(bytes).digest('hex')
      if (!download.suggestedFilename().endsWith('.json') || bytes.length < 200 || !bytes.toString('utf8').includes('Gamma')) throw new Error('download check failed')
      return performance.now() - started
    },
  },
]

async function testdeskTime(browser: Browser, site: DemoSiteServer, kind: Kind, baselines: Map<string, Buffer>): Promise<number> {
  const context = await browser.newContext({ acceptDownloads: true })
  try {
    const outcome = await runTest({
      context,
      steps: numbered([...kind.setup, ...kind.timed]),
      baseUrl: site.url,
      variables: {},
      secrets: [],
      screenshots: 'off',
      stepTimeoutMs: 60_000,
      baselines: { get: (key: VisualBaselineKey) => baselines.get(key.name) ?? null },
    })
    if (outcome.status !== 'passed') throw new Error(`${kind.name}: ${outcome.errorMessage}`)
    for (const s of outcome.steps) for (const v of s.visuals ?? []) if (v.created) baselines.set(v.key.name, v.actual)
    return outcome.steps.slice(kind.setup.length).reduce((sum, s) => sum + s.timings.total_ms, 0)
  } finally {
    await context.close()
  }
}

async function handTime(browser: Browser, site: DemoSiteServer, kind: Kind): Promise<number> {
  const context = await browser.newContext({ acceptDownloads: true })
  try {
    const page = await context.newPage()
    await page.goto(new URL(String(kind.setup[0].value), site.url).href)
    return await kind.byHand!(page, site)
  } finally {
    await context.close()
  }
}

/** toHaveScreenshot's time per call, from a @playwright/test run of a generated spec. */
async function toHaveScreenshotTimes(site: DemoSiteServer, executable: string): Promise<number[]> {
  // Inside node_modules so the spec resolves @playwright/test from this checkout.
  const dir = resolve(import.meta.dirname, '..', 'node_modules', '.cache', `testdesk-bench-visual-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const out = join(dir, 'times.json')
  writeFileSync(
    join(dir, 'playwright.config.mjs'),
    `export default { testDir: ${JSON.stringify(dir)}, testIgnore: [], outputDir: ${JSON.stringify(join(dir, 'results'))}, reporter: 'line', workers: 1, use: { launchOptions: { executablePath: ${JSON.stringify(executable)}, args: ${JSON.stringify(chromiumArgs({ headless: true }))} } } }\n`,
  )
  writeFileSync(
    join(dir, 'visual.spec.mjs'),
    `import { test, expect } from '@playwright/test'
import { writeFileSync } from 'node:fs'
test('badge', async ({ browser }) => {
  test.setTimeout(600_000)
  const times = []
  for (let i = 0; i < ${ROUNDS}; i++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(${JSON.stringify(new URL('/visual.html', site.url).href)})
    const started = performance.now()
    await expect(page.locator(${JSON.stringify(BADGE)})).toHaveScreenshot('badge.png')
    times.push(performance.now() - started)
    await context.close()
  }
  writeFileSync(${JSON.stringify(out)}, JSON.stringify(times))
})
`,
  )
  const cli = resolve(import.meta.dirname, '..', 'node_modules', '@playwright', 'test', 'cli.js')
  try {
    // The first run writes the baseline (as a tester's first toHaveScreenshot run does), the second compares.
    // Asynchronously: the demo site answering the spec's browser lives in this process.
    const run = promisify(execFile)
    await run(process.execPath, [cli, 'test', '--config', join(dir, 'playwright.config.mjs'), '--update-snapshots'])
    await run(process.execPath, [cli, 'test', '--config', join(dir, 'playwright.config.mjs')])
    return JSON.parse(readFileSync(out, 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const found = await discoverBrowser('chromium')
  if (!found.found || !found.path) throw new Error(`The benchmark needs Chromium. ${found.hint}`)
  const site = await startDemoSite({ port: 0 })
  const browser = await chromium.launch({ executablePath: found.path, headless: true, args: chromiumArgs({ headless: true }) })
  console.log(`Checkpoint kinds, TestDesk vs hand-written Playwright: ${ROUNDS} rounds, Chromium ${browser.version()}, load ${loadavg()[0].toFixed(2)}`)
  const rows: string[][] = []
  try {
    for (const kind of KINDS) {
      const baselines = new Map<string, Buffer>()
      // A warm-up round for each side (the first also makes the visual baseline), not counted.
      await testdeskTime(browser, site, kind, baselines)
      if (kind.byHand) await handTime(browser, site, kind)
      const ours: number[] = []
      const theirs: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first, so a warming machine favours neither side.
        if (round % 2 === 0 || !kind.byHand) ours.push(await testdeskTime(browser, site, kind, baselines))
        if (kind.byHand) theirs.push(await handTime(browser, site, kind))
        if (round % 2 === 1 && kind.byHand) ours.push(await testdeskTime(browser, site, kind, baselines))
      }
      const anchor = kind.byHand ? theirs : await toHaveScreenshotTimes(site, found.path)
      const a = median(ours)
      const b = median(anchor)
      rows.push([kind.name, kind.anchor, a.toFixed(1), b.toFixed(1), (a - b).toFixed(1), (a / b).toFixed(2) + 'x'])
    }
  } finally {
    await browser.close()
    await site.close()
  }
  const headers = ['kind', 'anchor', 'TestDesk p50 ms', 'anchor p50 ms', 'diff ms', 'ratio']
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const row of [headers, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '))
  console.log('Goal: ratio ≤ 1.2x for each kind.')
}

await main()
