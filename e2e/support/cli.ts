// Runs the real `testdesk` command as a separate process, the way a tester or CI would.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const BIN = resolve(import.meta.dirname, '../../bin/testdesk.mjs')

/**
 * Browser mode builds its UI on first use, as for a user, but the tests' build goes to a folder
 * of its own: it never stands in for the build a user's `testdesk serve` keeps in out/browser.
 */
export const TEST_UI_DIR = resolve(import.meta.dirname, '../../out/test-ui')

function testEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, TESTDESK_UI_DIR: TEST_UI_DIR, ...env }
}

export function tempDataDir(prefix = 'td-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `input`, when given, is what the command reads on standard input (else it reads nothing). */
export function runTestdesk(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000, input?: string, bin = BIN): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: testEnv(env), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    if (input !== undefined) child.stdin!.end(input)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d) => (stdout += d))
    child.stderr!.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
  })
}

export interface LongRunning {
  child: ChildProcess
  output(): string
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts `testdesk`: this checkout's, or `bin` of another copy. A variable set to undefined is left out. */
export function startTestdesk(args: string[], env: NodeJS.ProcessEnv = {}, bin = BIN): LongRunning {
  const child = spawn(process.execPath, [bin, ...args], { env: testEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  return {
    child,
    output: () => stdout + stderr,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = stdout.match(pattern)
          if (match) {
            cleanup()
            resolveMatch(match)
          }
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${stdout}${stderr}`))
        }, timeoutMs)
        const onExit = (code: number | null) => {
          cleanup()
          reject(new Error(`testdesk exited (${code}) before printing ${pattern}:\n${stdout}${stderr}`))
        }
        const cleanup = () => {
          clearTimeout(timer)
          child.stdout!.off('data', check)
          child.off('close', onExit)
        }
        child.stdout!.on('data', check)
        child.on('close', onExit)
        check()
      })
    },
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
