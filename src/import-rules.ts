// The layering rules of ARCHITECTURE §1, checked by reading the sources: which world may import
// what. `src/import-rules.test.ts` runs them over the tree, so the rules hold without memory.
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, posix, relative, sep } from 'node:path'

export interface Violation {
  file: string
  specifier: string
  rule: string
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
const RENDERER_PACKAGES = new Set([
  'react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'zustand', 'zustand/vanilla',
  // Browser-only UI libraries: the tree, the palette, panels, the code editor, the history chart.
  'react-arborist', 'cmdk', 'react-resizable-panels', 'codemirror', 'uplot', 'uplot/dist/uPlot.min.css',
  // Zips the exported Playwright project in the page (pure JavaScript, no Node).
  'fflate',
])
/** Scopes of browser-only UI packages (Radix primitives, dnd-kit, CodeMirror, TanStack Virtual). */
const RENDERER_SCOPES = ['@radix-ui/', '@dnd-kit/', '@codemirror/', '@tanstack/react-virtual']
const SHARED_PACKAGES = new Set(['zod'])
const SQL = /\b(INSERT\s+INTO|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|UPDATE\s+\w+\s+SET|SELECT\s+[\w*,\s.()]+\s+FROM)\b/

/**
 * The layers of `src/main`, lowest first: a folder imports only folders of a lower rank (and
 * `src/shared`), so what the runner needs from the core has to move down, never reach up.
 * Folders of the same rank are peers and do not import each other.
 */
export const LAYERS: Record<string, number> = {
  // Plain node:http file serving, no TestDesk concepts: the host and the demo site use it.
  http: 1,
  store: 2,
  // The demo site's server only serves resources/demo-site; the runner links demo tests to it.
  demosite: 2,
  runner: 3,
  // The recorder drives a headed browser through the runner's launch and engine.
  recorder: 4,
  report: 4,
  // The demo project's file: its tests link to the demo site through the runner; the core seeds it.
  demo: 4,
  // The scheduler plans over the store, mails reports, and reaches runs through a dispatcher port.
  scheduler: 5,
  core: 6,
  // The host serves the core's dispatcher.
  host: 7,
  // The shells: `testdesk serve` starts the host, so both sit above it.
  app: 8,
  cli: 8,
  // Test support (fixtures, harnesses): may use any layer; no runtime file imports it.
  testing: 9,
}

/** The store's raw tables, reached from a Store (`store.t.runs`, `this.store.t[table]`). */
const RAW_TABLES = /\bstore\.t\s*(\.\s*\w|\[)/
/** The shells: they reach the core through its contract (the dispatcher), as the UI does. */
const SHELLS = ['src/main/cli', 'src/main/host', 'src/main/app']
/** What lies behind the contract: the core's store and database, and its runner. */
const CORE_INTERNALS = /\bcontext\s*\.\s*(store|db)\b|\bcore\s*\.\s*runner\b/

/** Every import specifier of a TypeScript source: static, dynamic, re-exports and require. */
export function importsOf(source: string): string[] {
  const found: string[] = []
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    // A side-effect import starts its line: `case 'import':` or `'project:import'` in code is no import.
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bexport\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1])
  return found
}

function isElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/')
}

/** Checks one file, given its path relative to the repository root (posix separators). */
export function checkFile(file: string, source: string): Violation[] {
  const violations: Violation[] = []
  const add = (specifier: string, rule: string) => violations.push({ file, specifier, rule })
  const inDir = (dir: string) => file.startsWith(dir + '/')
  const isTest = /\.test\.tsx?$/.test(file)

  for (const specifier of importsOf(source)) {
    const relativeTarget = specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), specifier)) : null

    if (isElectron(specifier) && !inDir('src/main/app') && !inDir('src/preload')) {
      add(specifier, 'only src/main/app and src/preload import electron')
    }
    if (inDir('src/shared')) {
      if (NODE_BUILTINS.has(specifier)) add(specifier, 'src/shared imports nothing from Node')
      else if (relativeTarget && !relativeTarget.startsWith('src/shared/')) add(specifier, 'src/shared imports only src/shared')
      else if (!relativeTarget && !SHARED_PACKAGES.has(specifier) && !isTest && specifier !== 'vitest') {
        add(specifier, 'src/shared imports no packages but zod (no DOM, React, Electron or Node)')
      }
    }
    if (inDir('src/renderer') && !isTest) {
      if (relativeTarget && !relativeTarget.startsWith('src/renderer/') && !relativeTarget.startsWith('src/shared/')) {
        add(specifier, 'src/renderer imports only src/shared and its own files')
      } else if (!relativeTarget && !RENDERER_PACKAGES.has(specifier) && !RENDERER_SCOPES.some((scope) => specifier.startsWith(scope))) {
        add(specifier, 'src/renderer reaches main only through the client (no Node, Electron or main packages)')
      }
    }
    if (inDir('src/main') && relativeTarget && (relativeTarget.startsWith('src/renderer/') || relativeTarget.startsWith('src/preload/'))) {
      add(specifier, 'src/main does not import the renderer or the preload')
    }
    if (inDir('src/main') && !isTest && relativeTarget?.startsWith('src/main/')) {
      const layerRule = checkLayer(mainFolder(file), mainFolder(relativeTarget))
      if (layerRule) add(specifier, layerRule)
    }
    if (specifier === 'better-sqlite3' && !inDir('src/main/store') && !isTest) {
      add(specifier, 'nothing outside src/main/store talks to SQLite')
    }
  }
  if (!inDir('src/main/store') && !isTest && SQL.test(source)) {
    add('(SQL text)', 'nothing outside src/main/store writes SQL')
  }
  if (SHELLS.some(inDir) && !isTest && CORE_INTERNALS.test(source)) {
    add('(core internals)', 'the shells call the contract, not core.context.store, core.context.db or core.runner: add a contract method, or hand a service in through CoreOptions')
  }
  if (!inDir('src/main/store') && !isTest && RAW_TABLES.test(source)) {
    add('(store.t)', 'nothing outside src/main/store touches the raw tables (store.t): add a repository method')
  }
  return violations
}

