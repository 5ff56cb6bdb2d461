// A kept Playwright trace of a test that typed secrets: every entry of the archive is searched,
// before masking (the secrets are there, so the search is meaningful) and after (none left).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretJourney } from '../../../e2e/support/secret-journey'
import { spellingsIn } from '../../../e2e/support/secret-spellings'
import { createMasker } from './engine/masking'
import { startEngineFixture, type EngineFixture } from './engine/testing'
import { scrubZip } from './scrub-files'

let fx: EngineFixture
beforeAll(async () => {
  fx = await startEngineFixture()
})
afterAll(async () => {
  await fx?.close()
})

const SECRETS = { password: `Pw!x'y (z)~"é€ S3cret_A1`, token: `tök 'n' <b>&amp; 42+/=` }

/** Every entry's text (binary entries read byte for byte), by entry name. */
function entries(zip: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, data]) => [name, Buffer.from(data).toString(/\.(jpe?g|png)$/.test(name) ? 'latin1' : 'utf8')]))
}

describe('trace archives', () => {
  it('keep no secret in any entry once scrubbed, and stay a readable trace', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'td-trace-')), 'trace.zip')
    const outcome = await fx.run(
      secretJourney(['password', 'token']).map((s) => ({ ...s, description: null, disabled: false })),
      { variables: SECRETS, secrets: Object.values(SECRETS) },
      async (context) => {
        await context.tracing.start({ screenshots: true, snapshots: true })
      },
      async (context) => context.tracing.stop({ path }),
    )
    expect(outcome.status).toBe('failed')
    const raw = readFileSync(path)
    const before = Object.entries(entries(raw)).flatMap(([name, text]) => spellingsIn(text, Object.values(SECRETS)).map((s) => `${name}: ${s}`))
    expect(before.some((hit) => hit.startsWith('trace.trace'))).toBe(true)
    expect(before.some((hit) => hit.startsWith('trace.network') || hit.startsWith('resources/'))).toBe(true)

    const scrubbed = scrubZip(raw, createMasker(Object.values(SECRETS)))!
    const after = entries(scrubbed)
    expect(Object.keys(after).sort()).toEqual(Object.keys(entries(raw)).sort())
    const hits = Object.entries(after).flatMap(([name, text]) => spellingsIn(text, Object.values(SECRETS)).map((s) => `${name}: ${s}`))
    expect(hits).toEqual([])
    // Still a trace: its event log parses line by line.
    for (const line of after['trace.trace'].split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('are kept out when they cannot be read, and left alone when there is nothing to mask', () => {
    expect(scrubZip(Buffer.from('not a zip'), createMasker(['pw-secret']))).toBeNull()
    const archive = Buffer.from('PK anything')
    expect(scrubZip(archive, createMasker([]))).toBe(archive)
  })
})
