// How the CLI speaks: human text by default, JSON with --json; exit codes 0 (all passed),
// 1 (a test failed), 2 (bad usage or a broken environment) with a message saying what to do.
import { TestDeskError } from '../../shared/api/errors'

export const EXIT = { ok: 0, testsFailed: 1, usage: 2 } as const

/** Ends the command with an exit code and a message for the user. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export function usageError(message: string): CliExit {
  return new CliExit(EXIT.usage, message)
}

export interface GlobalOptions {
  dataDir?: string
  json?: boolean
}

export interface Output {
  json: boolean
  /** Human line (stdout); silent with --json. */
  line(text?: string): void
  /** The JSON document of the command (stdout); silent without --json. */
  result(value: unknown): void
  /** Progress and warnings (stderr), shown in both modes so stdout stays parseable. */
  note(text: string): void
}

export function createOutput(json: boolean, stdout = process.stdout, stderr = process.stderr): Output {
  return {
    json,
    line: (text = '') => {
      if (!json) stdout.write(text + '\n')
    },
    result: (value) => {
      if (json) stdout.write(JSON.stringify(value, null, 2) + '\n')
    },
    note: (text) => stderr.write(text + '\n'),
  }
}

/**
 * `testdesk suites | head -1`: once the reader has gone, later writes are dropped instead of
 * ending the process with an unhandled EPIPE. The command still finishes (a run keeps running
 * and storing its results) and exits with its own code, as `git log | head` does.
 */
export function dropWritesAfterClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    stream.write = (() => true) as typeof stream.write
  })
}

/** Message and exit code for anything a command threw. */
export function describeFailure(error: unknown): { code: number; message: string; kind: string } {
  if (error instanceof CliExit) return { code: error.code, message: error.message, kind: 'usage' }
  if (error instanceof TestDeskError) {
    const fields = error.issues?.length
      ? '\n' + error.issues.map((i) => `  - ${i.field || '(input)'}: ${i.message}`).join('\n')
      : ''
    return { code: EXIT.usage, message: error.message + (error.issues && error.issues.length > 1 ? fields : ''), kind: error.kind }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: EXIT.usage, message, kind: 'internal' }
}

/** Parses a whole-number flag, or explains which flag was wrong. */
export function intFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`)
  }
  return n
}

/** Resolves when the process is asked to stop (Ctrl+C or a service manager). */
export function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal)
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
}
