// One recording session: a browser (headed on a desktop) with the page script in every page,
// popup and frame; the tester's actions become steps saved as they come, preceded by the window
// and frame switches a replay needs. Also replays the test up to the recording point first, picks
// elements for the step editor and adds checkpoints from the page's toolbar.
import type { Browser, BrowserContext, Frame, Page } from 'playwright'
import { TestDeskError } from '../../shared/api/errors'
import type { PickedTarget, RecordedStepEvent, RecorderMode, RecorderSession, RecorderStatus } from '../../shared/api/recorder'
import type { Target, TestStep } from '../../shared/model/definition'
import { engineSteps, runTest } from '../runner/engine'
import type { Store } from '../store'
import { mergesInto, stepFor, targetOf, type StepAction } from './action-steps'
import { EVENT_BINDING, STATE_BINDING, PAGE_GLOBAL, type PageAction, type PageState } from './page/messages'
import { SecretFields } from './secrets'
import { StepWriter, type NewStep } from './step-writer'
import { RecordedWindows, type RecordedWindow } from './windows'

/** Where a page script call came from (Playwright's exposeBinding source). */
interface BindingSource {
  page: Page
  frame: Frame
}

export interface SessionEvents {
  step(event: RecordedStepEvent): void
  state(session: RecorderSession): void
  pick(pick: PickedTarget): void
}

export interface SessionSetup {
  id: string
  store: Store
  browser: Browser
  context: BrowserContext
  browserInfo: RecorderSession['browser']
  testCaseId: string
  /** Where new steps go when none of the session's own is left; null: before the first step. */
  anchor: string | null
  /** Steps to replay before recording (up to the anchor). */
  replay: TestStep[]
  environmentId: string | null
  browserConfigId: string | null
  baseUrl: string | null
  variables: Record<string, string>
  secrets: string[]
  testIdAttributes: string[]
  paused: boolean
  events: SessionEvents
  /** Called once the browser is gone, however it went. */
  onClosed: () => void
}

interface PendingPick {
  resolve: (target: { target: Target; strategies: string[] }) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

export class RecordingSession {
  readonly id: string
  private status: RecorderStatus = 'starting'
  private paused: boolean
  private mode: RecorderMode = 'record'
  private error: string | null = null
  private replayResult: RecorderSession['replay'] = null
  private readonly startedAt = new Date().toISOString()
  private stoppedAt: string | null = null
  private readonly writer: StepWriter
  private readonly secrets: SecretFields
  readonly windows = new RecordedWindows()
  private pending: PendingPick | null = null
  /** Actions are handled one at a time, in the order the pages reported them. */
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly setup: SessionSetup) {
    this.id = setup.id
    this.paused = setup.paused
    this.writer = new StepWriter(setup.store, setup.testCaseId, setup.anchor, (event) => setup.events.step({ ...event, session_id: this.id }))
    this.secrets = new SecretFields(setup.store, setup.testCaseId, setup.environmentId)
  }

  get context(): BrowserContext {
    return this.setup.context
  }

  /** The window steps act in now (for tests driving the recording browser as a tester). */
  get page(): Page | null {
    return this.windows.current?.page ?? this.windows.open()[0]?.page ?? null
  }

  get running(): boolean {
    return this.status !== 'stopped' && this.status !== 'failed'
  }

  info(): RecorderSession {
    const test = this.setup.store.tests.get(this.setup.testCaseId)
    const page = this.page
    return {
      id: this.id,
      test_case_id: test.id,
      test_case_name: test.name,
      status: this.status,
      paused: this.paused,
      mode: this.mode,
      browser: this.setup.browserInfo,
      url: page && !page.isClosed() && page.url() !== 'about:blank' ? page.url() : null,
      windows: this.windows.open().length,
      environment_id: this.secrets.environmentIdInUse,
      browser_config_id: this.setup.browserConfigId,
      replay: this.replayResult,
      step_ids: this.writer.stepIds(),
      error: this.error,
      started_at: this.startedAt,
      stopped_at: this.stoppedAt,
    }
  }

  private changed(): void {
    this.setup.events.state(this.info())
  }

