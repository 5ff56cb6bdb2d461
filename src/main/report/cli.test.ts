// `testdesk report` and `testdesk history` as a tester or CI runs them: a separate process,
// exit codes, and what they print.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runTestdesk, tempDataDir } from '../../../e2e/support/cli'
import { openCore } from '../core'
import { buildFixtureRun, type FixtureRun } from '../testing/fixture-runs'

let dataDir: string
let fixture: FixtureRun

beforeAll(async () => {
  dataDir = tempDataDir()
  const core = await openCore({ dataDir, execution: 'manual' })
  fixture = await buildFixtureRun(core)
  await core.close()
})

describe('testdesk report', () => {
  it('writes the HTML report of a run named by number and prints its path', async () => {
    const result = await runTestdesk(['report', '1', '--data-dir', dataDir])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const path = result.stdout.trim()
    expect(path).toBe(join(dataDir, 'reports', 'Run_001', 'report.html'))
    expect(readFileSync(path, 'utf8')).toContain('<h1 id="run-title">Run_001')
  })

  it('writes JUnit to a chosen file by run name, with --json', async () => {
    const out = join(tempDataDir('td-cli-out-'), 'ci', 'junit.xml')
    const result = await runTestdesk(['report', 'Run_001', '--format', 'junit', '-o', out, '--json', '--data-dir', dataDir])
    expect(result.code).toBe(0)
    const written = JSON.parse(result.stdout)
    expect(written).toMatchObject({ path: out, format: 'junit', run: { id: fixture.runId, name: 'Run_001', number: 1 } })
    expect(readFileSync(out, 'utf8')).toContain('<testsuites>')
  })

  it('exits 2 with a clear message for an unknown run or a bad flag', async () => {
    const unknown = await runTestdesk(['report', '99', '--data-dir', dataDir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("No test run matches '99'")
    const format = await runTestdesk(['report', '1', '--format', 'pdf', '--data-dir', dataDir])
    expect(format.code).toBe(2)
    expect(format.stderr).toContain('--format must be one of html, junit, json (got "pdf")')
    const images = await runTestdesk(['report', '1', '--format', 'json', '--images', 'beside', '--data-dir', dataDir])
    expect(images.code).toBe(2)
    expect(images.stderr).toContain('--images applies to the html format only')
    const folder = await runTestdesk(['report', '1', '-o', dataDir, '--data-dir', dataDir])
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain('path: ')
    expect(folder.stderr).toContain('is a folder')
    expect((await runTestdesk(['report', '--data-dir', dataDir])).code).toBe(2)
    expect(existsSync(join(dataDir, 'report.html'))).toBe(false)
  })
})

describe('testdesk show', () => {
  it('says each failure once with the files to open, and keeps TestDesk’s stack for --debug', async () => {
    const result = await runTestdesk(['show', '1', '--data-dir', dataDir])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Run_001 (#1)  Completed: 2 failed, 1 skipped, 1 not run of 7  3/7 passed (42.86%)')
    // The last attempt of the failed test, and the failed iteration of the data-driven one.
    expect(result.stdout.split(fixture.failure.message).length - 1).toBe(1)
    expect(result.stdout).toContain(`✗ ${fixture.names.failed}\n    Failed at step 3: assert step 3\n    ${fixture.failure.message}\n`)
    expect(result.stdout).toContain(`✗ ${fixture.names.dataFail} [iteration 2]\n    Failed at step 1: navigate step 1\n    Missing translation\n`)
    expect(result.stdout).toContain(`    screenshot: ${join(dataDir, fixture.screenshotPaths[0])}\n`)
    expect(result.stdout).toContain(`    trace:      npx playwright show-trace ${join(dataDir, fixture.tracePath)}\n`)
    expect(result.stdout).not.toContain('<data-dir>')
    expect(result.stdout).not.toContain('checkout.spec')
    const json = JSON.parse((await runTestdesk(['show', '1', '--json', '--data-dir', dataDir])).stdout)
    expect(json.failures.map((f: { failure: { message: string } }) => f.failure.message)).toEqual([fixture.failure.message, 'Missing translation'])
    expect(json.failures[0]).toMatchObject({ trace_file: join(dataDir, fixture.tracePath), screenshot_file: join(dataDir, fixture.screenshotPaths[0]) })
    expect(JSON.stringify(json)).not.toContain('checkout.spec')
    const debug = await runTestdesk(['show', '1', '--debug', '--data-dir', dataDir])
    expect(debug.stdout).toContain('    debug, step 3:\n      at checkout.spec:3\n')
  }, 90_000)
})

describe('testdesk history', () => {
  it('prints a test case’s executions and statistics', async () => {
    const result = await runTestdesk(['history', fixture.names.failed, '--data-dir', dataDir])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Checkout fails: 2 of 2 executions')
    expect(result.stdout).toMatch(/Run_001\s+failed\s+/)
    expect(result.stdout).toContain('attempt 2')
    expect(result.stdout).not.toContain('retry 1')
    expect(result.stdout).toContain('Executions 2: 0 passed, 2 failed, 0 skipped')
    expect(result.stdout).toContain('Pass rate 0.00%')
  })

  it('gives JSON with --json, honours --limit, and finds tests by id', async () => {
    const byName = await runTestdesk(['history', fixture.names.flaky, '--limit', '1', '--json', '--data-dir', dataDir])
    expect(byName.code).toBe(0)
    const history = JSON.parse(byName.stdout)
    expect(history).toMatchObject({ test_case_name: 'Search is flaky', total: 2, limit: 1, statistics: { flaky_runs: 1, flaky_rate: 100, overall_pass_rate: 50 } })
    expect(history.history).toHaveLength(1)
    const byId = await runTestdesk(['history', history.test_case_id, '--json', '--data-dir', dataDir])
    expect(JSON.parse(byId.stdout).test_case_name).toBe('Search is flaky')
  })

  it('shows a suite’s trend with --suite', async () => {
    const result = await runTestdesk(['history', '--suite', 'Regression', '--data-dir', dataDir])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Suite Regression: last 1 finished run')
    expect(result.stdout).toMatch(/Run_001\s+\S+ \S+\s+7\s+3\s+2\s+1\s+42\.86%/)
  })

  it('exits 2 for an unknown test or a bad flag', async () => {
    const unknown = await runTestdesk(['history', 'No such test', '--data-dir', dataDir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('No test case named "No such test"')
    const limit = await runTestdesk(['history', fixture.names.failed, '--limit', '0', '--data-dir', dataDir])
    expect(limit.code).toBe(2)
    expect(limit.stderr).toContain('--limit must be a whole number from 1 to 100')
    expect((await runTestdesk(['history', '--data-dir', dataDir])).code).toBe(2)
  })
})
