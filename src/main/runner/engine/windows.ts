// The pages (tabs and popups) of a test's browser context: which one steps act on, their window
// ids and titles, the frame a switch_frame step entered, and crashes. Every page is tracked from
// the moment it opens, so a popup opened by a click is there when a later step switches to it.
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright'
import { frameScope } from './locate'

export interface WindowInfo {
  page: Page
  /** 'main' for the first page, then 'popup-1', 'popup-2'… in opening order. */
  id: string
  title: string | null
  /** A title read in flight (started when the page's content loaded). */
  titleRead: Promise<void> | null
  /** Navigated since the title was last read: the cached title may be the previous page's. */
  stale: boolean
  crashed: boolean
  closed: boolean
  /** Whether a step has acted in it yet; 'new' switches to the newest window not used yet. */
  visited: boolean
}

export class Windows {
  readonly all: WindowInfo[] = []
  current!: WindowInfo
  /** Frame chain entered by switch_frame, from the current page down; empty = the page itself. */
  frames: string[] = []
  /** The first URL the main page reached: the test's initial URL. */
  firstUrl: string | null = null
  private readonly byPage = new Map<Page, WindowInfo>()
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
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.changed, new Promise((r) => (timer = setTimeout(r, ms)))])
    clearTimeout(timer)
  }

  /**
   * The title for a step's result, without a round trip of its own: the last one read, after
   * waiting briefly for a read already under way (started when the page's content loaded). A
   * page that navigated since is re-read in the background, for the steps that follow.
   */
  async titleOf(window: WindowInfo, waitMs = 50): Promise<string | null> {
    const inFlight = window.titleRead
    if (window.stale && !inFlight && !window.closed && !window.crashed) this.readTitle(window)
    if (inFlight) {
      let timer: NodeJS.Timeout | undefined
      await Promise.race([inFlight, new Promise((r) => (timer = setTimeout(r, waitMs)))])
      clearTimeout(timer)
    }
    return window.title
  }

  /** Reads the title now (for failures, and for switch_page by title). */
  async freshTitle(window: WindowInfo, timeoutMs = 1000): Promise<string | null> {
    if (window.closed || window.crashed) return window.title
    this.readTitle(window)
    const read = window.titleRead
    let timer: NodeJS.Timeout | undefined
    await Promise.race([read, new Promise((r) => (timer = setTimeout(r, timeoutMs)))])
    clearTimeout(timer)
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
      stale: false,
      crashed: false,
      closed: page.isClosed(),
      visited: false,
    }
    this.all.push(window)
    this.byPage.set(page, window)
    page.on('crash', this.onPageCrash)
    page.on('close', this.onPageClose)
    page.on('domcontentloaded', this.onContentLoaded)
    if (page.url() !== 'about:blank') this.readTitle(window)
    this.notify()
    return window
  }

  private readTitle(window: WindowInfo): void {
    window.stale = false
    const read: Promise<void> = window.page
      .title()
      // An older read finishing late must not overwrite a newer page's title.
      .then((title) => void (window.titleRead === read && (window.title = title)))
      .catch(() => undefined)
      .finally(() => {
        if (window.titleRead === read) window.titleRead = null
      })
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
    window.stale = true
    if (!this.firstUrl && window.id === 'main' && frame.url() !== 'about:blank') this.firstUrl = frame.url()
  }

  private readonly onContentLoaded = (page: Page) => {
    const window = this.byPage.get(page)
    if (window) this.readTitle(window)
    this.notify()
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
