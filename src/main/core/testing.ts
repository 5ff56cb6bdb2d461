// For tests only: a core on a fresh :memory: database in its own temporary data directory, and
// helpers that call the contract the way the UI and CLI do and unwrap the envelope.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { ApiError } from '../../shared/api/errors'
import { openCore, type Core, type CoreOptions } from '.'
import type { Store } from '../store'
import { snapshot } from '../store/snapshot'

/** A well-formed id that names nothing: for not_found cases. */
export const GHOST = '01a20000-0000-7000-8000-000000000000'

export interface TestCore {
  core: Core
  store: Store
  /** Calls `ns.method` through the dispatcher and returns the envelope. */
  call(name: string, input?: unknown): Promise<{ ok: true; value: any } | { ok: false; error: ApiError }>
  /** Calls and returns the value; fails the test with the error when the call fails. */
  ok<T = any>(name: string, input?: unknown): Promise<T>
  /** Calls and returns the error; fails the test when the call succeeds. */
  fail(name: string, input?: unknown): Promise<ApiError>
  /** Like fail, and also fails the test when the call changed any row of the database. */
  failUnchanged(name: string, input?: unknown): Promise<ApiError>
  /** Every user table's rows, for "the database is unchanged" checks. */
  dump(): Record<string, unknown[]>
  close(): Promise<void>
}

export async function openTestCore(options: Pick<CoreOptions, 'scheduler'> = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'td-core-'))
  const core = await openCore({ dataDir, databasePath: ':memory:', userName: 'tester', execution: 'manual', ...options })
  const call: TestCore['call'] = (name, input) => core.dispatcher.call(name, input ?? {}, { transport: 'direct' }) as never
  const testCore: TestCore = {
    core,
    store: core.context.store,
    call,
    async ok(name, input) {
      const result = await call(name, input)
      if (!result.ok) throw new Error(`${name} failed: ${result.error.kind}: ${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`)
      return result.value
    },
    async fail(name, input) {
      const result = await call(name, input)
      if (result.ok) throw new Error(`${name} succeeded but was expected to fail: ${JSON.stringify(result.value).slice(0, 500)}`)
      return result.error
    },
    async failUnchanged(name, input) {
      const before = snapshot(core.context.db)
      const error = await testCore.fail(name, input)
      const after = snapshot(core.context.db)
      const changed = Object.keys({ ...before, ...after }).filter((table) => !isDeepStrictEqual(before[table], after[table]))
      if (changed.length) throw new Error(`${name} failed (${error.message}) but changed ${changed.join(', ')}`)
      return error
    },
    dump: () => snapshot(core.context.db),
    async close() {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return testCore
}

/** Test cases with these names in the default project, each with `steps` click steps. */
export async function createTests(t: TestCore, names: readonly string[], steps = 0): Promise<any[]> {
  const out = []
  for (const name of names) {
    out.push(await t.ok('tests.create', { name, steps: Array.from({ length: steps }, (_, i) => ({ action: 'click', target: { selector: `#s${i}` } })) }))
  }
  return out
}

/** A run over `count` new test cases (or the given ones), started; its items in order. */
export async function startedRun(t: TestCore, count: number, input: Record<string, unknown> = {}, tests?: any[]) {
  const cases = tests ?? (await createTests(t, Array.from({ length: count }, (_, i) => `Test ${i + 1} ${Math.random().toString(36).slice(2, 8)}`)))
  const run = await t.ok('runs.create', { ...input, test_case_ids: cases.map((c) => c.id) })
  await t.ok('runs.start', { id: run.id })
  const items = (await t.ok('runItems.list', { test_run_id: run.id })).items as any[]
  return { run, items, tests: cases }
}

/** Submits a result for an item of a running run. */
export function submit(t: TestCore, item: { id: string; test_run_id: string; test_case_id: string }, fields: Record<string, unknown> = {}) {
  return t.ok('results.submit', { test_run_id: item.test_run_id, test_run_item_id: item.id, test_case_id: item.test_case_id, status: 'passed', ...fields })
}

/**
 * For tests that hold a bare Core: `open()` gives a fresh one on :memory:, `closeAll()` (in
 * afterEach) closes every core opened, `failure()` returns the error of a call meant to fail.
 */
export function bareCores(): { open(): Promise<Core>; closeAll(): Promise<void>; failure(core: Core, name: string, input: unknown): Promise<ApiError> } {
  const opened: TestCore[] = []
  return {
    async open() {
      const t = await openTestCore()
      opened.push(t)
      return t.core
    },
    async closeAll() {
      while (opened.length) await opened.pop()!.close()
    },
    async failure(core, name, input) {
      const result = await core.dispatcher.call(name, input, { transport: 'direct' })
      if (result.ok) throw new Error(`${name} succeeded but was expected to fail`)
      return result.error
    },
  }
}
