// Acting on a step's element, and saying precisely why it could not be done: nothing matched
// (in which frame), several elements matched, or the element was there but not usable (hidden,
// disabled, covered) — with the element's HTML when there was one.
import type { Locator } from 'playwright'
import { truncate } from '../../../shared/patterns'
import type { StepTarget } from '../../../shared/steps'
import { browserGone, elementWasFound, headline, isTimeout, StepFailure, strictViolation, waitingReason } from './failures'
import { healTarget, missingFrame, notFound, primaryTarget, resolveTarget, selectorError, useTarget, type ResolvedTarget } from './locate'
import type { StepRun } from './step-run'
import { withinMs } from './within'

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
    // Playwright's log names the failing check only once it has made it; on a busy machine the
    // step's time can end first. Then the element's state, read now, says which check fails.
    const logged = waitingReason(error)
    const readNow = logged === null || logged.startsWith('did not become')
    const needsEnabled = logged !== 'did not become visible and steady'
    const unmet = readNow ? await withinMs(unmetState(resolved.locator, run.step.action, needsEnabled), 1000, null) : null
    const reason = unmet ?? logged ?? 'could not be used'
    return new StepFailure(`Timed out after ${run.timeoutMs} ms: ${resolved.name} was found but ${reason}`, { cause: error, elementHtml: html })
  }
  const html = await outerHtml(resolved.locator)
  return new StepFailure(`Could not ${run.step.action} ${resolved.name}: ${headline(error)}`, { cause: error, elementHtml: html })
}

/** Actions that type into the element, which must then be editable, not just enabled. */
const EDITS = new Set(['fill', 'type'])

/** The actionability check the (first) element fails now for `action`, or null when it passes them all. */
export async function unmetState(locator: Locator, action: string, needsEnabled = true): Promise<string | null> {
  const element = locator.first()
  if (!(await element.isVisible())) return 'is not visible'
  if (!needsEnabled) return null
  if (!(await element.isEnabled({ timeout: 500 }))) return 'is not enabled'
  if (EDITS.has(action) && !(await element.isEditable({ timeout: 500 }))) return 'is not editable'
  return null
}

/** A Playwright call on the step's element, within `timeout`, called off when `signal` aborts. */
export type ElementCall<T> = (locator: Locator, timeout: number, signal: AbortSignal) => Promise<T>

type Settled<T> = { value: T } | { error: unknown }

/**
 * Finds the target (healing if needed) and runs a Playwright call on it within the step's time.
 * A target with alternatives is acted on through its primary selector at once, as hand-written
 * Playwright would, while one count says whether the primary matches anything: only if it
 * matches nothing is the call called off (it is then still waiting for the element, it cannot
 * have acted) and the alternatives tried. `cancellable: false` for calls that take no signal:
 * they look the target up first.
 */
export async function onElement<T>(
  run: StepRun,
  target: StepTarget,
  call: ElementCall<T>,
  field: 'target' | 'options.to' = 'target',
  cancellable = true,
): Promise<T> {
  let resolved: ResolvedTarget
  if (target.alternatives?.length && cancellable) {
    const primary = primaryTarget(run, target)
    const callOff = new AbortController()
    const settled = await run.pw(async (): Promise<Settled<T> | null> => {
      const acting = call(primary.locator, run.remaining(), AbortSignal.any([callOff.signal, run.ended.signal])).then(
        (value): Settled<T> => ({ value }),
        (error: unknown): Settled<T> => ({ error }),
      )
      // A selector the count cannot use is the action's to report.
      const matches = await primary.locator.count().catch(() => 1)
      if (matches > 0) return acting
      callOff.abort()
      const late = await acting
      // The primary appeared just in time and the call went through: nothing to heal.
      return 'value' in late ? late : null
    })
    if (settled) {
      useTarget(run, target, primary, field)
      if ('value' in settled) return settled.value
      throw await explainElementError(run, target, primary, settled.error)
    }
    resolved = await healTarget(run, target, field)
  } else {
    resolved = await resolveTarget(run, target, field)
  }
  try {
    return await run.pw(() => call(resolved.locator, run.remaining(), run.ended.signal))
  } catch (error) {
    throw await explainElementError(run, target, resolved, error)
  }
}
