import type { Command } from 'commander'
import { startDemoSite } from '../../demosite/server'
import { createOutput, intFlag, untilInterrupted, type GlobalOptions } from '../output'

export function registerDemoSite(program: Command): void {
  program
    .command('demo-site')
    .description('Serve the demo web app that the demo tests run against, and print its URL')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .action(async (opts: { port?: string }, command: Command) => {
      const out = createOutput(!!command.optsWithGlobals<GlobalOptions>().json)
      const port = intFlag('port', opts.port, 0, 65535)
      const site = await startDemoSite({ port }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new Error(`Port ${port} is in use: pick another with --port, or omit it.`)
        throw error
      })
      out.result({ url: site.url, port: site.port })
      out.line(`Demo site: ${site.url}`)
      out.line('Press Ctrl+C to stop.')
      await untilInterrupted()
      await site.close()
    })
}
