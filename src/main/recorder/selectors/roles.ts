// In the page: an element's ARIA role and accessible name (dom-accessibility-api, the
// implementation Testing Library uses, following the same W3C algorithms as Playwright's role
// engine), and the elements `role=…[name="…"]` would match, for the uniqueness check.
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api'
import { allElements, type Root } from './dom-query'
import { normalizeText } from './ranking'

/**
 * Roles a selector is generated for, with the elements that can carry each (explicitly or
 * implicitly), so matching looks at a few elements instead of computing every element's role.
 */
const ROLE_ELEMENTS: Record<string, string> = {
  button: 'button, input[type=button], input[type=submit], input[type=reset], input[type=image], summary',
  link: 'a[href], area[href]',
  checkbox: 'input[type=checkbox]',
  radio: 'input[type=radio]',
  switch: '',
  textbox: 'input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=url], input[type=password], textarea',
  searchbox: 'input[type=search]',
  spinbutton: 'input[type=number]',
  slider: 'input[type=range]',
  combobox: 'select, input[list]',
  listbox: 'select, datalist',
  option: 'option',
  heading: 'h1, h2, h3, h4, h5, h6',
  img: 'img',
  tab: '',
  menuitem: '',
  menuitemcheckbox: '',
  menuitemradio: '',
  treeitem: '',
  gridcell: 'td',
  cell: 'td',
  columnheader: 'th',
  rowheader: 'th',
  row: 'tr',
  listitem: 'li',
  dialog: 'dialog',
  navigation: 'nav',
  region: 'section[aria-label], section[aria-labelledby]',
  form: 'form[aria-label], form[aria-labelledby]',
  group: 'fieldset, details',
  article: 'article',
  table: 'table',
  list: 'ul, ol',
  tabpanel: '',
}

export function supportedRole(role: string | null): role is string {
  return !!role && Object.prototype.hasOwnProperty.call(ROLE_ELEMENTS, role)
}

export function roleOf(element: Element): string | null {
  try {
    return getRole(element)
  } catch {
    return null
  }
}

export function nameOf(element: Element): string {
  try {
    return normalizeText(computeAccessibleName(element))
  } catch {
    return ''
  }
}

export function hiddenForRoles(element: Element): boolean {
  try {
    return isInaccessible(element)
  } catch {
    return false
  }
}

/** Text a name could be made of: content, attributes and label texts; a name not in it cannot match. */
function nameSources(element: Element): string {
  const parts = [element.textContent ?? '']
  for (const attribute of Array.from(element.attributes)) parts.push(attribute.value)
  const labels = (element as HTMLInputElement).labels
  if (labels) for (const label of Array.from(labels)) parts.push(label.textContent ?? '')
  const ids = element.getAttribute('aria-labelledby')
  if (ids) {
    const root = element.getRootNode() as Document | ShadowRoot
    for (const id of ids.split(/\s+/)) parts.push(root.getElementById?.(id)?.textContent ?? '')
  }
  if (element.shadowRoot) parts.push(element.shadowRoot.textContent ?? '')
  return compact(parts.join(' '))
}

/** Without any whitespace: names join text pieces with spaces the raw text may not have. */
function compact(text: string): string {
  return text.replace(/[\s\u200b\u00ad]+/g, '')
}

/** Elements `role=ROLE[name="NAME"]` (or `role=ROLE` for a null name) finds under `root`. */
export function matchRole(root: Root, role: string, name: string | null, elements?: Element[]): Element[] {
  const implicit = ROLE_ELEMENTS[role]
  const pool = (elements ?? allElements(root)).filter((element) => {
    const explicit = element.getAttribute('role')
    if (explicit !== null) return explicit.trim().split(/\s+/)[0] === role || (implicit !== '' && element.matches(implicit))
    return implicit !== '' && element.matches(implicit)
  })
  return pool.filter((element) => {
    if (roleOf(element) !== role || hiddenForRoles(element)) return false
    if (name === null) return true
    return nameSources(element).includes(compact(name)) && nameOf(element) === name
  })
}
