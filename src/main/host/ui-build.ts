// Builds the UI that browser mode serves, from the current sources, on the first start and again
// whenever those sources or the build settings change. It has its own folder and a stamp naming
// what was built, so `testdesk serve` never serves another build by mistake: not the Electron
// window's build in out/renderer (relative asset paths, which break under deep links), nor a
// development build made by a process whose NODE_ENV was not `production`.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
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

/** Where browser mode keeps its built UI, when not the default `out/browser`. */
export const UI_DIR_ENV = 'TESTDESK_UI_DIR'

export function browserUiDir(env: NodeJS.ProcessEnv = process.env, root = PROJECT_ROOT): string {
  const chosen = env[UI_DIR_ENV]
  return chosen ? resolve(chosen) : join(root, 'out/browser')
}

/**
 * How the browser-mode UI is built. Part of the stamp's hash, so changing it rebuilds: absolute
 * asset paths, because the host answers every client route (`/runs/1`) with index.html.
 */
const RECIPE = { mode: 'production', base: '/', minify: true } as const

/** Everything the built UI depends on: its sources, the shared model, the config and the locked dependencies. */
const INPUTS = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.web.json']

const STAMP = 'testdesk-ui.json'

export interface UiStamp {
  hash: string
  mode: string
  base: string
  minify: boolean
  builtAt: string
  buildMs: number
}

/** A hash of the UI's inputs and build recipe; null when the sources are not there (an installed copy). */
export function uiSourcesHash(root = PROJECT_ROOT): string | null {
  if (!existsSync(join(root, 'src/renderer/index.html'))) return null
  const hash = createHash('sha256').update(JSON.stringify(RECIPE))
  const visit = (path: string): void => {
    if (!existsSync(path)) return
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        // Tests are not part of the build; editing one should not rebuild the UI.
        if (!/\.test\.tsx?$/.test(name)) visit(join(path, name))
      }
      return
    }
    hash.update(relative(root, path).split('\\').join('/')).update('\0').update(readFileSync(path)).update('\0')
  }
  for (const input of INPUTS) visit(join(root, input))
  return hash.digest('hex')
}

export function readUiStamp(dir: string): UiStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as UiStamp
    return existsSync(join(dir, 'index.html')) ? stamp : null
  } catch {
    return null
  }
}

export interface EnsureUiOptions {
  /** Output folder (default: browserUiDir()). */
  dir?: string
  root?: string
  /** Told before and after a build, never when the build is current. */
  onProgress?: (message: string) => void
}

/** Returns the folder of a production build of the current UI sources, building it first if needed. */
export async function ensureBrowserUi(options: EnsureUiOptions = {}): Promise<string> {
  const root = options.root ?? PROJECT_ROOT
  const dir = options.dir ?? browserUiDir(process.env, root)
  const progress = options.onProgress ?? (() => undefined)
  const hash = uiSourcesHash(root)
  const stamp = readUiStamp(dir)
  if (hash === null) {
    if (existsSync(join(dir, 'index.html'))) return dir
    throw new Error(`The TestDesk UI is not built (${dir}) and its sources are not here to build it (${join(root, 'src/renderer')}).`)
  }
  if (stamp?.hash === hash) return dir

  progress(
    stamp
      ? `Building the TestDesk UI for browser mode (its sources changed; the last build took ${seconds(stamp.buildMs)})…`
      : 'Building the TestDesk UI for browser mode (first start: a few seconds, up to a minute on a slow machine)…',
  )
  const started = Date.now()
  const staging = `${dir}.building-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  try {
    await buildUi(root, staging)
    const built: UiStamp = { hash, ...RECIPE, builtAt: new Date().toISOString(), buildMs: Date.now() - started }
    writeFileSync(join(staging, STAMP), JSON.stringify(built, null, 2) + '\n')
    replaceFolder(staging, dir, hash)
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  progress(`Built the UI in ${seconds(Date.now() - started)} (${relative(process.cwd(), dir) || dir}).`)
  return dir
}

async function buildUi(root: string, outDir: string): Promise<void> {
  let vite: typeof import('vite')
  try {
    vite = await import('vite')
  } catch {
    throw new Error('Vite is not installed, so the TestDesk UI cannot be built. Run `npm ci` in the TestDesk folder.')
  }
  const configFile = join(root, 'electron.vite.config.ts')
  // Vite compiles the TypeScript config itself (plain Node cannot import a .ts file).
  const loaded = await vite.loadConfigFromFile({ command: 'build', mode: RECIPE.mode }, configFile, root, 'silent')
  const renderer = (loaded?.config as { renderer?: import('vite').UserConfig } | undefined)?.renderer
  if (!renderer) throw new Error(`${configFile} has no renderer config to build the UI from.`)
  // Vite keeps an inherited NODE_ENV (a test runner sets `test`), which would make React's
  // development build; browser mode always serves the production one.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await vite.build(
      vite.mergeConfig(renderer, {
        configFile: false,
        mode: RECIPE.mode,
        base: RECIPE.base,
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true, minify: RECIPE.minify, reportCompressedSize: false },
      }),
    )
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}

/**
 * Moves the finished build into place. Another `testdesk serve` started at the same time may be
 * doing the same: whichever finishes first wins, and a build of the same sources is kept.
 */
function replaceFolder(staging: string, dir: string, hash: string): void {
  for (let attempt = 1; ; attempt++) {
    if (readUiStamp(dir)?.hash === hash) return
    const previous = `${dir}.previous-${process.pid}-${attempt}`
    try {
      try {
        renameSync(dir, previous)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
      renameSync(staging, dir)
      return
    } catch (error) {
      if (attempt === 5) throw error
    } finally {
      rmSync(previous, { recursive: true, force: true })
    }
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
