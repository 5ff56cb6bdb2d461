// Every migration, in order. Adding one is a new file plus one line here.
import type { Migration } from './types'

export const migrations: readonly Migration[] = []
