// What each action does in the browser. One handler per catalogue action (call_test, which runs
// other steps, lives with the step runner). Handlers read the step's parsed options and leave
// what they produced (input value, output, screenshot) on the StepRun.
import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { FrameLocator, Page } from 'playwright'
import { normalizeWhitespace, slashRegex, textMatches } from '../../../shared/patterns'
import { scriptFunction, type StepAction, type StepTarget } from '../../../shared/steps'
import { runCheckpoint } from './checkpoints'
import { runRequestStep } from './http-request'
import { explainElementError, onElement, pageFunction } from './element'
import { BROWSER_CLOSED, browserGone, headline, isTimeout, StepFailure } from './failures'
import { primaryTarget, resolveTarget, useTarget } from './locate'
import { PAGE_STATE_HANDLERS } from './page-actions'
import type { StepRun } from './step-run'
import { resolveUrl } from './urls'
import type { WindowInfo } from './windows'

export { resolveUrl } from './urls'

type Handler = (run: StepRun) => Promise<void>

const SCROLL_ELEMENT = pageFunction<void>('(element, { x, y }) => element.scrollBy(x, y)')
const SCROLL_WINDOW = pageFunction<void>('(root, { x, y }) => root.ownerDocument.defaultView.scrollBy(x, y)')
const IS_FRAME = pageFunction<boolean>("(element) => element.tagName === 'IFRAME' || element.tagName === 'FRAME'")

function target(run: StepRun): StepTarget {
  if (!run.step.target) throw new StepFailure(`${run.step.action} needs a target element`)
  return run.step.target
}

function value(run: StepRun): string {
  return run.step.value ?? ''
}

function numberOption(run: StepRun, name: string): number | undefined {
  const raw = run.options[name]
  if (raw === undefined) return undefined
  const number = typeof raw === 'number' ? raw : Number(String(raw).trim())
  if (!Number.isFinite(number) || String(raw).trim() === '') throw new StepFailure(`options.${name} must be a number, not '${String(raw)}'`)
  return number
}

export function navigationFailure(error: unknown, url: string, timeoutMs: number): StepFailure {
  const gone = browserGone(error)
  if (gone) return new StepFailure(gone, { cause: error })
  if (isTimeout(error)) return new StepFailure(`Navigation to ${url} did not finish within ${timeoutMs} ms`, { cause: error })
  const code = /net::ERR_[A-Z_]+/.exec(headline(error))?.[0]
  return new StepFailure(`Navigation to ${url} failed: ${code ?? headline(error)}`, { cause: error })
}

/**
 * Runs an action that may close the page it acts in ("Close window", window.close() on Enter):
 * Playwright then reports the page closed, but the step did what it was asked.
 */
async function mayClosePage(run: StepRun, act: () => Promise<unknown>): Promise<void> {
  try {
    await act()
  } catch (error) {
    const closed = error instanceof StepFailure ? error.message === BROWSER_CLOSED : browserGone(error) === BROWSER_CLOSED
    if (closed && (await run.pageClosedItself())) return
    throw error
  }
}

function pointer(run: StepRun) {
  const o = run.options
  return { button: o.button, modifiers: o.modifiers, clickCount: o.click_count, position: o.position, force: o.force }
}

/** The root element of the current scope, to evaluate in a frame (FrameLocator has no evaluate). */
function scopeRoot(scope: Page | FrameLocator) {
  return scope.locator(':root')
}

function resultText(result: unknown): string {
  if (result === undefined || result === null) return ''
  if (typeof result === 'string') return result
  try {
    return JSON.stringify(result) ?? String(result)
  } catch {
    return String(result)
  }
}

