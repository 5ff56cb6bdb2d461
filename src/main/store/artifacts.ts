// Large files (screenshots, traces, downloads, diffs) live on disk under the data directory,
// named by content hash, so the same screenshot is stored once however often it is taken.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Artifact } from '../../shared/model/execution'
import type { StoreBase } from './base'

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/zip': 'zip',
  'text/html': 'html',
  'application/json': 'json',
  'text/plain': 'txt',
}

export class ArtifactsRepo {
  constructor(
    private readonly s: StoreBase,
    private readonly dataDir: string,
  ) {}

  /** Stores bytes once by content; returns the artifact (path relative to the data directory). */
  save(bytes: Buffer | Uint8Array, mime: string, extension = EXTENSIONS[mime] ?? 'bin'): Artifact {
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const existing = this.bySha(sha256)
    if (existing && existsSync(this.absolute(existing.path))) return existing
    const path = `artifacts/${sha256.slice(0, 2)}/${sha256}.${extension}`
    const target = this.absolute(path)
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true })
      // Write then rename, so a crash never leaves a half-written file under the final name.
      const temp = `${target}.${process.pid}.tmp`
      writeFileSync(temp, bytes)
      renameSync(temp, target)
    }
    if (existing) return existing
    const id = this.s.t.artifacts.insert({ sha256, path, size: bytes.byteLength, mime })
    return this.s.t.artifacts.written(id)
  }

  bySha(sha256: string): Artifact | null {
    return (this.s.statements.get('SELECT * FROM artifacts WHERE sha256 = ?').get(sha256) as Artifact | undefined) ?? null
  }

  byPath(path: string): Artifact | null {
    return (this.s.statements.get('SELECT * FROM artifacts WHERE path = ?').get(path) as Artifact | undefined) ?? null
  }

  absolute(path: string): string {
    return join(this.dataDir, path)
  }
}
