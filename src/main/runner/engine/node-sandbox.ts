// Runs a tester's JavaScript in a Node vm context inside a worker thread: no require, no process,
// no module loading, a time limit that holds even for a busy loop (the worker is terminated),
// and a memory cap. The context isolates mistakes, not hostile code: a script can reach Node
// through the objects it is given (a known property of node:vm), so only the tester's own
// scripts belong here.
import { Worker } from 'node:worker_threads'

export interface ConsoleLine {
  level: 'log' | 'info' | 'debug' | 'warn' | 'error'
  text: string
}

export interface SandboxOutcome {
  ok: boolean
  /** What the script returned, as text (JSON for anything but a string); null for nothing. */
  value: string | null
  error: string | null
  lines: ConsoleLine[]
  /** The variables after the script, every value as text. */
  variables: Record<string, string>
}

export interface SandboxInput {
  /** An expression, or statements with `return` (as scriptFunction in shared/step-actions wraps). */
  code: string
  /** Shown in stack traces. */
  filename: string
  variables: Record<string, string>
  timeoutMs: number
  signal?: AbortSignal
}

// Plain CommonJS run by the worker as given (eval: true), so no file needs to sit beside the
// bundled main process. The globals offered are the few a setup or teardown script needs.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const vm = require('node:vm')
const { inspect } = require('node:util')
const show = (value) => (typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity }))
const print = (level) => (...args) => parentPort.postMessage({ line: { level, text: args.map(show).join(' ') } })
const vars = { ...workerData.variables }
const sandbox = {
  console: { log: print('log'), info: print('info'), debug: print('debug'), warn: print('warn'), error: print('error') },
  vars,
  setTimeout, clearTimeout, setInterval, clearInterval, fetch, URL, URLSearchParams, TextEncoder, TextDecoder,
  atob, btoa, structuredClone, AbortController, Headers, Request, Response, FormData, Blob,
}
const context = vm.createContext(sandbox, { name: workerData.filename, codeGeneration: { strings: false, wasm: false } })
const text = (value) => {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value
  try { return JSON.stringify(value) ?? String(value) } catch { return String(value) }
}
const failure = (error) => {
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    const where = typeof error.stack === 'string' ? error.stack.split('\n').find((l) => l.includes(workerData.filename)) : null
    return (error.name ? error.name + ': ' : '') + error.message + (where ? ' (' + where.trim().replace(/^at /, '') + ')' : '')
  }
  return 'threw ' + show(error)
}
const finish = (message) => {
  const variables = {}
  for (const [name, value] of Object.entries(vars)) if (value !== undefined && value !== null) variables[name] = typeof value === 'string' ? value : text(value)
  parentPort.postMessage({ done: { ...message, variables } })
}
parentPort.postMessage({ started: true })
Promise.resolve()
  .then(() => new vm.Script(workerData.code, { filename: workerData.filename, lineOffset: -1 }).runInContext(context))
  .then((value) => finish({ ok: true, value: text(value), error: null }), (error) => finish({ ok: false, value: null, error: failure(error) }))
`

/** Runs `input.code` as an async function body in a fresh context; never throws. */
export function runInNodeSandbox(input: SandboxInput): Promise<SandboxOutcome> {
  const lines: ConsoleLine[] = []
  const code = `(async () => {\n${input.code}\n})()`
  return new Promise((resolve) => {
    let settled = false
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { code, filename: input.filename, variables: input.variables },
      // Not the parent's loaders or flags: the script gets plain Node.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256 },
      stdout: true,
      stderr: true,
    })
    const end = (outcome: Omit<SandboxOutcome, 'lines'>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      input.signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      resolve({ ...outcome, lines })
    }
    const stopped = (error: string) => end({ ok: false, value: null, error, variables: input.variables })
    // The limit is the script's: it starts when the script does, not while Node boots the worker.
    let timer: NodeJS.Timeout | undefined
    const startClock = () => {
      timer ??= setTimeout(() => stopped(`The script did not finish within ${input.timeoutMs} ms`), input.timeoutMs)
    }
    const onAbort = () => stopped('Cancelled')
    input.signal?.addEventListener('abort', onAbort)
    if (input.signal?.aborted) onAbort()
    worker.on('message', (message: { started?: true; line?: ConsoleLine; done?: Omit<SandboxOutcome, 'lines'> }) => {
      if (message.started) startClock()
      if (message.line && !settled) lines.push(message.line)
      if (message.done) end(message.done)
    })
    worker.on('error', (error) => stopped(/memory/i.test(error.message) ? 'The script ran out of memory (256 MB)' : `The script failed: ${error.message}`))
    worker.on('exit', () => stopped('The script ended without a result'))
  })
}
