import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { openCore, type Core } from '../core'
import type { Dispatcher } from '../core/dispatch'
import { tokenProtocol } from '../../shared/api/transport'
import { startHost, type Host } from './server'

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

/** What the page sends on a contract call: its own Origin, the token header, a JSON body. */
const json = (host: Host, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  'X-TestDesk-Token': host.token,
  Origin: host.origin,
  ...extra,
})
const without = (headers: Record<string, string>, name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name))

let core: Core
let host: Host
let calls: string[]

let outside: string

beforeEach(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'td-ui-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>TestDesk</title>')
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("app")')
  // Links out of the served folder (a file and a folder), and one that stays inside it.
  outside = mkdtempSync(join(tmpdir(), 'td-outside-'))
  writeFileSync(join(outside, 'secret.txt'), 'outside the UI folder')
  symlinkSync(join(outside, 'secret.txt'), join(rendererDir, 'linked.txt'))
  symlinkSync(outside, join(rendererDir, 'linked-folder'))
  mkdirSync(join(rendererDir, 'assets'))
  symlinkSync(join(rendererDir, 'app.js'), join(rendererDir, 'assets', 'inside.js'))
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
  it('binds to 127.0.0.1 and prints a URL carrying the token in its fragment, which no server sees', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`)
    expect(host.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the page (public code) to anyone on this host, and never sets a cookie', async () => {
    const page = await send(host, '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>TestDesk</title>')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['set-cookie']).toBeUndefined()
  })

  it('takes a token in the query only to open the page: it moves to the fragment', async () => {
    const first = await send(host, `/runs/1?token=${host.token}&tab=steps`)
    expect(first.status).toBe(302)
    expect(first.headers.location).toBe(`/runs/1?tab=steps#token=${host.token}`)
    expect(first.headers['set-cookie']).toBeUndefined()
    expect((await send(host, `/?token=${'x'.repeat(32)}`)).status).toBe(401)
    // …and never authorises a call.
    const call = await send(host, `/api/system.info?token=${host.token}`, { method: 'POST', headers: without(json(host), 'X-TestDesk-Token'), body: '{}' })
    expect(call.status).toBe(401)
    expect(calls).toEqual([])
  })

  it('refuses a call carrying the token as a cookie instead of the header', async () => {
    const reply = await send(host, '/api/system.info', {
      method: 'POST',
      headers: { ...without(json(host), 'X-TestDesk-Token'), Cookie: `testdesk_token=${host.token}` },
      body: '{}',
    })
    expect(reply.status).toBe(401)
    expect(calls).toEqual([])
  })

  it('refuses a wrong token', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { 'X-TestDesk-Token': 'x'.repeat(32) }), body: '{}' })
    expect(reply.status).toBe(401)
    expect(calls).toEqual([])
  })

  it('refuses a contract call without the token and runs nothing', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: without(json(host), 'X-TestDesk-Token'), body: '{}' })
    expect(reply.status).toBe(401)
    expect(reply.body).toContain('testdesk serve')
    expect(calls).toEqual([])
  })

  it('refuses a call with the token but no Origin, or another origin (another port included)', async () => {
    for (const origin of [undefined, 'http://evil.example', `http://127.0.0.1:${host.port + 1}`, `http://localhost:${host.port + 1}`, 'null']) {
      const headers = origin === undefined ? without(json(host), 'Origin') : json(host, { Origin: origin })
      const reply = await send(host, '/api/system.info', { method: 'POST', headers, body: '{}' })
      expect(reply.status, String(origin)).toBe(403)
    }
    expect(calls).toEqual([])
  })

  it('refuses a foreign Host header (DNS rebinding) and runs nothing', async () => {
    const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { Host: `evil.example:${host.port}` }), body: '{}' })
    expect(reply.status).toBe(403)
    expect((await send(host, '/', { headers: { Host: `evil.example:${host.port}` } })).status).toBe(403)
    expect(calls).toEqual([])
  })

  it('takes exactly application/json (parameters allowed, UTF-8 only) and runs nothing otherwise', async () => {
    for (const type of ['text/plain', 'application/jsonfoo', 'application/json-patch+json', 'application/x-www-form-urlencoded', 'text/json', 'application/json; charset=latin1', 'application/json, text/plain', '']) {
      const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { 'Content-Type': type }), body: '{}' })
      expect(reply.status, type).toBe(415)
    }
    expect(calls).toEqual([])
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"']) {
      const reply = await send(host, '/api/system.info', { method: 'POST', headers: json(host, { 'Content-Type': type }), body: '{}' })
      expect(reply.status, type).toBe(200)
    }
  })

  it('does not serve files outside the UI folder, through ../ or through symbolic links', async () => {
    const reply = await send(host, '/..%2f..%2fetc%2fpasswd')
    expect([403, 404]).toContain(reply.status)
    expect(reply.body).not.toContain('root:')
    for (const path of ['/linked.txt', '/linked-folder/secret.txt']) {
      const linked = await send(host, path)
      expect(linked.status, path).toBe(404)
      expect(linked.body, path).not.toContain('outside the UI folder')
    }
    const inside = await send(host, '/assets/inside.js')
    expect(inside.status).toBe(200)
    expect(inside.body).toContain('console.log("app")')
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
  const connect = (url: string, headers: Record<string, string>, protocols: string[] = []) =>
    new Promise<{ ws: WebSocket; status: number }>((resolve) => {
      const ws = new WebSocket(url, protocols, { headers })
      ws.on('open', () => resolve({ ws, status: 101 }))
      ws.on('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }))
      ws.on('error', () => undefined)
    })
  const events = () => `ws://127.0.0.1:${host.port}/api/events`

  it('delivers the events a page subscribed to, for its run only, to a page offering the token as a subprotocol', async () => {
    const { ws, status } = await connect(events(), { Origin: host.origin }, ['testdesk', tokenProtocol(host.token)])
    expect(status).toBe(101)
    expect(ws.protocol).toBe('testdesk')
    const messages: unknown[] = []
    ws.on('message', (data) => messages.push(JSON.parse(String(data))))
    const arrived = (count: number) => expect.poll(() => messages.length).toBeGreaterThanOrEqual(count)
    ws.send(JSON.stringify({ type: 'subscribe', id: 7, events: ['runs.onItem'], filter: { run_id: 'r1' } }))
    await arrived(1)
    const item = (run_id: string) => ({ run_id, item_id: `${run_id}-i`, test_case_id: 't', test_case_name: 'T', status: 'running', attempt: 0, iteration: null, total_iterations: 1 })
    core.events.emit('runs.onItem', item('r2') as never)
    core.events.emit('runs.onStep', { ...item('r1'), step_number: 1 } as never)
    core.events.emit('runs.onItem', item('r1') as never)
    await arrived(2)
    ws.send(JSON.stringify({ type: 'unsubscribe', id: 7 }))
    ws.send(JSON.stringify({ type: 'subscribe', id: 8, events: ['system.onChanged'], filter: { run_id: 'r1' } }))
    ws.send('{"type":"subscribe"')
    await arrived(4)
    core.events.emit('runs.onItem', item('r1') as never)
    expect(messages).toEqual([
      { type: 'subscribed', id: 7 },
      { type: 'event', id: 7, event: 'runs.onItem', payload: item('r1') },
      { type: 'refused', id: 8, message: 'Invalid subscription: filter.run_id: system.onChanged cannot be filtered by run_id' },
      { type: 'refused', id: null, message: 'Invalid events request: not JSON' },
    ])
    ws.close()
  })

  it('refuses a socket without the token, with it as a cookie, without an Origin or from another one', async () => {
    expect((await connect(events(), { Origin: host.origin }, ['testdesk'])).status).toBe(401)
    expect((await connect(events(), { Origin: host.origin, Cookie: `testdesk_token=${host.token}` }, ['testdesk'])).status).toBe(401)
    expect((await connect(events(), { Origin: host.origin }, ['testdesk', tokenProtocol('x'.repeat(32))])).status).toBe(401)
    expect((await connect(events(), {}, ['testdesk', tokenProtocol(host.token)])).status).toBe(403)
    const foreign = await connect(events(), { Origin: `http://127.0.0.1:${host.port + 1}` }, ['testdesk', tokenProtocol(host.token)])
    expect(foreign.status).toBe(403)
  })
})
