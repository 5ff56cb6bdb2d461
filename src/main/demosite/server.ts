// Serves resources/demo-site and its small JSON API, so the demo project, the CLI and the browser
// tests have a deterministic site on 127.0.0.1 that never reaches the internet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { findFile, readBody, resolveInside, sendFile, sendJson, sendText } from '../http/static-files'

export interface DemoSiteServer {
  url: string
  port: number
  close(): Promise<void>
}

export interface DemoSiteOptions {
  port?: number
  host?: string
  root?: string
}

const SLOW_DEFAULT_MS = 1500
const SLOW_MAX_MS = 30_000
// Echo and login bodies are tiny; the cap only stops a stray upload from filling memory.
const MAX_BODY_BYTES = 1024 * 1024

// Fixed accounts so login tests (and data-driven ones) know the outcome in advance.
const ACCOUNTS = [
  { username: 'demo@testdesk.dev', password: 'secret123', name: 'Demo User', role: 'Tester', locked: false },
  { username: 'admin@testdesk.dev', password: 'admin123', name: 'Ada Admin', role: 'Manager', locked: false },
  { username: 'locked@testdesk.dev', password: 'locked123', name: 'Lou Locked', role: 'Tester', locked: true },
]

const USERS = [
  { id: 1, name: 'Alice Martin', email: 'alice@testdesk.dev', role: 'Developer' },
  { id: 2, name: 'Bruno Costa', email: 'bruno@testdesk.dev', role: 'Tester' },
  { id: 3, name: 'Chen Wei', email: 'chen@testdesk.dev', role: 'Designer' },
  { id: 4, name: 'Diana Novak', email: 'diana@testdesk.dev', role: 'Manager' },
  { id: 5, name: 'Emil Larsen', email: 'emil@testdesk.dev', role: 'Developer' },
]

/** Absolute path of resources/demo-site, found by walking up from this module so it works from
 *  sources (tsx, vitest) and from a bundle under out/ alike. */
