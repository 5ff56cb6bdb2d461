// Keeps secrets out of everything a run gives back: every spelling of a secret value (see
// shared/secret-mask) in texts, JSON-like values and stored files, and the values of credential
// headers whatever they hold.
import { isUtf8 } from 'node:buffer'
import { truncate } from '../../../shared/patterns'
import { secretMasker, SECRET_MASK } from '../../../shared/secret-mask'
import { mapStrings } from '../../../shared/variables'

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
/** What replaces a secret inside a binary file: ASCII, one byte a character. */
const BINARY_MASK = '******'

export function maskSensitiveHeaders(headers: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) masked[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? SECRET_MASK : value
  return masked
}

export interface Masker {
  /** False when there is nothing to mask: callers may skip work. */
  readonly active: boolean
  text(value: string): string
  /** Every string inside a JSON-like value (Buffers and other class instances are left alone). */
  deep<T>(value: T): T
  /** A file's bytes: UTF-8 text masked as text; anything else byte by byte, with an ASCII mask. */
  bytes(value: Buffer): Buffer
  /** Masks first, then shortens, so a cut never leaves the start of a secret behind. */
  clip(value: string, max: number): string
  /** A secret learnt during the run (a value an HTTP request step captured as secret). */
  add(secret: string): void
}

/** Built on first use: a run plans every data iteration ahead, most of them masked much later. */
export function createMasker(initial: readonly string[]): Masker {
  const secrets = [...initial]
  let masker: ((text: string) => string) | null = null
  const text = (value: string) => (masker ??= secretMasker(secrets))(value)
  let active = secrets.some((secret) => secret.trim())
  let binary: ((text: string) => string) | null = null
  return {
    get active() {
      return active
    },
    text,
    deep: (value) => (active ? mapStrings(value, text) : value),
    bytes(value) {
      if (!active) return value
      if (isUtf8(value)) {
        const before = value.toString('utf8')
        const after = text(before)
        return after === before ? value : Buffer.from(after, 'utf8')
      }
      // Latin-1 maps each byte to one character, so the secret's UTF-8 bytes are found as text.
      binary ??= secretMasker(
        secrets.map((secret) => Buffer.from(secret, 'utf8').toString('latin1')),
        BINARY_MASK,
      )
      const before = value.toString('latin1')
      const after = binary(before)
      return after === before ? value : Buffer.from(after, 'latin1')
    },
    clip(value, max) {
      return truncate(active ? text(value) : value, max)
    },
    add(secret) {
      if (!secret.trim() || secrets.includes(secret)) return
      secrets.push(secret)
      active = true
      masker = null
      binary = null
    },
  }
}
