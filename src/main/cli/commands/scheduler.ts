// `testdesk scheduler`: runs the schedules of a data directory in the foreground, with a log line
// for everything it does, until SIGTERM or Ctrl+C. If the app or `testdesk serve` runs them
// already, it stands by and takes over when they stop.
import type { Command } from 'commander'
import { openCore } from '../../core'
import { resolveDataDir } from '../../core/paths'
import { untilInterrupted, type GlobalOptions } from '../output'

export function registerScheduler(program: Command): void {
  program
    .command('scheduler')
    .description('Run the schedules of the data directory in the foreground (logs to stdout; stops on SIGTERM or Ctrl+C)')
    .action(async (_opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const log = (message: string) => {
        const time = new Date().toISOString()
        process.stdout.write(globals.json ? `${JSON.stringify({ time, message })}\n` : `${time} ${message}\n`)
      }
      const core = await openCore({ dataDir: resolveDataDir(globals.dataDir) })
      log(`TestDesk scheduler (pid ${process.pid}) for ${core.context.dataDir}`)
      core.scheduler.start({ kind: 'scheduler', log })
      const signal = await untilInterrupted()
      log(`${signal}: stopping (runs in progress are cancelled, the schedules released)`)
      await core.close()
      log('Stopped')
    })
}
