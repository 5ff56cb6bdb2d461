// The script the recorder injects into every page, popup and frame (bundled by ../page-script).
// It watches what the tester does, in the capture phase and before the page reacts, and reports
// each action with the target's selectors generated at that moment. Keystrokes are not reported
// one by one: the field's whole value is, so the controller keeps one fill per field.
import { generateTarget } from '../selectors/generate'
import { EVENT_BINDING, PAGE_GLOBAL, STATE_BINDING, type PageAction, type PageState, type PageTarget } from './messages'
import { Overlay, Toolbar } from './toolbar'

type Report = PageAction extends infer A ? (A extends PageAction ? Omit<A, 'at'> : never) : never

const scope = window as unknown as Record<string, any>

const TEXT_INPUTS = new Set(['', 'text', 'email', 'password', 'search', 'tel', 'url', 'number'])
const CHANGE_INPUTS = new Set(['range', 'color', 'date', 'time', 'datetime-local', 'month', 'week'])
const INTERACTIVE =
  'button, a[href], input, select, textarea, label, summary, option, [role=button], [role=link], [role=checkbox], [role=radio], ' +
  '[role=switch], [role=tab], [role=menuitem], [role=menuitemcheckbox], [role=menuitemradio], [role=option], [role=treeitem], ' +
  '[contenteditable=""], [contenteditable=true]'
/** Shortcuts that edit a field's text: its fill already says what they did. */
const EDITING_KEYS = new Set(['a', 'c', 'v', 'x', 'z', 'y', 'backspace', 'delete', 'arrowleft', 'arrowright', 'arrowup', 'arrowdown', 'home', 'end'])
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'Dead', 'Unidentified', 'Process', 'AltGraph', 'Fn'])

if (!scope[PAGE_GLOBAL]) install()