/** Runs a tester's script in the page (or frame), with the step's target as `element`. */
async function evaluateScript(run: StepRun, script: string): Promise<unknown> {
  const source = scriptFunction(script)
  const overdue = `The script did not finish within ${run.timeoutMs} ms`
  try {
    if (run.step.target) {
      const fn = pageFunction(source)
      return await onElement(run, run.step.target, (locator, timeout, signal) => run.bounded(() => locator.evaluate(fn, undefined, { timeout, signal }), overdue))
    }
    const scope = run.session.windows.scope()
    if (scope === run.page) return await run.bounded(() => run.page.evaluate(pageFunction(`() => (${source})(undefined)`)), overdue)
    return await run.bounded(() => scopeRoot(scope).evaluate(pageFunction(`() => (${source})(undefined)`), undefined, { timeout: run.remaining() }), overdue)
  } catch (error) {
    if (error instanceof StepFailure) throw error
    const gone = browserGone(error)
    throw new StepFailure(gone ?? `The script failed: ${headline(error)}`, { cause: error })
  }
}

async function setVariable(run: StepRun): Promise<void> {
  const o = run.options
  const from = o.from ?? (run.step.target ? 'text' : 'literal')
  let result: string
  switch (from) {
    case 'text': {
      const text = await onElement(run, target(run), (l, timeout, signal) => l.textContent({ timeout, signal }))
      result = normalizeWhitespace(text ?? '')
      break
    }
    case 'value':
      result = await onElement(run, target(run), (l, timeout, signal) => l.inputValue({ timeout, signal }))
      break
    case 'attribute': {
      const attribute = await onElement(run, target(run), (l, timeout, signal) => l.getAttribute(o.attribute, { timeout, signal }))
      if (attribute === null) throw new StepFailure(`${run.element?.name ?? 'The element'} has no attribute ${o.attribute}`)
      result = attribute
      break
    }
    case 'url':
      result = run.page.url()
      break
    case 'title':
      result = await run.pw(() => run.page.title())
      break
    case 'script':
      result = resultText(await evaluateScript(run, value(run)))
      break
    default:
      result = value(run)
  }
  run.session.variables[o.name] = result
  run.output = result
}

async function wait(run: StepRun): Promise<void> {
  const o = run.options
  const ms = numberOption(run, 'ms')
  if (ms !== undefined) return run.sleep(ms)
  if (run.step.target) {
    const state: 'visible' | 'hidden' | 'attached' | 'detached' = o.state ?? 'visible'
    const wanted = target(run)
    // Waiting for something to go away: alternatives cannot heal an absence.
    const resolved = state === 'visible' || state === 'attached'
      ? await resolveTarget(run, wanted)
      : primaryTarget(run, wanted)
    try {
      await run.pw(() => resolved.locator.waitFor({ state, timeout: run.remaining() }))
    } catch (error) {
      if (isTimeout(error) && (state === 'hidden' || state === 'detached')) {
        throw new StepFailure(`Timed out after ${run.timeoutMs} ms waiting for ${resolved.name} to be ${state}`, { cause: error })
      }
      throw await explainElementError(run, wanted, resolved, error, state)
    }
    return
  }
  if (o.url !== undefined) {
    const pattern: string = o.url
    const regex = slashRegex(pattern)
    const matcher = regex ?? (pattern.includes('*') ? pattern : (url: URL) => url.href.includes(pattern))
    try {
      await run.pw(() => run.page.waitForURL(matcher, { timeout: run.remaining() }))
    } catch (error) {
      if (!isTimeout(error)) throw error
      const words = regex || pattern.includes('*') ? `match ${pattern}` : `contain '${pattern}'`
      throw new StepFailure(`Timed out after ${run.timeoutMs} ms waiting for the URL to ${words} (it is ${run.page.url()})`, { cause: error })
    }
    return
  }
  try {
    await run.pw(() => run.page.waitForLoadState(o.load_state ?? 'load', { timeout: run.remaining() }))
  } catch (error) {
    if (!isTimeout(error)) throw error
    throw new StepFailure(`Timed out after ${run.timeoutMs} ms waiting for the page to reach '${o.load_state ?? 'load'}'`, { cause: error })
  }
}

