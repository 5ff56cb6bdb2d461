// The pages (tabs and popups) of a test's browser context: which one steps act on, their window
// ids and titles, the frame a switch_frame step entered, and crashes. Every page is tracked from
// the moment it opens, so a popup opened by a click is there when a later step switches to it.
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright'
import { frameScope } from './scope'
import { withinMs } from './within'

export interface WindowInfo {
  page: Page
  /** 'main' for the first page, then 'popup-1', 'popup-2'… in opening order. */
  id: string
  /** The title read last (of whichever document it was read in). */
  title: string | null
  /** The latest title read in flight. */
  titleRead: Promise<void> | null
  /** Which document the window shows: counts its main frame's navigations. */
  doc: number
  /** Titles read, by document (a later read of the same document wins). */
  titles: Map<number, string>
  /** The document the latest title read started in (-1: none yet). */
  readDoc: number
  crashed: boolean
  closed: boolean
  /** Whether a step has acted in it yet; 'new' switches to the newest window not used yet. */
  visited: boolean
}

/** The title a step's result shows: that of the document its window showed when the step ended. */
export interface TitleClaim {
  window: WindowInfo
  doc: number
}

export class Windows {
  readonly all: WindowInfo[] = []
  current!: WindowInfo
  /** Frame chain entered by switch_frame, from the current page down; empty = the page itself. */
  frames: string[] = []
  /** The first URL the main page reached: the test's initial URL. */
  firstUrl: string | null = null
  private readonly byPage = new Map<Page, WindowInfo>()
  /** Title reads under way, for settleTitles. */
  private readonly reads = new Set<Promise<void>>()
  private popups = 0
  private wake: () => void = () => undefined
  private changed: Promise<void> = this.nextChange()

  constructor(
    private readonly context: BrowserContext,
    private readonly onCrash: (window: WindowInfo) => void,
  ) {}

