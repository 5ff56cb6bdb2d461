// The anchor for the report benchmark: the same synthetic run written as an @playwright/test
// project (tests × `test.step`, the same tests failing on an `expect`), run with Playwright's
// HTML reporter. No browser is needed: the tests are pure steps.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

export interface PlaywrightReport {
  /** The HTML reporter's output folder (index.html plus data files). */
  dir: string
  bytes: number
  /** Wall time of the whole `playwright test` run (tests and reporter together). */
  runMs: number
  exitCode: number | null
}

const REPO = resolve(import.meta.dirname, '..')

export function runPlaywrightEquivalent(root: string, options: { tests: number; steps: number; failEvery: number; files?: number }): PlaywrightReport {
  const project = join(root, 'pw-project')
  const outputDir = join(root, 'pw-report')
  mkdirSync(project, { recursive: true })
  // Resolve @playwright/test from this repository's node_modules.
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'), 'dir')
  writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n')
  writeFileSync(
    join(project, 'playwright.config.mjs'),
    "export default { testDir: './tests', fullyParallel: true, workers: 2, retries: 0, reporter: [['html', { open: 'never' }]] }\n",
  )
  const files = options.files ?? 10
  const perFile = Math.ceil(options.tests / files)
  mkdirSync(join(project, 'tests'), { recursive: true })
  for (let f = 0; f < files; f++) {
    const first = f * perFile
    const count = Math.min(perFile, options.tests - first)
    if (count <= 0) break
    writeFileSync(
      join(project, 'tests', `shop-${String(f + 1).padStart(2, '0')}.spec.mjs`),
      `import { test, expect } from '@playwright/test'
const ACTIONS = ['open the shop', 'click "Add to cart"', 'fill the card number', 'press Enter', 'check the total']
for (let i = ${first}; i < ${first + count}; i++) {
  test('Shop flow ' + String(i + 1).padStart(4, '0') + ' › checkout with saved card', async () => {
    for (let s = 0; s < ${options.steps}; s++) {
      await test.step('Step ' + (s + 1) + ': ' + ACTIONS[s % 5], async () => {
        if ((i + 1) % ${options.failEvery} === 0 && s === ${options.steps - 1}) expect('Payment declined').toBe('Order #' + i + ' confirmed')
      })
    }
  })
}
`,
    )
  }
  const cli = createRequire(join(REPO, 'package.json')).resolve('@playwright/test/cli')
  const started = performance.now()
  const run = spawnSync(process.execPath, [cli, 'test', '--reporter=html', '--workers=2'], {
    cwd: project,
    env: { ...process.env, PLAYWRIGHT_HTML_OPEN: 'never', PLAYWRIGHT_HTML_OUTPUT_DIR: outputDir, CI: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const runMs = performance.now() - started
  if (run.error) throw run.error
  if (run.status !== 0 && run.status !== 1) throw new Error(`playwright test exited ${run.status}:\n${run.stderr.slice(-2000)}`)
  return { dir: outputDir, bytes: folderBytes(outputDir), runMs, exitCode: run.status }
}

export function folderBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size
  }
  return total
}
