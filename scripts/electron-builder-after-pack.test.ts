import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import afterPack, { type PackContextLike } from './electron-builder-after-pack.mjs'

const ARCH_VALUE = { ia32: 0, x64: 1, armv7l: 2, arm64: 3 } as Record<string, number>
const UNPACKED = 'app.asar.unpacked/node_modules/better-sqlite3/build/Release'

function packedApp(platform = process.platform, arch = ARCH_VALUE[process.arch]): { context: PackContextLike; resources: string; binding: string } {
  const root = mkdtempSync(join(tmpdir(), 'td-pack-'))
  const resources = join(root, 'app/resources')
  const binding = join(root, 'cache/better_sqlite3.node')
  mkdirSync(join(root, 'cache'))
  writeFileSync(binding, 'built for Electron')
  const context = {
    electronPlatformName: platform,
    arch,
    appOutDir: join(root, 'app'),
    packager: { projectDir: root, getResourcesDir: (appOutDir: string) => join(appOutDir, 'resources') },
  }
  return { context, resources, binding }
}

describe('electron-builder afterPack', () => {
  it('puts the Electron build of the SQLite module into the packed app, leaving node_modules alone', async () => {
    const { context, resources, binding } = packedApp()
    mkdirSync(join(resources, UNPACKED), { recursive: true })
    writeFileSync(join(resources, UNPACKED, 'better_sqlite3.node'), 'built for Node')
    const asked: string[] = []
    await afterPack(context, async (root) => (asked.push(root), binding))
    expect(asked).toEqual([context.packager.projectDir])
    expect(readFileSync(join(resources, UNPACKED, 'better_sqlite3.node'), 'utf8')).toBe('built for Electron')
  })

  it('refuses to package for another platform or architecture than this machine', async () => {
    const other = process.platform === 'win32' ? 'linux' : 'win32'
    const { context, binding } = packedApp(other)
    await expect(afterPack(context, async () => binding)).rejects.toThrow(
      `the SQLite module cannot be built here for ${other}-${process.arch}. Package on a ${other}-${process.arch} machine.`,
    )
  })

  it('says so when the packed app has no unpacked SQLite module to replace', async () => {
    const { context, binding } = packedApp()
    await expect(afterPack(context, async () => binding)).rejects.toThrow('is better-sqlite3 still in asarUnpack?')
  })
})
