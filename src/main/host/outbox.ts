// What waits to go out on one events socket. A page that does not read (a frozen tab, a laptop
// asleep) must not make the host hold every event of a long run: a few messages are in flight at
// a time, a newer state event replaces its unsent older one (the latest progress of a run is all
// a progress bar needs), and past a bound the socket is given up instead of the memory.

export interface OutboxSocket {
  /** `done` is called once the message has left the process (or could not). */
  send(data: string, done: (error?: Error) => void): void
}

export interface OutboxLimits {
  /** Messages handed to the socket and not yet written out. */
  inFlight: number
  /** Messages waiting behind them. */
  maxQueued: number
  /** Characters waiting behind them. */
  maxQueuedChars: number
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { inFlight: 16, maxQueued: 2000, maxQueuedChars: 8 * 1024 * 1024 }

export class Outbox {
  // Insertion order is sending order; re-inserting a key moves its message to the back.
  private readonly queue = new Map<string, string>()
  private queuedChars = 0
  private inFlight = 0
  private sequence = 0
  private closed = false

  constructor(
    private readonly socket: OutboxSocket,
    private readonly onOverflow: () => void,
    private readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
  ) {}

  /**
   * Queues one message. With a `latestKey`, an unsent message of the same key is dropped: the new
   * one goes to the back, after everything emitted before it.
   */
  push(data: string, latestKey: string | null = null): void {
    if (this.closed) return
    const key = latestKey === null ? `#${this.sequence++}` : `=${latestKey}`
    const older = this.queue.get(key)
    if (older !== undefined) {
      this.queue.delete(key)
      this.queuedChars -= older.length
    }
    this.queue.set(key, data)
    this.queuedChars += data.length
    if (this.queue.size > this.limits.maxQueued || this.queuedChars > this.limits.maxQueuedChars) return this.overflow()
    this.pump()
  }

  get waiting(): number {
    return this.queue.size
  }

  close(): void {
    this.closed = true
    this.queue.clear()
    this.queuedChars = 0
  }

  private overflow(): void {
    this.close()
    this.onOverflow()
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.limits.inFlight && this.queue.size) {
      const [key, data] = this.queue.entries().next().value as [string, string]
      this.queue.delete(key)
      this.queuedChars -= data.length
      this.inFlight++
      this.socket.send(data, (error) => {
        this.inFlight--
        if (error) this.close()
        else this.pump()
      })
    }
  }
}
