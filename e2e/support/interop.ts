// Running an exported Playwright project and comparing its verdicts with `testdesk run`'s, for
// the interop e2e test and `npm run bench:interop`.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
export const INTEROP_FIXTURES = join(ROOT, 'e2e/fixtures/interop')

export type Verdict = 'passed' | 'failed'

/** `✓ name` / `✗ name` lines of `testdesk run`'s output, by test name. */
export function testdeskVerdicts(stdout: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>()
  for (const line of stdout.split('\n')) {
    // `✓ Name (2.8 s)` or `✗ Name (8.2 s): Step 8 (…): why`
    const match = /^([✓✗]) (.+?) \((?:\d[\d.]* ?[a-z]+ ?)+\)(?::|$)/.exec(line)
    if (match) verdicts.set(match[2].trim(), match[1] === '✓' ? 'passed' : 'failed')
  }
  return verdicts
}

interface JsonSuite {
  specs?: { title: string; tests: { results: { status: string }[] }[] }[]
  suites?: JsonSuite[]
}

/** Playwright's JSON report by test title; a data-driven test's rows (`… (row 2)`) fold into one verdict. */
export function playwrightVerdicts(reportFile: string): Map<string, Verdict> {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { suites: JsonSuite[] }
  const verdicts = new Map<string, Verdict>()
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? []) {
      const name = spec.title.replace(/ \(row \d+\)$/, '')
      const passed = spec.tests.every((t) => t.results.length > 0 && t.results.every((r) => r.status === 'passed'))
      verdicts.set(name, verdicts.get(name) === 'failed' || !passed ? 'failed' : 'passed')
    }
    suite.suites?.forEach(visit)
  }
  report.suites.forEach(visit)
  return verdicts
}

/**
 * Runs `npx playwright test` in an exported project: its node_modules is this checkout's (what
 * `npm install` would give it, without the network), the browser the system's Chromium.
 */
export function runPlaywright(dir: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Promise<{ code: number | null; output: string }> {
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '--workers', '1', ...args], {
      cwd: dir,
      env: { ...process.env, TESTDESK_BROWSER_PATH: process.env.TESTDESK_BROWSER_PATH ?? '/usr/bin/chromium', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (d) => (output += d))
    child.stderr!.on('data', (d) => (output += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, output })
    })
  })
}

/** The fixture's text with the address it was written against replaced by the live demo site's. */
export function fixtureFor(name: string, siteUrl: string): string {
  return readFileSync(join(INTEROP_FIXTURES, name), 'utf8').replaceAll('http://localhost:8080/', siteUrl).replaceAll('http://localhost:8080', siteUrl.replace(/\/$/, ''))
}
