// Leases: background work that must run once per data directory (the scheduler) is done only by
// the process holding its lease. A lease is taken with an expiry, renewed before it lapses and
// released on exit; a process that dies stops renewing, so another takes over once it expires
// (or at once, when the caller can tell the holder's process is gone). Every change runs in one
// immediate transaction, so two processes asking at the same moment cannot both get it.
import type { StoreBase } from './base'

export interface LeaseHolder {
  /** Unique per process and start (a UUID): a restarted process is a new holder. */
  id: string
  pid: number
  host: string
  /** What the process is, for whoever sees the lease taken: app, serve, scheduler, cli… */
  kind: string
}

export interface Lease {
  name: string
  holder: LeaseHolder
  acquired_at: string
  renewed_at: string
  expires_at: string
}

/** The lease after asking for it: `held` says whether the caller holds it now. */
export interface LeaseAnswer {
  held: boolean
  lease: Lease
}

interface LeaseRow {
  name: string
  holder_id: string
  holder_pid: number
  holder_host: string
  holder_kind: string
  acquired_at: string
  renewed_at: string
  expires_at: string
}

function rowToLease(row: LeaseRow): Lease {
  return {
    name: row.name,
    holder: { id: row.holder_id, pid: row.holder_pid, host: row.holder_host, kind: row.holder_kind },
    acquired_at: row.acquired_at,
    renewed_at: row.renewed_at,
    expires_at: row.expires_at,
  }
}

const expiry = (now: Date, ttlMs: number) => new Date(now.getTime() + ttlMs).toISOString()

export class LeasesRepo {
  constructor(private readonly s: StoreBase) {}

  get(name: string): Lease | null {
    const row = this.s.statements.get('SELECT * FROM leases WHERE name = ?').get(name) as LeaseRow | undefined
    return row ? rowToLease(row) : null
  }

  /**
   * Takes the lease when nobody holds it, it expired, the caller already holds it, or `isGone`
   * says its holder's process has ended; otherwise answers with the current holder.
   */
  acquire(name: string, holder: LeaseHolder, ttlMs: number, now: Date, isGone: (lease: Lease) => boolean = () => false): LeaseAnswer {
    return this.s.tx(() => {
      const current = this.get(name)
      const free = !current || current.expires_at <= now.toISOString() || current.holder.id === holder.id || isGone(current)
      if (!free) return { held: false, lease: current }
      const at = now.toISOString()
      this.s.statements
        .get(
          `INSERT INTO leases (name, holder_id, holder_pid, holder_host, holder_kind, acquired_at, renewed_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET holder_id = excluded.holder_id, holder_pid = excluded.holder_pid,
             holder_host = excluded.holder_host, holder_kind = excluded.holder_kind,
             acquired_at = CASE WHEN leases.holder_id = excluded.holder_id THEN leases.acquired_at ELSE excluded.acquired_at END,
             renewed_at = excluded.renewed_at, expires_at = excluded.expires_at`,
        )
        .run(name, holder.id, holder.pid, holder.host, holder.kind, at, at, expiry(now, ttlMs))
      return { held: true, lease: this.get(name)! }
    })
  }

  /** Pushes the expiry on; null when the caller no longer holds the lease (it lapsed and was taken). */
  renew(name: string, holderId: string, ttlMs: number, now: Date): Lease | null {
    return this.s.tx(() => {
      const changed = this.s.statements
        .get('UPDATE leases SET renewed_at = ?, expires_at = ? WHERE name = ? AND holder_id = ?')
        .run(now.toISOString(), expiry(now, ttlMs), name, holderId).changes
      return changed ? this.get(name) : null
    })
  }

  /** Gives the lease up, so another process can take it at once; false when the caller did not hold it. */
  release(name: string, holderId: string): boolean {
    return this.s.statements.get('DELETE FROM leases WHERE name = ? AND holder_id = ?').run(name, holderId).changes > 0
  }

  /** Whether `holderId` holds the lease at `now` (inside a caller's transaction, to guard a write by it). */
  holds(name: string, holderId: string, now: Date): boolean {
    const lease = this.get(name)
    return !!lease && lease.holder.id === holderId && lease.expires_at > now.toISOString()
  }
}
