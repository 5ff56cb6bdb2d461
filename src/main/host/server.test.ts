import { mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { openCore, type Core } from '../core'
import type { Dispatcher } from '../core/dispatch'
import { startHost, TOKEN_COOKIE, type Host } from './server'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(host: Host, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const json = (host: Host, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  'X-TestDesk-Token': host.token,
  ...extra,
})

let core: Core
let host: Host
let calls: string[]

beforeEach(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'td-ui-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>TestDesk</title>')
  core = await openCore({ dataDir: rendererDir, databasePath: ':memory:' })
  calls = []
  const spy: Dispatcher = {
    methods: core.dispatcher.methods,
    has: (name) => core.dispatcher.has(name),
    call: (name, input, context) => {
      calls.push(name)
      return core.dispatcher.call(name, input, context)
    },
  }
  host = await startHost({ dispatcher: spy, events: core.events, rendererDir })
})

afterEach(async () => {
  await host.close()
  await core.close()
})

describe('host: access control', () => {
  it('binds to 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=${host.token}$`))
    expect(host.token.length).toBeGreaterThanOrEqual(32)
  })

  it('refuses a page request without the token', async () => {
    const reply = await send(host, '/')
    expect(reply.status).toBe(401)
    expect(reply.body).toContain('testdesk serve')
  })

  it('trades the token in the URL for a cookie, then serves the UI with a strict CSP', async () => {
    const first = await send(host, `/?token=${host.token}`)
    expect(first.status).toBe(302)
    expect(first.headers.location).toBe('/')
    const cookie = String(first.headers['set-cookie']).split(';')[0]
    expect(cookie).toBe(`${TOKEN_COOKIE}=${host.token}`)
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly/)
    const page = await send(host, '/', { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>TestDesk</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('refuses a wrong token', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { 'X-TestDesk-Token': 'x'.repeat(32) }), body: '{}' })
    expect(reply.status).toBe(401)
    expect(calls).toEqual([])
  })

  it('refuses a contract call without the token and runs nothing', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(reply.status).toBe(401)
    expect(calls).toEqual([])
  })

  it('refuses a foreign Origin even with the token and runs nothing', async () => {
    const reply = await send(host, '/api/system.info', {
      method: 'POST',
      headers: json(host, { Origin: 'http://evil.example' }),
      body: '{}',
    })
    expect(reply.status).toBe(403)
    expect(calls).toEqual([])
  })

  it('refuses a foreign Host header (DNS rebinding) and runs nothing', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { Host: `evil.example:${host.port}` }), body: '{}' })
    expect(reply.status).toBe(403)
    expect(calls).toEqual([])
  })

  it('refuses a non-JSON body type (no cross-site form posts) and runs nothing', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { 'Content-Type': 'text/plain' }), body: '{}' })
    expect(reply.status).toBe(415)
    expect(calls).toEqual([])
  })

  it('does not serve files outside the UI folder', async () => {
    const reply = await send(host, '/..%2f..%2fetc%2fpasswd', { headers: { 'X-TestDesk-Token': host.token } })
    expect([403, 404]).toContain(reply.status)
    expect(reply.body).not.toContain('root:')
  })
})

describe('host: contract over HTTP', () => {
  it('answers a method with its value', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { Origin: host.origin }), body: '{}' })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { appName: 'TestDesk' } })
  })

  it('returns a validation error naming the field', async () => {
    const reply = await send(host, '/api/system.findBrowser', { method: 'POST', headers: json(host), body: '{"browser":"netscape"}' })
    expect(reply.status).toBe(400)
    const body = JSON.parse(reply.body)
    expect(body.error.kind).toBe('validation')
    expect(body.error.issues[0].field).toBe('browser')
  })

  it('says what is wrong with a malformed body', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host), body: '{nope' })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body).error.message).toMatch(/not valid JSON/)
  })

  it('answers unknown methods with 404 and other verbs with 405', async () => {
    expect((await send(host, '/api/system.nope', { method: 'POST', headers: json(host), body: '{}' })).status).toBe(404)
    expect((await send(host, '/api/system.info', { headers: json(host) })).status).toBe(405)
  })
})

describe('host: events over WebSocket', () => {
  const connect = (url: string, headers: Record<string, string>) =>
    new Promise<{ ws: WebSocket; status: number }>((resolve) => {
      const ws = new WebSocket(url, { headers })
      ws.on('open', () => resolve({ ws, status: 101 }))
      ws.on('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }))
      ws.on('error', () => undefined)
    })

  it('delivers core events to a client holding the token', async () => {
    const { ws, status } = await connect(`ws://127.0.0.1:${host.port}/api/events`, { Cookie: `${TOKEN_COOKIE}=${host.token}`, Origin: host.origin })
    expect(status).toBe(101)
    const message = new Promise<string>((resolve) => ws.on('message', (data) => resolve(String(data))))
    core.events.emit('test.onPing' as never, { n: 1 } as never)
    expect(JSON.parse(await message)).toEqual({ event: 'test.onPing', payload: { n: 1 } })
    ws.close()
  })

  it('refuses a socket without the token or from a foreign origin', async () => {
    expect((await connect(`ws://127.0.0.1:${host.port}/api/events`, {})).status).toBe(401)
    const foreign = await connect(`ws://127.0.0.1:${host.port}/api/events`, { Cookie: `${TOKEN_COOKIE}=${host.token}`, Origin: 'http://evil.example' })
    expect(foreign.status).toBe(403)
  })
})
