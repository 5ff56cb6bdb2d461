// The sync outbox: every change of a synced table, as migration 0120's triggers wrote it, read
// oldest first and acknowledged (removed) once a sync has sent it. Capture is off until a sync
// turns it on, so a machine that never syncs keeps no copy of its writes.
import type { StoreBase } from './base'

export type OutboxOperation = 'create' | 'update' | 'delete'

export interface OutboxEntry {
  id: string
  /** Order of the change among all changes still in the outbox. */
  sequence: number
  /** The table the change is in. */
  entity_type: string
  entity_id: string
  operation: OutboxOperation
  /** The row as stored after the change (before it, for a delete), secrets masked as null. */
  payload: Record<string, unknown>
  attempts: number
  last_error: string | null
  next_attempt_at: string | null
  created_at: string
}

interface OutboxRow extends Omit<OutboxEntry, 'payload'> {
  payload: string
}

export class OutboxRepo {
  constructor(private readonly s: StoreBase) {}

  /** Whether changes are written to the outbox now. */
  capturing(): boolean {
    return (this.s.statements.get('SELECT capturing FROM sync_state WHERE id = 1').get() as { capturing: number }).capturing === 1
  }

  /** Starts or stops writing changes to the outbox; stopping also empties it. */
  setCapturing(on: boolean, now = new Date()): void {
    this.s.tx(() => {
      this.s.statements.get('UPDATE sync_state SET capturing = ?, capturing_since = ? WHERE id = 1').run(on ? 1 : 0, on ? now.toISOString() : null)
      if (!on) this.s.statements.get('DELETE FROM sync_outbox').run()
    })
  }

  /** Changes waiting to be sent, oldest first, leaving out those whose retry is not due at `now`. */
  pending(limit = 100, now = new Date()): OutboxEntry[] {
    const rows = this.s.statements
      .get(
        `SELECT rowid AS sequence, id, entity_type, entity_id, operation, payload, attempts, last_error, next_attempt_at, created_at
         FROM sync_outbox WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY rowid LIMIT ?`,
      )
      .all(now.toISOString(), limit) as OutboxRow[]
    return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }))
  }

  /** Changes the sync has sent: they leave the outbox. Returns how many were there. */
  acknowledge(ids: readonly string[]): number {
    return this.s.tx(() => ids.reduce((n, id) => n + this.s.statements.get('DELETE FROM sync_outbox WHERE id = ?').run(id).changes, 0))
  }

  /** A change the sync could not send: counted, with why, and kept back until `retryAt`. */
  failed(id: string, error: string, retryAt: Date): void {
    this.s.statements
      .get('UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(error.slice(0, 2000), retryAt.toISOString(), id)
  }

  /** How many changes wait (due or not). */
  size(): number {
    return (this.s.statements.get('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n
  }
}
