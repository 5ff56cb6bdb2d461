// Browser mode: the contract over HTTP (POST /api/<namespace>.<method>) and events over one
// WebSocket, plus the built UI. Bound to 127.0.0.1; every request must carry the session token
// (query on first visit, then a cookie or header) and come from our own origin. A refused
// request runs nothing.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { HTTP_STATUS } from '../../shared/api/errors'
import type { Dispatcher } from '../core/dispatch'
import type { EventSource } from '../core/events'
import { findFile, readBody, resolveInside, sendFile, sendJson, sendText } from '../http/static-files'

export const TOKEN_COOKIE = 'testdesk_token'
export const TOKEN_HEADER = 'x-testdesk-token'
export const EVENTS_PATH = '/api/events'
const MAX_BODY = 16 * 1024 * 1024

export interface HostOptions {
  dispatcher: Dispatcher
  events: EventSource
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  port?: number
  /** Fixed token for tests; a random one otherwise. */
  token?: string
}

export interface Host {
  /** The URL to open: carries the token once, which the page then keeps as a cookie. */
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const server = createServer()
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  let port = 0

  const unsubscribe = options.events.subscribe((name, payload) => {
    if (!sockets.clients.size) return
    const message = JSON.stringify({ event: name, payload })
    for (const socket of sockets.clients) if (socket.readyState === socket.OPEN) socket.send(message)
  })

  const guard = (req: IncomingMessage): { status: number; reason: string } | null => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(req.headers.host ?? '')) return { status: 403, reason: 'Host not allowed' }
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      return { status: 403, reason: 'Origin not allowed' }
    }
    if (!hasToken(req, token)) {
      return { status: 401, reason: 'Missing or wrong token: open the URL printed by `testdesk serve`.' }
    }
    return null
  }

  server.on('request', (req, res) => {
    handleRequest(req, res).catch((error) => {
      console.error('[testdesk] host request failed:', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: 'Host error' } })
      else res.destroy()
    })
  })

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refusal = guard(req)
    if (refusal) {
      sendText(res, refusal.status, refusal.reason)
      return
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length))
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
      return
    }
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token')
      res.writeHead(302, {
        Location: url.pathname + (url.search || ''),
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'Cache-Control': 'no-store',
      })
      res.end()
      return
    }
    serveRenderer(req, res, url.pathname)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      sendText(res, 405, 'Contract methods are called with POST', { Allow: 'POST' })
      return
    }
    // A JSON content type cannot be sent cross-site without a preflight, which we never grant.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, { ok: false, error: { kind: 'validation', message: 'Content-Type must be application/json' } })
      return
    }
    if (!options.dispatcher.has(name)) {
      sendJson(res, 404, { ok: false, error: { kind: 'not_found', message: `Unknown method: ${name}` } })
      return
    }
    let input: unknown
    try {
      const body = await readBody(req, MAX_BODY)
      input = body.length ? JSON.parse(body.toString('utf8')) : {}
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === 'too_large'
      sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: { kind: 'validation', message: tooLarge ? 'Request body too large' : 'Request body is not valid JSON' },
      })
      return
    }
    const envelope = await options.dispatcher.call(name, input, { transport: 'http' })
    sendJson(res, envelope.ok ? 200 : HTTP_STATUS[envelope.error.kind], envelope)
  }

  function serveRenderer(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const headers = {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy(port),
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    }
    const target = resolveInside(options.rendererDir, pathname)
    if (!target) return sendText(res, 403, 'Forbidden path')
    const file = findFile(target)
    if (file) return sendFile(req, res, file, headers)
    // Client-side routes fall back to the app; missing assets stay 404.
    const index = findFile(options.rendererDir)
    if (index && !/\.[a-z0-9]+$/i.test(pathname)) return sendFile(req, res, index, headers)
    sendText(res, 404, index ? 'Not found' : `The UI is not built (${options.rendererDir} is missing).`)
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = guard(req)
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (refusal || pathname !== EVENTS_PATH) {
      const status = refusal?.status ?? 404
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on('error', () => ws.terminate())
      // The socket only carries events out; anything sent in is ignored.
      ws.on('message', () => undefined)
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () => closeHost(server, sockets, unsubscribe),
  }
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const candidates: string[] = []
  const header = req.headers[TOKEN_HEADER]
  if (typeof header === 'string') candidates.push(header)
  const cookie = parseCookies(req.headers.cookie)[TOKEN_COOKIE]
  if (cookie) candidates.push(cookie)
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token')
  if (query) candidates.push(query)
  return candidates.some((candidate) => safeEqual(candidate, token))
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return cookies
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

function closeHost(server: Server, sockets: WebSocketServer, unsubscribe: () => void): Promise<void> {
  unsubscribe()
  for (const socket of sockets.clients) socket.terminate()
  sockets.close()
  server.closeAllConnections()
  return new Promise((resolveClose) => server.close(() => resolveClose()))
}
