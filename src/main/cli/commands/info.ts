import type { Command } from 'commander'
import type { GlobalOptions } from '../output'
import { createOutput } from '../output'
import { invoke, withCore } from '../session'

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Show version, data directory, schema version and which browser TestDesk will use')
    .action(async (_opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const info = await withCore(globals, (core) => invoke(core, 'system.info', {}))
      out.result(info)
      out.line(`TestDesk ${info.appVersion}`)
      out.line(`Data directory: ${info.dataDir}`)
      out.line(`Database:       ${info.databasePath} (schema version ${info.schemaVersion})`)
      out.line(`Platform:       ${info.platform}, Node ${info.nodeVersion}`)
      if (info.browser.found) {
        out.line(`Browser:        ${info.browser.path} (from ${info.browser.source})`)
      } else {
        out.line('Browser:        none found')
        out.line(`  Looked at: ${info.browser.tried.join(', ')}`)
        out.line(`  ${info.browser.hint}`)
      }
    })
}
