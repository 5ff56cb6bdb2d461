// Serves files from one folder over node:http without ever leaving it: the host uses it for the
// built UI, the demo site for its pages.
import { createReadStream, realpathSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
}

export function contentTypeOf(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file a URL path names inside `root`, or null when the path is malformed or would leave the
 * root (`..`, encoded dots, backslashes, NUL bytes).
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0])
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  if (decoded.split('/').some((segment) => segment === '..')) return null
  const base = resolve(root)
  const target = resolve(base, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`))
  if (target !== base && !target.startsWith(base + sep)) return null
  return target
}

export interface FileInfo {
  path: string
  size: number
}

/**
 * The regular file at `path` (or its index.html when it is a folder), or null; null also when
 * the file really lives outside `root`, reached through a symbolic link (of the file or of a
 * folder on the way) that points out of it.
 */
export function findFile(path: string, root: string): FileInfo | null {
  try {
    let stats = statSync(path)
    if (stats.isDirectory()) {
      path = resolve(path, 'index.html')
      stats = statSync(path)
    }
    if (!stats.isFile()) return null
    const realRoot = realpathSync(root)
    const real = realpathSync(path)
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null
    return { path: real, size: stats.size }
  } catch {
    return null
  }
}

export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: FileInfo,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file.path),
    'Content-Length': String(file.size),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file.path)
  stream.on('error', () => res.destroy())
  res.on('close', () => stream.destroy())
  stream.pipe(res)
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  })
  res.end(res.req?.method === 'HEAD' ? undefined : text)
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  })
  res.end(res.req?.method === 'HEAD' ? undefined : text)
}

/**
 * Reads a request body up to `limit` bytes; rejects with code `too_large` beyond it. The body is
 * drained to its end either way, so the error response reaches the client instead of a reset.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size <= limit) chunks.push(chunk)
  }
  if (size > limit) throw Object.assign(new Error(`Request body over ${limit} bytes`), { code: 'too_large' })
  return Buffer.concat(chunks)
}
