// Selector strings to Playwright locators (one function for every form, see shared/selectors)
// and frame chains: what the window tracker and the target resolution both build on.
import type { FrameLocator, Locator, Page } from 'playwright'
import type { Refinements } from '../../../shared/selectors'
import { filterOptions, parseSelector } from '../../../shared/steps'

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
