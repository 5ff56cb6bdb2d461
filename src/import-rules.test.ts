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

  it('catch an import up the layers of src/main, between peers, and into test support', () => {
    const root = fixture({
      'src/main/runner/orchestrator.ts': "import type { EventBus } from '../core/events'\nexport const x = 1\n",
      'src/main/core/events.ts': 'export class EventBus {}\n',
      'src/main/report/data.ts': "import { recorder } from '../recorder'\n",
      'src/main/recorder/index.ts': 'export const recorder = 1\n',
      'src/main/store/runs.ts': "import { buildFixtureRun } from '../testing/fixture-runs'\n",
      'src/main/testing/fixture-runs.ts': "import { openCore } from '../core'\nexport const buildFixtureRun = openCore\n",
      'src/main/core/index.ts': "import { x } from '../runner/orchestrator'\nexport const openCore = x\n",
      'src/main/gadgets/thing.ts': "import { x } from '../runner/orchestrator'\n",
      'src/main/store/runs.test.ts': "import { openCore } from '../core'\n",
    })
    expect(checkTree(root).map((v) => `${v.file}: ${v.specifier}: ${v.rule}`)).toEqual([
      'src/main/gadgets/thing.ts: ../runner/orchestrator: src/main/gadgets has no layer: give it one in LAYERS (src/import-rules.ts)',
      'src/main/report/data.ts: ../recorder: report and recorder are peers (layer 4) and do not import each other',
      'src/main/runner/orchestrator.ts: ../core/events: layers go one way: runner (layer 3) may not import core (layer 6); move what both need down',
      'src/main/store/runs.ts: ../testing/fixture-runs: only tests, e2e and benchmarks import src/main/testing',
    ])
  })

  it('catch an import circle, type-only imports included, but not the zustand slices', () => {
    const root = fixture({
      'src/main/runner/engine/windows.ts': "import { frameScope } from './locate'\n",
      'src/main/runner/engine/locate.ts': "import type { StepRun } from './step-run'\nexport const frameScope = 1\n",
      'src/main/runner/engine/step-run.ts': "import type { Windows } from './windows.js'\nexport type StepRun = 1\n",
      'src/main/runner/engine/step-run.test.ts': "import { frameScope } from './locate'\n",
      'src/main/runner/engine/actions.ts': "import { frameScope } from './locate'\n",
      'src/renderer/src/store/index.ts': "import { editorSlice } from './editorSlice'\nexport type AppState = 1\n",
      'src/renderer/src/store/editorSlice.ts': "import type { AppState } from '.'\nexport const editorSlice = 1\n",
    })
    expect(checkTree(root)).toEqual([
      {
        file: 'src/main/runner/engine/locate.ts',
        specifier: 'src/main/runner/engine/locate.ts → src/main/runner/engine/step-run.ts → src/main/runner/engine/windows.ts → src/main/runner/engine/locate.ts',
        rule: 'no import circles among runtime files (type-only imports count)',
      },
    ])
  })

  it('catch the raw tables used outside the store', () => {
    const root = fixture({
      'src/main/core/runs.ts': 'export const exists = (store, id) => store.t.runs.exists(id)\n',
      'src/main/core/fields.ts': 'export const columns = (store, table) => store.t[table].shape.columns\n',
      'src/main/core/fine.ts': 'export const has = (store, id) => store.runs.get(id) && at.t.x\n',
      'src/main/store/runs.ts': 'export const exists = (store, id) => store.t.runs.exists(id)\n',
    })
    expect(checkTree(root).map((v) => `${v.file}: ${v.rule}`)).toEqual([
      'src/main/core/fields.ts: nothing outside src/main/store touches the raw tables (store.t): add a repository method',
      'src/main/core/runs.ts: nothing outside src/main/store touches the raw tables (store.t): add a repository method',
    ])
  })

  it('catch a shell reaching behind the contract into the core', () => {
    const root = fixture({
      'src/main/cli/commands/demo.ts': 'export const seed = (core) => seedDemo(core.context.store)\n',
      'src/main/cli/commands/run.ts': 'export const hand = (core, b) => core.runner!.provideBrowser(b)\n',
      'src/main/host/server.ts': 'export const raw = (core) => core.context.db.prepare\n',
      'src/main/cli/commands/info.ts': "export const info = (core) => [core.context.dataDir, core.dispatcher.call('system.info', {})]\n",
      'src/main/cli/session.test.ts': 'export const peek = (core) => core.context.store\n',
      'src/main/core/demo.ts': 'export const seed = (context) => seedDemo(context.store)\n',
    })
    expect(checkTree(root).map((v) => v.file)).toEqual(['src/main/cli/commands/demo.ts', 'src/main/cli/commands/run.ts', 'src/main/host/server.ts'])
    expect(checkTree(root)[0].rule).toContain('the shells call the contract')
  })

  it('see every form of import', () => {
    expect(
      importsOf(`import a from 'a'\nimport type { B } from "b"\nimport 'c'\nexport * from './d'\nconst e = await import('e')\nrequire('f')\nimport {\n  g,\n} from 'g'`),
    ).toEqual(expect.arrayContaining(['a', 'b', 'c', './d', 'e', 'f', 'g']))
  })
})
