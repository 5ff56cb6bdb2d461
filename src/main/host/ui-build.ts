// Makes sure the built UI exists and is not older than its sources before browser mode serves
// it, so `testdesk serve` works on a fresh clone and after edits without a separate build step.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding TestDesk's package.json, found from this module (sources or a bundle). */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && /"name":\s*"testdesk"/.test(readFileSync(manifest, 'utf8'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
    dir = parent
  }
}

export const PROJECT_ROOT = findProjectRoot()
export const RENDERER_OUT = join(PROJECT_ROOT, 'out/renderer')

const SOURCE_DIRS = ['src/renderer', 'src/shared'].map((dir) => join(PROJECT_ROOT, dir))

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

export function rendererIsStale(outDir = RENDERER_OUT): boolean {
  const index = join(outDir, 'index.html')
  if (!existsSync(index)) return true
  const sourcesExist = SOURCE_DIRS.every((dir) => existsSync(dir))
  if (!sourcesExist) return false // an installed copy without sources: serve what was built
  const built = statSync(index).mtimeMs
  return SOURCE_DIRS.some((dir) => newestMtime(dir) > built)
}

/** Builds the renderer with the same config as `electron-vite build`; returns the output folder. */
export async function ensureRendererBuilt(onBuild: (message: string) => void = () => undefined): Promise<string> {
  if (!rendererIsStale()) return RENDERER_OUT
  onBuild('Building the TestDesk UI (first start or changed sources)…')
  let vite: typeof import('vite')
  try {
    vite = await import('vite')
  } catch {
    throw new Error(
      `The UI is not built (${RENDERER_OUT}) and Vite is not installed to build it. Run \`npm ci\` then \`npm run build\`.`,
    )
  }
  const configModule = (await import(pathToConfig())) as { rendererConfig: import('vite').UserConfig }
  await vite.build({ ...configModule.rendererConfig, configFile: false, logLevel: 'warn' })
  return RENDERER_OUT
}

function pathToConfig(): string {
  return join(PROJECT_ROOT, 'electron.vite.config.ts')
}
