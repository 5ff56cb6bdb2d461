import type { Database } from 'better-sqlite3'

/** One schema step. Numbered in tens so a fix can slot between; never edited after it lands. */
export interface Migration {
  version: number
  name: string
  up(db: Database): void
}
