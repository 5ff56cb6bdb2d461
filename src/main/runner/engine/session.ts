// Everything one test run shares across its steps: the windows, variables, captures, the mask
// for secrets, and the ways a run ends early (cancel, test timeout, a closed browser, a crash)
// which reach the running step at once instead of after its timeout.
import type { BrowserContext } from 'playwright'
import { ConsoleCapture } from './console-capture'
import { Dialogs } from './dialogs'
import { Downloads } from './downloads'
import { BROWSER_CLOSED, CANCELLED, PAGE_CRASHED, StepFailure } from './failures'
import { createMasker, type Masker } from './masking'
import { NetworkCapture } from './network-capture'
import { StepClock } from './step-clock'
import { DEFAULT_STEP_TIMEOUT_MS, type EngineStep, type RunTestInput, type StepOutcome } from './types'
import { Windows, type TitleClaim } from './windows'
import { withinMs } from './within'

export type Interruption = 'cancelled' | 'timed_out' | 'closed' | 'not_started' | 'aborted'

export class TestSession {
  readonly context: BrowserContext
  readonly variables: Record<string, string>
  readonly mask: Masker
  readonly windows: Windows
  readonly dialogs: Dialogs
  readonly downloads: Downloads
  readonly consoleLogs: ConsoleCapture
  readonly network: NetworkCapture
  readonly stepTimeoutMs: number
  readonly navigationTimeoutMs: number
  /** Ids and names of the tests being run, outermost first, to catch call_test recursion. */
  readonly callStack: string[][] = []
  /** Which of the test's own steps runs, and ran when: console, network and downloads are tagged by it. */
  readonly clock = new StepClock()
  /** Set once the run must end: every later step is skipped. */
  halted: { kind: Interruption; failure: StepFailure } | null = null
  /** Called after each of the test's own steps ran (on-demand scripts attach here). */
  afterStep: ((step: EngineStep, outcome: StepOutcome) => Promise<void>) | null = null
  stopped = false
  /** Steps skipped because the run was asked to stop (a finished test is not 'stopped'). */
  skippedByStop = 0
  /** Results whose window title is read in the background, filled in by settleTitles(). */
  readonly titleClaims: { claim: TitleClaim; outcome: StepOutcome }[] = []
  private readonly active = new Set<(failure: StepFailure) => void>()
  /** Variable values already masked: each step's description and code need them all. */
  private readonly maskedValues = new Map<string, string>()
  private contextClosed!: () => void
  private readonly closing = new Promise<void>((resolve) => (this.contextClosed = resolve))
  private testTimer: NodeJS.Timeout | undefined

  constructor(readonly input: RunTestInput) {
    this.context = input.context
    this.variables = { ...input.variables }
    this.mask = input.mask ?? createMasker(input.secrets)
    this.stepTimeoutMs = input.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS
    this.navigationTimeoutMs = input.navigationTimeoutMs ?? Math.max(30_000, this.stepTimeoutMs)
    this.windows = new Windows(this.context, (window) => {
      if (window === this.windows.current) this.failActive(new StepFailure(PAGE_CRASHED))
    })
    this.dialogs = new Dialogs(this.context, input.dialogs, (dialog) => ({
      stepIndex: this.clock.current,
      windowId: this.windows.all.find((w) => w.page === dialog.page())?.id ?? null,
    }))
    this.downloads = new Downloads(this.context, input.downloadsDir ?? null, this.clock)
    this.consoleLogs = new ConsoleCapture(this.context, this.clock, this.mask)
    this.network = new NetworkCapture(this.context, this.clock, this.mask)
    this.callStack.push([input.testId, input.testName].filter((s): s is string => !!s))
  }

