import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkTree, importsOf, REPO_ROOT, sourceFiles } from './import-rules'

function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'td-rules-'))
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), source)
  }
  return root
}

describe('import rules', () => {
  it('hold for the whole tree', () => {
    expect(sourceFiles(REPO_ROOT).length).toBeGreaterThan(20)
    expect(checkTree(REPO_ROOT)).toEqual([])
  })

  it('catch a store module importing electron', () => {
    const root = fixture({
      'src/main/store/runs.ts': "import { app } from 'electron'\nexport const dir = app.getPath('userData')\n",
      'src/main/app/index.ts': "import { app } from 'electron'\n",
    })
    expect(checkTree(root)).toEqual([
      { file: 'src/main/store/runs.ts', specifier: 'electron', rule: 'only src/main/app and src/preload import electron' },
    ])
  })

  it('catch Node in shared, main code in the renderer, and SQL outside the store', () => {
    const root = fixture({
      'src/shared/model.ts': "import { readFileSync } from 'node:fs'\nimport type { X } from '../main/core/x'\n",
      'src/renderer/src/App.tsx': "import { openCore } from '../../main/core'\nimport Database from 'better-sqlite3'\n",
      'src/main/core/runs.ts': "const sql = `SELECT id FROM test_runs WHERE status = ?`\n",
    })
    const rules = checkTree(root).map((v) => `${v.file}: ${v.rule}`)
    expect(rules).toEqual([
      'src/main/core/runs.ts: nothing outside src/main/store writes SQL',
      'src/renderer/src/App.tsx: src/renderer imports only src/shared and its own files',
      'src/renderer/src/App.tsx: src/renderer reaches main only through the client (no Node, Electron or main packages)',
      'src/renderer/src/App.tsx: nothing outside src/main/store talks to SQLite',
      'src/shared/model.ts: src/shared imports nothing from Node',
      'src/shared/model.ts: src/shared imports only src/shared',
    ])
  })

  it('see every form of import', () => {
    expect(
      importsOf(`import a from 'a'\nimport type { B } from "b"\nimport 'c'\nexport * from './d'\nconst e = await import('e')\nrequire('f')\nimport {\n  g,\n} from 'g'`),
    ).toEqual(expect.arrayContaining(['a', 'b', 'c', './d', 'e', 'f', 'g']))
  })
})