  // ── Start ─────────────────────────────────────────────────────────────────────────────────

  async open(script: string, url: string | null): Promise<void> {
    const { context } = this.setup
    await context.exposeBinding(EVENT_BINDING, (source: BindingSource, action: PageAction) => this.receive(source, action))
    await context.exposeBinding(STATE_BINDING, (source: BindingSource) => this.pageState(source.frame === source.page.mainFrame()))
    await context.addInitScript(script)
    // Popups and tabs: their first document is the action that opened them, not a step.
    context.on('page', (page) => {
      this.windows.add(page, 1)
      page.on('close', () => this.changed())
      this.changed()
    })
    // Without a listener Playwright dismisses every dialog itself; in a window the tester answers it.
    if (!this.setup.browserInfo.headless) context.on('dialog', () => undefined)
    context.on('close', () => this.closed('The browser was closed'))
    this.setup.browser.on('disconnected', () => this.closed('The browser was closed'))

    const steps = engineSteps(this.setup.replay)
    if (steps.length) {
      this.status = 'replaying'
      this.changed()
      const outcome = await runTest({
        context,
        steps,
        startUrl: this.setup.store.tests.get(this.setup.testCaseId).start_url,
        baseUrl: this.setup.baseUrl,
        variables: this.setup.variables,
        secrets: this.setup.secrets,
        screenshots: 'off',
      })
      const failed = outcome.steps.find((s) => s.status === 'failed')
      this.replayResult = {
        steps: steps.length,
        status: outcome.status === 'passed' ? 'passed' : 'failed',
        failed_step: failed?.step_number ?? outcome.errorStepNumber,
        error: outcome.errorMessage,
      }
    }
    const first = context.pages()[0] ?? (await context.newPage())
    for (const page of context.pages()) this.windows.add(page, 0)
    this.windows.use(this.windows.find(first)!)
    this.status = this.paused ? 'paused' : 'recording'
    await this.pushState()
    if (url) await this.navigate(url)
    this.changed()
  }

  // ── Controls ──────────────────────────────────────────────────────────────────────────────

  private mustRun(): void {
    if (!this.running) throw TestDeskError.invalidState(`Recording session ${this.id} has ended${this.error ? `: ${this.error}` : ''}`)
  }

  private pageState(top: boolean): PageState {
    return {
      mode: this.mode,
      paused: this.paused || this.status === 'replaying' || this.status === 'starting',
      testIdAttributes: this.setup.testIdAttributes,
      toolbar: top,
    }
  }

  /** Sends the state to every frame of every window (their toolbars and listeners follow it). */
  private async pushState(): Promise<void> {
    const frames = this.windows.open().flatMap((w) => w.page.frames())
    await Promise.all(
      frames.map((frame) =>
        frame
          .evaluate(([name, state]) => (window as any)[name as string]?.setState(state), [PAGE_GLOBAL, this.pageState(frame === frame.page().mainFrame())] as const)
          .catch(() => undefined),
      ),
    )
  }

  async setPaused(paused: boolean): Promise<RecorderSession> {
    this.mustRun()
    this.paused = paused
    if (this.status === 'recording' || this.status === 'paused') this.status = paused ? 'paused' : 'recording'
    await this.pushState()
    this.changed()
    return this.info()
  }

  async setMode(mode: RecorderMode): Promise<RecorderSession> {
    this.mustRun()
    if (this.mode === 'pick' && mode !== 'pick' && this.pending) this.settlePick(null, new Error('Pick cancelled'))
    this.mode = mode
    await this.pushState()
    this.changed()
    return this.info()
  }

  /** Opens a URL in the current window, recorded as a navigate step unless paused. */
  async navigate(url: string): Promise<RecorderSession> {
    this.mustRun()
    const window = this.windows.current ?? this.windows.add(this.page ?? (await this.context.newPage()), 0)
    let absolute: string
    try {
      absolute = new URL(url, this.setup.baseUrl ?? undefined).href
    } catch {
      throw TestDeskError.validation('url', `'${url}' is not a URL: write it with http:// or https:// (or set a base URL in the environment)`)
    }
    if (!this.paused) {
      await this.enqueue(async () => {
        const at = Date.now()
        const switched = this.windows.switchTo(window)
        if (switched) this.writer.add(switched, at)
        this.writer.add({ action: 'navigate', value: this.relative(absolute) }, at)
      })
      window.skipDocuments++
    }
    try {
      await window.page.goto(absolute)
    } catch (error) {
      throw TestDeskError.invalidState(`Could not open ${absolute}: ${(error as Error).message.split('\n')[0]}`)
    }
    this.changed()
    return this.info()
  }

