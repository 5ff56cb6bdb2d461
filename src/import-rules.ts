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
])
/** Scopes of browser-only UI packages (Radix primitives, dnd-kit, CodeMirror, TanStack Virtual). */
const RENDERER_SCOPES = ['@radix-ui/', '@dnd-kit/', '@codemirror/', '@tanstack/react-virtual']
const SHARED_PACKAGES = new Set(['zod'])
const SQL = /\b(INSERT\s+INTO|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|UPDATE\s+\w+\s+SET|SELECT\s+[\w*,\s.()]+\s+FROM)\b/

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
    if (specifier === 'better-sqlite3' && !inDir('src/main/store') && !isTest) {
      add(specifier, 'nothing outside src/main/store talks to SQLite')
    }
  }
  if (!inDir('src/main/store') && !isTest && SQL.test(source)) {
    add('(SQL text)', 'nothing outside src/main/store writes SQL')
  }
  return violations
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

/** This checker's own test holds forbidden imports as fixture text. */
const SELF = new Set(['src/import-rules.test.ts'])

export function checkTree(root: string): Violation[] {
  return sourceFiles(root)
    .filter((file) => !SELF.has(file))
    .flatMap((file) => checkFile(file, readFileSync(join(root, file), 'utf8')))
}

export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..')
