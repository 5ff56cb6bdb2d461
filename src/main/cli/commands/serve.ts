import type { Command } from 'commander'
import { startHost } from '../../host/server'
import { ensureBrowserUi } from '../../host/ui-build'
import { openCore } from '../../core'
import { resolveDataDir } from '../../core/paths'
import { createOutput, intFlag, untilInterrupted, type GlobalOptions } from '../output'
import { invoke } from '../session'
import { demoAddedLine } from './demo'

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run TestDesk in browser mode: serve the UI on 127.0.0.1 and print the URL to open')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--demo', 'add (or refresh) the demo project first, as `testdesk demo` does')
    .option('--no-scheduler', 'do not run the schedules of the data directory')
    .action(async (opts: { port?: string; demo?: boolean; scheduler: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const port = intFlag('port', opts.port, 0, 65535)
      const rendererDir = await ensureBrowserUi({ onProgress: (message) => out.note(message) })
      const core = await openCore({ dataDir: resolveDataDir(globals.dataDir) })
      const closeAndThrow = async (error: unknown): Promise<never> => {
        await core.close()
        throw error
      }
      const seeded = opts.demo ? await invoke(core, 'demo.seed', {}).catch(closeAndThrow) : undefined
      if (seeded) out.line(demoAddedLine(seeded))
      const demo = seeded?.summary
      const host = await startHost({ dispatcher: core.dispatcher, events: core.events, rendererDir, port }).catch(
        async (error: NodeJS.ErrnoException) => {
          await core.close()
          if (error.code === 'EADDRINUSE') throw new Error(`Port ${port} is in use: pick another with --port, or omit it.`)
          throw error
        },
      )
      if (opts.scheduler) core.scheduler.start({ kind: 'serve', log: (message) => out.note(`[scheduler] ${message}`) })
      out.result({ url: host.url, port: host.port, dataDir: core.context.dataDir, ...(demo && { demo }) })
      out.line('TestDesk is running in browser mode.')
      out.line(`Open this URL in your browser: ${host.url}`)
      out.line(`Data directory: ${core.context.dataDir}`)
      out.line('Press Ctrl+C to stop.')
      await untilInterrupted()
      await host.close()
      await core.close()
    })
}
