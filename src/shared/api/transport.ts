// Names and shapes shared by the transports generated from the contract.
import type { Contract, EventName, MethodSpec, EventSpec, OutputOf, PayloadOf, RawInputOf, Unsubscribe } from './contract'
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

export type AnyEventName<C extends Contract> = EventName<C>
