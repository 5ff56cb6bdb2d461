// Tests in and out through the real `testdesk` command: Selenium IDE and DevTools Recorder files
// written against the demo site are imported (dry run first) and replayed green with `testdesk
// run`; the demo suite is exported to Playwright Test and run with Playwright's own runner, with
// the same verdict per test as `testdesk run` (the test that fails on purpose fails in both).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_FAILING_TEST, DEMO_SECRETS, DEMO_TEST_COUNT } from '../src/main/demo/demo-project'
import { runTestdesk, startTestdesk, tempDataDir, type LongRunning } from './support/cli'
import { fixtureFor, playwrightVerdicts, runPlaywright, testdeskVerdicts } from './support/interop'

let site: LongRunning
let siteUrl: string
beforeAll(async () => {
  site = startTestdesk(['demo-site'])
  siteUrl = (await site.waitFor(/Demo site: (http:\/\/\S+)/))[1]
})
afterAll(() => site?.stop())

describe('import from Selenium IDE and DevTools Recorder', () => {
  it('dry-runs, imports and replays the imported tests green', async () => {
    const dataDir = tempDataDir()
    const dir = mkdtempSync(join(tmpdir(), 'td-interop-'))
    const side = join(dir, 'demo-site.side')
    writeFileSync(side, fixtureFor('demo-site.side', siteUrl))
    const recording = join(dir, 'login.json')
    writeFileSync(recording, fixtureFor('demo-login.recording.json', siteUrl))
    const widgets = join(dir, 'widgets.json')
    writeFileSync(widgets, fixtureFor('demo-widgets.recording.json', siteUrl))

    const dry = await runTestdesk(['import-side', side, '--dry-run', '--data-dir', dataDir])
    expect(dry.stdout).toContain('(dry run: nothing written)')
    expect(dry.stdout).toContain('would create: 1 browser configuration, 1 environment, 5 tests, 3 suites')
    expect((await runTestdesk(['tests', '--data-dir', dataDir])).stdout).toContain('0 tests')

    const imported = await runTestdesk(['import-side', side, '--data-dir', dataDir])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('commands: 79, converted: 79, not converted: 0')
    expect((await runTestdesk(['import-recording', recording, '--data-dir', dataDir])).code).toBe(0)
    const partial = await runTestdesk(['import-recording', widgets, '--json', '--data-dir', dataDir])
    expect(JSON.parse(partial.stdout).counts).toEqual({ commands: 26, converted: 21, unconverted: 5 })

    const run = await runTestdesk(['run', '--suite', 'Demo site', '--suite', 'DevTools recordings', '--trace', 'off', '--data-dir', dataDir], {}, 300_000)
    const verdicts = testdeskVerdicts(run.stdout)
    expect(verdicts.size, run.stdout + run.stderr).toBe(7)
    expect([...verdicts].filter(([, v]) => v !== 'passed'), run.stdout).toEqual([])
    expect(run.code).toBe(0)

    const bad = join(dir, 'bad.side')
    writeFileSync(bad, '{"name": "Broken", "tests": [{"id": "t", "name": "T", "commands": [{"command": 3}]}]}')
    const refused = await runTestdesk(['import-side', bad, '--data-dir', dataDir])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('bad.side is not a Selenium IDE project: tests.0.commands.0.command: must be the command name')
  }, 360_000)
})

describe('export to Playwright Test', () => {
  it('the exported demo tests give the same verdict per test under Playwright as under testdesk run', async () => {
    const dataDir = tempDataDir()
    expect((await runTestdesk(['demo', '--data-dir', dataDir])).code).toBe(0)
    const out = mkdtempSync(join(tmpdir(), 'td-pw-'))
    const exported = await runTestdesk(['export-playwright', '--suite', 'Demo', '-o', out, '--data-dir', dataDir])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(new RegExp(`Wrote ${DEMO_TEST_COUNT} tests in \\d+ specs`)) // every demo test, one spec per suite
    expect(exported.stdout).toContain('PASSWORD: secret variable')
    for (const file of ['playwright.config.ts', 'testdesk.ts', 'tests/demo-login.spec.ts']) expect(readFileSync(join(out, file), 'utf8')).not.toContain(DEMO_SECRETS.accounts[1])

    // The test that fails on purpose, one that passes, and the data-driven login with its secrets.
    const chosen = [DEMO_FAILING_TEST, 'Table: filter by role', 'Login: each account in the data set']
    const env = { DEMO_SITE_BASE_URL: siteUrl, PASSWORD: DEMO_SECRETS.environment.password, DEMO_ACCOUNTS_PASSWORD_1: DEMO_SECRETS.accounts[0], DEMO_ACCOUNTS_PASSWORD_2: DEMO_SECRETS.accounts[1] }
    const playwright = await runPlaywright(out, ['tests/demo-table.spec.ts', 'tests/demo-login.spec.ts', '--grep', 'joined dates|filter by role|each account'], env)
    const pw = playwrightVerdicts(join(out, 'results.json'))
    const run = await runTestdesk(['run', ...chosen.flatMap((name) => ['--test', name]), '--trace', 'off', '--data-dir', dataDir], {}, 300_000)
    const td = testdeskVerdicts(run.stdout)
    expect(td.size, run.stdout).toBe(3)
    expect(Object.fromEntries(pw), playwright.output.slice(-3000)).toEqual(Object.fromEntries(td))
    expect(pw.get(DEMO_FAILING_TEST)).toBe('failed')
    expect(playwright.code).toBe(1)

    // Without the secret the test says which variable to set, instead of typing nothing.
    const missing = await runPlaywright(out, ['tests/demo-login.spec.ts', '--grep', 'each account'], { DEMO_SITE_BASE_URL: siteUrl, PASSWORD: '', DEMO_ACCOUNTS_PASSWORD_1: '', DEMO_ACCOUNTS_PASSWORD_2: '' })
    expect(missing.output).toContain('Set the environment variable DEMO_ACCOUNTS_PASSWORD_1')
  }, 420_000)
})
