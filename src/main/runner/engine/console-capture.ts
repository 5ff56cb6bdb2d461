// Console messages and uncaught page errors of every page in the context, each tagged with the
// step running when it happened (by the message's own timestamp). Nothing is awaited.
import type { BrowserContext, ConsoleMessage, WebError } from 'playwright'
import type { ConsoleLogInput, LogLevel } from '../../../shared/model/execution'
import type { Masker } from './masking'
import type { StepClock } from './step-clock'

const LEVELS: Partial<Record<ReturnType<ConsoleMessage['type']>, LogLevel>> = {
  log: 'log',
  info: 'info',
  warning: 'warn',
  error: 'error',
  assert: 'error',
  debug: 'debug',
  trace: 'debug',
  dir: 'log',
  dirxml: 'log',
  table: 'log',
  count: 'log',
  timeEnd: 'log',
  startGroup: 'log',
  startGroupCollapsed: 'log',
}

const MAX_MESSAGE = 100_000

/** `at fn (http://host/app.js:12:5)` → where the error was thrown. */
function firstFrame(stack: string | undefined): { url: string; line: number; column: number } | null {
  const match = stack ? /\(?((?:https?|file|blob):[^\s()]+):(\d+):(\d+)\)?/.exec(stack) : null
  return match ? { url: match[1], line: Number(match[2]), column: Number(match[3]) } : null
}

export class ConsoleCapture {
  readonly logs: ConsoleLogInput[] = []

  constructor(
    private readonly context: BrowserContext,
    private readonly clock: StepClock,
    private readonly mask: Masker,
  ) {}

  attach(): void {
    this.context.on('console', this.onConsole)
    this.context.on('weberror', this.onPageError)
  }

  detach(): void {
    this.context.off('console', this.onConsole)
    this.context.off('weberror', this.onPageError)
  }

  private readonly onConsole = (message: ConsoleMessage) => {
    const level = LEVELS[message.type()]
    if (!level) return
    const location = message.location()
    const timestamp = message.timestamp() > 0 ? message.timestamp() : Date.now()
    this.logs.push({
      log_level: level,
      message: this.mask.clip(message.text(), MAX_MESSAGE),
      source: location.url ? this.mask.clip(location.url, 500) : null,
      // Playwright counts from 0; people and editors count lines and columns from 1.
      line_number: location.url ? location.lineNumber + 1 : null,
      column_number: location.url ? location.columnNumber + 1 : null,
      stack_trace: null,
      step_index: this.clock.at(timestamp),
      timestamp: new Date(timestamp).toISOString(),
    })
  }

  private readonly onPageError = (webError: WebError) => {
    const error = webError.error()
    const where = firstFrame(error.stack)
    this.logs.push({
      log_level: 'error',
      message: this.mask.clip(`${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`, MAX_MESSAGE),
      source: where ? this.mask.clip(where.url, 500) : null,
      line_number: where?.line ?? null,
      column_number: where?.column ?? null,
      stack_trace: error.stack ? this.mask.clip(error.stack, MAX_MESSAGE) : null,
      step_index: this.clock.current,
      timestamp: new Date().toISOString(),
    })
  }
}
