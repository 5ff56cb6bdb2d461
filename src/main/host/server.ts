// Browser mode: the contract over HTTP (POST /api/<namespace>.<method>), subscribed events over
// one WebSocket (event-socket.ts) and the built UI. Bound to 127.0.0.1; every contract call and
// the socket must carry the session token and come from our own origin (see access.ts). A refused
// request runs nothing.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { HTTP_STATUS } from '../../shared/api/errors'
import { EVENTS_PROTOCOL, HTTP_TOKEN_HEADER, TOKEN_FRAGMENT_KEY } from '../../shared/api/transport'
import type { Api } from '../../shared/api'
import type { Dispatcher } from '../core/dispatch'
import type { EventSource } from '../core/events'
import { findFile, readBody, resolveInside, sendFile, sendJson, sendText } from '../http/static-files'
import { serveEventSocket } from './event-socket'
import type { OutboxLimits } from './outbox'
import { checkCallToken, checkHost, checkJsonBody, checkOrigin, checkSocketToken, isSessionToken, WRONG_TOKEN, type Refusal } from './access'

export const TOKEN_HEADER = HTTP_TOKEN_HEADER
export const EVENTS_PATH = '/api/events'
const MAX_BODY = 16 * 1024 * 1024

export interface HostOptions {
  dispatcher: Dispatcher
  events: EventSource<Api>
  /** How far a page may fall behind on its events before its socket is closed. */
  eventLimits?: OutboxLimits
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  port?: number
  /** Fixed token for tests; a random one otherwise. */
  token?: string
}

export interface Host {
  /** The URL to open: carries the token in its fragment, which the page keeps for itself. */
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const server = createServer()
  // The socket answers with the plain protocol, never echoing the one that carries the token.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  })
  let port = 0

  server.on('request', (req, res) => {
    handleRequest(req, res).catch((error) => {
      console.error('[testdesk] host request failed:', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'internal', message: 'Host error' } })
      else res.destroy()
    })
  })

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const refusal = checkHost(req, port)
    if (refusal) return refuse(res, refusal)
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length))
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
      return
    }
    const fromQuery = url.searchParams.get(TOKEN_FRAGMENT_KEY)
    if (fromQuery !== null) {
      // A token in the query only opens the page: it moves to the fragment, which no server,
      // history sync or Referer sees, and the page keeps it from there.
      if (!isSessionToken(fromQuery, token)) return refuse(res, { status: 401, reason: WRONG_TOKEN })
      url.searchParams.delete(TOKEN_FRAGMENT_KEY)
      res.writeHead(302, {
        Location: `${url.pathname}${url.search}#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      })
      res.end()
      return
    }
    serveRenderer(req, res, url.pathname)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const refusal = checkOrigin(req, port, true) ?? checkCallToken(req, token)
    if (refusal) return refuse(res, refusal)
    if (req.method !== 'POST') {
      sendText(res, 405, 'Contract methods are called with POST', { Allow: 'POST' })
      return
    }
    const wrongType = checkJsonBody(req)
    if (wrongType) {
      sendJson(res, 415, { ok: false, error: { kind: 'validation', message: wrongType.reason } })
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
    const file = findFile(target, options.rendererDir)
    if (file) return sendFile(req, res, file, headers)
    // Client-side routes fall back to the app; missing assets stay 404.
    const index = findFile(options.rendererDir, options.rendererDir)
    if (index && !/\.[a-z0-9]+$/i.test(pathname)) return sendFile(req, res, index, headers)
    sendText(res, 404, index ? 'Not found' : `The UI is not built (${options.rendererDir} is missing).`)
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkHost(req, port) ?? checkOrigin(req, port, true) ?? checkSocketToken(req, token)
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (refusal || pathname !== EVENTS_PATH) {
      const status = refusal?.status ?? 404
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on('error', () => ws.terminate())
      serveEventSocket(ws, options.events, options.eventLimits)
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
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    origin,
    port,
    token,
    close: () => closeHost(server, sockets),
  }
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  sendText(res, refusal.status, refusal.reason)
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

function closeHost(server: Server, sockets: WebSocketServer): Promise<void> {
  for (const socket of sockets.clients) socket.terminate()
  sockets.close()
  server.closeAllConnections()
  return new Promise((resolveClose) => server.close(() => resolveClose()))
}
