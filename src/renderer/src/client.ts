// The renderer's one way to reach main: `window.testdesk` inside Electron, else the browser-mode
// host over HTTP and a WebSocket. Both look the same to the UI: typed methods that resolve with
// the output or reject with a TestDeskError, and event subscriptions.
import type { Api } from '../../shared/api'
import { isEventName, type Client, type Unsubscribe } from '../../shared/api/contract'
import { TestDeskError, type Envelope } from '../../shared/api/errors'
import { EVENTS_PROTOCOL, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER, httpPath, tokenProtocol, type Bridge, type EventMessage } from '../../shared/api/transport'
import { sessionToken } from './session-token'

export type ApiClient = Client<Api>

export interface Transport {
  call(name: string, input: unknown): Promise<Envelope<unknown>>
  subscribe(name: string, listener: (payload: unknown) => void): Unsubscribe
}

export function createClient(): ApiClient {
  return clientOver(window.testdesk ? bridgeTransport(window.testdesk) : httpTransport(window.location.origin, sessionToken()))
}

/** A typed client over any transport: `client.ns.method(input)` and `client.ns.onEvent(fn)`. */
export function clientOver(transport: Transport): ApiClient {
  const namespaces = new Map<string, object>()
  return new Proxy({} as ApiClient, {
    get(_target, ns) {
      if (typeof ns !== 'string') return undefined
      let namespace = namespaces.get(ns)
      if (!namespace) {
        namespace = new Proxy({}, {
          get(_t, member) {
            if (typeof member !== 'string') return undefined
            const name = `${ns}.${member}`
            if (isEventName(member)) return (listener: (payload: unknown) => void) => transport.subscribe(name, listener)
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
  const members = bridge as unknown as Record<string, Record<string, (arg: unknown) => unknown>>
  const lookup = (name: string) => {
    const [ns, member] = name.split('.')
    const fn = members[ns]?.[member]
    if (!fn) throw new TestDeskError('not_found', `Unknown method: ${name}`)
    return fn
  }
  return {
    call: (name, input) => lookup(name)(input) as Promise<Envelope<unknown>>,
    subscribe: (name, listener) => lookup(name)(listener) as Unsubscribe,
  }
}

/** Browser mode: the token goes as a header on calls and as a subprotocol on the events socket. */
export function httpTransport(
  origin: string,
  token: string | null,
  socketFactory = (url: string, protocols: string[]) => new WebSocket(url, protocols),
): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let socket: WebSocket | null = null
  let retryDelay = 500

  const connect = () => {
    // A page with no host behind it (opened from disk without the desktop bridge) has no events
    // to follow; its calls fail with "not reachable", and the page itself keeps working.
    if (socket || !/^https?:\/\//.test(origin)) return
    const ws = socketFactory(origin.replace(/^http/, 'ws') + HTTP_EVENTS_PATH, token ? [EVENTS_PROTOCOL, tokenProtocol(token)] : [EVENTS_PROTOCOL])
    socket = ws
    ws.onopen = () => (retryDelay = 500)
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as EventMessage
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload)
    }
    ws.onclose = () => {
      socket = null
      // Keep events flowing after the host restarts or the laptop wakes up.
      if ([...listeners.values()].some((set) => set.size)) {
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
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set()
      listeners.set(name, set)
      set.add(listener)
      connect()
      return () => set.delete(listener)
    },
  }
}
