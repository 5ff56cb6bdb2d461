// Names and shapes shared by the transports generated from the contract.
import type { Contract, MethodSpec, EventSpec, OutputOf, PayloadOf, RawInputOf, Unsubscribe } from './contract'
import type { Envelope } from './errors'

/** IPC channel of a contract method. */
export function ipcChannel(name: string): string {
  return `testdesk:${name}`
}

/** The one IPC channel events travel on, as (name, payload). */
export const IPC_EVENT_CHANNEL = 'testdesk:event'

/** Where browser mode calls a contract method. */
export function httpPath(name: string): string {
  return `/api/${name}`
}

export const HTTP_EVENTS_PATH = '/api/events'

/**
 * Browser mode's session token: the page reads it from its URL fragment (`#token=…`, never sent
 * to any server), keeps it for its own origin only, and sends it on every contract call as this
 * header and on the events WebSocket as a subprotocol (browsers cannot set headers there).
 */
export const HTTP_TOKEN_HEADER = 'X-TestDesk-Token'
export const TOKEN_FRAGMENT_KEY = 'token'
/** The subprotocol the host answers with; the token travels as a second one, tokenProtocol(). */
export const EVENTS_PROTOCOL = 'testdesk'
const TOKEN_PROTOCOL_PREFIX = 'testdesk.token.'

export function tokenProtocol(token: string): string {
  return TOKEN_PROTOCOL_PREFIX + token
}

/** The token a WebSocket offered among its subprotocols, or null. */
export function tokenFromProtocols(protocols: Iterable<string>): string | null {
  for (const protocol of protocols) if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) return protocol.slice(TOKEN_PROTOCOL_PREFIX.length)
  return null
}

/** A message on the events WebSocket. */
export interface EventMessage {
  event: string
  payload: unknown
}

/**
 * What the preload exposes as `window.testdesk`: every method returns an envelope (errors keep
 * their kind and fields across the context bridge), every event is a subscription.
 */
export type Bridge<C extends Contract> = {
  [N in keyof C]: {
    [M in keyof C[N] as C[N][M] extends MethodSpec ? M : never]: (
      input?: RawInputOf<C[N][M]>,
    ) => Promise<Envelope<OutputOf<C[N][M]>>>
  } & {
    [E in keyof C[N] as C[N][E] extends EventSpec ? E : never]: (
      listener: (payload: PayloadOf<C[N][E]>) => void,
    ) => Unsubscribe
  }
}
