// What happens in a run, told to every consumer through one interface (Playwright's reporter
// multiplexer): storing results, publishing events and the CLI's progress line are reporters,
// so the orchestrator only schedules and executes. Each reporter is called in its own try/catch:
// one that throws is logged and neither the run nor the other reporters notice.
import type { TestRun } from '../../shared/model/execution'
import type { ItemProgress, RunProgress, StepProgress } from '../../shared/model/progress'
import type { TestOutcome } from './engine'
import type { ExecutionContext } from './persist'

/**
 * One execution ended: a test's attempt, or one data iteration of it. The outcome carries what it
 * captured (screenshots, downloads, the trace), which become artifacts when it is stored.
 */
export interface AttemptEnd {
  outcome: TestOutcome & { trace?: Buffer | null }
  context: ExecutionContext
}

export interface RunReporter {
  /** Shown in the log when the reporter throws. */
  readonly name: string
  /** The run's state or counts changed: queued, picked up, a test started or ended, finished. */
  onRunProgress?(progress: RunProgress): void
  /** A test (or one data iteration of it) started on a worker. */
  onTestBegin?(item: ItemProgress): void
  onStepBegin?(step: StepProgress): void
  onStepEnd?(step: StepProgress): void
  /** Called in order for each execution of an attempt, before the test's verdict is read. */
  onAttemptEnd?(attempt: AttemptEnd): void
  /** A test has its final status (after its last attempt, or without running at all). */
  onTestEnd?(item: ItemProgress): void
  /** The run has finished: completed, cancelled or failed. */
  onRunEnd?(run: TestRun): void
}

type Hook = Exclude<keyof RunReporter, 'name'>
type Payload<H extends Hook> = Parameters<NonNullable<RunReporter[H]>>[0]

/** The reporters of one orchestrator: a fixed list given at construction, plus any added later (the CLI's). */
export class RunReporters {
  private readonly reporters: RunReporter[]

  constructor(reporters: readonly RunReporter[] = [], private readonly log: (message: string, error: unknown) => void = defaultLog) {
    this.reporters = [...reporters]
  }

  /** Adds a reporter after those already there; returns what removes it. */
  add(reporter: RunReporter): () => void {
    this.reporters.push(reporter)
    return () => {
      const at = this.reporters.indexOf(reporter)
      if (at >= 0) this.reporters.splice(at, 1)
    }
  }

  tell<H extends Hook>(hook: H, payload: Payload<H>): void {
    for (const reporter of [...this.reporters]) {
      const method = reporter[hook] as ((payload: Payload<H>) => void) | undefined
      if (!method) continue
      try {
        method.call(reporter, payload)
      } catch (error) {
        this.log(`run reporter '${reporter.name}' failed in ${hook}`, error)
      }
    }
  }
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[testdesk] ${message}:`, error)
}
