// The change counters migration 0030's triggers raise: one per kind of data, whatever process
// wrote. Reading them is how an open window learns that the CLI or another window changed data.
import type { StoreBase } from './base'

export class RevisionsRepo {
  constructor(private readonly s: StoreBase) {}

  all(): Record<string, number> {
    const rows = this.s.statements.get('SELECT kind, revision FROM revisions').all() as { kind: string; revision: number }[]
    return Object.fromEntries(rows.map((r) => [r.kind, r.revision]))
  }
}
