// Who may use browser mode. The page itself is public code; what it reaches (every contract
// call and the events socket) needs the session token, sent as a header (or, on the socket, a
// subprotocol), from TestDesk's own origin. Cookies are not used: a cookie for 127.0.0.1 goes to
// every port on it, so any local server the same browser visits would receive it. A token in a
// URL's query opens the page once and is moved to its fragment, which no server ever sees.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HTTP_TOKEN_HEADER, tokenFromProtocols } from '../../shared/api/transport'

export interface Refusal {
  status: 400 | 401 | 403 | 415
  reason: string
}

export const WRONG_TOKEN = 'Missing or wrong token: open the URL printed by `testdesk serve`.'

/** The origins the host answers as: 127.0.0.1 and localhost on its own port. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
}

/** Refuses a Host header naming anything but this host (DNS rebinding). */
export function checkHost(req: IncomingMessage, port: number): Refusal | null {
  const host = req.headers.host ?? ''
  return ownOrigins(port).some((origin) => origin === `http://${host}`) ? null : { status: 403, reason: 'Host not allowed' }
}

/** Refuses a request with another Origin, or, when `required`, with none. */
export function checkOrigin(req: IncomingMessage, port: number, required: boolean): Refusal | null {
  const origin = req.headers.origin
  if (origin === undefined) return required ? { status: 403, reason: 'Origin required: call TestDesk from its own page' } : null
  return ownOrigins(port).includes(origin) ? null : { status: 403, reason: 'Origin not allowed' }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The token of a contract call: its header only (not a cookie, not the query). */
export function checkCallToken(req: IncomingMessage, token: string): Refusal | null {
  const header = req.headers[HTTP_TOKEN_HEADER.toLowerCase()]
  return typeof header === 'string' && safeEqual(header, token) ? null : { status: 401, reason: WRONG_TOKEN }
}

/** The token of the events socket: a subprotocol (what a browser can send) or the header. */
export function checkSocketToken(req: IncomingMessage, token: string): Refusal | null {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const fromProtocol = tokenFromProtocols(offered)
  if (fromProtocol !== null) return safeEqual(fromProtocol, token) ? null : { status: 401, reason: WRONG_TOKEN }
  return checkCallToken(req, token)
}

/** Whether a token from a URL's query is this session's. */
export function isSessionToken(candidate: string | null, token: string): boolean {
  return candidate !== null && safeEqual(candidate, token)
}

/**
 * Exactly `application/json`, with optional parameters (`charset=utf-8`): the only body type
 * a page on another site cannot send without a preflight, which the host never grants.
 */
export function checkJsonBody(req: IncomingMessage): Refusal | null {
  const [type, ...parameters] = (req.headers['content-type'] ?? '').split(';').map((part) => part.trim())
  const refusal: Refusal = { status: 415, reason: 'Content-Type must be application/json' }
  if (type.toLowerCase() !== 'application/json') return refusal
  for (const parameter of parameters) {
    if (!parameter) continue
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)=("?)([^"]*)\2$/.exec(parameter)
    if (!match) return refusal
    if (match[1].toLowerCase() === 'charset' && match[3].toLowerCase() !== 'utf-8') return { status: 415, reason: 'The body must be UTF-8 (charset=utf-8)' }
  }
  return null
}
