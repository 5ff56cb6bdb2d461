// electron-builder's afterPack hook: puts the SQLite module built for Electron into the packed
// app. electron-builder's own rebuild (npmRebuild) would rebuild it in place in node_modules, which
// leaves the CLI and the tests (plain Node) with a module they cannot load, or with none when
// the rebuild fails half-way; this uses the cached Electron build that `npm start` makes instead.
import { copyFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { electronSqliteBinding } from './electron-sqlite.mjs'

// electron-builder's Arch enum, by value.
const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']

export default async function afterPack(context, buildBinding = electronSqliteBinding) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName
  const arch = ARCH[context.arch] ?? String(context.arch)
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(
      `TestDesk packages for the machine it runs on (${process.platform}-${process.arch}): the SQLite module cannot be built here for ${platform}-${arch}. Package on a ${platform}-${arch} machine.`,
    )
  }
  const binding = await buildBinding(context.packager.projectDir)
  const target = join(
    context.packager.getResourcesDir(context.appOutDir),
    'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  )
  if (!existsSync(dirname(target))) throw new Error(`The packed app has no ${dirname(target)}: is better-sqlite3 still in asarUnpack?`)
  copyFileSync(binding, target)
  console.log(`  • SQLite module for Electron  ${binding} → ${target}`)
}
