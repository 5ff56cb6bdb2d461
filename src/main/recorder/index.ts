// The recorder: starts recording sessions (browser, environment and recording point chosen like
// for a run), keeps them by id for the contract's methods, and closes them with the core. Sits
// between the runner (browser discovery and launch, the engine for replays) and the core.
import { randomUUID } from 'node:crypto'
import { TestDeskError } from '../../shared/api/errors'
import type { PickedTarget, RecorderSession, StartRecordingInput } from '../../shared/api/recorder'
import type { BrowserConfiguration, TestCaseWithSteps, TestStep } from '../../shared/model/definition'
import { demoSiteHandle, type DemoSiteHandle } from '../runner/demo-site-link'
import { BrowserUnavailableError, contextOptions, launchBrowser, resolveExecutable, type LaunchSettings } from '../runner/launch'
import { planTest } from '../runner/test-plan'
import type { Store } from '../store'
import { pageScript } from './page-script'
import { DEFAULT_TEST_ID_ATTRIBUTES } from './selectors/ranking'
import { RecordingSession, type SessionEvents } from './session'

export interface RecorderOptions {
  store: Store
  events: SessionEvents
}

/** Whether a window can be shown: recording is headed on a desktop, headless where there is no display. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true
  return !!(env.DISPLAY || env.WAYLAND_DISPLAY)
}

function failure(error: unknown): Error {
  if (error instanceof TestDeskError) return error
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
  return TestDeskError.invalidState(error instanceof BrowserUnavailableError ? message : `The recording browser could not start: ${message}`)
}

export class Recorder {
  private readonly sessions = new Map<string, RecordingSession>()

  constructor(private readonly options: RecorderOptions) {}

  /** Which steps to replay and where new ones go, from after_step_id (see StartRecordingInput). */
  private recordingPoint(test: TestCaseWithSteps, afterStepId: string | null | undefined): { anchor: string | null; replay: TestStep[] } {
    const steps = [...test.steps].sort((a, b) => a.position - b.position)
    if (afterStepId === null) return { anchor: null, replay: [] }
    if (afterStepId === undefined) return { anchor: steps.at(-1)?.id ?? null, replay: steps }
    const index = steps.findIndex((s) => s.id === afterStepId)
    if (index < 0) throw TestDeskError.validation('after_step_id', `is not a step of test '${test.name}'`)
    return { anchor: afterStepId, replay: steps.slice(0, index + 1) }
  }

  async start(input: StartRecordingInput): Promise<RecorderSession> {
    const { store } = this.options
    const existing = input.test_case_id ? store.tests.get(input.test_case_id) : null
    const point = existing ? this.recordingPoint(existing, input.after_step_id) : { anchor: null, replay: [] }
    const config = input.browser_config_id ? (store.browserConfigs.get(input.browser_config_id) as BrowserConfiguration) : null
    if (input.environment_id) store.environments.get(input.environment_id)
    const settings: LaunchSettings = {
      browser: input.browser_name ?? config?.browser_name ?? 'chromium',
      headless: input.headless ?? !hasDisplay(),
    }
    const script = await pageScript()
    let browser
    try {
      browser = await launchBrowser(settings, await resolveExecutable(settings))
    } catch (error) {
      throw failure(error)
    }
    const demoSite: DemoSiteHandle = demoSiteHandle()
    let created: string | null = null
    try {
      const context = await browser.newContext(await contextOptions(config, { viewport_width: null, viewport_height: null }))
      const test = existing ?? store.tests.create({
        project_id: input.new_test?.project_id,
        name: input.new_test?.name ?? `Recording ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
        description: input.new_test?.description ?? null,
        tags: input.new_test?.tags,
        suite_ids: input.new_test?.suite_ids,
        environment_id: input.environment_id ?? null,
        browser_config_id: input.browser_config_id ?? null,
      })
      if (!existing) created = test.id
      const environmentId = input.environment_id ?? test.environment_id
      const plan = await planTest(store, { options: { environment_id: environmentId ?? undefined } }, test.id, demoSite)
      const iteration = plan.iterations[0]
      const id = randomUUID()
      const session = new RecordingSession({
        id,
        store,
        browser,
        context,
        browserInfo: { name: settings.browser, headless: settings.headless, version: browser.version() },
        testCaseId: test.id,
        anchor: point.anchor,
        replay: point.replay,
        environmentId: environmentId ?? null,
        browserConfigId: input.browser_config_id ?? null,
        baseUrl: plan.baseUrl,
        variables: iteration?.variables ?? {},
        secrets: iteration?.secrets ?? [],
        testIdAttributes: input.test_id_attributes ?? [...DEFAULT_TEST_ID_ATTRIBUTES],
        paused: input.paused ?? false,
        events: this.options.events,
        onClosed: () => void demoSite.close().catch(() => undefined),
      })
      this.sessions.set(id, session)
      try {
        await session.open(script, input.url ?? null)
      } catch (error) {
        this.sessions.delete(id)
        throw error
      }
      return session.info()
    } catch (error) {
      await browser.close().catch(() => undefined)
      await demoSite.close().catch(() => undefined)
      // A test made for this recording and left without steps is not kept.
      if (created && store.tests.steps(created).length === 0) store.tests.delete(created)
      throw failure(error)
    }
  }

  /** A session by id, running or ended (for tests and the core). */
  session(id: string): RecordingSession {
    const session = this.sessions.get(id)
    if (!session) throw TestDeskError.notFound('Recording session', id)
    return session
  }

  list(): RecorderSession[] {
    const all = [...this.sessions.values()].map((s) => s.info())
    return all.sort((a, b) => Number(b.status !== 'stopped') - Number(a.status !== 'stopped') || b.started_at.localeCompare(a.started_at))
  }

  async pick(input: { session_id: string; step_id?: string; field: 'target' | 'options.to'; timeout_ms: number }): Promise<PickedTarget> {
    const session = this.session(input.session_id)
    if (input.step_id) this.options.store.tests.getStep(input.step_id)
    const { target, strategies } = await session.pick(input.timeout_ms)
    let step: TestStep | null = null
    if (input.step_id) {
      const current = this.options.store.tests.getStep(input.step_id)
      step =
        input.field === 'target'
          ? this.options.store.tests.updateStep({ id: current.id, target })
          : this.options.store.tests.updateStep({ id: current.id, options: { ...current.options, to: target } })
    }
    const picked: PickedTarget = { session_id: session.id, target, strategies, step }
    this.options.events.pick(picked)
    return picked
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop()))
  }
}

export type { RecordingSession }
