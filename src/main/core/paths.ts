// Where TestDesk keeps its data: the Electron shell passes its userData folder; the CLI takes
// --data-dir, else TESTDESK_HOME, else ~/.testdesk.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag)
  if (env.TESTDESK_HOME) return resolve(env.TESTDESK_HOME)
  return join(homedir(), '.testdesk')
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'testdesk.db')
}
