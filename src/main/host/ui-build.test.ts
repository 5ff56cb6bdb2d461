import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { browserUiDir, ensureBrowserUi, readUiStamp, uiSourcesHash, UI_DIR_ENV } from './ui-build'

const made: string[] = []
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function project(files: Record<string, string>): string {
  const root = tempDir('td-uiproj-')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const SOURCES = {
  'src/renderer/index.html': '<div id="root"></div>',
  'src/renderer/src/App.tsx': 'export const App = 1',
  'src/shared/model.ts': 'export const x = 1',
  'electron.vite.config.ts': 'export default {}',
  'package-lock.json': '{}',
}

describe('uiSourcesHash', () => {
  it('changes with the UI sources, the shared model, the config and the locked dependencies', () => {
    const root = project(SOURCES)
    const seen = new Set([uiSourcesHash(root)])
    for (const path of ['src/renderer/src/App.tsx', 'src/shared/model.ts', 'electron.vite.config.ts', 'package-lock.json']) {
      writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8') + '\n// edited')
      seen.add(uiSourcesHash(root))
    }
    writeFileSync(join(root, 'src/renderer/public-new.svg'), '<svg/>')
    seen.add(uiSourcesHash(root))
    expect(seen.size).toBe(6)
  })

  it('ignores tests and what lies outside the UI', () => {
    const root = project(SOURCES)
    const before = uiSourcesHash(root)
    writeFileSync(join(root, 'src/shared/model.test.ts'), 'it()')
    mkdirSync(join(root, 'src/main'), { recursive: true })
    writeFileSync(join(root, 'src/main/cli.ts'), 'x')
    expect(uiSourcesHash(root)).toBe(before)
  })

  it('is null for an installed copy without sources', () => {
    expect(uiSourcesHash(project({ 'package.json': '{}' }))).toBeNull()
  })
})

describe('browserUiDir', () => {
  it('is out/browser, unless TESTDESK_UI_DIR names another folder', () => {
    expect(browserUiDir({}, '/opt/testdesk')).toBe('/opt/testdesk/out/browser')
    expect(browserUiDir({ [UI_DIR_ENV]: '/tmp/ui' }, '/opt/testdesk')).toBe('/tmp/ui')
  })
})

describe('ensureBrowserUi', () => {
  it('builds the production UI with absolute asset paths, once, even under NODE_ENV=test', async () => {
    expect(process.env.NODE_ENV).toBe('test')
    const dir = join(tempDir('td-ui-'), 'browser')
    const messages: string[] = []
    await ensureBrowserUi({ dir, onProgress: (m) => messages.push(m) })
    expect(messages[0]).toMatch(/^Building the TestDesk UI for browser mode \(first start: a few seconds/)
    expect(messages[1]).toMatch(/^Built the UI in \d+\.\d s/)
    expect(process.env.NODE_ENV).toBe('test')

    const index = readFileSync(join(dir, 'index.html'), 'utf8')
    expect(index).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/)
    expect(index).toContain('href="/favicon.svg"')
    const scripts = readdirSync(join(dir, 'assets')).filter((name) => name.endsWith('.js'))
    const code = scripts.map((name) => readFileSync(join(dir, 'assets', name), 'utf8')).join('\n')
    expect(code).not.toContain('Download the React DevTools')
    expect(readUiStamp(dir)).toMatchObject({ hash: uiSourcesHash(), mode: 'production', base: '/' })

    await ensureBrowserUi({ dir, onProgress: (m) => messages.push(m) })
    expect(messages).toHaveLength(2)
    // No staging or previous folder is left beside it.
    expect(readdirSync(dirname(dir))).toEqual(['browser'])
  })

  it('replaces a folder holding another build: an old stamp, or none (a relative-path Electron build)', async () => {
    const dir = join(tempDir('td-ui-'), 'browser')
    mkdirSync(join(dir, 'assets'), { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<script src="./assets/dev.js"></script>')
    writeFileSync(join(dir, 'assets/dev.js'), 'development')
    const messages: string[] = []
    await ensureBrowserUi({ dir, onProgress: (m) => messages.push(m) })
    expect(messages[0]).toContain('first start')
    expect(readdirSync(join(dir, 'assets'))).not.toContain('dev.js')

    const stamp = readUiStamp(dir)!
    writeFileSync(join(dir, 'testdesk-ui.json'), JSON.stringify({ ...stamp, hash: 'sources of yesterday', buildMs: 4200 }))
    await ensureBrowserUi({ dir, onProgress: (m) => messages.push(m) })
    expect(messages[2]).toBe('Building the TestDesk UI for browser mode (its sources changed; the last build took 4.2 s)…')
    expect(readUiStamp(dir)?.hash).toBe(uiSourcesHash())
  })

  it('serves what an installed copy holds, and says what is missing when it holds nothing', async () => {
    const root = project({ 'package.json': '{}' })
    const built = join(root, 'ui')
    mkdirSync(built)
    writeFileSync(join(built, 'index.html'), '<title>TestDesk</title>')
    await expect(ensureBrowserUi({ root, dir: built })).resolves.toBe(built)
    await expect(ensureBrowserUi({ root, dir: join(root, 'none') })).rejects.toThrow(
      `The TestDesk UI is not built (${join(root, 'none')}) and its sources are not here to build it (${join(root, 'src/renderer')}).`,
    )
  })
})
