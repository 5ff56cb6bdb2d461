// Acting on a step's element, and saying precisely why it could not be done: nothing matched
// (in which frame), several elements matched, or the element was there but not usable (hidden,
// disabled, covered) — with the element's HTML when there was one.
import type { Locator } from 'playwright'
import { truncate } from '../../../shared/patterns'
import type { StepTarget } from '../../../shared/steps'
import { browserGone, elementWasFound, headline, isTimeout, StepFailure, strictViolation, waitingReason } from './failures'
import { missingFrame, notFound, resolveTarget, selectorError, type ResolvedTarget } from './locate'
import type { StepRun } from './step-run'

/**
 * A function for page.evaluate / locator.evaluate given as source text. Playwright serializes
 * functions with toString(), so passing source keeps the page code exactly as written here,
 * untouched by whatever compiled this module.
 */
export function pageFunction<R = unknown>(source: string): (...args: any[]) => R {
  const fn = function () {} as unknown as (...args: any[]) => R
  fn.toString = () => source
  return fn
}

const OUTER_HTML = pageFunction<string>('(element) => element.outerHTML')
const MAX_HTML = 5000

async function withinMs<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([work.catch(() => fallback), new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))])
  clearTimeout(timer)
  return result
}

/** The element's outerHTML (about 5 kB at most), or null when there is none to read. */
export async function outerHtml(locator: Locator): Promise<string | null> {
  const html = await withinMs(locator.first().evaluate(OUTER_HTML, undefined, { timeout: 500 }), 1000, null)
  return html === null ? null : truncate(html, MAX_HTML)
}

/** The failure a tester reads for an error raised while acting on `resolved`. */
export async function explainElementError(
  run: StepRun,
  target: StepTarget,
  resolved: ResolvedTarget,
  error: unknown,
  waitingFor?: string,
): Promise<StepFailure> {
  if (error instanceof StepFailure) return error
  const gone = browserGone(error)
  if (gone) return new StepFailure(gone, { cause: error })
  const invalid = selectorError(error, resolved.selector)
  if (invalid) return invalid
  const strict = strictViolation(error)
  if (strict) {
    const listed = strict.elements.slice(0, 5).map((html, i) => `${i + 1}) ${truncate(html, 200)}`).join(' ')
    return new StepFailure(
      `${resolved.selector} matches ${strict.count} elements, so it is not clear which one to use. Make the selector more specific. Matches: ${listed}`,
      { cause: error, elementHtml: truncate(strict.elements.join('\n'), MAX_HTML) },
    )
  }
  if (isTimeout(error)) {
    // Playwright's log says whether it ever found the element; one appearing just too late was not found in time.
    const count = elementWasFound(error) ? await withinMs(resolved.locator.count(), 1000, -1) : 0
    if (count === 0) {
      const frames = target.frames?.length ? target.frames : run.session.windows.frames
      const frame = frames.length ? await withinMs(missingFrame(run, frames), 1000, null) : null
      if (frame) return new StepFailure(`No frame matches ${frame} within ${run.timeoutMs} ms`, { cause: error })
      return new StepFailure(notFound(target, run.timeoutMs), { cause: error })
    }
    const html = await outerHtml(resolved.locator)
    if (waitingFor) return new StepFailure(`Timed out after ${run.timeoutMs} ms waiting for ${resolved.name} to be ${waitingFor}`, { cause: error, elementHtml: html })
    const reason = waitingReason(error) ?? 'could not be used'
    return new StepFailure(`Timed out after ${run.timeoutMs} ms: ${resolved.name} was found but ${reason}`, { cause: error, elementHtml: html })
  }
  const html = await outerHtml(resolved.locator)
  return new StepFailure(`Could not ${run.step.action} ${resolved.name}: ${headline(error)}`, { cause: error, elementHtml: html })
}

/** Finds the target (healing if needed) and runs a Playwright call on it within the step's time. */
export async function onElement<T>(
  run: StepRun,
  target: StepTarget,
  call: (locator: Locator, timeout: number) => Promise<T>,
  field: 'target' | 'options.to' = 'target',
): Promise<T> {
  const resolved = await resolveTarget(run, target, field)
  try {
    return await run.pw(() => call(resolved.locator, run.remaining()))
  } catch (error) {
    throw await explainElementError(run, target, resolved, error)
  }
}
