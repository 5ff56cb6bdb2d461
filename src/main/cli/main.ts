import { dropWritesAfterClosedPipe } from './output'
import { runCli } from './program'

dropWritesAfterClosedPipe(process.stdout)
dropWritesAfterClosedPipe(process.stderr)

const code = await runCli(process.argv.slice(2))
// Let pending output flush, then leave even if a library kept a handle open.
process.exitCode = code
setImmediate(() => process.exit(code))
