import { afterEach, describe, expect, it, vi } from 'vitest'
import { clientOver, httpTransport } from './client'
import { sessionToken, type TokenPlace } from './session-token'

function place(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [['testdesk.session-token', stored]] : [])
  const replaced: string[] = []
  const at: TokenPlace = {
    location: { hash, pathname: '/runs/3', search: '?tab=steps' },
    history: { state: null, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  }
  return { at, storage, replaced }
}

describe('the session token', () => {
  it('is read from the fragment, kept for this tab and taken out of the address bar', () => {
    const { at, storage, replaced } = place('#token=abc-123_X&view=list')
    expect(sessionToken(at)).toBe('abc-123_X')
    expect(storage.get('testdesk.session-token')).toBe('abc-123_X')
    expect(replaced).toEqual(['/runs/3?tab=steps#view=list'])
  })

  it('comes from the tab after a reload, and is absent before the URL was opened', () => {
    expect(sessionToken(place('', 'kept').at)).toBe('kept')
    expect(sessionToken(place('').at)).toBeNull()
  })
})

describe('the browser-mode transport', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('opens no events socket for a page with no host behind it (opened from disk)', () => {
    const opened: string[] = []
    const transport = httpTransport('null', null, (url) => {
      opened.push(url)
      throw new Error('not a socket URL')
    })
    expect(() => transport.subscribe({ events: ['runs.onProgress'] }, () => undefined)).not.toThrow()
    expect(opened).toEqual([])
  })

  it('sends the token as a header on calls (no cookies) and as a subprotocol on the events socket', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('{"ok":true,"value":1}'))
    vi.stubGlobal('fetch', fetch)
    const sockets: { url: string; protocols: string[] }[] = []
    const transport = httpTransport('http://127.0.0.1:4000', 'tok', (url, protocols) => {
      sockets.push({ url, protocols })
      return {} as WebSocket
    })
    expect(await transport.call('system.info', {})).toEqual({ ok: true, value: 1 })
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('http://127.0.0.1:4000/api/system.info')
    expect(init.headers).toEqual({ 'Content-Type': 'application/json', 'X-TestDesk-Token': 'tok' })
    expect(init.credentials).toBe('omit')
    transport.subscribe({ events: ['runs.onProgress'] }, () => undefined)
    expect(sockets).toEqual([{ url: 'ws://127.0.0.1:4000/api/events', protocols: ['testdesk', 'testdesk.token.tok'] }])
  })
})

/** A socket the test opens, answers and closes by hand; it records what the page sent. */
class FakeSocket {
  readyState = 0
  sent: unknown[] = []
  onopen: (() => void) | null = null
  onmessage: ((message: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  deliver(message: object) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

describe('subscriptions over the browser-mode socket', () => {
  afterEach(() => vi.useRealTimers())

  function setUp() {
    const sockets: FakeSocket[] = []
    const transport = httpTransport('http://127.0.0.1:4000', 'tok', () => {
      const socket = new FakeSocket()
      sockets.push(socket)
      return socket as unknown as WebSocket
    })
    return { sockets, client: clientOver({ call: async () => ({ ok: true, value: null }), subscribe: transport.subscribe }) }
  }

  it('sends each subscription with its filter, routes events by its number and ends it on unsubscribe', () => {
    const { sockets, client } = setUp()
    const progress: number[] = []
    const items: string[] = []
    const stopProgress = client.runs.onProgress((p) => progress.push(p.finished_tests), { run_id: 'r1' })
    client.subscribe({ events: ['runs.onItem', 'runs.onStep'], filter: { run_id: 'r1' } }, (event) => {
      if (event.name === 'runs.onItem') items.push(event.payload.item_id)
    })
    const [socket] = sockets
    socket.open()
    expect(socket.sent).toEqual([
      { type: 'subscribe', id: 1, events: ['runs.onProgress'], filter: { run_id: 'r1' } },
      { type: 'subscribe', id: 2, events: ['runs.onItem', 'runs.onStep'], filter: { run_id: 'r1' } },
    ])
    socket.deliver({ type: 'event', id: 1, event: 'runs.onProgress', payload: { run_id: 'r1', finished_tests: 3 } })
    socket.deliver({ type: 'event', id: 2, event: 'runs.onItem', payload: { run_id: 'r1', item_id: 'i1' } })
    expect(progress).toEqual([3])
    expect(items).toEqual(['i1'])
    stopProgress()
    expect(socket.sent.at(-1)).toEqual({ type: 'unsubscribe', id: 1 })
    socket.deliver({ type: 'event', id: 1, event: 'runs.onProgress', payload: { run_id: 'r1', finished_tests: 4 } })
    expect(progress).toEqual([3])
    expect(sockets).toHaveLength(1)
  })

  it('subscribes again on a new socket after the host closed the old one, without what was refused', () => {
    vi.useFakeTimers()
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { sockets, client } = setUp()
    client.recorder.onState(() => undefined, { session_id: 's1' })
    client.schedules.onFired(() => undefined, { schedule_id: 'gone' })
    sockets[0].open()
    sockets[0].deliver({ type: 'refused', id: 2, message: 'Invalid subscription' })
    sockets[0].onclose?.()
    vi.advanceTimersByTime(600)
    sockets[1].open()
    expect(sockets[1].sent).toEqual([{ type: 'subscribe', id: 1, events: ['recorder.onState'], filter: { session_id: 's1' } }])
  })

  it('throws a validation error for an event the contract does not have or a filter it cannot take', () => {
    const { client, sockets } = setUp()
    expect(() => client.subscribe({ events: ['runs.onNothing' as 'runs.onItem'] }, () => undefined)).toThrow(/events\.0: unknown event runs\.onNothing/)
    expect(() => client.system.onChanged(() => undefined, { run_id: 'r1' })).toThrow(/filter\.run_id: system\.onChanged cannot be filtered by run_id/)
    expect(sockets).toHaveLength(0)
  })
})
