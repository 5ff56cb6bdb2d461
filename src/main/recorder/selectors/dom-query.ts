// In the page: finding elements the way Playwright's engines do, so a generated selector can be
// checked to match exactly one element before the page changes. CSS, role and text selectors in
// Playwright pierce open shadow roots, so every query here walks them too; the text and label
// rules follow Playwright's text engine (text runs of an element, labels and aria-labelledby).
import { normalizeText } from './ranking'

export type Root = Document | ShadowRoot | Element

/** The recorder's own toolbar and highlight: not part of the page under test. */
export function isRecorderUi(element: Element): boolean {
  return element.localName.startsWith('testdesk-')
}

/** Every element under `root` (itself excluded), light DOM and open shadow roots, in document order. */
export function allElements(root: Root): Element[] {
  const out: Element[] = []
  const walk = (node: Document | ShadowRoot | Element) => {
    const children = node instanceof Element ? node.children : (node as ParentNode).children
    for (const child of Array.from(children)) {
      if (isRecorderUi(child)) continue
      out.push(child)
      if (child.shadowRoot) walk(child.shadowRoot)
      walk(child)
    }
  }
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot)
  walk(root)
  return out
}

/** querySelectorAll in `root` and every open shadow root under it (compound selectors match per tree). */
export function deepQuery(root: Root, css: string): Element[] {
  const out: Element[] = []
  const trees: (Document | ShadowRoot | Element)[] = [root]
  if (root instanceof Element && root.shadowRoot) trees.push(root.shadowRoot)
  for (const element of allElements(root)) if (element.shadowRoot) trees.push(element.shadowRoot)
  for (const tree of trees) {
    try {
      for (const element of Array.from(tree.querySelectorAll(css))) if (!out.includes(element) && !isRecorderUi(element)) out.push(element)
    } catch {
      return []
    }
  }
  return out
}

// ── Text, as Playwright's text engine reads it ──────────────────────────────────────────────

export interface ElementText {
  full: string
  normalized: string
  /** Runs of text nodes directly inside the element. */
  immediate: string[]
}

export type TextCache = Map<Element | ShadowRoot, ElementText>

function skippedForText(node: Node): boolean {
  const name = node.nodeName
  if (name === 'SCRIPT' || name === 'NOSCRIPT' || name === 'STYLE') return true
  const doc = node.ownerDocument
  return !!doc?.head && doc.head.contains(node)
}

export function elementText(cache: TextCache, root: Element | ShadowRoot): ElementText {
  let value = cache.get(root)
  if (value) return value
  value = { full: '', normalized: '', immediate: [] }
  if (!skippedForText(root)) {
    if (root instanceof HTMLInputElement && (root.type === 'submit' || root.type === 'button')) {
      value = { full: root.value, normalized: normalizeText(root.value), immediate: [root.value] }
    } else {
      let run = ''
      for (let child = root.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          value.full += child.nodeValue || ''
          run += child.nodeValue || ''
        } else if (child.nodeType === Node.COMMENT_NODE) {
          continue
        } else {
          if (run) value.immediate.push(run)
          run = ''
          if (child.nodeType === Node.ELEMENT_NODE) value.full += elementText(cache, child as Element).full
        }
      }
      if (run) value.immediate.push(run)
      if (root instanceof Element && root.shadowRoot) value.full += elementText(cache, root.shadowRoot).full
      value.normalized = normalizeText(value.full)
    }
  }
  cache.set(root, value)
  return value
}

/** The element's own text (its first non-empty run of text nodes), as `text="…"` matches it. */
export function ownText(cache: TextCache, element: Element): string | null {
  if (skippedForText(element)) return null
  for (const run of elementText(cache, element).immediate) {
    const text = normalizeText(run)
    if (text) return text
  }
  return null
}

/** Elements `text="…"` finds under `root`: those with a run of their own text equal to it. */
export function matchText(cache: TextCache, root: Root, text: string): Element[] {
  const candidates = root instanceof Element ? [root, ...allElements(root)] : allElements(root)
  return candidates.filter((element) => !skippedForText(element) && elementText(cache, element).immediate.some((run) => normalizeText(run) === text))
}

// ── Labels, as getByLabel reads them ────────────────────────────────────────────────────────

function labelledBy(element: Element): Element[] | null {
  const ids = element.getAttribute('aria-labelledby')
  if (ids === null) return null
  const root = element.getRootNode() as Document | ShadowRoot
  const found = ids
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById?.(id) ?? null)
    .filter((e): e is HTMLElement => !!e)
  return found.length ? found : null
}

const LABELLABLE = new Set(['BUTTON', 'METER', 'OUTPUT', 'PROGRESS', 'SELECT', 'TEXTAREA'])

/** The texts getByLabel compares for an element: aria-labelledby, else aria-label, else its <label>s. */
export function elementLabels(cache: TextCache, element: Element): string[] {
  const byId = labelledBy(element)
  if (byId) return byId.map((label) => elementText(cache, label).normalized)
  const ariaLabel = element.getAttribute('aria-label')
  if (ariaLabel !== null && ariaLabel.trim()) return [normalizeText(ariaLabel)]
  const isInput = element.nodeName === 'INPUT' && (element as HTMLInputElement).type !== 'hidden'
  if (LABELLABLE.has(element.nodeName) || isInput) {
    const labels = (element as HTMLInputElement).labels
    if (labels) return Array.from(labels).map((label) => elementText(cache, label).normalized)
  }
  return []
}

export function matchLabel(cache: TextCache, root: Root, text: string): Element[] {
  return allElements(root).filter((element) => elementLabels(cache, element).includes(text))
}

/** Elements whose attribute equals `value` exactly (getByPlaceholder/AltText/Title with exact). */
export function matchAttribute(root: Root, attribute: string, value: string): Element[] {
  return allElements(root).filter((element) => element.getAttribute(attribute) === value)
}
