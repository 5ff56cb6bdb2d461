// `testdesk run` as testers and CI use it: separate processes, exit codes, output, and a run
// killed with SIGKILL that the next process records as interrupted with every finished result kept.
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoSite, type DemoSiteServer } from '../src/main/demosite/server'
import { DEMO_FAILING_TEST, DEMO_TEST_COUNT } from '../src/main/demo/demo-project'
import { BIN, runTestdesk, startTestdesk, tempDataDir } from './support/cli'

let site: DemoSiteServer
beforeAll(async () => {
  site = await startDemoSite()
})
afterAll(async () => {
  await site?.close()
})

describe('testdesk run', () => {
  it('testdesk demo then testdesk run gives the demo suite its expected verdicts', async () => {
    const dataDir = tempDataDir()
    const seeded = await runTestdesk(['demo', '--data-dir', dataDir])
    expect(seeded.code).toBe(0)
    const run = await runTestdesk(['run', '--suite', 'Demo', '--workers', '2', '--trace', 'off', '--data-dir', dataDir], {}, 600_000)
    expect(run.stderr).toContain(`${DEMO_TEST_COUNT} tests, 2 workers`)
    // Not a terminal: one line per finished test, then the summary.
    const lines = run.stdout.split('\n').filter((line) => /^[✓✗~-] /.test(line))
    expect(lines).toHaveLength(DEMO_TEST_COUNT)
    const failed = lines.filter((line) => line.startsWith('✗'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toContain(DEMO_FAILING_TEST)
    expect(failed[0]).toContain("Expected text of")
    expect(run.stdout).toContain(`${DEMO_TEST_COUNT - 1} passed, 1 failed of ${DEMO_TEST_COUNT}`)
    expect(run.code).toBe(1)

    const show = await runTestdesk(['show', '1', '--data-dir', dataDir])
    expect(show.code).toBe(0)
    expect(show.stdout).toContain('Pass (2/2)')
    expect(show.stdout).toContain("Data group 'Demo accounts' of Login: each account in the data set: 2 executions (bundle ")
    expect(show.stdout).toContain('Scripts: 2 passed, 0 failed, 0 skipped')
    expect(show.stdout).toContain(`✗ ${DEMO_FAILING_TEST}`)
    expect(show.stdout).toContain(`screenshot: ${join(dataDir, 'artifacts')}/`)
    const runs = await runTestdesk(['runs', '--status', 'completed', '--json', '--data-dir', dataDir])
    expect(JSON.parse(runs.stdout).items[0]).toMatchObject({ run_number: 1, failed_tests: 1 })
  }, 600_000)

  it('exits 0 when every test passed, and 2 on bad usage', async () => {
    const dataDir = tempDataDir()
    await runTestdesk(['demo', '--data-dir', dataDir])
    const out = join(dataDir, 'reports')
    const pass = await runTestdesk(['run', '--test', 'Smoke: demo user can sign in', '--report', 'html,junit', '--out', out, '--data-dir', dataDir])
    expect(pass.stdout).toMatch(/^✓ Smoke: demo user can sign in/m)
    expect(pass.stdout).toContain(`Report: ${join(out, 'report.html')}`)
    expect(pass.stdout).toContain(`Report: ${join(out, 'junit.xml')}`)
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8')
    expect(junit).toContain('Smoke: demo user can sign in')
    // The test's pre-script (Node) and post-script (in the page) ran, with what they printed and returned.
    expect(junit).toMatch(/"Demo API is up" \(pre-execution, critical\) passed in \d+ ms; returned 5; output: the demo site knows 5 users/)
    expect(junit).toMatch(/"Where the test ended" \(post-execution\) passed in \d+ ms; returned Login - TestDesk Demo; output: ended on \/login.html/)
    expect(pass.code).toBe(0)
    expect((await runTestdesk(['show', '1', '--data-dir', dataDir])).stdout).toContain('Scripts: 2 passed, 0 failed, 0 skipped')
    const failing = await runTestdesk(['run', '--test', DEMO_FAILING_TEST, '--test', 'Todos: delete an item', '--trace', 'off', '--data-dir', dataDir])
    expect(failing.code).toBe(1)
    const rerun = await runTestdesk(['rerun', '2', '--only', 'failed', '--data-dir', dataDir])
    expect(rerun.stdout).toMatch(new RegExp(`^✗ ${DEMO_FAILING_TEST.replace(/[()]/g, '\\$&')}`, 'm'))
    expect(rerun.stdout).toContain('Run_002 rerun: completed. 0 passed, 1 failed of 1')
    expect(rerun.code).toBe(1)
    const badReport = await runTestdesk(['run', '--report', 'pdf', '--data-dir', dataDir])
    expect(badReport.code).toBe(2)
    expect(badReport.stderr).toContain("--report: unknown format 'pdf'")
    const unknown = await runTestdesk(['run', '--test', 'No such test', '--data-dir', dataDir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("No test named 'No such test'")
    const workers = await runTestdesk(['run', '--workers', '11', '--data-dir', dataDir])
    expect(workers.code).toBe(2)
    expect(workers.stderr).toContain('--workers must be a whole number from 1 to 10')
    const browser = await runTestdesk(['run', '--browser', 'netscape', '--data-dir', dataDir])
    expect(browser.code).toBe(2)
    const env = await runTestdesk(['run', '--env', 'Nowhere', '--data-dir', dataDir])
    expect(env.code).toBe(2)
    expect(env.stderr).toContain("No environment named 'Nowhere'")
    const noBrowser = await runTestdesk(['run', '--data-dir', dataDir], { TESTDESK_BROWSER_PATH: '/no/browser' })
    expect(noBrowser.code).toBe(2)
    expect(noBrowser.stderr).toContain('npx playwright install chromium')
  }, 120_000)

  it('Ctrl+C stops after the current steps, a second Ctrl+C cancels; a terminal gets a live progress bar', async () => {
    const dataDir = tempDataDir()
    const file = join(dataDir, 'slow.json')
    writeFileSync(file, JSON.stringify(slowProject()))
    expect((await runTestdesk(['import', file, '--data-dir', dataDir])).code).toBe(0)
    const running = startTestdesk(['run', '--data-dir', dataDir])
    await running.waitFor(/^✓ A quick one/m, 120_000)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    running.child.kill('SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 500))
    running.child.kill('SIGINT')
    expect(await running.stop()).toBe(1)
    expect(running.output()).toContain('Stopping after the current steps')
    expect(running.output()).toContain('Cancelling')
    expect(running.output()).toMatch(/Run_001: cancelled\. 1 passed, 0 failed, 2 not run of 3/)

    // Under a pseudo-terminal (script(1)), the same command draws a progress bar it keeps redrawing.
    const tty = await new Promise<string>((resolve) => {
      const child = spawn('script', ['-qfc', `${process.execPath} ${BIN} run --test "A quick one" --data-dir ${dataDir}`, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] })
      let output = ''
      child.stdout.on('data', (d) => (output += d))
      child.on('close', () => resolve(output))
    })
    expect(tty).toMatch(/\[\.+\] 0\/1 ✓0 ✗0  A quick one/)
    expect(tty).toMatch(/\[#+\] 1\/1 ✓1 ✗0/)
    expect(tty).toContain('\r\x1b[2K')
    expect(tty).toMatch(/✓ A quick one/)
  }, 180_000)

  it('keeps every finished result when the process is killed, and records the run as interrupted', async () => {
    const dataDir = tempDataDir()
    const project = slowProject()
    const file = join(dataDir, 'kill.json')
    writeFileSync(file, JSON.stringify(project))
    expect((await runTestdesk(['import', file, '--data-dir', dataDir])).code).toBe(0)
    const running = startTestdesk(['run', '--data-dir', dataDir])
    await running.waitFor(/^✓ A quick one/m, 120_000)
    // Give B time to start its long wait, then kill the process without any chance to clean up.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    running.child.kill('SIGKILL')
    await running.stop()

    const show = await runTestdesk(['show', '1', '--json', '--data-dir', dataDir])
    expect(show.code).toBe(0)
    const { run, summary } = JSON.parse(show.stdout)
    expect(run.status).toBe('failed')
    const byName = Object.fromEntries(summary.items.map((i: { test_case_name: string }) => [i.test_case_name, i]))
    expect(byName['A quick one']).toMatchObject({ status: 'passed' })
    expect(byName['B slow one']).toMatchObject({ status: 'failed', error_message: 'Interrupted: TestDesk stopped while this test was running' })
    expect(byName['C never starts']).toMatchObject({ status: 'no_run', error_message: 'Interrupted: TestDesk stopped before this test ran' })
    const db = join(dataDir, 'testdesk.db')
    const steps = execFileSync(process.execPath, [
      '-e',
      `const D=require('better-sqlite3');const db=new D(${JSON.stringify(db)},{readonly:true});console.log(db.prepare("select count(*) n from test_step_results s join test_run_results r on r.id=s.test_run_result_id join test_cases c on c.id=r.test_case_id where c.name='A quick one' and s.status='passed'").get().n)`,
    ], { encoding: 'utf8' })
    expect(steps.trim()).toBe('1')
  }, 180_000)
})

/** Three tests: a quick one, one waiting a minute, one after it. */
function slowProject() {
  return {
    format: 'testdesk-project',
    version: 1,
    project: { id: '01a20000-0000-7000-8000-0000000000aa', name: 'Kill test' },
    tests: [
      { id: '01a20000-0000-7000-8000-0000000000a1', name: 'A quick one', steps: [{ id: '01a20000-0000-7000-8000-0000000000b1', action: 'navigate', value: site.url }] },
      {
        id: '01a20000-0000-7000-8000-0000000000a2',
        name: 'B slow one',
        steps: [
          { id: '01a20000-0000-7000-8000-0000000000b2', action: 'navigate', value: site.url },
          { id: '01a20000-0000-7000-8000-0000000000b3', action: 'wait', options: { ms: 60_000 } },
        ],
      },
      { id: '01a20000-0000-7000-8000-0000000000a3', name: 'C never starts', steps: [{ id: '01a20000-0000-7000-8000-0000000000b4', action: 'navigate', value: site.url }] },
    ],
  }
}
