// Finding a step's element: selector strings to Playwright locators (one function for every
// form, see shared/selectors), frame chains, and healing: when the primary selector finds
// nothing, the first alternative that does is used and reported, without first waiting a full
// timeout for the primary.
import type { FrameLocator, Locator, Page } from 'playwright'
import { filterOptions, hasRefinements, parseSelector, targetName, type StepTarget } from '../../../shared/steps'
import type { Refinements } from '../../../shared/selectors'
import { headline, isTimeout, StepFailure } from './failures'
import type { StepRun } from './step-run'

export type Scope = Page | FrameLocator | Locator

/** The getBy* and locator methods Page, FrameLocator and Locator share. */
type Searchable = Pick<Locator, 'locator' | 'getByLabel' | 'getByPlaceholder' | 'getByAltText' | 'getByTitle' | 'getByTestId'>

/** A locator for any accepted selector form; label=, placeholder=, alt=, title=, testid= map to getBy*. */
export function locate(scope: Scope, selector: string): Locator {
  const parts = parseSelector(selector)
  if (parts.every((part) => part.kind === 'native')) return scope.locator(selector)
  let current = scope as Searchable
  for (const part of parts) {
    switch (part.kind) {
      case 'native': current = current.locator(part.selector); break
      case 'label': current = current.getByLabel(part.text, { exact: part.exact }); break
      case 'placeholder': current = current.getByPlaceholder(part.text, { exact: part.exact }); break
      case 'alt': current = current.getByAltText(part.text, { exact: part.exact }); break
      case 'title': current = current.getByTitle(part.text, { exact: part.exact }); break
      case 'testid': current = current.getByTestId(part.text); break
    }
  }
  return current as Locator
}

/** A locator narrowed by a target's refinements: filters first (has text, has not text, visible), then nth. */
export function refine(locator: Locator, r: Refinements): Locator {
  const filter = filterOptions(r)
  let refined = filter ? locator.filter(filter) : locator
  if (r.nth === 'first') refined = refined.first()
  else if (r.nth === 'last') refined = refined.last()
  else if (r.nth !== undefined) refined = refined.nth(r.nth)
  return refined
}

/** `selector` (the primary or an alternative) with the target's container and refinements applied. */
export function locateTarget(scope: Scope, target: Refinements, selector: string): Locator {
  const base = target.within ? locateTarget(scope, target.within, target.within.selector) : scope
  return refine(locate(base, selector), target)
}

/** The page, or the frame reached through a chain of frame selectors from it. */
export function frameScope(page: Page, frames: readonly string[]): Page | FrameLocator {
  let scope: Page | FrameLocator = page
  for (const frame of frames) scope = locate(scope, frame).contentFrame()
  return scope
}

export interface ResolvedTarget {
  locator: Locator
  /** The selector in use: the primary, or the alternative that healed it. */
  selector: string
  healed: string | null
  name: string
}

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