/** `src/main/<folder>/…` → folder (a file directly in src/main gives its own name: no layer). */
function mainFolder(path: string): string {
  return path.split('/')[2]
}

/** Why an import from one src/main folder into another breaks the layers, or null when it may. */
function checkLayer(from: string, to: string): string | null {
  if (from === to) return null
  if (LAYERS[from] === undefined) return `src/main/${from} has no layer: give it one in LAYERS (src/import-rules.ts)`
  if (LAYERS[to] === undefined) return `src/main/${to} has no layer: give it one in LAYERS (src/import-rules.ts)`
  if (to === 'testing') return 'only tests, e2e and benchmarks import src/main/testing'
  if (LAYERS[to] > LAYERS[from]) return `layers go one way: ${from} (layer ${LAYERS[from]}) may not import ${to} (layer ${LAYERS[to]}); move what both need down`
  if (LAYERS[to] === LAYERS[from]) return `${from} and ${to} are peers (layer ${LAYERS[from]}) and do not import each other`
  return null
}

/** The file a relative specifier names, among the known files (extension and index resolved). */
function resolveImport(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '')
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (known.has(candidate)) return candidate
  }
  return null
}

/**
 * Zustand slices each import the store's combined type and the store imports each slice: the
 * slices pattern's one circle, type-only, accepted.
 */
function isZustandSlice(file: string): boolean {
  return /^src\/renderer\/src\/store\/(index|\w+Slice)\.ts$/.test(file)
}

/**
 * Import circles among runtime files (tests excluded, type-only imports included: a circle of
 * types still ties the files' meanings together). Each circle is reported once, as the path
 * from its first file (in sorted order) back to it.
 */
export function findCircles(sources: ReadonlyMap<string, string>): string[][] {
  const files = [...sources.keys()].filter((file) => !/\.test\.tsx?$/.test(file) && !isZustandSlice(file)).sort()
  const known = new Set(files)
  const edges = new Map(
    files.map((file) => [
      file,
      importsOf(sources.get(file)!)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolveImport(file, specifier, known))
        .filter((target): target is string => target !== null),
    ]),
  )
  // Tarjan's strongly connected components; each component of two or more files holds a circle.
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const components: string[][] = []
  const visit = (file: string) => {
    index.set(file, counter)
    low.set(file, counter++)
    stack.push(file)
    onStack.add(file)
    for (const next of edges.get(file)!) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!))
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== file)
      if (component.length > 1 || edges.get(file)!.includes(file)) components.push(component)
    }
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return components.map((component) => circleThrough(component.sort(), edges))
}

/** One concrete circle inside a strongly connected component, starting at its first file. */
function circleThrough(component: string[], edges: ReadonlyMap<string, string[]>): string[] {
  const members = new Set(component)
  const start = component[0]
  const previous = new Map<string, string>()
  const queue = [start]
  while (queue.length) {
    const file = queue.shift()!
    for (const next of edges.get(file)!) {
      if (!members.has(next)) continue
      if (next === start) {
        const path = [file]
        while (path[0] !== start) path.unshift(previous.get(path[0])!)
        return [...path, start]
      }
      if (!previous.has(next)) {
        previous.set(next, file)
        queue.push(next)
      }
    }
  }
  return component
}

export function sourceFiles(root: string, dir = 'src'): string[] {
  const files: string[] = []
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) files.push(relative(root, path).split(sep).join('/'))
    }
  }
  walk(join(root, dir))
  return files.sort()
}

/** This checker and its test hold what they look for as pattern and fixture text. */
const SELF = new Set(['src/import-rules.ts', 'src/import-rules.test.ts'])

export function checkTree(root: string): Violation[] {
  const sources = new Map(sourceFiles(root).filter((file) => !SELF.has(file)).map((file) => [file, readFileSync(join(root, file), 'utf8')]))
  const circles = findCircles(sources).map(
    (circle): Violation => ({ file: circle[0], specifier: circle.join(' → '), rule: 'no import circles among runtime files (type-only imports count)' }),
  )
  return [...[...sources].flatMap(([file, source]) => checkFile(file, source)), ...circles]
}

export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..')