async function switchPage(run: StepRun): Promise<void> {
  const windows = run.session.windows
  const wanted = run.step.value
  const by: string = run.options.by ?? (wanted === null ? 'new' : 'title')
  const index = by === 'index' ? Number(wanted) : NaN
  if (by === 'index' && !Number.isInteger(index)) throw new StepFailure(`The window index must be a whole number, not '${wanted}'`)
  const find = async (): Promise<WindowInfo | null> => {
    const open = windows.openWindows()
    switch (by) {
      case 'main': return open.find((w) => w.id === 'main') ?? null
      case 'index': return open[index] ?? null
      case 'url': return open.find((w) => textMatches(w.page.url(), wanted ?? '')) ?? null
      case 'title':
        for (const w of open) {
          const title = await run.pw(() => windows.freshTitle(w, Math.min(1000, run.remaining())))
          if (title !== null && textMatches(title, wanted ?? '')) return w
        }
        return null
      default: return [...open].reverse().find((w) => !w.visited) ?? null
    }
  }
  let found = await find()
  while (!found && run.deadline - performance.now() > 1) {
    await run.pw(() => windows.changedOrAfter(Math.min(100, run.remaining())))
    found = await find()
  }
  if (!found) {
    const open = windows.openWindows()
    const within = `within ${run.timeoutMs} ms`
    switch (by) {
      case 'main': throw new StepFailure('The main window is closed')
      case 'index': throw new StepFailure(`There is no window ${index} ${within}: ${open.length} window${open.length === 1 ? ' is' : 's are'} open (0 is the main one)`)
      case 'url': throw new StepFailure(`No window's URL ${slashRegex(wanted ?? '') ? 'matches' : 'contains'} '${wanted}' ${within}. Open: ${open.map((w) => w.page.url()).join(', ')}`)
      case 'title': throw new StepFailure(`No window titled '${wanted}' ${within}. Open: ${open.map((w) => `'${w.title ?? ''}'`).join(', ')}`)
      default: throw new StepFailure(`No new window opened ${within}`)
    }
  }
  windows.use(found)
  run.output = found.id
  // A popup may still be at about:blank; its first document makes later steps' waits meaningful.
  await run.pw(() => found.page.waitForLoadState('domcontentloaded', { timeout: run.remaining() })).catch(() => undefined)
}

async function switchFrame(run: StepRun): Promise<void> {
  const windows = run.session.windows
  const frame = run.step.target
  if (!frame) {
    windows.frames = []
    return
  }
  const parents = frame.frames?.length ? frame.frames : windows.frames
  // Usually the frame is there: one count of it as an iframe says so. Otherwise wait for the
  // target (healing if need be), then say whether it is a frame at all.
  const scope = windows.scope(frame.frames)
  const primary = primaryTarget(run, frame)
  if ((await run.pw(() => primary.locator.and(scope.locator('iframe, frame')).count())) === 1) {
    useTarget(run, frame, primary)
    windows.frames = [...parents, frame.selector]
    return
  }
  const isFrame = await onElement(run, frame, (l, timeout, signal) => l.evaluate(IS_FRAME, undefined, { timeout, signal }))
  if (!isFrame) throw new StepFailure(`${run.element?.name ?? frame.selector} is not a frame (iframe)`, { elementHtml: null })
  windows.frames = [...parents, run.element?.selector ?? frame.selector]
}

async function upload(run: StepRun): Promise<void> {
  const listed: string[] = run.options.files ?? [value(run)]
  const root = run.session.input.filesRoot ?? process.cwd()
  const paths = listed.map((file) => resolve(root, file))
  const missing = paths.find((path) => !existsSync(path))
  if (missing) throw new StepFailure(`File not found: ${missing}`)
  run.inputValue = listed.map((file) => basename(file)).join(', ')
  await onElement(run, target(run), (l, timeout, signal) => l.setInputFiles(paths, { timeout, signal }))
}

async function select(run: StepRun): Promise<void> {
  const o = run.options
  const chosen: string[] = o.values ?? [value(run)]
  run.inputValue = chosen.join(', ')
  const by: 'value' | 'label' | undefined = o.by
  const options = by ? chosen.map((v) => ({ [by]: v })) : chosen
  const selected = await onElement(run, target(run), (l, timeout, signal) => l.selectOption(options, { timeout, signal }))
  run.output = selected.join(', ')
}

