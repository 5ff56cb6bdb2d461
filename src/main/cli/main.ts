import { runCli } from './program'

const code = await runCli(process.argv.slice(2))
// Let pending output flush, then leave even if a library kept a handle open.
process.exitCode = code
setImmediate(() => process.exit(code))
