// The `testdesk` command line: global flags, one module a command, and the exit-code rules.
import { Command, CommanderError } from 'commander'
import { APP_VERSION } from '../report/app-version'
import { registerBaselines } from './commands/baselines'
import { registerCatalog } from './commands/catalog'
import { registerData } from './commands/data'
import { registerDemo } from './commands/demo'
import { registerDemoSite } from './commands/demo-site'
import { registerHealings } from './commands/healings'
import { registerHistory } from './commands/history'
import { registerInfo } from './commands/info'
import { registerInterop } from './commands/interop'
import { registerProjectFiles } from './commands/project-files'
import { registerProjects } from './commands/projects'
import { registerRecord } from './commands/record'
import { registerReport } from './commands/report'
import { registerRun } from './commands/run'
import { registerRuns } from './commands/runs'
import { registerScheduler } from './commands/scheduler'
import { registerSchedules } from './commands/schedules'
import { registerServe } from './commands/serve'
import { describeFailure, EXIT } from './output'

export function buildProgram(): Command {
  const program = new Command('testdesk')
    .description('TestDesk: record, organise and run browser tests on your own machine')
    .version(APP_VERSION, '-v, --version', 'print the TestDesk version')
    .option('--data-dir <path>', 'data directory (default: $TESTDESK_HOME or ~/.testdesk)')
    .option('--json', 'print machine-readable JSON instead of text')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  registerInfo(program)
  registerProjects(program)
  registerCatalog(program)
  registerData(program)
  registerProjectFiles(program)
  registerInterop(program)
  registerRun(program)
  registerRecord(program)
  registerRuns(program)
  registerServe(program)
  registerSchedules(program)
  registerScheduler(program)
  registerDemo(program)
  registerDemoSite(program)
  registerReport(program)
  registerHistory(program)
  registerBaselines(program)
  registerHealings(program)
  for (const command of program.commands) {
    command.exitOverride()
    for (const sub of command.commands) sub.exitOverride()
  }
  return program
}

/** Runs the CLI and returns the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode)
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version succeed; everything else commander rejects is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    const failure = describeFailure(error)
    const json = argv.includes('--json')
    if (json) process.stdout.write(JSON.stringify({ error: { kind: failure.kind, message: failure.message } }, null, 2) + '\n')
    process.stderr.write(`testdesk: ${failure.message}\n`)
    return failure.code
  }
}