  async open(timeoutMs: number): Promise<void> {
    this.context.on('page', this.onPage)
    this.context.on('framenavigated', this.onNavigated)
    for (const page of this.context.pages()) this.register(page)
    if (!this.all.length) {
      let timer: NodeJS.Timeout | undefined
      const overdue = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`The browser did not open a page within ${timeoutMs} ms`)), timeoutMs)))
      try {
        this.register(await Promise.race([this.context.newPage(), overdue]))
      } finally {
        clearTimeout(timer)
      }
    }
    this.use(this.all[0])
  }

  detach(): void {
    this.context.off('page', this.onPage)
    this.context.off('framenavigated', this.onNavigated)
    for (const window of this.all) {
      window.page.off('crash', this.onPageCrash)
      window.page.off('close', this.onPageClose)
      window.page.off('domcontentloaded', this.onContentLoaded)
      window.page.off('load', this.onLoad)
    }
  }

  get page(): Page {
    return this.current.page
  }

  /** Where a target is searched: its own frame chain when it names one, else the entered frame. */
  scope(frames?: readonly string[]): Page | FrameLocator {
    const chain = frames?.length ? frames : this.frames
    return chain.length ? frameScope(this.current.page, chain) : this.current.page
  }

  use(window: WindowInfo): void {
    this.current = window
    window.visited = true
    this.frames = []
  }

  openWindows(): WindowInfo[] {
    return this.all.filter((w) => !w.closed)
  }

  /** Resolves on the next page opening, closing or loading (for switch_page's waiting). */
  nextChange(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve))
  }

  async changedOrAfter(ms: number): Promise<void> {
    await withinMs(this.changed, ms, undefined)
  }

  /**
   * The title of the document `window` shows now, for a step's result, without waiting for it:
   * titles are read in the background once a document has loaded (Playwright's own calls never
   * wait on them), and settleTitles() fills in the claims when the test is over.
   */
  claimTitle(window: WindowInfo): TitleClaim {
    return { window, doc: window.doc }
  }

  /**
   * Waits at most `boundMs` for the titles the claims need: documents never read (they did not
   * load while the step's window showed them, e.g. a click's page still loading when the test
   * ended) are read now if still shown. Then the title of each claim: its document's, else the
   * last one read before it (a same-document navigation keeps the title), else null.
   */
  async settleTitles(claims: readonly TitleClaim[], boundMs: number): Promise<(string | null)[]> {
    for (const { window, doc } of claims) {
      if (!window.titles.has(doc) && window.doc === doc && window.readDoc !== doc && !window.closed && !window.crashed && window.page.url() !== 'about:blank') this.readTitle(window)
    }
    if (this.reads.size) await withinMs(Promise.allSettled([...this.reads]), boundMs, [])
    return claims.map(({ window, doc }) => {
      for (let d = doc; d >= 0; d--) {
        const title = window.titles.get(d)
        if (title !== undefined) return title
      }
      return null
    })
  }

  /** Reads the title now (for failures, and for switch_page by title). */
  async freshTitle(window: WindowInfo, timeoutMs = 1000): Promise<string | null> {
    if (window.closed || window.crashed) return window.title
    this.readTitle(window)
    await withinMs(Promise.resolve(window.titleRead), timeoutMs, null)
    return window.title
  }

  private register(page: Page): WindowInfo {
    const existing = this.byPage.get(page)
    if (existing) return existing
    const window: WindowInfo = {
      page,
      id: this.all.length === 0 ? 'main' : `popup-${++this.popups}`,
      title: null,
      titleRead: null,
      doc: 0,
      titles: new Map(),
      readDoc: -1,
      crashed: false,
      closed: page.isClosed(),
      visited: false,
    }
    this.all.push(window)
    this.byPage.set(page, window)
    page.on('crash', this.onPageCrash)
    page.on('close', this.onPageClose)
    page.on('domcontentloaded', this.onContentLoaded)
    page.on('load', this.onLoad)
    if (page.url() !== 'about:blank') this.readTitle(window)
    this.notify()
    return window
  }

  private readTitle(window: WindowInfo): void {
    const doc = window.doc
    window.readDoc = doc
    const read: Promise<void> = window.page
      .title()
      .then((title) => {
        window.titles.set(doc, title)
        // An older read finishing late must not overwrite a newer page's title.
        if (window.titleRead === read) window.title = title
      })
      .catch(() => undefined)
      .finally(() => {
        this.reads.delete(read)
        if (window.titleRead === read) window.titleRead = null
      })
    this.reads.add(read)
    window.titleRead = read
  }

  private notify(): void {
    const wake = this.wake
    this.changed = this.nextChange()
    wake()
  }

  private readonly onPage = (page: Page) => void this.register(page)

  private readonly onNavigated = (frame: Frame) => {
    if (frame.parentFrame()) return
    const window = this.byPage.get(frame.page())
    if (!window) return
    window.doc++
    if (!this.firstUrl && window.id === 'main' && frame.url() !== 'about:blank') this.firstUrl = frame.url()
  }

  private readonly onContentLoaded = () => this.notify()

  /** A loaded document's title is read in the background, after the call that waited for the load. */
  private readonly onLoad = (page: Page) => {
    const window = this.byPage.get(page)
    if (window && !window.closed && !window.crashed && page.url() !== 'about:blank') this.readTitle(window)
  }

  private readonly onPageCrash = (page: Page) => {
    const window = this.byPage.get(page)
    if (!window) return
    window.crashed = true
    this.onCrash(window)
  }

  private readonly onPageClose = (page: Page) => {
    const window = this.byPage.get(page)
    if (!window) return
    window.closed = true
    // A popup that closed itself: carry on where it came from rather than in a dead page.
    if (window === this.current) {
      const fallback = this.all.find((w) => w.id === 'main' && !w.closed) ?? [...this.all].reverse().find((w) => !w.closed)
      if (fallback) this.use(fallback)
    }
    this.notify()
  }
}
