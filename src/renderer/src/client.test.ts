import { afterEach, describe, expect, it, vi } from 'vitest'
import { httpTransport } from './client'
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
    expect(() => transport.subscribe('runs.onProgress', () => undefined)).not.toThrow()
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
    transport.subscribe('runs.onProgress', () => undefined)
    expect(sockets).toEqual([{ url: 'ws://127.0.0.1:4000/api/events', protocols: ['testdesk', 'testdesk.token.tok'] }])
  })
})
