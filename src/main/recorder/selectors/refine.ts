// A recorded target in a tester's words: the page script tells repeated elements apart with a
// container chain (`css=li:has-text("Eggs") >> role=link[name="Remove"]`) and positions with
// `>> nth=`; stored steps keep those as target fields (within, has text, nth, visible only)
// rather than selector syntax a tester should not have to read or write.
import type { Nth, TargetScope } from '../../../shared/model/definition'
import { splitChain } from '../../../shared/selectors'

export interface RefinedTarget {
  selector: string
  alternatives: string[]
  within?: TargetScope
  nth?: Nth
  visible_only?: boolean
}

/** `css=BASE:has-text("T")`, the container form the generator writes: BASE and T, else null. */
function hasTextContainer(part: string): TargetScope | null {
  const match = /^(?:css=)?(.+?):has-text\("((?:[^"\\]|\\.)*)"\)$/.exec(part)
  if (!match || match[1].includes(':has-text(')) return null
  return { selector: match[1], has_text: match[2].replace(/\\(.)/g, '$1') }
}

function isXPath(selector: string): boolean {
  return selector.startsWith('/') || selector.startsWith('xpath=') || selector.startsWith('(')
}

/** Splits a chain into a container (its first part, when it is one), the element's own selector, and a trailing nth/visible. */
function parse(selector: string): { within: TargetScope | null; own: string[]; nth?: Nth; visible?: boolean } {
  const parts = splitChain(selector)
  let nth: Nth | undefined
  let visible: boolean | undefined
  for (;;) {
    const last = parts[parts.length - 1] ?? ''
    const n = /^nth\s*=\s*(-?\d+)$/.exec(last)
    if (n && parts.length > 1 && nth === undefined && !visible && Number(n[1]) >= -1) {
      nth = Number(n[1]) === -1 ? 'last' : Number(n[1]) === 0 ? 'first' : Number(n[1])
      parts.pop()
      continue
    }
    if (/^visible\s*=\s*true$/.test(last) && parts.length > 1 && !visible) {
      visible = true
      parts.pop()
      continue
    }
    break
  }
  const within = parts.length > 1 ? hasTextContainer(parts[0]) : null
  return { within, own: within ? parts.slice(1) : parts, nth, visible }
}

/**
 * The target a recorded selector and its alternatives stand for. A container and refinements
 * apply to every alternative alike, so alternatives are kept where they still find the element
 * inside the container: those written under the same container (without it), and any other
 * that is not an XPath (an absolute path would no longer start from the page).
 */
export function refineTarget(selector: string, alternatives: readonly string[]): RefinedTarget {
  const primary = parse(selector)
  if (!primary.within && primary.nth === undefined && !primary.visible) return { selector, alternatives: [...alternatives] }
  const kept: string[] = []
  for (const alternative of alternatives) {
    const parsed = parse(alternative)
    const sameContainer = JSON.stringify(parsed.within) === JSON.stringify(primary.within)
    const sameRefinement = parsed.nth === primary.nth && !!parsed.visible === !!primary.visible
    if (sameContainer && sameRefinement) kept.push(parsed.own.join(' >> '))
    else if (!primary.within && !isXPath(alternative) && parsed.nth === undefined && !parsed.within) kept.push(alternative)
    else if (primary.within && !parsed.within && parsed.nth === undefined && !isXPath(alternative) && !primary.nth) kept.push(alternative)
  }
  const own = primary.own.join(' >> ')
  return {
    selector: own,
    alternatives: [...new Set(kept)].filter((a) => a !== own),
    ...(primary.within ? { within: primary.within } : {}),
    ...(primary.nth !== undefined ? { nth: primary.nth } : {}),
    ...(primary.visible ? { visible_only: true } : {}),
  }
}
