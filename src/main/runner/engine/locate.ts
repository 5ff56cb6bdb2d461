// Finding a step's element (locators, refinements and frame chains come from ./scope), and
// healing: when the primary selector finds nothing, the first alternative that does is used and
// reported, without first waiting a full timeout for the primary.
import type { FrameLocator, Page } from 'playwright'
import { hasRefinements, targetName, type StepTarget } from '../../../shared/steps'
import { headline, isTimeout, StepFailure } from './failures'
import { locate, locateTarget, type ResolvedTarget } from './scope'
import type { StepRun } from './step-run'

export { frameScope, locate, locateTarget, refine, type ResolvedTarget, type Scope } from './scope'

function alternativesNote(count: number): string {
  return count ? ` (tried ${count} alternative${count === 1 ? '' : 's'})` : ''
}

export function notFound(target: StepTarget, timeoutMs: number): string {
  return `No element matches ${hasRefinements(target) ? targetName(target) : target.selector}${alternativesNote(target.alternatives?.length ?? 0)} within ${timeoutMs} ms`
}

/** The step's primary selector as a locator, in the target's frames (not yet the step's element). */
export function primaryTarget(run: StepRun, target: StepTarget): ResolvedTarget {
  return { locator: locateTarget(run.session.windows.scope(target.frames), target, target.selector), selector: target.selector, healed: null, name: targetName(target) }
}

/** Makes `resolved` the step's element (for its HTML on failure) and reports a healed selector. */
export function useTarget(run: StepRun, target: StepTarget, resolved: ResolvedTarget, field: 'target' | 'options.to' = 'target'): ResolvedTarget {
  if (field === 'target') run.element = resolved
  if (resolved.healed) run.healing.push({ field, selector: target.selector, healed_selector: resolved.healed })
  return resolved
}

/**
 * The locator a step acts on. Without alternatives it is the primary selector, left to
 * Playwright's auto-waiting: no extra round trip. With alternatives, one count tells whether
 * the primary is there; only if not does healTarget() try the alternatives.
 */
export async function resolveTarget(run: StepRun, target: StepTarget, field: 'target' | 'options.to' = 'target'): Promise<ResolvedTarget> {
  const primary = primaryTarget(run, target)
  if (!target.alternatives?.length || (await run.pw(() => primary.locator.count())) > 0) return useTarget(run, target, primary, field)
  return healTarget(run, target, field)
}

/**
 * When the primary selector matched nothing: waits for primary-or-any-alternative to attach
 * (not a full timeout for the primary alone) and picks the first that matches: the primary
 * first, an alternative matching one element before one matching several.
 */
export async function healTarget(run: StepRun, target: StepTarget, field: 'target' | 'options.to' = 'target'): Promise<ResolvedTarget> {
  const scope = run.session.windows.scope(target.frames)
  const primary = primaryTarget(run, target)
  const candidates = (target.alternatives ?? []).map((selector) => ({ selector, locator: locateTarget(scope, target, selector) }))
  const any = candidates.reduce((combined, c) => combined.or(c.locator), primary.locator)
  try {
    await run.pw(() => any.first().waitFor({ state: 'attached', timeout: run.remaining() }))
  } catch (error) {
    if (isTimeout(error)) throw new StepFailure(notFound(target, run.timeoutMs), { cause: error })
    throw error
  }
  const counts = await run.pw(() => Promise.all([primary.locator.count(), ...candidates.map((c) => c.locator.count())]))
  if (counts[0] > 0) return useTarget(run, target, primary, field)
  const index = counts.slice(1).findIndex((n) => n === 1)
  const chosen = candidates[index >= 0 ? index : counts.slice(1).findIndex((n) => n > 0)]
  // Gone again between the wait and the count: let the action's own waiting decide.
  if (!chosen) return useTarget(run, target, primary, field)
  return useTarget(run, target, { locator: chosen.locator, selector: chosen.selector, healed: chosen.selector, name: primary.name }, field)
}

/** Names the first frame of a chain that is missing, for a clearer "not found". */
export async function missingFrame(run: StepRun, frames: readonly string[]): Promise<string | null> {
  let scope: Page | FrameLocator = run.page
  for (const frame of frames) {
    const element = locate(scope, frame)
    const count = await element.count().catch(() => 0)
    if (count === 0) return frame
    scope = element.contentFrame()
  }
  return null
}

/** Reads an invalid selector's error ("Unknown engine", "Unexpected token") as a tester's message. */
export function selectorError(error: unknown, selector: string): StepFailure | null {
  const text = headline(error)
  if (/Unknown engine|while parsing selector|Unexpected token|is not a valid selector|Invalid selector/i.test(text)) {
    return new StepFailure(`Invalid selector ${selector}: ${text}`, { cause: error })
  }
  return null
}