export function demoSiteRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'resources', 'demo-site')
    if (existsSync(join(candidate, 'index.html'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  // Nothing found: report the path the sources layout implies, so the error names a real place.
  return fileURLToPath(new URL('../../../resources/demo-site', import.meta.url))
}

export async function startDemoSite(options: DemoSiteOptions = {}): Promise<DemoSiteServer> {
  const host = options.host ?? '127.0.0.1'
  const root = resolve(options.root ?? demoSiteRoot())
  const rootStat = await stat(root).catch(() => undefined)
  if (!rootStat?.isDirectory()) throw new Error(`Demo site folder not found: ${root}`)

  // Slow responses still waiting; close() ends them so no timer outlives the server.
  const pending = new Set<() => void>()

  const server = createServer((req, res) => {
    handle(req, res, root, pending).catch((error: unknown) => {
      // A client that vanished mid-request (or close()) leaves nobody to answer.
      if (res.destroyed || req.destroyed) return
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal Server Error', message: String(error) })
      else res.destroy()
    })
  })

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen)
      resolveListen()
    })
  })

  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined

  return {
    url: `http://${urlHost}:${port}/`,
    port,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        for (const cancel of [...pending]) cancel()
        server.close(() => resolveClose())
        // Keep-alive and in-flight sockets would otherwise hold close() open indefinitely.
        server.closeAllConnections()
      })
      return closing
    },
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, root: string, pending: Set<() => void>) {
  const rawTarget = req.url ?? '/'
  if (!rawTarget.startsWith('/')) return sendText(res, 400, 'Bad request target')
  const queryAt = rawTarget.indexOf('?')
  const rawPath = queryAt === -1 ? rawTarget : rawTarget.slice(0, queryAt)
  const query = new URLSearchParams(queryAt === -1 ? '' : rawTarget.slice(queryAt + 1))

  // Routing uses the raw path: new URL() would quietly resolve "/../" and "%2e%2e" and hide an
  // escape attempt that we want to refuse outright.
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return sendText(res, 400, 'Malformed URL')
  }

  if (path === '/api' || path.startsWith('/api/')) return handleApi(req, res, path, query, pending)
  return serveStatic(req, res, root, path)
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, path: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' })
  // Drive letters are refused too: on Windows "C:" would resolve outside the root.
  const target = path.split('/').some((s) => /^[a-zA-Z]:$/.test(s)) ? null : resolveInside(root, path)
  if (!target) return sendText(res, 403, 'Forbidden')
  const info = await stat(target).catch(() => undefined)
  // Relative links inside a folder's index only resolve with the trailing slash. Leading
  // slashes are collapsed so "//folder" cannot become a redirect to another host.
  if (info?.isDirectory() && !path.endsWith('/')) {
    return sendText(res, 301, 'Moved Permanently', { Location: encodeURI('/' + path.replace(/^\/+/, '')) + '/' })
  }
  const file = findFile(target, root)
  if (!file) return sendNotFound(req, res, root)
  const fileName = basename(file.path).replace(/["\\]/g, '_')
  sendFile(req, res, file, {
    'Cache-Control': 'no-store',
    ...(path.startsWith('/files/') ? { 'Content-Disposition': `attachment; filename="${fileName}"` } : {}),
  })
}

async function sendNotFound(req: IncomingMessage, res: ServerResponse, root: string) {
  const page = await readFile(join(root, '404.html'), 'utf8').catch(
    () => '<!doctype html><html lang="en"><title>Page not found</title><h1>Page not found</h1></html>',
  )
  res.statusCode = 404
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(page))
  res.setHeader('Cache-Control', 'no-store')
  res.end(req.method === 'HEAD' ? undefined : page)
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  pending: Set<() => void>,
) {
  const route = path.replace(/\/+$/, '')
  switch (route) {
    case '/api/users':
      if (!allow(req, res, ['GET', 'HEAD'])) return
      return sendJson(res, 200, { users: USERS, total: USERS.length })

    case '/api/slow': {
      if (!allow(req, res, ['GET', 'HEAD'])) return
      const raw = query.get('ms')
      const asked = raw === null || raw === '' ? SLOW_DEFAULT_MS : Number(raw)
      if (!Number.isFinite(asked) || asked < 0) {
        return sendJson(res, 400, { error: 'Bad Request', message: 'ms must be a number of milliseconds >= 0' })
      }
      const ms = Math.min(Math.round(asked), SLOW_MAX_MS)
      const completed = await new Promise<boolean>((done) => {
        const finish = (inTime: boolean) => {
          clearTimeout(timer)
          res.off('close', onClose)
          pending.delete(onCancel)
          done(inTime)
        }
        const timer = setTimeout(() => finish(true), ms)
        // 'close' before the reply means the client went away: stop waiting for nobody.
        const onClose = () => finish(false)
        const onCancel = () => finish(false)
        res.on('close', onClose)
        pending.add(onCancel)
      })
      if (!completed) return void res.destroy()
      return sendJson(res, 200, { delayed: ms, message: `Responded after ${ms} ms` })
    }

    case '/api/fail':
      return sendJson(res, 500, { error: 'Internal Server Error', message: 'The demo server failed on purpose' })

    case '/api/echo': {
      if (!allow(req, res, ['POST', 'PUT', 'PATCH'])) return
      const body = await readText(req, res)
      if (body === undefined) return
      const contentType = req.headers['content-type'] ?? ''
      let parsed: unknown = body
      if (/\bjson\b/i.test(contentType) && body !== '') {
        try {
          parsed = JSON.parse(body)
        } catch {
          return sendJson(res, 400, { error: 'Bad Request', message: 'Body is not valid JSON' })
        }
      }
      return sendJson(res, 200, { method: req.method, body: parsed, headers: req.headers })
    }

    case '/api/login': {
      if (!allow(req, res, ['POST'])) return
      const body = await readText(req, res)
      if (body === undefined) return
      let input: unknown
      try {
        input = JSON.parse(body)
      } catch {
        return sendJson(res, 400, { error: 'Bad Request', message: 'Body must be JSON: {"username","password"}' })
      }
      const { username, password } = (input ?? {}) as Record<string, unknown>
      if (typeof username !== 'string' || typeof password !== 'string') {
        return sendJson(res, 400, { error: 'Bad Request', message: 'username and password must be strings' })
      }
      const account = ACCOUNTS.find((a) => a.username === username.trim().toLowerCase() && a.password === password)
      if (!account) return sendJson(res, 401, { error: 'Invalid username or password' })
      if (account.locked) return sendJson(res, 403, { error: 'This account is locked' })
      return sendJson(res, 200, {
        token: `demo-token-${account.username.split('@')[0]}`,
        user: { name: account.name, email: account.username, role: account.role },
      })
    }

    default:
      return sendJson(res, 404, { error: 'Not Found', message: `No API route ${route}` })
  }
}

function allow(req: IncomingMessage, res: ServerResponse, methods: string[]): boolean {
  if (methods.includes(req.method ?? '')) return true
  res.setHeader('Allow', methods.join(', '))
  sendJson(res, 405, { error: 'Method Not Allowed', allowed: methods })
  return false
}

/** Reads the request body as text, or answers 413 and returns undefined when it is too large. */
async function readText(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  try {
    return (await readBody(req, MAX_BODY_BYTES)).toString('utf8')
  } catch (error) {
    if ((error as { code?: string }).code !== 'too_large') throw error
    sendJson(res, 413, { error: 'Payload Too Large', limit: MAX_BODY_BYTES })
    return undefined
  }
}
