#!/usr/bin/env node
// The `testdesk` command. It runs from a bundle of its TypeScript sources (out/cli), rebuilt with
// esbuild whenever a source is newer, so a fresh clone works right after `npm ci` and later starts
// do not pay for compiling TypeScript. Without esbuild it runs the sources through tsx.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'src/main/cli/main.ts')
const bundle = join(root, 'out/cli/testdesk.mjs')

function newestSource(dir) {
  let newest = 0
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name)
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (/\.(ts|json)$/.test(item.name) && !item.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function isFresh() {
  if (!existsSync(bundle)) return false
  if (!existsSync(entry)) return true // installed without sources: use what was built
  const built = statSync(bundle).mtimeMs
  return ['src/main', 'src/shared'].every((dir) => newestSource(join(root, dir)) <= built) && statSync(join(root, 'package.json')).mtimeMs <= built
}

async function build() {
  const { build } = await import('esbuild')
  mkdirSync(dirname(bundle), { recursive: true })
  // Build beside, then rename: CLI processes started at the same time never see half a file.
  const temp = `${bundle}.${process.pid}.tmp.mjs`
  await build({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  })
  renameSync(temp, bundle)
}

let target = bundle
if (!isFresh()) {
  try {
    await build()
  } catch {
    const { register } = await import('tsx/esm/api')
    register()
    target = entry
  }
}
await import(pathToFileURL(target).href)
