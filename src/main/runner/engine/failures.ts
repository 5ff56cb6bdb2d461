// Turns what went wrong into a sentence a tester understands: which element was missing, what
// kept an element from being used, why a navigation failed. Playwright's own message (with its
// call log) is kept as the stack trace for whoever digs deeper.

/** A step failure whose message is already in a tester's words. */
export class StepFailure extends Error {
  readonly elementHtml: string | null

  constructor(message: string, options: { cause?: unknown; elementHtml?: string | null } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'StepFailure'
    this.elementHtml = options.elementHtml ?? null
  }
}

export const CANCELLED = 'Cancelled'
export const PAGE_CRASHED = 'The browser page crashed'
export const BROWSER_CLOSED = 'The browser closed during the step'
export const WINDOW_CLOSED = 'The window was closed during the step'

const ANSI = /\u001b\[[0-9;]*m/g

/** Playwright's message without colour codes. */
export function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(ANSI, '')
}

/** The first line of Playwright's message without the `locator.click: ` prefix. */
export function headline(error: unknown): string {
  const first = plainMessage(error).split('\n')[0].trim()
  return first.replace(/^[a-zA-Z]+\.[a-zA-Z]+: /, '').replace(/^Error: /, '')
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/.test(error.message))
}

/** Crashes and a closed browser, whatever call noticed them first. */
export function browserGone(error: unknown): string | null {
  const message = plainMessage(error)
  if (/Target crashed|Page crashed/i.test(message)) return PAGE_CRASHED
  if (/Target page, context or browser has been closed|Browser has been closed|Target closed|browserContext\.close|Connection closed/i.test(message)) return BROWSER_CLOSED
  return null
}

/** `resolved to 3 elements` and the elements Playwright listed, from a strict mode violation. */
export function strictViolation(error: unknown): { count: number; elements: string[] } | null {
  const message = plainMessage(error)
  const match = /strict mode violation: .*? resolved to (\d+) elements/.exec(message)
  if (!match) return null
  const elements = [...message.matchAll(/^\s*\d+\) (.*?)(?: aka .*)?$/gm)].map((m) => m[1])
  return { count: Number(match[1]), elements }
}

const REASONS: [RegExp, string][] = [
  [/element is not visible/, 'is not visible'],
  [/element is not enabled/, 'is not enabled'],
  [/element is not editable/, 'is not editable'],
  [/element is not stable/, 'kept moving'],
  [/element is outside of the viewport/, 'is outside the page where it cannot be reached'],
  [/(<.*?>.*?) (?:from .*? subtree )?intercepts pointer events/, 'is covered by another element: $1'],
  [/element is not an? <select> element|Element is not a <select> element/, 'is not a dropdown (<select>)'],
  [/waiting for element to be visible, enabled and stable/, 'did not become visible, enabled and steady'],
  [/waiting for element to be visible and stable/, 'did not become visible and steady'],
]

/** Whether Playwright's call log shows it found the element before giving up. */
export function elementWasFound(error: unknown): boolean {
  return /locator resolved to|resolved to \d+ elements?/.test(plainMessage(error))
}

/** Why Playwright kept waiting on an element it had found, read from the end of its call log. */
export function waitingReason(error: unknown): string | null {
  const lines = plainMessage(error).split('\n').reverse()
  for (const line of lines) {
    for (const [pattern, reason] of REASONS) {
      const match = pattern.exec(line)
      if (match) return reason.replace('$1', match[1] ?? '')
    }
  }
  return null
}

/** The error's text for error_stack_trace: Playwright's message with its call log, then the stack. */
export function stackOf(error: unknown): string | null {
  const root = error instanceof StepFailure && error.cause !== undefined ? error.cause : error
  if (!(root instanceof Error)) return root === undefined ? null : String(root)
  const stack = (root.stack ?? '').replace(ANSI, '')
  const message = plainMessage(root)
  // V8 stacks start with the message (Playwright's with its call log): do not say it twice.
  return stack.includes(message) ? stack : `${message}\n${stack}`.trim()
}
