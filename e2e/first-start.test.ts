// The first start as a new user meets it: a clone where nothing was ever built (no CLI bundle,
// no UI), `testdesk serve` started as a process, the URL it prints opened in real Chromium.
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchTestBrowser } from './support/browser'
import { startTestdesk, tempDataDir, type LongRunning } from './support/cli'
import { freshCopy } from './support/fresh-copy'

let browser: Browser
let copy: string
let serve: LongRunning | undefined

beforeAll(async () => {
  copy = freshCopy()
  browser = await launchTestBrowser()
})

afterAll(async () => {
  await browser?.close()
  await serve?.stop()
  rmSync(copy, { recursive: true, force: true })
})

describe('first start from a fresh clone', () => {
  it('testdesk serve builds the UI, says so, and the printed URL shows the app', async () => {
    expect(existsSync(join(copy, 'out'))).toBe(false)
    const dataDir = tempDataDir()
    // As a user has it: the UI goes to the copy's own out/ folder, not the tests' build folder.
    serve = startTestdesk(['serve', '--data-dir', dataDir], { TESTDESK_UI_DIR: undefined }, join(copy, 'bin/testdesk.mjs'))
    const url = (await serve.waitFor(/Open this URL in your browser: (\S+)/, 180_000))[1]
    expect(serve.output()).toMatch(/Building the TestDesk UI for browser mode \(first start: a few seconds, up to a minute/)
    expect(serve.output()).toMatch(/Built the UI in \d+\.\d s/)
    expect(existsSync(join(copy, 'out/browser/index.html'))).toBe(true)

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url)
    await page.getByRole('navigation', { name: 'Sections' }).waitFor()
    await page.getByRole('main', { name: 'Tests' }).getByRole('tree').waitFor() // the suite tree, the first screen
    expect(errors).toEqual([])
    await page.close()
  }, 240_000)
})
