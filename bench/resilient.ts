// What keeps a benchmark going on a slow or busy machine: a browser that is launched again when
// it has gone, loads retried a few times, and phases that record their failure and let the rest
// of the benchmark measure what it can. Whatever failed is listed at the end.
import type { Browser } from 'playwright'

const note = (text: string) => process.stderr.write(`${text}\n`)

export function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]
}

/** A browser for the benchmark, launched again if it crashed or was closed under load. */
export class RelaunchingBrowser {
  private current: Browser | null = null
  relaunches = 0

  constructor(private readonly launch: () => Promise<Browser>) {}

  async get(): Promise<Browser> {
    if (this.current?.isConnected()) return this.current
    if (this.current) {
      this.relaunches++
      note('  (the browser had gone: launching it again)')
      await this.current.close().catch(() => undefined)
    }
    this.current = await this.launch()
    return this.current
  }

  async close(): Promise<void> {
    await this.current?.close().catch(() => undefined)
    this.current = null
  }
}

/** Runs `work` up to `attempts` times, noting each failure; throws the last one. */
export async function retried<T>(what: string, work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= attempts) throw error
      note(`  ${what} failed (${messageOf(error)}); trying again (${attempt + 1} of ${attempts})`)
    }
  }
}

/** Phases of a benchmark: a phase that fails is recorded and the benchmark goes on without its figures. */
export class Phases {
  readonly failed: { phase: string; error: string }[] = []

  async run<T>(phase: string, work: () => Promise<T> | T): Promise<T | null> {
    try {
      return await work()
    } catch (error) {
      this.failed.push({ phase, error: messageOf(error) })
      note(`  ${phase} failed: ${messageOf(error)} (going on without it)`)
      return null
    }
  }

  /** Prints what could not be measured; true when something was missing. */
  report(out: (line: string) => void): boolean {
    if (!this.failed.length) return false
    out('Not measured:')
    for (const { phase, error } of this.failed) out(`  ${phase}: ${error}`)
    return true
  }
}
