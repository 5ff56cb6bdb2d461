// The injected page script as one self-contained string: bundled with esbuild from ./page (and the
// selector generator it uses) into out/recorder/page-script.js, rebuilt whenever a source is newer,
// so a fresh clone records without a build step; an installed app without sources uses the file
// `npm run build` wrote.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding TestDesk's package.json, found from this module (sources or a bundle). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && /"name":\s*"testdesk"/.test(readFileSync(manifest, 'utf8'))) return dir
    const parent = dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
}

const ROOT = projectRoot()
const SOURCES = [join(ROOT, 'src/main/recorder/page'), join(ROOT, 'src/main/recorder/selectors')]
const ENTRY = join(ROOT, 'src/main/recorder/page/index.ts')
export const PAGE_SCRIPT_FILE = join(ROOT, 'out/recorder/page-script.js')

function newest(dir: string): number {
  let time = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) time = Math.max(time, newest(path))
    else if (!entry.name.endsWith('.test.ts')) time = Math.max(time, statSync(path).mtimeMs)
  }
  return time
}

function stale(): boolean {
  if (!existsSync(PAGE_SCRIPT_FILE)) return true
  if (!existsSync(ENTRY)) return false // installed without sources: use what was built
  const built = statSync(PAGE_SCRIPT_FILE).mtimeMs
  return SOURCES.some((dir) => newest(dir) > built) || statSync(join(ROOT, 'package.json')).mtimeMs > built
}

/** Bundles the page script into PAGE_SCRIPT_FILE (beside, then renamed, so readers never see half a file). */
export async function buildPageScript(outFile = PAGE_SCRIPT_FILE): Promise<void> {
  let esbuild: typeof import('esbuild')
  try {
    esbuild = await import('esbuild')
  } catch {
    throw new Error(`The recorder's page script is not built (${outFile}) and esbuild is not installed to build it. Run \`npm ci\`.`)
  }
  mkdirSync(dirname(outFile), { recursive: true })
  const temp = `${outFile}.${process.pid}.${Date.now()}.tmp`
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile: temp,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  })
  renameSync(temp, outFile)
}

let cached: Promise<string> | null = null

/** The script's source, built first if needed; built once a process. */
export function pageScript(): Promise<string> {
  cached ??= (async () => {
    if (stale()) await buildPageScript()
    return readFileSync(PAGE_SCRIPT_FILE, 'utf8')
  })()
  cached.catch(() => (cached = null))
  return cached
}
