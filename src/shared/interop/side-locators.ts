// Selenium IDE locators (`id=`, `name=`, `css=`, `xpath=`, `linkText=`, `partialLinkText=`…) as
// TestDesk selector strings, and a command's `targets` list as the target's alternatives.
import { selectorQuote, target, type TargetDraft } from './conversion'

/**
 * The TestDesk selector for one Selenium IDE locator, or a reason it has none. Selenium acts on
 * the first of several matches; TestDesk's steps are strict and say so. The target refinements
 * (nth, has-text, within) being added to the catalogue are where such a locator will map better.
 */
export function sideLocator(locator: string): { selector: string } | { problem: string } {
  const text = locator.trim()
  if (!text) return { problem: 'the command has no locator' }
  if (text.startsWith('//') || text.startsWith('(//')) return { selector: `xpath=${text}` }
  const match = /^([a-zA-Z]+)=([\s\S]+)$/.exec(text)
  if (!match) return { selector: `id=${text}` }
  const [, strategy, raw] = match
  const value = raw.trim()
  switch (strategy) {
    case 'id': return { selector: `id=${value}` }
    case 'name': return { selector: `css=[name=${selectorQuote(value)}]` }
    case 'css': return { selector: `css=${value}` }
    case 'xpath': return { selector: `xpath=${value}` }
    // Selenium matches a link's whole visible text, case-sensitively; partialLinkText a part of it.
    case 'linkText':
    case 'link': return { selector: `role=link[name=${selectorQuote(value)}]` }
    case 'partialLinkText': return { selector: `role=link[name*=${selectorQuote(value)}]` }
    case 'identifier': return { selector: `css=[id=${selectorQuote(value)}], [name=${selectorQuote(value)}]` }
    default: return { problem: `locator strategy '${strategy}=' has no TestDesk equivalent` }
  }
}

/**
 * A command's target with the `targets` list ([locator, strategy] pairs) as alternatives, in the
 * file's order. When the command's own locator cannot be converted, the first convertible
 * alternative becomes the primary.
 */
export function sideTarget(locator: string, targets: readonly unknown[] | undefined): { target: TargetDraft } | { problem: string } {
  const own = sideLocator(locator)
  const others = (targets ?? [])
    .map((pair) => (Array.isArray(pair) && typeof pair[0] === 'string' ? sideLocator(pair[0]) : null))
    .flatMap((converted) => (converted && 'selector' in converted ? [converted.selector] : []))
  if ('selector' in own) return { target: target(own.selector, others) }
  if (others.length) return { target: target(others[0], others.slice(1)) }
  return own
}
