// What the result viewer shows, as pure functions: each execution's label (attempt, data row),
// which execution and which step open first (the failing ones), the log lines of a step under a
// filter, and a body pretty-printed when it is JSON.
import type { ConsoleLog, NetworkLog, TestRunResult, TestStepResult } from '../../../../shared/model/execution'

export function executionLabel(result: Pick<TestRunResult, 'retry_attempt' | 'iteration_number'>, dataDriven: boolean): string {
  const attempt = `Attempt ${result.retry_attempt + 1}`
  return dataDriven && result.iteration_number !== null ? `Data row ${result.iteration_number}, ${attempt.toLowerCase()}` : attempt
}

/** The execution to open: the first failed one, else the newest. */
export function firstToOpen(results: readonly Pick<TestRunResult, 'id' | 'status'>[]): string | null {
  return (results.find((r) => r.status === 'failed') ?? results[results.length - 1])?.id ?? null
}

/** The step to open: the result's failing step, else the first failed, else the first step. */
export function stepToOpen(steps: readonly Pick<TestStepResult, 'step_number' | 'status'>[], errorStep: number | null): number | null {
  if (errorStep !== null && steps.some((s) => s.step_number === errorStep)) return errorStep
  return (steps.find((s) => s.status === 'failed') ?? steps[0])?.step_number ?? null
}

export interface LogFilter {
  /** null: every step. */
  step: number | null
  text: string
  levels: ReadonlySet<string>
}

export function filterConsole(lines: readonly ConsoleLog[], filter: LogFilter): ConsoleLog[] {
  const text = filter.text.trim().toLowerCase()
  return lines.filter(
    (l) => (filter.step === null || l.step_index === filter.step) && filter.levels.has(l.log_level) && (!text || l.message.toLowerCase().includes(text) || (l.source ?? '').toLowerCase().includes(text)),
  )
}

export function filterNetwork(entries: readonly NetworkLog[], filter: Pick<LogFilter, 'step' | 'text'> & { failedOnly: boolean }): NetworkLog[] {
  const text = filter.text.trim().toLowerCase()
  return entries.filter(
    (n) =>
      (filter.step === null || n.step_index === filter.step) &&
      (!filter.failedOnly || !!n.error_message || (n.status_code ?? 0) >= 400) &&
      (!text || n.url.toLowerCase().includes(text) || n.method.toLowerCase().includes(text) || String(n.status_code ?? '').includes(text)),
  )
}

/** A body as people read it: JSON indented, anything else as it came. */
export function prettyBody(body: string | null, contentType: string | null): string | null {
  if (body === null) return null
  const looksJson = (contentType ?? '').includes('json') || /^\s*[[{]/.test(body)
  if (!looksJson) return body
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

/** A property value as a checkpoint shows it: strings as they are, the rest as JSON. */
export function shownValue(value: unknown): string {
  if (value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** A file the page downloaded, as a result keeps it. */
export interface StepDownload {
  name: string
  size: number
  url: string
  /** Where it is kept in the data folder; null when it was not kept. */
  path: string | null
  error: string | null
}

/**
 * The downloads of step `step` among a result's captured downloads (stored as JSON, so anything
 * not shaped like one is left out; results stored before downloads named their step have none).
 */
export function stepDownloads(captured: readonly unknown[] | null, step: number): StepDownload[] {
  return (captured ?? []).flatMap((d) => {
    if (!d || typeof d !== 'object') return []
    const r = d as Record<string, unknown>
    if (r.step_index !== step || typeof r.name !== 'string') return []
    return [{ name: r.name, size: typeof r.size === 'number' ? r.size : 0, url: typeof r.url === 'string' ? r.url : '', path: typeof r.path === 'string' ? r.path : null, error: typeof r.error === 'string' ? r.error : null }]
  })
}

/** The dialogs (alert, confirm, prompt) step `step` met, from the console lines they are kept as. */
export function stepDialogs(lines: readonly ConsoleLog[], step: number): ConsoleLog[] {
  return lines.filter((l) => l.source === 'dialog' && l.step_index === step)
}
