// The recording browser's windows and frames, seen the way a replay will see them: which window
// and frame the steps act in, so an action elsewhere is preceded by the switch_page and
// switch_frame steps the engine needs (mirroring its rules: `new` = the newest window not used
// yet, `main`, else the index among open windows; a frame chain entered from the page down).
import type { Frame, Page } from 'playwright'
import type { Target } from '../../shared/model/definition'
import type { NewStep } from './step-writer'
import { PAGE_GLOBAL, type PageTarget } from './page/messages'

export interface RecordedWindow {
  page: Page
  visited: boolean
  closed: boolean
  /** Documents to leave unrecorded: the first one of a popup, one the recorder opened itself. */
  skipDocuments: number
  /** A navigation the page asked for (link, form, script): its new document is no step. */
  navigating: { traversal: boolean; at: number } | null
  lastActionAt: number
  /** Where the window's last document stands in its history (to tell back from forward). */
  historyIndex: number | null
}

export class RecordedWindows {
  readonly all: RecordedWindow[] = []
  current: RecordedWindow | null = null
  /** Frame selectors entered by switch_frame steps so far, from the page down. */
  frames: string[] = []
  private readonly frameTargets = new WeakMap<Frame, Promise<Target | null>>()

  add(page: Page, skipDocuments: number): RecordedWindow {
    const existing = this.find(page)
    if (existing) return existing
    const window: RecordedWindow = { page, visited: false, closed: false, skipDocuments, navigating: null, lastActionAt: 0, historyIndex: null }
    this.all.push(window)
    page.on('close', () => (window.closed = true))
    if (!this.current) this.use(window)
    return window
  }

  find(page: Page): RecordedWindow | null {
    return this.all.find((w) => w.page === page) ?? null
  }

  open(): RecordedWindow[] {
    return this.all.filter((w) => !w.closed)
  }

  use(window: RecordedWindow): void {
    this.current = window
    window.visited = true
    this.frames = []
  }

  /** The switch_page step that makes `window` the one steps act in (null when it already is). */
  switchTo(window: RecordedWindow): NewStep | null {
    if (this.current === window) return null
    const open = this.open()
    const newest = [...open].reverse().find((w) => !w.visited)
    let step: NewStep
    if (window === this.all[0]) step = { action: 'switch_page', value: null, options: { by: 'main' } }
    else if (newest === window) step = { action: 'switch_page', value: null }
    else step = { action: 'switch_page', value: String(open.indexOf(window)), options: { by: 'index' } }
    this.use(window)
    return step
  }

  /** The iframe element of `frame` as a target in its parent frame (cached per frame). */
  private frameTarget(frame: Frame): Promise<Target | null> {
    let found = this.frameTargets.get(frame)
    if (!found) {
      found = (async () => {
        const element = await frame.frameElement()
        try {
          const generated = (await element.evaluate((el, name) => (window as any)[name]?.targetFor(el) ?? null, PAGE_GLOBAL)) as PageTarget | null
          return generated ? { selector: generated.selector, alternatives: generated.alternatives } : null
        } finally {
          await element.dispose().catch(() => undefined)
        }
      })().catch(() => null)
      this.frameTargets.set(frame, found)
    }
    return found
  }

  /** Targets of the iframes leading from the page down to `frame` (empty for the page itself). */
  async chain(frame: Frame): Promise<Target[] | null> {
    const chain: Target[] = []
    for (let current: Frame | null = frame; current?.parentFrame(); current = current.parentFrame()) {
      const target = await this.frameTarget(current)
      if (!target) return null
      chain.unshift(target)
    }
    return chain
  }

  /** The switch_frame steps from the frame entered so far to `chain`. */
  enter(chain: Target[]): NewStep[] {
    const wanted = chain.map((t) => t.selector)
    if (wanted.length === this.frames.length && wanted.every((s, i) => s === this.frames[i])) return []
    const steps: NewStep[] = []
    let from = this.frames.length
    if (!this.frames.every((s, i) => s === wanted[i]) || this.frames.length > wanted.length) {
      steps.push({ action: 'switch_frame', target: null })
      from = 0
    }
    for (const target of chain.slice(from)) steps.push({ action: 'switch_frame', target })
    this.frames = wanted
    return steps
  }
}
