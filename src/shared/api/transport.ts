// Names and shapes shared by the transports generated from the contract.
import { z } from 'zod'
import type { Contract, EventName, MethodSpec, OutputOf, RawInputOf, Unsubscribe } from './contract'
import type { Envelope } from './errors'
import { SubscriptionInput, type Subscription } from './subscription'

/** IPC channel of a contract method. */
export function ipcChannel(name: string): string {
  return `testdesk:${name}`
}

/** The IPC channel events travel on, as (subscription id, name, payload). */
export const IPC_EVENT_CHANNEL = 'testdesk:event'
/** The page asks for events as (id, subscription); the answer is an envelope. */
export const IPC_SUBSCRIBE_CHANNEL = 'testdesk:subscribe'
/** The page ends a subscription as (id). */
export const IPC_UNSUBSCRIBE_CHANNEL = 'testdesk:unsubscribe'

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

/** What a page sends on the events WebSocket: start or end a subscription it numbers itself. */
export const SocketRequest = z.discriminatedUnion('type', [
  SubscriptionInput.extend({ type: z.literal('subscribe'), id: z.number().int().nonnegative() }),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int().nonnegative() }).strict(),
])
export type SocketRequest = z.input<typeof SocketRequest>

/** What the host sends on it: an event for one subscription, or the answer to a request. */
export type SocketMessage =
  | { type: 'event'; id: number; event: string; payload: unknown }
  | { type: 'subscribed'; id: number }
  | { type: 'refused'; id: number | null; message: string }

/**
 * What the preload exposes as `window.testdesk`: every method returns an envelope (errors keep
 * their kind and fields across the context bridge); events come through one `subscribe`, which
 * reports a refused subscription to `onRefused`.
 */
export type Bridge<C extends Contract> = {
  [N in keyof C]: {
    [M in keyof C[N] as C[N][M] extends MethodSpec ? M : never]: (
      input?: RawInputOf<C[N][M]>,
    ) => Promise<Envelope<OutputOf<C[N][M]>>>
  }
} & {
  subscribe(
    subscription: Subscription<C, EventName<C>>,
    listener: (name: string, payload: unknown) => void,
    onRefused?: (message: string) => void,
  ): Unsubscribe
}
