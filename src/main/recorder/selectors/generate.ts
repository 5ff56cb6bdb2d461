// In the page: the selector generator. For one element it writes a candidate per strategy (test
// id attributes, role and name, label, placeholder, alt, title, text, a stable id, a short CSS
// path, XPath), keeps those that match exactly that element in its frame (checked here, before
// the page changes), adds candidates scoped by a distinctive ancestor when the element's own
// words repeat (the same "Edit" in every row), and ranks them (./ranking).
import {
  allElements,
  deepQuery,
  elementLabels,
  elementText,
  matchAttribute,
  matchLabel,
  matchText,
  ownText,
  type Root,
  type TextCache,
} from './dom-query'
import {
  attributeSelector,
  chooseTarget,
  rankCandidates,
  DEFAULT_TEST_ID_ATTRIBUTES,
  lengthPenalty,
  looksGenerated,
  MAX_NAME_LENGTH,
  normalizeText,
  quote,
  roleSelector,
  SCOPED_PENALTY,
  textSelector,
  unstableClass,
  type Candidate,
  type RankedTarget,
  type Strategy,
} from './ranking'
import { hiddenForRoles, matchRole, nameOf, roleOf, supportedRole } from './roles'

export interface GenerateOptions {
  testIdAttributes?: readonly string[]
}

export interface GeneratedTarget extends RankedTarget {
  /** Every unique candidate, best first, with its strategy: for tests and the benchmark. */
  candidates: Candidate[]
}

/** What one generation shares: the text cache and the element list of the document. */
class Scope {
  readonly cache: TextCache = new Map()
  private readonly lists = new Map<Root, Element[]>()

  constructor(readonly testIdAttributes: readonly string[]) {}

  elements(root: Root): Element[] {
    let list = this.lists.get(root)
    if (!list) this.lists.set(root, (list = allElements(root)))
    return list
  }
}

function usableText(text: string | null | undefined): text is string {
  return !!text && text.length <= MAX_NAME_LENGTH && normalizeText(text) === text
}

function onlyThis(matches: Element[], element: Element): boolean {
  return matches.length === 1 && matches[0] === element
}

/** Candidates of the semantic strategies for `element`, kept when unique under `root`. */
function semanticCandidates(scope: Scope, element: Element, root: Root): Candidate[] {
  const out: Candidate[] = []
  const keep = (strategy: Strategy, selector: string, penalty: number, matches: () => Element[]) => {
    if (onlyThis(matches(), element)) out.push({ strategy, selector, penalty })
  }
  for (const attribute of scope.testIdAttributes) {
    const value = element.getAttribute(attribute)
    if (!value || normalizeText(value) !== value) continue
    const selector = attributeSelector(attribute, value)
    keep('testid', selector, looksGenerated(value) ? 75 : 0, () => deepQuery(root, selector))
  }
  const role = roleOf(element)
  if (supportedRole(role) && !hiddenForRoles(element)) {
    const name = nameOf(element)
    if (name.length <= MAX_NAME_LENGTH) {
      keep('role', roleSelector(role, name || null), name ? lengthPenalty(name) : 8, () => matchRole(root, role, name || null, scope.elements(root)))
    }
  }
  for (const label of new Set(elementLabels(scope.cache, element))) {
    if (usableText(label)) keep('label', textSelector('label', label), lengthPenalty(label), () => matchLabel(scope.cache, root, label))
  }
  for (const [strategy, attribute] of [['placeholder', 'placeholder'], ['alt', 'alt'], ['title', 'title']] as const) {
    const value = element.getAttribute(attribute)
    if (usableText(value)) keep(strategy, textSelector(strategy, value), lengthPenalty(value), () => matchAttribute(root, attribute, value))
  }
  const text = ownText(scope.cache, element)
  if (usableText(text)) keep('text', textSelector('text', text), lengthPenalty(text), () => matchText(scope.cache, root, text))
  return out
}

function idCandidate(element: Element, root: Root): Candidate | null {
  const id = element.id
  if (!id || looksGenerated(id)) return null
  const selector = `#${CSS.escape(id)}`
  return onlyThis(deepQuery(root, selector), element) ? { strategy: 'id', selector, penalty: 0 } : null
}

// ── CSS path and XPath ──────────────────────────────────────────────────────────────────────

function cssStep(element: Element): string {
  if (element.id && !looksGenerated(element.id)) return `#${CSS.escape(element.id)}`
  const tag = CSS.escape(element.localName)
  const classes = Array.from(element.classList).filter((c) => !unstableClass(c)).slice(0, 2)
  return tag + classes.map((c) => `.${CSS.escape(c)}`).join('')
}

function nthOfType(element: Element): number | null {
  const parent = element.parentElement ?? element.parentNode
  if (!parent) return null
  const same = Array.from((parent as ParentNode).children).filter((c) => c.localName === element.localName)
  return same.length > 1 ? same.indexOf(element) + 1 : null
}

/**
 * The shortest `a > b > c` path from the element up that is unique in its tree (the document or
 * its shadow root), using stable ids and classes, with :nth-of-type only where siblings repeat.
 */
function cssPath(element: Element, within: Root): string | null {
  const tree = element.getRootNode() as Document | ShadowRoot
  const parts: string[] = []
  let current: Element | null = element
  for (let depth = 0; current && depth < 7; depth++) {
    const step = cssStep(current)
    const plain = [step, ...parts].join(' > ')
    if (onlyThis(deepQuery(within, plain), element)) return plain
    const nth = step.startsWith('#') ? null : nthOfType(current)
    const stepped = nth ? `${step}:nth-of-type(${nth})` : step
    if (nth) {
      const numbered = [stepped, ...parts].join(' > ')
      if (onlyThis(deepQuery(within, numbered), element)) return numbered
    }
    parts.unshift(stepped)
    const parent: Element | null = current.parentElement
    current = parent && parent.getRootNode() === tree ? parent : null
  }
  return null
}

