// The renderer's one way to reach main: `window.testdesk` inside Electron, else the browser-mode
// host over HTTP and a WebSocket. Both look the same to the UI: typed methods that resolve with
// the output or reject with a TestDeskError, and event subscriptions.
import { api, type Api } from '../../shared/api'
import { isEventName, type Client, type EventFilter, type EventName, type Unsubscribe } from '../../shared/api/contract'
import { TestDeskError, type Envelope } from '../../shared/api/errors'
import { parseSubscription, type EventOf, type Subscription } from '../../shared/api/subscription'
import { EVENTS_PROTOCOL, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER, httpPath, tokenProtocol, type Bridge, type SocketMessage, type SocketRequest } from '../../shared/api/transport'
import { sessionToken } from './session-token'

export type ApiClient = Client<Api> & {
  /**
   * The events a subscription names, narrowed to one run, recording session or schedule by its
   * filter. A subscription the contract does not allow throws a validation error here.
   */
  subscribe<N extends EventName<Api>>(subscription: Subscription<Api, N>, listener: (event: EventOf<Api, N>) => void): Unsubscribe
}

export type EventListener = (name: string, payload: unknown) => void

export interface Transport {
  call(name: string, input: unknown): Promise<Envelope<unknown>>
  /** Only ever given subscriptions already checked against the contract. */
  subscribe(subscription: Subscription<Api>, listener: EventListener): Unsubscribe
}

export function createClient(): ApiClient {
  return clientOver(window.testdesk ? bridgeTransport(window.testdesk) : httpTransport(window.location.origin, sessionToken()))
}

function refused(message: string): void {
  console.error(`[testdesk] events subscription refused: ${message}`)
}

/** A typed client over any transport: `client.ns.method(input)`, `client.ns.onEvent(fn, filter?)`, `client.subscribe(…)`. */
export function clientOver(transport: Transport): ApiClient {
  const subscribe = (subscription: Subscription<Api>, listener: (event: EventOf<Api>) => void): Unsubscribe =>
    transport.subscribe(parseSubscription(api, subscription), (name, payload) => listener({ name, payload } as EventOf<Api>))
  const namespaces = new Map<string, object>()
  return new Proxy({} as ApiClient, {
    get(_target, ns) {
      if (ns === 'subscribe') return subscribe
      if (typeof ns !== 'string') return undefined
      let namespace = namespaces.get(ns)
      if (!namespace) {
        namespace = new Proxy({}, {
          get(_t, member) {
            if (typeof member !== 'string') return undefined
            const name = `${ns}.${member}`
            if (isEventName(member)) {
              return (listener: (payload: unknown) => void, filter?: EventFilter) =>
                subscribe({ events: [name as EventName<Api>], ...(filter ? { filter } : {}) }, (event) => listener(event.payload))
            }
            return async (input?: unknown) => unwrap(await transport.call(name, input ?? {}))
          },
        })
        namespaces.set(ns, namespace)
      }
      return namespace
    },
  })
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value
  throw TestDeskError.from(envelope.error)
}

function bridgeTransport(bridge: Bridge<Api>): Transport {
  const members = bridge as unknown as Record<string, Record<string, (arg: unknown) => Promise<Envelope<unknown>>>>
  return {
    call: (name, input) => {
      const [ns, member] = name.split('.')
      const fn = members[ns]?.[member]
      if (!fn) throw new TestDeskError('not_found', `Unknown method: ${name}`)
      return fn(input)
    },
    subscribe: (subscription, listener) => bridge.subscribe(subscription, listener, refused),
  }
}

// WebSocket.OPEN, spelled out: tests hand in sockets of their own.
const OPEN = 1

/**
 * Browser mode: the token goes as a header on calls and as a subprotocol on the events socket.
 * Each subscription is sent to the host with a number; the host tags each event with it.
 */
export function httpTransport(
  origin: string,
  token: string | null,
  socketFactory = (url: string, protocols: string[]) => new WebSocket(url, protocols),
): Transport {
  const subscriptions = new Map<number, { subscription: Subscription<Api>; listener: EventListener }>()
  let nextId = 1
  let socket: WebSocket | null = null
  let retryDelay = 500

  const send = (request: SocketRequest) => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(request))
  }
  const subscribeRequest = (id: number, subscription: Subscription<Api>): SocketRequest => ({ type: 'subscribe', id, events: [...subscription.events], ...(subscription.filter ? { filter: subscription.filter } : {}) })

  const connect = () => {
    // A page with no host behind it (opened from disk without the desktop bridge) has no events
    // to follow; its calls fail with "not reachable", and the page itself keeps working.
    if (socket || !/^https?:\/\//.test(origin)) return
    const ws = socketFactory(origin.replace(/^http/, 'ws') + HTTP_EVENTS_PATH, token ? [EVENTS_PROTOCOL, tokenProtocol(token)] : [EVENTS_PROTOCOL])
    socket = ws
    ws.onopen = () => {
      retryDelay = 500
      for (const [id, { subscription }] of subscriptions) send(subscribeRequest(id, subscription))
    }
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as SocketMessage
      if (data.type === 'event') subscriptions.get(data.id)?.listener(data.event, data.payload)
      else if (data.type === 'refused') {
        if (data.id !== null) subscriptions.delete(data.id)
        refused(data.message)
      }
    }
    ws.onclose = () => {
      socket = null
      // Keep events flowing after the host restarts, the laptop wakes up or the host gave up on
      // a tab that fell behind; the subscriptions are sent again on the new socket.
      if (subscriptions.size) {
        setTimeout(connect, retryDelay)
        retryDelay = Math.min(retryDelay * 2, 10_000)
      }
    }
  }

  return {
    async call(name, input) {
      let response: Response
      try {
        response = await fetch(origin + httpPath(name), {
          method: 'POST',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', ...(token ? { [HTTP_TOKEN_HEADER]: token } : {}) },
          body: JSON.stringify(input ?? {}),
        })
      } catch (error) {
        return { ok: false, error: { kind: 'internal', message: `TestDesk is not reachable: ${String(error)}` } }
      }
      const text = await response.text()
      try {
        return JSON.parse(text) as Envelope<unknown>
      } catch {
        return { ok: false, error: { kind: 'internal', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } }
      }
    },
    subscribe(subscription, listener) {
      const id = nextId++
      subscriptions.set(id, { subscription, listener })
      send(subscribeRequest(id, subscription))
      connect()
      return () => {
        if (!subscriptions.delete(id)) return
        send({ type: 'unsubscribe', id })
      }
    },
  }
}
