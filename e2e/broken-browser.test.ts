// `testdesk run` with a browser that starts and dies at once: a broken environment, exit 2 with
// the executable and what it printed, and no run created.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTestdesk, tempDataDir } from './support/cli'

describe('testdesk run with a browser that dies at once', () => {
  it('exits 2 naming the executable and what it printed, and creates no run', async () => {
    const dataDir = tempDataDir()
    expect((await runTestdesk(['demo', '--data-dir', dataDir])).code).toBe(0)

    const dead = await runTestdesk(['run', '--suite', 'Demo', '--data-dir', dataDir], { TESTDESK_BROWSER_PATH: '/bin/false' })
    expect(dead.code).toBe(2)
    expect(dead.stderr).toContain('Cannot start chromium (/bin/false): it exited at once with code 1 without printing anything')
    expect(dead.stdout).toBe('')

    const script = join(mkdtempSync(join(tmpdir(), 'td-browser-')), 'chrome')
    writeFileSync(script, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n')
    chmodSync(script, 0o755)
    const noisy = await runTestdesk(['run', '--test', 'Smoke: demo user can sign in', '--data-dir', dataDir], { TESTDESK_BROWSER_PATH: script })
    expect(noisy.code).toBe(2)
    expect(noisy.stderr).toContain(`(${script}): it exited at once with code 127, printing:\n  error while loading shared libraries: libnss3.so`)

    const runs = await runTestdesk(['runs', '--json', '--data-dir', dataDir])
    expect(JSON.parse(runs.stdout)).toMatchObject({ total: 0, items: [] })
  }, 120_000)
})