function xpathStep(element: Element): string {
  const html = element.namespaceURI === 'http://www.w3.org/1999/xhtml'
  const name = html ? element.localName : `*[local-name()=${JSON.stringify(element.localName)}]`
  const parent = element.parentElement
  if (!parent) return name
  const same = Array.from(parent.children).filter((c) => c.localName === element.localName && c.namespaceURI === element.namespaceURI)
  return same.length > 1 ? `${name}[${same.indexOf(element) + 1}]` : name
}

function xpath(element: Element): string | null {
  if (!(element.getRootNode() instanceof Document)) return null
  const steps: string[] = []
  for (let current: Element | null = element; current; current = current.parentElement) steps.unshift(xpathStep(current))
  const path = `/${steps.join('/')}`
  try {
    const result = element.ownerDocument.evaluate(path, element.ownerDocument, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null)
    return result.snapshotLength === 1 && result.snapshotItem(0) === element ? `xpath=${path}` : null
  } catch {
    return null
  }
}

// ── Scoping by an ancestor ──────────────────────────────────────────────────────────────────

function parentOrHost(element: Element): Element | null {
  if (element.parentElement) return element.parentElement
  const root = element.getRootNode()
  return root instanceof ShadowRoot ? root.host : null
}

/** A selector for an ancestor that is unique in the document: its test id, role and name, id, or tag + text. */
function anchorFor(scope: Scope, ancestor: Element, doc: Document): Candidate | null {
  const own = semanticCandidates(scope, ancestor, doc).filter((c) => c.strategy === 'testid' || (c.strategy === 'role' && c.selector.includes('[name=')))
  const id = idCandidate(ancestor, doc)
  const best = [...own, ...(id ? [id] : [])][0]
  if (best) return best
  // A repeated container (row, card, list item) told apart by a short text inside it.
  const base = cssStep(ancestor)
  if (base.startsWith('#')) return null
  for (const element of [ancestor, ...allElements(ancestor)].slice(0, 60)) {
    const text = ownText(scope.cache, element)
    if (!usableText(text) || text.length > 40) continue
    const selector = `css=${base}:has-text(${quote(text)})`
    const lower = text.toLowerCase()
    const matches = deepQuery(doc, base).filter((e) => elementText(scope.cache, e).normalized.toLowerCase().includes(lower))
    if (onlyThis(matches, ancestor)) return { strategy: 'css', selector, penalty: 0 }
  }
  return null
}

/** `anchor >> own` candidates from the nearest ancestor under which the element's own words are unique. */
function scopedCandidates(scope: Scope, element: Element, doc: Document): Candidate[] {
  let ancestor = parentOrHost(element)
  for (let depth = 0; ancestor && ancestor !== doc.body && ancestor !== doc.documentElement && depth < 8; depth++) {
    const inner = semanticCandidates(scope, element, ancestor)
    if (inner.length) {
      const anchor = anchorFor(scope, ancestor, doc)
      if (anchor) {
        return inner.slice(0, 2).map((c) => ({
          strategy: c.strategy,
          selector: `${anchor.selector} >> ${c.selector}`,
          penalty: c.penalty + SCOPED_PENALTY + (anchor.strategy === 'css' ? 2 : 0),
        }))
      }
    }
    ancestor = parentOrHost(ancestor)
  }
  return []
}

/** A CSS path for an element in a shadow root: the host's selector, then the path inside it. */
function shadowCssCandidate(scope: Scope, element: Element): Candidate | null {
  const root = element.getRootNode()
  if (!(root instanceof ShadowRoot)) return null
  const inner = cssPath(element, root.host)
  if (!inner) return null
  const host = generateCandidates(scope, root.host).filter((c) => c.strategy !== 'xpath' && !c.selector.includes(' >> '))[0]
  if (!host) return null
  return { strategy: 'css', selector: `${host.selector} >> css=${inner}`, penalty: 4 }
}

function generateCandidates(scope: Scope, element: Element): Candidate[] {
  const doc = element.ownerDocument
  const candidates = semanticCandidates(scope, element, doc)
  if (!candidates.length) candidates.push(...scopedCandidates(scope, element, doc))
  const id = idCandidate(element, doc)
  if (id) candidates.push(id)
  if (element.getRootNode() instanceof ShadowRoot) {
    const shadow = shadowCssCandidate(scope, element)
    if (shadow) candidates.push(shadow)
  } else {
    const path = cssPath(element, doc)
    if (path && !(id && path === id.selector)) candidates.push({ strategy: 'css', selector: `css=${path}`, penalty: Math.min(9, path.split('>').length - 1) })
    const x = xpath(element)
    if (x) candidates.push({ strategy: 'xpath', selector: x, penalty: 0 })
  }
  return candidates
}

/** The element's target: the best unique selector and the next ones as alternatives, or null if none is unique. */
export function generateTarget(element: Element, options: GenerateOptions = {}): GeneratedTarget | null {
  const scope = new Scope(options.testIdAttributes?.length ? options.testIdAttributes : DEFAULT_TEST_ID_ATTRIBUTES)
  const candidates = generateCandidates(scope, element)
  const chosen = chooseTarget(candidates)
  if (!chosen) return null
  return { ...chosen, candidates: rankCandidates(candidates) }
}