  /** Attaches every listener, once for the whole context, and opens the first page if needed. */
  async open(): Promise<void> {
    this.context.on('close', this.onContextClose)
    this.input.signal?.addEventListener('abort', this.onAbort)
    if (this.input.signal?.aborted) this.onAbort()
    if (this.input.testTimeoutMs) {
      const ms = this.input.testTimeoutMs
      this.testTimer = setTimeout(() => this.halt('timed_out', new StepFailure(`The test did not finish within ${ms} ms`)), ms)
    }
    this.consoleLogs.attach()
    this.network.attach()
    this.dialogs.attach()
    this.downloads.attach()
    await this.windows.open(this.navigationTimeoutMs)
  }

  /** Detaches every listener; the captures keep what they have. */
  detach(): void {
    clearTimeout(this.testTimer)
    this.context.off('close', this.onContextClose)
    this.input.signal?.removeEventListener('abort', this.onAbort)
    this.consoleLogs.detach()
    this.network.detach()
    this.dialogs.detach()
    this.downloads.detach()
    this.windows.detach()
  }

  /** The variables as results may show them: every secret in their values masked. */
  shownVariables(): Record<string, string> {
    if (!this.mask.active) return this.variables
    const shown = (value: string) => {
      let masked = this.maskedValues.get(value)
      if (masked === undefined) this.maskedValues.set(value, (masked = this.mask.text(value)))
      return masked
    }
    return Object.fromEntries(Object.entries(this.variables).map(([name, value]) => [name, shown(value)]))
  }

  /** A value to mask from now on, in everything the run gives back. */
  addSecret(value: string): void {
    this.mask.add(value)
    this.maskedValues.clear()
  }

  /** Fills in the window titles the steps claimed, waiting at most `boundMs` for reads under way. */
  async settleTitles(boundMs: number): Promise<void> {
    const titles = await this.windows.settleTitles(this.titleClaims.map((c) => c.claim), boundMs)
    this.titleClaims.forEach(({ outcome }, i) => {
      const title = titles[i]
      if (title !== null) outcome.window_title = this.mask.clip(title, 500)
    })
  }

  halt(kind: Interruption, failure: StepFailure): void {
    if (this.halted) return
    this.halted = { kind, failure }
    this.failActive(failure)
  }

  /** Fails every step now running (a call_test step and the step it is running) with `failure`. */
  failActive(failure: StepFailure): void {
    for (const fail of [...this.active]) fail(failure)
  }

  /**
   * Runs a step's work so that it ends on its own, at `boundMs` (a backstop: every Playwright
   * call has its own timeout), or at once when the run is interrupted. Work left behind by an
   * interruption is not awaited: the caller closes the context, which ends it. A call_test
   * step is not interruptible itself: the step it is running is, and it then ends in order.
   */
  guard<T>(work: () => Promise<T>, boundMs: number, interruptible = true): Promise<T> {
    if (this.halted) return Promise.reject(this.halted.failure)
    return new Promise<T>((resolve, reject) => {
      let settled = false
      const finish = () => {
        settled = true
        clearTimeout(timer)
        this.active.delete(fail)
      }
      const fail = (failure: StepFailure) => {
        if (settled) return
        finish()
        reject(failure)
      }
      const timer = Number.isFinite(boundMs)
        ? setTimeout(() => fail(new StepFailure(`The step did not finish within ${Math.round(boundMs)} ms`)), boundMs)
        : undefined
      if (interruptible) this.active.add(fail)
      work().then(
        (value) => {
          if (settled) return
          finish()
          resolve(value)
        },
        (error: unknown) => {
          if (settled) return
          finish()
          reject(error)
        },
      )
    })
  }

  private readonly onAbort = () => this.halt('cancelled', new StepFailure(CANCELLED))
  /**
   * After a page closed under a step: whether it was only that window (true) or the whole
   * browser going away, whose pages close one by one before the context says so.
   */
  async onlyWindowClosed(waitMs = 250): Promise<boolean> {
    if (this.halted) return false
    const closed = await withinMs(this.closing.then(() => true), waitMs, false)
    return !closed && !this.halted
  }

  private readonly onContextClose = () => {
    this.contextClosed()
    this.halt('closed', new StepFailure(BROWSER_CLOSED))
  }
}
