// `npm start` on a machine without a display: browser mode with the demo project, in the data
// folder given with --data-dir, and no advice to start what it is already starting.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runTestdesk, startTestdesk, tempDataDir, type LongRunning } from './support/cli'

const START = resolve(import.meta.dirname, '../scripts/start.mjs')
let start: LongRunning | undefined

afterAll(async () => {
  await start?.stop()
})

describe('npm start without a display', () => {
  it('serves the demo from the --data-dir it was given, without the demo command\'s hints', async () => {
    const dataDir = tempDataDir()
    // Where the data would go without --data-dir: it must stay empty.
    const home = tempDataDir('td-home-')
    start = startTestdesk(['--headless', '--data-dir', dataDir], { TESTDESK_HOME: home }, START)
    await start.waitFor(/Open this URL in your browser: (\S+)/, 120_000)
    const output = start.output()
    expect(output).toContain('Starting TestDesk in browser mode instead, with the demo project.')
    expect(output).toMatch(/Added the demo: \d+ tests in suite Demo\./)
    expect(output).toContain(`Data directory: ${dataDir}`)
    expect(output).not.toContain('testdesk serve')
    expect(output).not.toContain('Next:')
    expect(existsSync(join(home, 'testdesk.db'))).toBe(false)
    expect(await start.stop()).toBe(0)

    const suites = await runTestdesk(['suites', '--data-dir', dataDir])
    expect(suites.stdout).toContain('Demo')
  }, 180_000)

  it('names what it takes when given something else', async () => {
    const wrong = await runTestdesk(['--data-folder', '/tmp/x'], {}, 30_000, undefined, START)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain("Unknown option '--data-folder'")
    expect(wrong.stderr).toContain('--data-dir PATH')
  })
})