function install(): void {
  let state: PageState = { mode: 'record', paused: false, testIdAttributes: [], toolbar: false }
  const isTop = window === window.top
  let toolbar: Toolbar | null = null
  let overlay: Overlay | null = null
  const own = new Set<Element>()

  // ── Talking to the controller ─────────────────────────────────────────────────────────────
  /** Reports an action; its time is when the browser made the event (target generation included in the latency). */
  const send = (action: Report, event?: Event) => {
    const at = event ? Math.round(performance.timeOrigin + event.timeStamp) : Date.now()
    const binding = scope[EVENT_BINDING]
    if (typeof binding === 'function') Promise.resolve(binding({ ...action, at })).catch(() => undefined)
  }
  const recording = () => !state.paused && state.mode === 'record'
  const target = (element: Element): PageTarget | null => {
    const generated = generateTarget(element, { testIdAttributes: state.testIdAttributes })
    return generated ? { selector: generated.selector, alternatives: generated.alternatives, strategies: generated.strategies } : null
  }

  const applyState = (next: PageState) => {
    state = next
    if (state.toolbar && isTop && !toolbar && document.documentElement) {
      toolbar = new Toolbar((choice) => send({ kind: 'toolbar', ...choice }), () => state)
      own.add(toolbar.element)
    }
    toolbar?.update()
    if (state.mode === 'record') overlay?.hide()
  }

  const api = {
    setState: applyState,
    targetFor: (element: Element) => generateTarget(element, { testIdAttributes: state.testIdAttributes }),
    state: () => state,
    /** The files chosen last, for the controller to ask the browser for their full paths. */
    lastFiles: [] as File[],
  }
  Object.defineProperty(scope, PAGE_GLOBAL, { value: api, enumerable: false })

  const stateBinding = scope[STATE_BINDING]
  if (typeof stateBinding === 'function') {
    Promise.resolve(stateBinding())
      .then((initial: PageState | null) => {
        if (!initial) return
        if (document.documentElement) applyState(initial)
        else document.addEventListener('DOMContentLoaded', () => applyState(initial), { once: true })
      })
      .catch(() => undefined)
  }

  // ── Elements ──────────────────────────────────────────────────────────────────────────────
  const fromOwnUi = (event: Event) => event.composedPath().some((node) => own.has(node as Element))
  const deepest = (event: Event): Element | null => {
    for (const node of event.composedPath()) if (node instanceof Element) return node
    return null
  }
  const parentOrHost = (element: Element): Element | null => {
    if (element.parentElement) return element.parentElement
    const root = element.getRootNode()
    return root instanceof ShadowRoot ? root.host : null
  }
  /** The element a tester means: the button around an icon, the outermost <svg> of a drawing. */
  const retarget = (element: Element): Element => {
    let current: Element | null = element
    for (let depth = 0; current && depth < 10; depth++, current = parentOrHost(current)) {
      if (current.matches(INTERACTIVE)) return editingHost(current)
    }
    let svg: Element | null = element.closest('svg')
    while (svg?.parentElement?.closest('svg')) svg = svg.parentElement.closest('svg')
    return svg ?? element
  }
  const editingHost = (element: Element): Element => {
    let current = element as HTMLElement
    while (current.isContentEditable && current.parentElement?.isContentEditable) current = current.parentElement
    return current
  }
  const isTextField = (element: Element | null): element is HTMLElement =>
    !!element &&
    ((element instanceof HTMLInputElement && TEXT_INPUTS.has(element.type.toLowerCase())) ||
      element instanceof HTMLTextAreaElement ||
      (element as HTMLElement).isContentEditable === true)
  const isToggle = (element: Element | null): element is HTMLInputElement =>
    element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')
  const focused = (): Element | null => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    return active
  }
  const fieldValue = (element: HTMLElement) =>
    element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : element.innerText

  // ── Pointer: clicks, drags, picks and assertions ─────────────────────────────────────────
  let down: { element: Element; x: number; y: number; target: PageTarget | null; mutations: number } | null = null
  let suppressClickUntil = 0
  let mutations = 0
  let lastFill: { element: Element; target: PageTarget } | null = null
  const observer = new MutationObserver((records) => {
    for (const record of records) if (record.addedNodes.length || record.removedNodes.length) mutations++
  })
  const observe = () => observer.observe(document, { childList: true, subtree: true })
  if (document.documentElement) observe()
  else document.addEventListener('DOMContentLoaded', observe, { once: true })

  const inspect = (event: MouseEvent) => {
    const element = deepest(event)
    if (!element) return
    const chosen = retarget(element)
    const picked = target(chosen)
    if (!picked) return
    if (state.mode === 'pick') return send({ kind: 'pick', target: picked }, event)
    if (state.mode === 'screenshot') return send({ kind: 'screenshot', target: picked }, event)
    const secret = chosen instanceof HTMLInputElement && chosen.type === 'password'
    const field = picked.selector
    switch (state.mode) {
      case 'assert_visible': return send({ kind: 'assert', property: 'visible', target: picked, expected: true, secret: false, field }, event)
      case 'assert_text': return send({ kind: 'assert', property: 'text', target: picked, expected: (chosen.textContent ?? '').replace(/[\u200b\u00ad]/g, '').replace(/\s+/g, ' ').trim(), secret: false, field }, event)
      case 'assert_value': {
        const value = chosen instanceof HTMLInputElement || chosen instanceof HTMLTextAreaElement || chosen instanceof HTMLSelectElement ? chosen.value : (chosen as HTMLElement).innerText ?? ''
        return send({ kind: 'assert', property: 'value', target: picked, expected: value, secret, field }, event)
      }
      case 'assert_checked': {
        const checked = chosen instanceof HTMLInputElement ? chosen.checked : chosen.getAttribute('aria-checked') === 'true'
        return send({ kind: 'assert', property: 'checked', target: picked, expected: checked, secret: false, field }, event)
      }
    }
  }

  /** Outside record mode, a click belongs to the recorder: the page never sees it. */
  const swallow = (event: Event) => {
    if (state.mode === 'record' || fromOwnUi(event)) return false
    event.preventDefault()
    event.stopImmediatePropagation()
    return true
  }
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'dblclick', 'auxclick', 'contextmenu']) {
    window.addEventListener(type, (event) => void swallow(event), true)
  }

  window.addEventListener('mousemove', (event) => {
    if (state.mode === 'record' || fromOwnUi(event)) return
    const element = deepest(event)
    overlay ??= new Overlay()
    own.add(overlay.element)
    overlay.show(element ? retarget(element) : null)
  }, true)

  window.addEventListener('pointerdown', (event) => {
    if (!recording() || fromOwnUi(event) || event.button !== 0) return
    const element = deepest(event)
    if (!element) return
    const chosen = retarget(element)
    down = { element: chosen, x: event.clientX, y: event.clientY, target: target(chosen), mutations }
  }, true)

  window.addEventListener('pointerup', (event) => {
    const start = down
    if (!start || !recording() || fromOwnUi(event)) return
    const moved = Math.hypot(event.clientX - start.x, event.clientY - start.y)
    const element = deepest(event)
    if (moved < 8 || !element || start.element.contains(element) || !start.target) return
    const draggable = (start.element as HTMLElement).draggable || start.element.closest('[draggable=true]') !== null
    if (!draggable && mutations === start.mutations) return
    const to = target(element)
    if (!to) return
    down = null
    suppressClickUntil = Date.now() + 300
    send({ kind: 'drag', target: start.target, to }, event)
  }, true)

  let html5Drag: { element: Element; target: PageTarget | null } | null = null
  window.addEventListener('dragstart', (event) => {
    if (!recording() || fromOwnUi(event)) return
    const element = deepest(event)
    const source = element?.closest('[draggable=true]') ?? element
    if (source) html5Drag = { element: source, target: down?.element === source && down.target ? down.target : target(source) }
  }, true)
  window.addEventListener('drop', (event) => {
    const drag = html5Drag
    html5Drag = null
    down = null
    if (!drag?.target || !recording()) return
    const element = deepest(event)
    const to = element ? target(element) : null
    if (!to) return
    suppressClickUntil = Date.now() + 300
    send({ kind: 'drag', target: drag.target, to }, event)
  }, true)
  window.addEventListener('dragend', () => {
    html5Drag = null
    down = null
  }, true)

  const onClick = (event: MouseEvent) => {
    if (swallow(event)) {
      if (event.type === 'click') inspect(event)
      return
    }
    if (!recording() || fromOwnUi(event)) return
    const element = deepest(event)
    if (!element || Date.now() < suppressClickUntil) return
    if (event.detail > 1) return // the second click of a double-click: the dblclick event speaks for both
    const chosen = retarget(element)
    const control = chosen instanceof HTMLLabelElement ? chosen.control : null
    // A label passes its click on to its control: a toggle's click (or the field's fill) is recorded.
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) return
    if (!event.isTrusted && !isToggle(chosen)) return
    if (chosen instanceof HTMLSelectElement || chosen instanceof HTMLOptionElement) return
    if (chosen instanceof HTMLInputElement && (chosen.type === 'file' || CHANGE_INPUTS.has(chosen.type))) return
    const reused = down && down.element === chosen && down.target ? down.target : null
    down = null
    const picked = reused ?? target(chosen)
    if (!picked) return
    lastFill = null
    if (isToggle(chosen)) return send({ kind: chosen.type === 'radio' || chosen.checked ? 'check' : 'uncheck', target: picked }, event)
    const modifiers = (['Alt', 'Control', 'Meta', 'Shift'] as const).filter((m) => event.getModifierState(m))
    const button = event.button === 1 ? 'middle' : event.button === 2 ? 'right' : 'left'
    send({ kind: 'click', target: picked, button, modifiers: [...modifiers] }, event)
  }
  window.addEventListener('click', onClick, true)
  window.addEventListener('auxclick', (event) => {
    if (event.button === 1 || event.button === 2) onClick(event)
  }, true)
  window.addEventListener('dblclick', (event) => {
    if (!recording() || fromOwnUi(event)) return
    const element = deepest(event)
    if (!element || isTextField(retarget(element))) return
    const picked = target(retarget(element))
    if (picked) send({ kind: 'dblclick', target: picked }, event)
  }, true)

  // ── Forms: fill, select, upload ───────────────────────────────────────────────────────────
  window.addEventListener('input', (event) => {
    if (!recording() || fromOwnUi(event)) return
    const element = deepest(event)
    if (!element) return
    const field = (element as HTMLElement).isContentEditable ? editingHost(element) : element
    if (!isTextField(field)) return
    const picked = lastFill?.element === field ? lastFill.target : target(field)
    if (!picked) return
    lastFill = { element: field, target: picked }
    const secret = field instanceof HTMLInputElement && field.type === 'password'
    send({ kind: 'fill', target: picked, value: fieldValue(field), secret, field: picked.selector }, event)
  }, true)

  window.addEventListener('change', (event) => {
    if (!recording() || fromOwnUi(event)) return
    const element = deepest(event)
    if (element instanceof HTMLSelectElement) {
      const picked = target(element)
      if (!picked) return
      const options = Array.from(element.options)
      const labels = options.map((o) => o.label.trim())
      const values = Array.from(element.selectedOptions).map((o) => {
        const label = o.label.trim()
        return label && labels.filter((l) => l === label).length === 1 ? label : o.value
      })
      return send({ kind: 'select', target: picked, values }, event)
    }
    if (element instanceof HTMLInputElement && element.type === 'file') {
      api.lastFiles = Array.from(element.files ?? [])
      const picked = target(element)
      if (picked) send({ kind: 'upload', target: picked, files: Array.from(element.files ?? []).map((f) => f.name) }, event)
      return
    }
    if (element instanceof HTMLInputElement && CHANGE_INPUTS.has(element.type)) {
      const picked = target(element)
      if (picked) send({ kind: 'fill', target: picked, value: element.value, secret: false, field: picked.selector }, event)
    }
  }, true)

  // ── Keys ──────────────────────────────────────────────────────────────────────────────────
  window.addEventListener('keydown', (event) => {
    if (!recording() || fromOwnUi(event) || event.isComposing || MODIFIER_KEYS.has(event.key)) return
    const element = deepest(event) ?? focused()
    const command = event.ctrlKey || event.altKey || event.metaKey
    const key = event.key === ' ' ? 'Space' : event.key.length === 1 && command ? event.key.toLowerCase() : event.key
    if (isTextField(element)) {
      if (!command && !['Enter', 'Escape', 'Tab'].includes(key)) return
      if (command && EDITING_KEYS.has(key.toLowerCase())) return
      if (key === 'Enter' && !command && !(element instanceof HTMLInputElement)) return // a new line is part of the fill
    } else if (!command) {
      if (element instanceof HTMLSelectElement || (element instanceof HTMLInputElement && CHANGE_INPUTS.has(element.type))) return
      // Enter and Space on a button, link or checkbox click it: the click is recorded.
      if ((key === 'Enter' || key === 'Space') && element && element.matches(INTERACTIVE) && !isTextField(element)) return
    }
    const chord = [event.ctrlKey && 'Control', event.altKey && 'Alt', event.metaKey && 'Meta', event.shiftKey && (command || key.length > 1) && 'Shift', key]
      .filter(Boolean)
      .join('+')
    const onPage = !element || element === document.body || element === document.documentElement
    const picked = onPage ? null : target(element)
    send({ kind: 'press', target: picked, key: chord }, event)
    if (key === 'Enter' || key === 'Tab') lastFill = null
  }, true)

  // ── Scrolling that matters: one that made the page load more ─────────────────────────────
  let scrolling: { element: Element | null; x: number; y: number; mutations: number; actions: number; timer: number } | null = null
  let actions = 0
  const position = (element: Element | null) => (element ? { x: element.scrollLeft, y: element.scrollTop } : { x: window.scrollX, y: window.scrollY })
  /** Where each scroller stood after its last scroll: a scroll event comes after the move. */
  const rest = new Map<Element | null, { x: number; y: number }>()
  for (const type of ['click', 'keydown', 'input', 'drop']) window.addEventListener(type, () => actions++, true)
  window.addEventListener('scroll', (event) => {
    if (!recording()) return
    const element = event.target instanceof Element && event.target !== document.scrollingElement ? event.target : null
    if (!scrolling || scrolling.element !== element) {
      const from = rest.get(element) ?? { x: 0, y: 0 }
      scrolling = { element, x: from.x, y: from.y, mutations, actions, timer: 0 }
    }
    const current = scrolling
    clearTimeout(current.timer)
    current.timer = window.setTimeout(() => {
      scrolling = null
      const at = position(current.element)
      rest.set(current.element, at)
      const x = Math.round(at.x - current.x)
      const y = Math.round(at.y - current.y)
      if ((Math.abs(x) < 40 && Math.abs(y) < 40) || mutations === current.mutations || actions !== current.actions) return
      const picked = current.element ? target(current.element) : null
      if (current.element && !picked) return
      send({ kind: 'scroll', target: picked, x, y })
    }, 350)
  }, true)

  // ── Dialogs: the answer the tester gave ───────────────────────────────────────────────────
  const original = { alert: window.alert, confirm: window.confirm, prompt: window.prompt }
  window.alert = function (message?: unknown) {
    original.alert.call(window, message)
    if (recording()) send({ kind: 'dialog', dialog: 'alert', response: 'accept', value: null })
  }
  window.confirm = function (message?: string) {
    const answer = original.confirm.call(window, message)
    if (recording()) send({ kind: 'dialog', dialog: 'confirm', response: answer ? 'accept' : 'dismiss', value: null })
    return answer
  }
  window.prompt = function (message?: string, value?: string) {
    const answer = original.prompt.call(window, message, value)
    if (recording()) send({ kind: 'dialog', dialog: 'prompt', response: answer === null ? 'dismiss' : 'accept', value: answer })
    return answer
  }

  // ── Navigation: which new documents the page itself asked for ─────────────────────────────
  const navigation = scope.navigation as EventTarget | undefined
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('navigate', (event: any) => {
      if (event.destination?.sameDocument || event.hashChange) return
      send({ kind: 'navigating', url: String(event.destination?.url ?? ''), traversal: event.navigationType === 'traverse' })
    })
  } else {
    window.addEventListener('submit', () => send({ kind: 'navigating', url: location.href, traversal: false }), true)
    window.addEventListener('click', (event) => {
      const link = deepest(event)?.closest('a[href]') as HTMLAnchorElement | null
      if (link && !link.target && !event.defaultPrevented) send({ kind: 'navigating', url: link.href, traversal: false })
    })
  }
  if (isTop && location.href !== 'about:blank') {
    const entry = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined
    const history = (window as unknown as { navigation?: { currentEntry?: { index: number } } }).navigation
    send({ kind: 'document', url: location.href, navigation: (entry?.type ?? 'navigate') as 'navigate', index: history?.currentEntry?.index ?? null })
  }
}
