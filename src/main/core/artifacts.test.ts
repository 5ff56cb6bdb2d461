// Screenshots and traces through the contract, as browser mode reads them: only files the store
// registered, with a clear error for a path that names nothing or climbs out of the data folder.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildFixtureRun } from '../testing/fixture-runs'
import { GHOST, openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

describe('artifacts', () => {
  it('gives a kept screenshot as base64 with its type', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const saved = t.store.artifacts.save(png, 'image/png')
    const image = await t.ok('artifacts.image', { path: saved.path })
    expect(image).toEqual({ path: saved.path, mime: 'image/png', bytes: png.byteLength, data: png.toString('base64') })
  })

  it('says where files that results name are on this machine, refusing a path that climbs out', async () => {
    const saved = t.store.artifacts.save(Buffer.from('89504e47', 'hex'), 'image/png')
    const [file] = await t.ok('artifacts.files', { paths: [saved.path] })
    expect(file).toBe(join(t.core.context.dataDir, saved.path))
    expect(readFileSync(file).toString('hex')).toBe('89504e47')
    expect((await t.fail('artifacts.files', { paths: [saved.path, '../../etc/passwd'] })).issues?.[0]).toMatchObject({ field: 'paths.1' })
  })

  it('refuses paths outside the data folder, unknown files and files that are not images', async () => {
    expect((await t.fail('artifacts.image', { path: '../secrets.txt' })).issues?.[0]).toMatchObject({ field: 'path' })
    expect((await t.fail('artifacts.image', { path: '/etc/passwd' })).issues?.[0]?.message).toContain('inside the data folder')
    // A file in the data folder that no result registered is not served either.
    writeFileSync(t.store.artifacts.absolute('stray.png'), 'x')
    expect(await t.fail('artifacts.image', { path: 'stray.png' })).toMatchObject({ kind: 'not_found', message: 'Artifact not found: stray.png' })
    const json = t.store.artifacts.save(Buffer.from('{}'), 'application/json')
    expect((await t.fail('artifacts.image', { path: json.path })).message).toContain('not an image')
  })

  it("tells where a failed result's trace is and how to open it, and null when none was kept", async () => {
    const fixture = await buildFixtureRun(t.core)
    const results = await t.ok('results.list', { test_run_id: fixture.runId, limit: 100 })
    const traced = results.items.find((r: { trace_path: string | null }) => r.trace_path === fixture.tracePath)
    const trace = await t.ok('artifacts.trace', { test_run_result_id: traced.id })
    expect(trace.file).toBe(t.store.artifacts.absolute(fixture.tracePath))
    expect(trace.command).toContain('npx playwright show-trace ')
    const plain = results.items.find((r: { trace_path: string | null }) => !r.trace_path)
    expect(await t.ok('artifacts.trace', { test_run_result_id: plain.id })).toBeNull()
    expect((await t.fail('artifacts.trace', { test_run_result_id: GHOST })).kind).toBe('not_found')
  })
})
