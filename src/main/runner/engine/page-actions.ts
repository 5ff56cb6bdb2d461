// Page history (reload, back, forward) and browser storage (clear it, set an item or a cookie):
// the handlers of the catalogue's "Page history and browser storage" block.
import type { Page } from 'playwright'
import { pageFunction } from './element'
import { browserGone, headline, isTimeout, StepFailure } from './failures'
import type { StepRun } from './step-run'

type Handler = (run: StepRun) => Promise<void>
type WaitUntil = 'load' | 'domcontentloaded' | 'networkidle' | 'commit'

const CLEAR = pageFunction<void>(`(which) => {
  if (which === 'all' || which === 'local') localStorage.clear();
  if (which === 'all' || which === 'session') sessionStorage.clear();
}`)
const SET_ITEM = pageFunction<void>(`([store, name, value]) => (store === 'session' ? sessionStorage : localStorage).setItem(name, value)`)

function historyFailure(error: unknown, what: string, timeoutMs: number): StepFailure {
  const gone = browserGone(error)
  if (gone) return new StepFailure(gone, { cause: error })
  if (isTimeout(error)) return new StepFailure(`${what} did not finish loading within ${timeoutMs} ms`, { cause: error })
  return new StepFailure(`${what} failed: ${headline(error)}`, { cause: error })
}

/**
 * Back or forward. Playwright answers null both when there is nowhere to go and for a move
 * within the same document (a #hash route), so an unchanged URL is what says there was nowhere.
 */
function moveInHistory(direction: 'back' | 'forward'): Handler {
  return async (run) => {
    const before = run.page.url()
    const waitUntil: WaitUntil = run.options.wait_until ?? 'load'
    const what = direction === 'back' ? 'Going back' : 'Going forward'
    let response: unknown
    try {
      response = await run.pw(() => (direction === 'back' ? run.page.goBack({ timeout: run.remaining(), waitUntil }) : run.page.goForward({ timeout: run.remaining(), waitUntil })))
    } catch (error) {
      throw historyFailure(error, what, run.timeoutMs)
    }
    if (response === null && run.page.url() === before) {
      throw new StepFailure(`There is no ${direction === 'back' ? 'previous' : 'next'} page to go ${direction} to in this window's history (it is at ${before})`)
    }
    run.session.windows.frames = []
    run.output = run.page.url()
  }
}

/** Local and session storage belong to a site: a page of it must be open. */
function siteOf(page: Page, what: string): string {
  const url = page.url()
  if (!/^https?:/.test(url)) throw new StepFailure(`${what} needs a page of the site open (the window is at ${url}): navigate to the site first`)
  return url
}

async function inPage<T>(run: StepRun, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await run.bounded(work, `${what} did not finish within ${run.timeoutMs} ms`)
  } catch (error) {
    if (error instanceof StepFailure) throw error
    throw new StepFailure(browserGone(error) ?? `${what} failed: ${headline(error)}`, { cause: error })
  }
}

const clearStorage: Handler = async (run) => {
  const which: 'all' | 'local' | 'session' | 'cookies' = run.options.storage ?? 'all'
  if (which === 'all' || which === 'cookies') await run.pw(() => run.page.context().clearCookies())
  if (which === 'cookies') return
  // A test's first steps may clear "everything" before any page is open: there is no site storage yet.
  if (which === 'all' && !/^https?:/.test(run.page.url())) return
  siteOf(run.page, which === 'local' ? 'Clearing local storage' : which === 'session' ? 'Clearing session storage' : 'Clearing storage')
  await inPage(run, 'Clearing storage', () => run.page.evaluate(CLEAR, which))
}

const setStorage: Handler = async (run) => {
  const o = run.options
  const value = run.step.value ?? ''
  run.inputValue = value
  if (o.storage === 'cookie') {
    const where = o.domain ? { domain: o.domain as string, path: (o.path as string | undefined) ?? '/' } : { url: siteOf(run.page, 'Setting a cookie without options.domain') }
    try {
      await run.pw(() => run.page.context().addCookies([{ name: o.name, value, ...where, ...(o.path && !o.domain ? { path: o.path } : {}) }]))
    } catch (error) {
      throw new StepFailure(browserGone(error) ?? `Could not set cookie '${o.name}': ${headline(error)}`, { cause: error })
    }
    return
  }
  siteOf(run.page, `Setting a ${o.storage} storage item`)
  await inPage(run, `Setting ${o.storage} storage item '${o.name}'`, () => run.page.evaluate(SET_ITEM, [o.storage, o.name, value]))
}

export const PAGE_STATE_HANDLERS = {
  reload: async (run: StepRun) => {
    try {
      await run.pw(() => run.page.reload({ timeout: run.remaining(), waitUntil: run.options.wait_until ?? 'load' }))
    } catch (error) {
      throw historyFailure(error, 'Reloading the page', run.timeoutMs)
    }
    run.session.windows.frames = []
  },
  go_back: moveInHistory('back'),
  go_forward: moveInHistory('forward'),
  clear_storage: clearStorage,
  set_storage: setStorage,
} satisfies Record<string, Handler>
