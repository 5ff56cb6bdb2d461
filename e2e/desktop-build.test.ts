// The desktop window loads the UI from file:// (out/renderer), where asset paths must stay
// relative, while browser mode serves its own build with absolute ones. `npm run build` as a
// user runs it, then the built page opened from disk in real Chromium.
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchTestBrowser } from './support/browser'
import { tempDataDir } from './support/cli'
import { REPO } from './support/fresh-copy'

let browser: Browser
const outDir = tempDataDir('td-desktop-build-')

beforeAll(async () => {
  // Electron lets a page from file:// load its module scripts; plain Chromium needs this switch.
  browser = await launchTestBrowser(['--allow-file-access-from-files'])
})
afterAll(async () => {
  await browser?.close()
  rmSync(outDir, { recursive: true, force: true })
})

function build(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('the desktop build', () => {
  it('opens from file:// with every asset found', async () => {
    const built = await build()
    expect(built.code, built.output).toBe(0)
    const page = await browser.newPage()
    const failed: string[] = []
    page.on('requestfailed', (request) => failed.push(request.url()))
    await page.goto(pathToFileURL(join(outDir, 'renderer/index.html')).href)
    await page.getByRole('navigation', { name: 'Sections' }).waitFor()
    // The contract calls fail here (a page from disk has no host; Electron gives it a bridge): not the build's files.
    expect(failed.filter((url) => url.startsWith(pathToFileURL(outDir).href))).toEqual([])
    const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=icon]')?.getAttribute('href'))
    expect(icon).toBe('./favicon.svg')
    await page.close()
  }, 180_000)
})
