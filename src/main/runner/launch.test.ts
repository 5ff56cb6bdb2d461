// A browser that starts and dies at once: the error names the executable, how it ended and what
// it printed; a browser started ahead is the one the run's first worker uses.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../core'
import { discoverBrowser } from './browsers'
import { BrowsersAhead } from './browsers-ahead'
import { BrowserUnavailableError, launchBrowser, launchKey, resolveExecutable, type LaunchSettings } from './launch'

const headless: LaunchSettings = { browser: 'chromium', headless: true }

describe('a browser that starts and dies at once', () => {
  it('says which executable, that it exited at once with its code, and that it printed nothing', async () => {
    const error = await launchBrowser(headless, '/bin/false').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrowserUnavailableError)
    expect((error as Error).message).toMatch(/^Cannot start chromium \(\/bin\/false\): it exited at once with code 1 without printing anything\n/)
    expect((error as Error).message).not.toContain('Target page, context or browser has been closed')
  })

  it('quotes what it printed', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'td-browser-')), 'chrome')
    writeFileSync(script, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n')
    chmodSync(script, 0o755)
    const error = (await launchBrowser(headless, script).catch((e: unknown) => e)) as Error
    expect(error.message).toContain(`Cannot start chromium (${script}): it exited at once with code 127, printing:\n  error while loading shared libraries: libnss3.so`)
  })
})

describe('a browser started ahead of a run', () => {
  let core: Core | null = null
  afterEach(async () => core?.close())

  it("is the run's first browser, not a second one", async () => {
    const browsersAhead = new BrowsersAhead()
    core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-ahead-')), browsersAhead })
    const call = async (name: string, input: unknown) => {
      const reply = await core!.dispatcher.call(name, input, { transport: 'direct' })
      if (!reply.ok) throw new Error(reply.error.message)
      return reply.value as { id: string }
    }
    expect((await discoverBrowser('chromium')).found).toBe(true)
    const executable = await resolveExecutable(headless)
    const ahead = await browsersAhead.start(headless, executable)
    const test = await call('tests.create', { name: 'Blank', steps: [{ action: 'navigate', value: 'about:blank' }] })
    const run = await call('runs.create', { test_case_ids: [test.id], browser_name: 'chromium', options: { headless: true } })
    await call('runs.start', { id: run.id })
    const finished = await core.runner!.waitFor(run.id)
    expect(finished).toMatchObject({ status: 'completed', passed_tests: 1, browser_version: ahead.version() })
    // The worker used it, and closed it when the run ended.
    expect(ahead.isConnected()).toBe(false)
  })

  it('closes with the core when no run took it, even without a runner', async () => {
    const browsersAhead = new BrowsersAhead()
    core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-ahead-')), databasePath: ':memory:', execution: 'manual', browsersAhead })
    const ahead = await browsersAhead.start(headless, await resolveExecutable(headless))
    await core.close()
    expect(ahead.isConnected()).toBe(false)
    expect(browsersAhead.take(launchKey(headless, await resolveExecutable(headless)))).toBeNull()
  })
})