async function drag(run: StepRun): Promise<void> {
  const source = target(run)
  const to: StepTarget = run.options.to
  const drop = await resolveTarget(run, to, 'options.to')
  await onElement(run, source, (l, timeout, signal) =>
    l.dragTo(drop.locator, { timeout, signal, sourcePosition: run.options.source_position, targetPosition: run.options.target_position }),
  )
}

async function scroll(run: StepRun): Promise<void> {
  const x = numberOption(run, 'x')
  const y = numberOption(run, 'y')
  const by = { x: x ?? 0, y: y ?? 0 }
  if (run.step.target && x === undefined && y === undefined) {
    return void (await onElement(run, run.step.target, (l, timeout, signal) => l.scrollIntoViewIfNeeded({ timeout, signal })))
  }
  if (run.step.target) return void (await onElement(run, run.step.target, (l, timeout, signal) => l.evaluate(SCROLL_ELEMENT, by, { timeout, signal })))
  await run.pw(() => scopeRoot(run.session.windows.scope()).evaluate(SCROLL_WINDOW, by, { timeout: run.remaining() }))
}

async function screenshot(run: StepRun): Promise<void> {
  run.screenshotName = value(run) || `step-${run.step.step_number}`
  run.screenshot = run.step.target
    ? await onElement(run, run.step.target, (l, timeout) => l.screenshot({ timeout }), 'target', false)
    : await run.pw(() => run.page.screenshot({ timeout: run.remaining(), fullPage: !!run.options.full_page }))
}

export const ACTION_HANDLERS: Record<Exclude<StepAction, 'call_test'>, Handler> = {
  navigate: async (run) => {
    const url = resolveUrl(value(run), run.session.input.baseUrl, run.page.url())
    try {
      await run.pw(() => run.page.goto(url, { timeout: run.remaining(), waitUntil: run.options.wait_until ?? 'load' }))
    } catch (error) {
      throw navigationFailure(error, url, run.timeoutMs)
    }
    run.session.windows.frames = []
  },
  ...PAGE_STATE_HANDLERS,
  click: (run) => mayClosePage(run, () => onElement(run, target(run), (l, timeout, signal) => l.click({ ...pointer(run), timeout, signal }))),
  dblclick: (run) => {
    const { clickCount: _ignored, ...options } = pointer(run)
    return mayClosePage(run, () => onElement(run, target(run), (l, timeout, signal) => l.dblclick({ ...options, timeout, signal })))
  },
  hover: async (run) =>
    void (await onElement(run, target(run), (l, timeout, signal) => l.hover({ modifiers: run.options.modifiers, position: run.options.position, force: run.options.force, timeout, signal }))),
  fill: async (run) => {
    run.inputValue = value(run)
    await onElement(run, target(run), (l, timeout, signal) => l.fill(value(run), { timeout, signal, force: run.options.force }))
  },
  type: async (run) => {
    run.inputValue = value(run)
    await onElement(run, target(run), (l, timeout, signal) => l.pressSequentially(value(run), { timeout, signal, delay: run.options.delay_ms }))
  },
  press: async (run) => {
    run.inputValue = value(run)
    const wanted = run.step.target
    if (wanted) return mayClosePage(run, () => onElement(run, wanted, (l, timeout, signal) => l.press(value(run), { timeout, signal })))
    await mayClosePage(run, () => run.pw(() => run.page.keyboard.press(value(run))))
  },
  select,
  check: async (run) => void (await onElement(run, target(run), (l, timeout, signal) => l.check({ timeout, signal, force: run.options.force, position: run.options.position }))),
  uncheck: async (run) => void (await onElement(run, target(run), (l, timeout, signal) => l.uncheck({ timeout, signal, force: run.options.force, position: run.options.position }))),
  upload,
  drag,
  scroll,
  wait,
  switch_page: switchPage,
  switch_frame: switchFrame,
  dialog: async (run) => {
    run.session.dialogs.expect(run.options.response, run.step.value, run.options.for ?? 'next')
  },
  set_variable: setVariable,
  run_script: async (run) => {
    const result = resultText(await evaluateScript(run, value(run)))
    run.output = result
    if (run.options.store_as) run.session.variables[run.options.store_as] = result
  },
  screenshot,
  checkpoint: runCheckpoint,
  request: runRequestStep,
}
