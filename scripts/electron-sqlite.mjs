// Builds better-sqlite3 for Electron's ABI into a cache folder beside the Node build, so the
// desktop app and the Node-based CLI and tests share one node_modules. (Packaged apps get the
// same build, copied in by electron-builder-after-pack.mjs.)
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

export async function electronSqliteBinding(root) {
  const require = createRequire(join(root, 'package.json'))
  const electronVersion = require('electron/package.json').version
  const sqliteVersion = require('better-sqlite3/package.json').version
  const cache = join(root, 'node_modules/.cache/testdesk-electron', `electron-${electronVersion}-sqlite-${sqliteVersion}`)
  const binding = join(cache, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  if (existsSync(binding)) return binding

  console.log(`Building the SQLite module for Electron ${electronVersion} (once)…`)
  const source = join(root, 'node_modules/better-sqlite3')
  mkdirSync(join(cache, 'node_modules'), { recursive: true })
  cpSync(source, join(cache, 'node_modules/better-sqlite3'), {
    recursive: true,
    filter: (path) => !path.includes(`${source}/build`),
  })
  writeFileSync(join(cache, 'package.json'), JSON.stringify({ name: 'testdesk-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }))
  const { rebuild } = await import('@electron/rebuild')
  await rebuild({ buildPath: cache, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' })
  if (!existsSync(binding)) throw new Error(`the rebuild did not produce ${binding}`)
  return binding
}
