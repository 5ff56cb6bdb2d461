// Files a run keeps (Playwright traces, downloads) pass through the same mask as every other
// result: a trace archive is opened and each of its entries (actions and their arguments,
// network log, request and response bodies, DOM snapshots) masked, then packed again.
import { unzipSync, zipSync, type Zippable } from 'fflate'
import type { Masker } from './engine/masking'

/** Entries already compressed: stored as they are instead of deflated again. */
const COMPRESSED = /\.(jpe?g|png|webp|gif|zip|gz|woff2?)$/i

/**
 * The archive with every secret masked in every entry, or null when it cannot be read (a trace
 * TestDesk cannot check is not kept). Unchanged when there is nothing to mask.
 */
export function scrubZip(archive: Buffer, mask: Masker): Buffer | null {
  if (!mask.active) return archive
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(archive)
  } catch {
    return null
  }
  const out: Zippable = {}
  for (const [name, data] of Object.entries(entries)) {
    const masked = mask.bytes(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    out[name] = [masked, { level: COMPRESSED.test(name) ? 0 : 6 }]
  }
  return Buffer.from(zipSync(out))
}
