// A page that stops reading its events socket: the host must neither hold every event for it
// nor slow anyone else. The page here is a raw TCP socket that is paused, so the kernel's buffers
// fill and the host's writes stay pending, as with a frozen tab.
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { api, type Api } from '../../shared/api'
import { tokenProtocol, type SocketMessage } from '../../shared/api/transport'
import type { ItemProgress, RunProgress } from '../../shared/model/progress'
import { EventBus } from '../core/events'
import type { OutboxLimits } from './outbox'
import { startHost, type Host } from './server'

const noCalls = { methods: [], has: () => false, call: async () => ({ ok: false as const, error: { kind: 'internal' as const, message: 'none' } }) }

let host: Host | null = null
afterEach(() => host?.close())

async function hostWith(eventLimits: OutboxLimits): Promise<{ host: Host; bus: EventBus<Api> }> {
  const bus = new EventBus<Api>(api)
  host = await startHost({ dispatcher: noCalls, events: bus, rendererDir: mkdtempSync(join(tmpdir(), 'td-ui-')), eventLimits })
  return { host, bus }
}

/** Opens the events socket by hand and reads the host's (unmasked) frames as they come. */
function openRawSocket(target: Host): Promise<{ socket: Socket; messages: SocketMessage[]; closeCode: () => number | null }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port: target.port,
      path: '/api/events',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': `testdesk, ${tokenProtocol(target.token)}`,
        Origin: target.origin,
      },
    })
    req.on('response', (res) => reject(new Error(`socket refused: ${res.statusCode}`)))
    req.on('upgrade', (_res, socket, head) => {
      const messages: SocketMessage[] = []
      let code: number | null = null
      let buffer: Buffer = head
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk])
        for (;;) {
          if (buffer.length < 2) return
          const opcode = buffer[0] & 0x0f
          let length = buffer[1] & 0x7f
          let offset = 2
          if (length === 126) [length, offset] = [buffer.readUInt16BE(2), 4]
          else if (length === 127) [length, offset] = [Number(buffer.readBigUInt64BE(2)), 10]
          if (buffer.length < offset + length) return
          const body = buffer.subarray(offset, offset + length)
          if (opcode === 1) messages.push(JSON.parse(body.toString('utf8')))
          if (opcode === 8) code = body.readUInt16BE(0)
          buffer = buffer.subarray(offset + length)
        }
      })
      socket.on('error', () => undefined)
      resolve({ socket, messages, closeCode: () => code })
    })
    req.end()
  })
}

/** A masked text frame, as a browser sends it. */
function frame(text: string): Buffer {
  const body = Buffer.from(text)
  const mask = randomBytes(4)
  const header = body.length < 126 ? Buffer.from([0x81, 0x80 | body.length]) : Buffer.from([0x81, 0x80 | 126, body.length >> 8, body.length & 0xff])
  return Buffer.concat([header, mask, body.map((byte, i) => byte ^ mask[i % 4])])
}

const FILLER = 'x'.repeat(256 * 1024)
const item = (n: number | string) => ({ run_id: 'r1', item_id: `i${n}`, test_case_name: FILLER }) as unknown as ItemProgress
const progress = (finished: number) => ({ run_id: 'r1', finished_tests: finished }) as unknown as RunProgress

async function subscribedRawSocket(target: Host) {
  const page = await openRawSocket(target)
  page.socket.write(frame(JSON.stringify({ type: 'subscribe', id: 1, events: ['runs.onItem', 'runs.onProgress'] })))
  await expect.poll(() => page.messages).toEqual([{ type: 'subscribed', id: 1 }])
  page.socket.pause()
  return page
}

describe('an events socket that does not read', () => {
  it('gets the latest progress of a run instead of every one it missed, and every other event in order', async () => {
    const { host, bus } = await hostWith({ inFlight: 16, maxQueued: 100_000, maxQueuedChars: 512 * 1024 * 1024 })
    const page = await subscribedRawSocket(host)
    // Far more than the kernel buffers while nobody reads, so what follows waits in the outbox.
    for (let n = 1; n <= 120; n++) bus.emit('runs.onItem', item(n))
    for (let finished = 1; finished <= 2000; finished++) bus.emit('runs.onProgress', progress(finished))
    bus.emit('runs.onItem', item('last'))
    page.socket.resume()
    await expect.poll(() => page.messages.at(-1), { timeout: 20_000 }).toMatchObject({ payload: { item_id: 'ilast' } })
    const events = page.messages.flatMap((m) => (m.type === 'event' ? [m] : []))
    const items = events.filter((m) => m.event === 'runs.onItem').map((m) => (m.payload as ItemProgress).item_id)
    const finished = events.filter((m) => m.event === 'runs.onProgress').map((m) => (m.payload as RunProgress).finished_tests)
    expect(items).toEqual([...Array.from({ length: 120 }, (_, i) => `i${i + 1}`), 'ilast'])
    expect(finished.length).toBeLessThan(20)
    expect(finished.at(-1)).toBe(2000)
    expect(events.at(-2)).toMatchObject({ event: 'runs.onProgress', payload: { finished_tests: 2000 } })
  }, 30_000)

  it('is closed once more waits for it than the bound, and its subscriptions end', async () => {
    const { host, bus } = await hostWith({ inFlight: 16, maxQueued: 1000, maxQueuedChars: 2 * 1024 * 1024 })
    const page = await subscribedRawSocket(host)
    expect(bus.size).toBe(1)
    for (let n = 1; n <= 120; n++) bus.emit('runs.onItem', item(n))
    expect(bus.size).toBe(0)
    bus.emit('runs.onItem', item('after'))
    page.socket.resume()
    await expect.poll(() => page.closeCode(), { timeout: 20_000 }).toBe(4008)
    const received = page.messages.flatMap((m) => (m.type === 'event' ? [(m.payload as ItemProgress).item_id] : []))
    expect(received.length).toBeLessThan(120)
    expect(received).not.toContain('iafter')
  }, 30_000)
})
