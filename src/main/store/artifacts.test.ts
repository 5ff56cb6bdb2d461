// Artifacts live on disk under the data directory, named by content: the same bytes are stored once.
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, type TestCore } from '../core/testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(() => t.close())

describe('artifacts', () => {
  it('store bytes once by content hash, under the data directory, with a relative path', () => {
    const png = Buffer.from('not really a png')
    const first = t.store.artifacts.save(png, 'image/png')
    expect(first).toMatchObject({ size: png.byteLength, mime: 'image/png' })
    expect(first.path).toMatch(/^artifacts\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/)
    expect(readFileSync(t.store.artifacts.absolute(first.path))).toEqual(png)
    expect(t.store.artifacts.save(Buffer.from('not really a png'), 'image/png')).toEqual(first)
    expect(t.store.artifacts.bySha(first.sha256)).toEqual(first)
    expect(t.store.artifacts.byPath(first.path)).toEqual(first)
    const other = t.store.artifacts.save(Buffer.from('{}'), 'application/json')
    expect(other.path.endsWith('.json')).toBe(true)
    expect(existsSync(t.store.artifacts.absolute(other.path))).toBe(true)
    expect((t.core.context.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(2)
  })
})
