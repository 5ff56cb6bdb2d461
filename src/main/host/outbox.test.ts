import { describe, expect, it } from 'vitest'
import { Outbox, type OutboxSocket } from './outbox'

/** A socket that takes messages but never writes them out until the test says so. */
class StuckSocket implements OutboxSocket {
  readonly taken: string[] = []
  private readonly pending: ((error?: Error) => void)[] = []
  send(data: string, done: (error?: Error) => void): void {
    this.taken.push(data)
    this.pending.push(done)
  }
  drain(): void {
    while (this.pending.length) this.pending.shift()!()
  }
}

const limits = { inFlight: 2, maxQueued: 5, maxQueuedChars: 1000 }

describe('the outbox of an events socket', () => {
  it('keeps only the latest unsent state per key, sent after what was emitted before it', () => {
    const socket = new StuckSocket()
    const outbox = new Outbox(socket, () => undefined, limits)
    outbox.push('item 1')
    outbox.push('item 2')
    for (let n = 1; n <= 500; n++) outbox.push(`progress A ${n}`, 'A')
    outbox.push('item 3')
    outbox.push('progress B 1', 'B')
    outbox.push('progress A 501', 'A')
    expect(socket.taken).toEqual(['item 1', 'item 2'])
    expect(outbox.waiting).toBe(3)
    socket.drain()
    socket.drain()
    expect(socket.taken).toEqual(['item 1', 'item 2', 'item 3', 'progress B 1', 'progress A 501'])
    expect(outbox.waiting).toBe(0)
  })

  it('gives the socket up once more messages or characters wait than the bound, and holds none after', () => {
    let overflowed = 0
    const socket = new StuckSocket()
    const outbox = new Outbox(socket, () => overflowed++, limits)
    for (let n = 1; n <= 7; n++) outbox.push(`item ${n}`)
    expect(overflowed).toBe(0)
    outbox.push('item 8')
    expect(overflowed).toBe(1)
    expect(outbox.waiting).toBe(0)
    outbox.push('item 9')
    socket.drain()
    expect(socket.taken).toEqual(['item 1', 'item 2'])

    const big = new Outbox(new StuckSocket(), () => overflowed++, limits)
    big.push('x'.repeat(10))
    big.push('x'.repeat(10))
    big.push('x'.repeat(1001))
    expect(overflowed).toBe(2)
  })

  it('stops sending when the socket reports a failed write', () => {
    const sent: string[] = []
    const outbox = new Outbox({ send: (data, done) => (sent.push(data), done(new Error('closed'))) }, () => undefined, limits)
    outbox.push('one')
    outbox.push('two')
    expect(sent).toEqual(['one'])
  })
})
