// Keeps secrets out of everything a run gives back: secret values wherever they appear, and the
// values of credential headers whatever they hold.
import { mapStrings, secretMasker, SECRET_MASK } from '../../../shared/variables'

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])

export function maskSensitiveHeaders(headers: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) masked[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? SECRET_MASK : value
  return masked
}

export interface Masker {
  text(value: string): string
  /** Every string inside a JSON-like value (Buffers and other class instances are left alone). */
  deep<T>(value: T): T
}

export function createMasker(secrets: readonly string[]): Masker {
  const text = secretMasker(secrets)
  const active = secrets.some(Boolean)
  return {
    text,
    deep: (value) => (active ? mapStrings(value, text) : value),
  }
}
