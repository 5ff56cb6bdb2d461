import { describe, expect, it } from 'vitest'
import { base64Inside, secretSpellings } from '../../../../e2e/support/secret-spellings'
import { maskSecrets, SECRET_MASK } from '../../../shared/steps'
import { createMasker } from './masking'

// Quotes, a backslash, spaces, HTML and URL specials, non-ASCII (two- and three-byte UTF-8) and
// characters encodeURIComponent leaves alone but form encoding and Chromium escape.
const SECRETS = [`Pw!x'y(z)~S3cret_A1`, `ä "q" <b>&\\ Z€ 9*+/=?#`, 'plain-secret-token-42', `O'Brien's café`]

describe('secret masking', () => {
  for (const secret of SECRETS) {
    it(`masks every spelling of ${JSON.stringify(secret)}`, () => {
      const inside = Object.values(base64Inside(secret))
      for (const [name, spelling] of Object.entries(secretSpellings(secret))) {
        const text = `before ${inside.find((b) => b.middle === spelling)?.encoded ?? spelling} after`
        const masked = maskSecrets(text, [secret])
        expect(masked, `${name}: ${spelling}`).not.toContain(spelling)
        expect(masked, name).toContain(SECRET_MASK)
        expect(masked.startsWith('before '), name).toBe(true)
      }
    })
  }

  it('masks mixtures and nested escapes', () => {
    const secret = `it's é`
    // A JS string inside JSON, an HTML attribute of a URL, a re-encoded query.
    for (const text of [
      JSON.stringify(`fill('it\\'s é')`),
      `<a href="/x?q=it&amp;#39;s%20%C3%A9">`,
      `/next?back=${encodeURIComponent(`/x?q=${encodeURIComponent(secret)}`)}`,
      'it\\u0027s \\u00E9',
      `it's  é`,
    ]) {
      expect(maskSecrets(text, [secret]), text).toContain(SECRET_MASK)
      expect(maskSecrets(text, [secret]), text).not.toMatch(/it.{0,12}s/)
    }
  })

  it('masks the longer of two secrets whole, and leaves other text alone', () => {
    expect(maskSecrets('a=secret-long b=secret', ['secret', 'secret-long'])).toBe(`a=${SECRET_MASK} b=${SECRET_MASK}`)
    expect(maskSecrets('nothing to hide: Secret, secre t', ['secret'])).toBe('nothing to hide: Secret, secre t')
    expect(maskSecrets('nothing to hide', [])).toBe('nothing to hide')
    expect(maskSecrets('spaces stay', ['  ', ''])).toBe('spaces stay')
  })
})

describe('secret masking of shortened texts', () => {
  it('masks the start of a secret that a shortened text cut, and nothing that only looks alike', () => {
    const secret = `Pw!x'y(z)~S3cret_A1`
    expect(maskSecrets(`Fill with 'Pw!x'y(z…'`, [secret])).toBe(`Fill with '${SECRET_MASK}'`)
    expect(maskSecrets(`value=Pw%21x%27…`, [secret])).toBe(`value=${SECRET_MASK}`)
    expect(maskSecrets(`Pw!x'y(z)~S3cret_A1…`, [secret])).toBe(`${SECRET_MASK}…`)
    expect(maskSecrets(`Pw! and Pw!x'y(z) without a cut`, [secret])).toBe(`Pw! and Pw!x'y(z) without a cut`)
  })
})

describe('masking files', () => {
  it('masks text files as text and binary files byte by byte', () => {
    const mask = createMasker([`café 'pw'`])
    expect(mask.bytes(Buffer.from(`{"v":"caf\\u00e9 'pw'"}`)).toString()).toBe(`{"v":"${SECRET_MASK}"}`)
    const binary = Buffer.concat([Buffer.from([0xff, 0x00, 0xd8]), Buffer.from(`café 'pw'`), Buffer.from([0xff])])
    const masked = mask.bytes(binary)
    expect(masked.includes(Buffer.from(`café 'pw'`))).toBe(false)
    expect(masked).toEqual(Buffer.concat([Buffer.from([0xff, 0x00, 0xd8]), Buffer.from('******'), Buffer.from([0xff])]))
    const plain = Buffer.from('nothing to hide')
    expect(mask.bytes(plain)).toBe(plain)
  })
})
