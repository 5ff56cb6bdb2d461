// The CLI as a user meets it: a separate process, exit codes and what it prints.
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { BIN, runTestdesk, tempDataDir } from '../../../e2e/support/cli'
import { openCore } from '../core'
import { DEMO_TEST_COUNT } from '../demo/demo-project'
import { buildFixtureRun } from '../testing/fixture-runs'

describe('testdesk CLI', () => {
  it('prints help for the program and for every command, exit 0', async () => {
    const main = await runTestdesk(['--help'])
    expect(main.code).toBe(0)
    for (const command of ['info', 'serve', 'demo-site']) expect(main.stdout).toContain(command)
    for (const command of ['info', 'serve', 'demo-site']) {
      const help = await runTestdesk([command, '--help'])
      expect(help.code, command).toBe(0)
      expect(help.stdout).toContain(`Usage: testdesk ${command}`)
    }
  })

  it('prints its version', async () => {
    const result = await runTestdesk(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('info --json describes the installation in the chosen data directory', async () => {
    const dataDir = tempDataDir()
    const result = await runTestdesk(['info', '--json', '--data-dir', dataDir])
    expect(result.code).toBe(0)
    const info = JSON.parse(result.stdout)
    expect(info).toMatchObject({ appName: 'TestDesk', dataDir, schemaVersion: expect.any(Number) })
    expect(info.browser).toHaveProperty('found')
  })

  it('takes the data directory from TESTDESK_HOME when no flag is given', async () => {
    const dataDir = tempDataDir()
    const result = await runTestdesk(['info', '--json'], { TESTDESK_HOME: dataDir })
    expect(JSON.parse(result.stdout).dataDir).toBe(dataDir)
  })

  it('exits 2 with a useful message on bad usage', async () => {
    const unknown = await runTestdesk(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/)
    const badPort = await runTestdesk(['serve', '--port', 'seventy'])
    expect(badPort.code).toBe(2)
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535 (got "seventy")')
    const badOption = await runTestdesk(['info', '--colour'])
    expect(badOption.code).toBe(2)
  })

  it('reports a bad browser path instead of silently using another browser', async () => {
    const result = await runTestdesk(['info', '--data-dir', tempDataDir()], { TESTDESK_BROWSER_PATH: '/no/such/browser' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('none found')
    expect(result.stdout).toContain('/no/such/browser, which does not exist')
  })
})

describe('testdesk demo and show, through the contract', () => {
  it('demo adds the demo (then refreshes it) in the project named, or the default one, and refuses an unknown one', async () => {
    const dataDir = tempDataDir()
    const core = await openCore({ dataDir, execution: 'manual' })
    // The first project made is the default one: make it first, then another.
    await core.dispatcher.call('projects.getDefault', {}, { transport: 'direct' })
    await core.dispatcher.call('projects.create', { name: 'Showcase' }, { transport: 'direct' })
    await core.close()
    const named = await runTestdesk(['demo', '--project', 'showcase', '--data-dir', dataDir])
    expect(named.code).toBe(0)
    expect(named.stdout).toContain(`Added the demo: ${DEMO_TEST_COUNT} tests in suite Demo.`)
    expect(named.stdout).toContain('testdesk run --suite Demo --project Showcase')
    const again = await runTestdesk(['demo', '--project', 'Showcase', '--json', '--data-dir', dataDir])
    const refreshed = JSON.parse(again.stdout)
    expect(refreshed).toMatchObject({ project_name: 'Showcase' })
    expect(refreshed.created.tests ?? 0).toBe(0)
    const unknown = await runTestdesk(['demo', '--project', 'Nowhere', '--data-dir', dataDir])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("No project named 'Nowhere'")
    const inDefault = await runTestdesk(['demo', '--data-dir', tempDataDir()])
    expect(inDefault.stdout).toContain(`Added the demo: ${DEMO_TEST_COUNT} tests in suite Demo.`)
    expect(inDefault.stdout).toContain('testdesk run --suite Demo        run them')
  })

  it('show names the data group of each bundle of executions', async () => {
    const dataDir = tempDataDir()
    const core = await openCore({ dataDir, execution: 'manual' })
    const call = async (name: string, input: unknown): Promise<any> => {
      const reply = await core.dispatcher.call(name, input, { transport: 'direct' })
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`)
      return reply.value
    }
    const accounts = await call('dataSets.create', { name: 'Accounts', columns: [{ name: 'user' }], rows: ['ann', 'bob'].map((user) => ({ values: { user } })) })
    const login = await call('tests.create', { name: 'Login per account', data_set_id: accounts.id })
    const home = await call('tests.create', { name: 'Home' })
    const run = await call('runs.create', { test_case_ids: [login.id, home.id] })
    await call('runs.start', { id: run.id })
    for (const item of (await call('runItems.list', { test_run_id: run.id })).items) {
      const iterations = item.test_case_id === login.id ? 2 : 1
      for (let i = 1; i <= iterations; i++) {
        await call('results.submit', { test_run_id: run.id, test_run_item_id: item.id, test_case_id: item.test_case_id, status: 'passed', iteration_number: i, completes_item: i === iterations })
      }
    }
    await core.close()
    const show = await runTestdesk(['show', '1', '--data-dir', dataDir])
    expect(show.code).toBe(0)
    expect(show.stdout).toContain("Data group 'Accounts' of Login per account: 2 executions (bundle ")
    expect(show.stdout).toContain('Data group (the test itself) of Home: 1 execution (bundle ')
    const shown = JSON.parse((await runTestdesk(['show', '1', '--json', '--data-dir', dataDir])).stdout)
    expect(shown.bundles.map((b: { test: string; data_group: string | null }) => [b.test, b.data_group]).sort()).toEqual([['Home', null], ['Login per account', 'Accounts']])
  })
})

describe('testdesk output into a pipe that closes early', () => {
  // `testdesk suites | head -1`: the reader is gone before TestDesk has written everything.
  function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      child.stdout.destroy()
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stderr }))
    })
  }

  it('exits quietly with the command’s own code (listings, run details, JSON)', async () => {
    const dataDir = tempDataDir()
    const core = await openCore({ dataDir, execution: 'manual' })
    await buildFixtureRun(core)
    await core.close()
    for (const args of [['suites'], ['tests'], ['show', '1'], ['runs', '--json']]) {
      const result = await runIntoClosedPipe([...args, '--data-dir', dataDir])
      expect(result.stderr, args.join(' ')).toBe('')
      expect(result.code, args.join(' ')).toBe(0)
    }
  })
})
