// One step while it runs: its deadline, the time spent inside Playwright (so TestDesk's own
// overhead can be told apart), and what it has produced so far for its result.
import { setTimeout as delay } from 'node:timers/promises'
import type { Page } from 'playwright'
import type { CheckpointResultInput } from '../../../shared/model/execution'
import { StepFailure } from './failures'
import type { ResolvedTarget } from './scope'
import type { TestSession } from './session'
import type { EngineStep, HealedTarget, VisualCapture } from './types'

export class StepRun {
  readonly started = performance.now()
  readonly deadline: number
  /** The page the step began in (a step may switch windows, or close the one it acts in). */
  readonly startPage: Page
  /** Time inside Playwright calls and explicit waits: the browser's time, not TestDesk's. */
  playwrightMs = 0
  /** The element the step acts on, once found: for element_html when it fails. */
  element: ResolvedTarget | null = null
  readonly healing: HealedTarget[] = []
  inputValue: string | null = null
  output: string | null = null
  screenshot: Buffer | undefined
  screenshotName: string | null = null
  readonly checkpoints: CheckpointResultInput[] = []
  /** The images of this step's visual checkpoints, kept as files by whoever stores the outcome. */
  readonly visuals: VisualCapture[] = []
  /** Aborted when the step ends, so its own timers do not outlive it. */
  readonly ended = new AbortController()

  constructor(
    readonly session: TestSession,
    /** The step with its variables already replaced. */
    readonly step: EngineStep,
    /** Its options as the catalogue parsed them. */
    readonly options: Record<string, any>,
    readonly timeoutMs: number,
  ) {
    this.deadline = this.started + timeoutMs
    this.startPage = session.windows.page
  }

  /** The step's page closed under it while the browser itself is fine. */
  async pageClosedItself(): Promise<boolean> {
    return this.startPage.isClosed() && (await this.session.onlyWindowClosed())
  }

  get page(): Page {
    return this.session.windows.page
  }

  /** Milliseconds left before the step's timeout; at least 1, since 0 means "no timeout" to Playwright. */
  remaining(): number {
    return Math.max(1, Math.round(this.deadline - performance.now()))
  }

  /** Calls inside Playwright calls, or side by side: their time counts once. */
  private inside = 0
  private insideSince = 0

  async pw<T>(call: () => Promise<T>): Promise<T> {
    if (this.inside++ === 0) this.insideSince = performance.now()
    try {
      return await call()
    } finally {
      if (--this.inside === 0) this.playwrightMs += performance.now() - this.insideSince
    }
  }

  /** A wait the step asked for (counted as browser time: it is not TestDesk's overhead). */
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return
    await this.pw(() => delay(ms, undefined, { signal: this.ended.signal }).catch(() => undefined))
  }

  /**
   * A Playwright call with no timeout of its own (page.evaluate) bounded by the step's (or
   * `ms`), failing with `message`. Started inside the timing, like every Playwright call: the
   * client's own work (serializing, capturing the call site) is Playwright's time too.
   */
  async bounded<T>(call: () => Promise<T>, message: string, ms = this.remaining()): Promise<T> {
    return this.pw(() => {
      const work = call()
      work.catch(() => undefined)
      const timeout = delay(ms, undefined, { signal: this.ended.signal }).then(
        () => Promise.reject(new StepFailure(message)),
        () => new Promise<never>(() => undefined),
      )
      return Promise.race([work, timeout])
    })
  }
}