  /** Waits for the tester to click an element; its target (frames included) is the answer. */
  pick(timeoutMs: number): Promise<{ target: Target; strategies: string[] }> {
    this.mustRun()
    if (this.pending) this.settlePick(null, new Error('Another pick replaced this one'))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settlePick(null, new Error(`No element was picked within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs)
      this.pending = { resolve, reject, timer }
      void this.setMode('pick').catch(reject)
    })
  }

  cancelPick(): void {
    if (this.pending) this.settlePick(null, new Error('Pick cancelled'))
    if (this.mode === 'pick') void this.setMode('record').catch(() => undefined)
  }

  private settlePick(picked: { target: Target; strategies: string[] } | null, error?: Error): void {
    const pending = this.pending
    if (!pending) return
    this.pending = null
    clearTimeout(pending.timer)
    if (picked) pending.resolve(picked)
    else pending.reject(TestDeskError.invalidState(error?.message ?? 'Pick cancelled'))
  }

  /** Resolves once every action the pages reported so far is saved. */
  async settled(): Promise<void> {
    // A round trip to each window: the page's earlier reports arrive before its answer.
    await Promise.all(this.windows.open().map((w) => w.page.evaluate('0').catch(() => undefined)))
    await this.queue
  }

  async stop(reason: string | null = null): Promise<RecorderSession> {
    if (this.running) {
      this.closed(reason)
      await this.queue.catch(() => undefined)
      await this.setup.browser.close().catch(() => undefined)
    }
    return this.info()
  }

  private closed(reason: string | null): void {
    if (!this.running) return
    this.status = 'stopped'
    this.error = reason
    this.stoppedAt = new Date().toISOString()
    this.settlePick(null, new Error('The recording session ended'))
    this.setup.onClosed()
    try {
      this.changed()
    } catch {
      // The test was deleted meanwhile: nothing to tell.
    }
  }

  // ── What the pages report ─────────────────────────────────────────────────────────────────

  private enqueue(work: () => Promise<void> | void): Promise<void> {
    const next = this.queue.then(work)
    this.queue = next.catch((error) => {
      this.error = `A recorded action could not be saved: ${(error as Error).message}`
      console.error('[testdesk] recorder:', error)
    })
    return next
  }

  private receive(source: BindingSource, action: PageAction): Promise<void> {
    return this.enqueue(() => this.handle(source, action))
  }

  private relative(url: string): string {
    const base = this.setup.baseUrl
    return base && url.startsWith(base) && url.length > base.length ? url.slice(base.length).replace(/^\/?/, base.endsWith('/') ? '' : '/') : url
  }

  private async handle(source: BindingSource, action: PageAction): Promise<void> {
    if (!this.running || this.status === 'replaying' || this.status === 'starting') return
    const window = this.windows.find(source.page) ?? this.windows.add(source.page, 0)
    switch (action.kind) {
      case 'toolbar':
        if (action.paused !== undefined) await this.setPaused(action.paused)
        if (action.mode !== undefined) await this.setMode(action.mode)
        return
      case 'pick': {
        const chain = (await this.windows.chain(source.frame)) ?? []
        const target: Target = { ...targetOf(action.target), ...(chain.length ? { frames: chain.map((t) => t.selector) } : {}) }
        this.settlePick({ target, strategies: action.target.strategies })
        await this.setMode('record')
        return
      }
      case 'navigating':
        window.navigating = { traversal: action.traversal, at: action.at }
        return
      case 'document':
        return this.onDocument(window, action)
    }
    const explicit = action.kind === 'assert' || action.kind === 'screenshot'
    if (this.paused && !explicit) return
    if (action.kind === 'dialog') return this.onDialog(action)
    await this.record(source, window, action)
    if (explicit) await this.setMode('record')
  }

  private onDocument(window: RecordedWindow, action: Extract<PageAction, { kind: 'document' }>): void {
    const asked = window.navigating
    window.navigating = null
    const previousIndex = window.historyIndex
    window.historyIndex = action.index ?? null
    this.changed()
    if (window.skipDocuments > 0) {
      window.skipDocuments--
      return
    }
    // The page asked for it (a link, a form, a script): the action that did is the step. A
    // traversal nobody in the page asked for just before is the browser's back or forward.
    if (asked && !(asked.traversal && asked.at - window.lastActionAt > 1000)) return
    if (this.paused) return
    const switched = this.windows.current !== window ? this.windows.switchTo(window) : null
    if (switched) this.writer.add(switched, action.at)
    this.writer.add(browserNavigation(action, previousIndex, this.relative(action.url)), action.at)
    if (this.windows.current === window) this.windows.frames = []
  }

  private onDialog(action: Extract<PageAction, { kind: 'dialog' }>): void {
    // Alerts are always accepted by a replay; confirm and prompt answers must be said first.
    if (action.dialog === 'alert') return
    const step: NewStep = { action: 'dialog', value: action.response === 'accept' && action.value !== null ? action.value : null, options: { response: action.response } }
    const last = this.writer.last()
    if (last) this.writer.insertBefore(last, step, action.at)
    else this.writer.add(step, action.at)
  }

  private async record(source: BindingSource, window: RecordedWindow, action: StepAction): Promise<void> {
    window.lastActionAt = action.at
    const chain = await this.windows.chain(source.frame)
    if (!chain) return
    const switched = this.windows.switchTo(window)
    if (switched) this.writer.add(switched, action.at)
    for (const step of this.windows.enter(chain)) this.writer.add(step, action.at)

    let value: string | null = null
    if ((action.kind === 'fill' || action.kind === 'assert') && action.secret) {
      const variable = action.kind === 'fill' ? this.secrets.keep(action.field, action.value) : this.secrets.variableOf(action.field)
      if (!variable) return // a password field's value is never written into a step
      value = `\${${variable}}`
    }
    if (action.kind === 'upload') action = { ...action, files: await this.filePaths(source, action.files) }
    const step = stepFor(action, value)
    const last = this.writer.last()
    if (mergesInto(action, last)) {
      this.writer.update(last!.id, { action: step.action, value: step.value ?? null, options: step.options ?? {} }, action.at)
      return
    }
    this.writer.add(step, action.at)
  }

  /** Full paths of the files chosen in the page, where the browser tells them (Chromium), else the names. */
  private async filePaths(source: BindingSource, names: string[]): Promise<string[]> {
    if (this.setup.browserInfo.name !== 'chromium' || source.frame !== source.page.mainFrame()) return names
    try {
      const cdp = await this.context.newCDPSession(source.page)
      try {
        const paths: string[] = []
        for (let i = 0; i < names.length; i++) {
          const { result } = await cdp.send('Runtime.evaluate', { expression: `window.${PAGE_GLOBAL}.lastFiles[${i}]` })
          if (!result.objectId) return names
          const info = (await cdp.send('DOM.getFileInfo', { objectId: result.objectId })) as { path: string }
          paths.push(info.path || names[i])
        }
        return paths
      } finally {
        await cdp.detach().catch(() => undefined)
      }
    } catch {
      return names
    }
  }
}

/**
 * The step for a page the browser itself opened: its Reload, Back or Forward button (told
 * apart by the history index the page reports), else a typed URL.
 */
export function browserNavigation(action: { navigation: string; index?: number | null }, previousIndex: number | null, url: string): NewStep {
  if (action.navigation === 'reload') return { action: 'reload' }
  if (action.navigation === 'back_forward' && typeof action.index === 'number' && previousIndex !== null && action.index !== previousIndex) {
    return { action: action.index < previousIndex ? 'go_back' : 'go_forward' }
  }
  return { action: 'navigate', value: url }
}
