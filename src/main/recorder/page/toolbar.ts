// In the page: the recorder's toolbar (record/pause, pick, assertions, screenshot) in the top frame
// of each window, and the box that shows which element a pick or an assertion would take. Both
// live in shadow roots of `testdesk-…` elements, so the page's styles cannot reach them; the
// selector generator skips them (./selectors/dom-query) and replays never have them. The roots are
// open so assistive technology and the tests reach the toolbar by role and name.
import type { RecorderMode } from '../../../shared/api/recorder'
import type { PageState } from './messages'

const BUTTONS: { mode: RecorderMode | 'pause'; label: string; text: string }[] = [
  { mode: 'pause', label: 'Pause recording', text: '⏸' },
  { mode: 'pick', label: 'Pick locator', text: '⌖ Pick' },
  { mode: 'assert_visible', label: 'Assert visible', text: '👁 Visible' },
  { mode: 'assert_text', label: 'Assert text', text: 'T Text' },
  { mode: 'assert_value', label: 'Assert value', text: '✎ Value' },
  { mode: 'assert_checked', label: 'Assert checked', text: '☑ Checked' },
  { mode: 'screenshot', label: 'Screenshot checkpoint', text: '📷 Shot' },
]

const STYLE = `
:host { all: initial; }
.bar { position: fixed; top: 6px; left: 50%; transform: translateX(-50%); z-index: 2147483647; display: flex; gap: 2px;
  align-items: center; padding: 3px; border-radius: 8px; background: #1f2430; box-shadow: 0 2px 10px rgba(0,0,0,.35);
  font: 12px/1 system-ui, sans-serif; color: #fff; }
.bar.top-hidden { opacity: .35; }
.bar:hover { opacity: 1; }
button { all: unset; cursor: pointer; padding: 5px 8px; border-radius: 6px; color: #fff; white-space: nowrap; }
button:hover { background: #394055; }
button:focus-visible { outline: 2px solid #8ab4ff; }
button[aria-pressed="true"] { background: #2f6fed; }
.dot { width: 9px; height: 9px; border-radius: 50%; background: #e5484d; margin: 0 6px; }
.dot.paused { background: #8b8d98; }
.box { position: fixed; z-index: 2147483646; pointer-events: none; border: 2px solid #2f6fed; background: rgba(47,111,237,.12);
  border-radius: 2px; display: none; }
`

function host(tag: string): { element: HTMLElement; root: ShadowRoot } {
  const element = document.createElement(tag)
  const root = element.attachShadow({ mode: 'open' })
  const style = document.createElement('style')
  style.textContent = STYLE
  root.append(style)
  return { element, root }
}

/** Keeps an element attached to <html> even when the page rewrites its document. */
function keepAttached(element: HTMLElement): void {
  const attach = () => {
    if (document.documentElement && element.parentNode !== document.documentElement) document.documentElement.append(element)
  }
  attach()
  new MutationObserver(attach).observe(document, { childList: true, subtree: false })
  if (document.documentElement) new MutationObserver(attach).observe(document.documentElement, { childList: true })
}

export class Overlay {
  readonly element: HTMLElement
  private readonly box: HTMLElement

  constructor() {
    const { element, root } = host('testdesk-highlight')
    this.element = element
    this.box = document.createElement('div')
    this.box.className = 'box'
    root.append(this.box)
    keepAttached(element)
  }

  show(target: Element | null): void {
    if (!target) return this.hide()
    const rect = target.getBoundingClientRect()
    Object.assign(this.box.style, { display: 'block', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` })
  }

  hide(): void {
    this.box.style.display = 'none'
  }
}

export class Toolbar {
  readonly element: HTMLElement
  private readonly buttons = new Map<string, HTMLButtonElement>()
  private readonly dot: HTMLElement

  constructor(onChoose: (choice: { mode?: RecorderMode; paused?: boolean }) => void, private state: () => PageState) {
    const { element, root } = host('testdesk-toolbar')
    this.element = element
    const bar = document.createElement('div')
    bar.className = 'bar'
    bar.setAttribute('role', 'toolbar')
    bar.setAttribute('aria-label', 'TestDesk recorder')
    this.dot = document.createElement('span')
    this.dot.className = 'dot'
    bar.append(this.dot)
    for (const spec of BUTTONS) {
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = spec.text
      button.setAttribute('aria-label', spec.label)
      button.title = spec.label
      button.addEventListener('click', (event) => {
        event.preventDefault()
        event.stopPropagation()
        const current = this.state()
        if (spec.mode === 'pause') onChoose({ paused: !current.paused })
        else onChoose({ mode: current.mode === spec.mode ? 'record' : spec.mode })
      })
      this.buttons.set(spec.mode, button)
      bar.append(button)
    }
    root.append(bar)
    keepAttached(element)
    this.update()
  }

  update(): void {
    const { mode, paused } = this.state()
    this.dot.className = paused ? 'dot paused' : 'dot'
    const pause = this.buttons.get('pause')!
    pause.textContent = paused ? '⏺ Record' : '⏸'
    pause.setAttribute('aria-label', paused ? 'Resume recording' : 'Pause recording')
    pause.title = pause.getAttribute('aria-label')!
    for (const [key, button] of this.buttons) if (key !== 'pause') button.setAttribute('aria-pressed', String(mode === key))
  }
}
