// For tests and the benchmark: scripted recording sessions on the demo site and the corpus pages,
// each driving the recording browser as a tester would (real mouse and keyboard input through
// Playwright, assertions through the page's toolbar), and a harness that opens a core on a data
// directory, records, and hands back the steps.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Frame, Locator, Page } from 'playwright'
import type { RecordedStepEvent, RecorderMode, RecorderSession } from '../../shared/api/recorder'
import type { TestStep } from '../../shared/model/definition'
import { openCore, type Core } from '../core'
import { demoSiteRoot, startDemoSite, type DemoSiteServer } from '../demosite/server'
import type { RecordingSession } from '../recorder/session'

export interface Tester {
  /** The window the session records in now. */
  page: Page
  session: RecordingSession
  /** Adds a checkpoint (or screenshot) through the toolbar of `locator`'s window, on that element. */
  check(mode: Exclude<RecorderMode, 'record' | 'pick'>, locator: Locator): Promise<void>
  frame(page: Page, urlEnd: string): Promise<Frame>
}

export interface Scenario {
  name: string
  path: string
  /** What the session exercises: the benchmark counts them. */
  features: string[]
  act(t: Tester): Promise<void>
}

const FILES = join(demoSiteRoot(), 'files')

export const SCENARIOS: Scenario[] = [
  {
    name: 'Demo: sign in',
    path: 'login.html',
    features: ['fill', 'password', 'check', 'navigation', 'assert'],
    async act(t) {
      await t.page.getByLabel('Email').pressSequentially('demo@testdesk.dev')
      await t.page.getByLabel('Password').pressSequentially('secret123')
      await t.page.getByText('Remember me').click()
      await t.page.getByRole('button', { name: 'Sign in' }).click()
      await t.page.waitForURL(/dashboard/)
      await t.check('assert_text', t.page.getByRole('heading', { level: 1 }))
    },
  },
  {
    name: 'Demo: selector playground',
    path: 'selectors.html',
    features: ['click', 'fill', 'same text', 'icon'],
    async act(t) {
      await t.page.getByTestId('primary-action').click()
      await t.page.getByLabel('Full name').pressSequentially('Ada Lovelace')
      await t.page.getByPlaceholder('City').fill('Paris')
      await t.page.locator('.plans .box').nth(2).getByText('Choose').click()
      await t.page.locator('.same-text').nth(1).getByRole('button', { name: 'Edit' }).click()
      await t.page.getByTitle('Settings').click()
      await t.check('assert_text', t.page.getByRole('status'))
      await t.check('assert_value', t.page.getByLabel('Full name'))
    },
  },
  {
    name: 'Demo: drag fruit into the basket',
    path: 'dragdrop.html',
    features: ['drag'],
    async act(t) {
      await t.page.getByTestId('fruit-apple').dragTo(t.page.getByTestId('basket'))
      await t.page.getByTestId('fruit-cherry').dragTo(t.page.getByTestId('basket'))
      await t.check('assert_text', t.page.getByTestId('basket-contents'))
    },
  },
  {
    name: 'Demo: reorder a list by dragging',
    path: 'dragdrop.html',
    features: ['drag'],
    async act(t) {
      const items = t.page.getByTestId('sortable-list').locator('li')
      await items.nth(0).dragTo(items.nth(2))
      await t.check('assert_text', t.page.getByTestId('sort-order'))
    },
  },
  {
    name: 'Demo: frames and a nested frame',
    path: 'frames.html',
    features: ['iframe', 'nested iframe', 'fill'],
    async act(t) {
      const inner = await t.frame(t.page, 'frame-inner.html')
      await inner.getByLabel('Your name').pressSequentially('Grace')
      await inner.getByRole('button', { name: 'Send' }).click()
      const nested = await t.frame(t.page, 'frame-nested.html')
      await nested.getByRole('button', { name: 'Click nested' }).click()
      await t.check('assert_text', nested.getByRole('status'))
      await t.page.getByTestId('main-button').click()
      await t.check('assert_text', t.page.getByTestId('frame-message'))
    },
  },
  {
    name: 'Demo: popup window',
    path: 'popup.html',
    features: ['popup', 'switch back'],
    async act(t) {
      const opened = t.page.context().waitForEvent('page')
      await t.page.getByRole('button', { name: 'Open popup window' }).click()
      const popup = await opened
      await popup.waitForLoadState()
      await popup.getByRole('button', { name: 'Change text' }).click()
      await t.check('assert_text', popup.getByTestId('popup-text'))
      await popup.getByRole('button', { name: 'Send message to opener' }).click()
      const main = t.session.windows.all[0].page
      await main.bringToFront()
      await t.check('assert_text', main.getByTestId('popup-message'))
    },
  },
  {
    name: 'Demo: new tab from a link',
    path: 'popup.html',
    features: ['tab'],
    async act(t) {
      const opened = t.page.context().waitForEvent('page')
      await t.page.getByRole('link', { name: 'Open in new tab' }).click()
      const tab = await opened
      await tab.waitForLoadState()
      await t.check('assert_text', tab.getByTestId('opened-from'))
    },
  },
  {
    name: 'Demo: confirm and prompt dialogs',
    path: 'dialogs.html',
    features: ['dialog'],
    async act(t) {
      t.page.once('dialog', (dialog) => void dialog.accept())
      await t.page.getByRole('button', { name: 'Show confirm' }).click()
      t.page.once('dialog', (dialog) => void dialog.accept('Margaret'))
      await t.page.getByRole('button', { name: 'Show prompt' }).click()
      await t.check('assert_text', t.page.getByTestId('confirm-result'))
      await t.check('assert_text', t.page.getByTestId('prompt-result'))
    },
  },
  {
    name: 'Demo: todos with Enter and a checkbox',
    path: 'todos.html',
    features: ['press', 'check', 'same text'],
    async act(t) {
      const input = t.page.getByPlaceholder('What needs to be done?')
      await input.pressSequentially('Write tests')
      await input.press('Enter')
      await input.pressSequentially('Record them')
      await input.press('Enter')
      await t.page.getByRole('checkbox').first().check()
      await t.check('assert_text', t.page.getByTestId('todo-count'))
    },
  },
  {
    name: 'Demo: double-click, select and radio',
    path: 'interactions.html',
    features: ['dblclick', 'select', 'radio'],
    async act(t) {
      await t.page.getByTestId('dblclick-box').dblclick()
      await t.page.getByLabel('Favourite colour').selectOption('green')
      await t.page.getByText('Pro', { exact: true }).click()
      await t.check('assert_text', t.page.getByTestId('dblclick-result'))
      await t.check('assert_checked', t.page.getByLabel('Pro'))
    },
  },
  {
    name: 'Corpus: generated ids and classes',
    path: 'corpus/dynamic-ids.html',
    features: ['dynamic ids', 'select'],
    async act(t) {
      await t.page.getByLabel('Email address').pressSequentially('news@testdesk.dev')
      await t.page.getByLabel('Frequency').selectOption('Weekly')
      await t.page.getByRole('button', { name: 'Subscribe' }).click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
  {
    name: 'Corpus: same buttons in every row',
    path: 'corpus/rows.html',
    features: ['same text', 'table', 'list'],
    async act(t) {
      await t.page.getByRole('row', { name: /Bruno/ }).getByRole('button', { name: 'Edit' }).click()
      await t.check('assert_text', t.page.getByRole('status'))
      await t.page.getByRole('listitem').filter({ hasText: 'Eggs' }).getByRole('link').click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
  {
    name: 'Corpus: icon buttons and SVG',
    path: 'corpus/icons.html',
    features: ['icon', 'svg'],
    async act(t) {
      await t.page.getByRole('button', { name: 'Italic' }).click()
      await t.page.getByRole('button', { name: 'Underline' }).click()
      await t.check('assert_text', t.page.getByRole('status'))
      await t.page.locator('svg.logo').click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
  {
    name: 'Corpus: shadow DOM form',
    path: 'corpus/shadow.html',
    features: ['shadow dom', 'password', 'press'],
    async act(t) {
      await t.page.getByLabel('User name').pressSequentially('ada')
      await t.page.getByLabel('Secret').pressSequentially('hunter2')
      await t.page.getByLabel('Remember me').check()
      await t.page.getByLabel('Secret').press('Enter')
      await t.page.getByRole('button', { name: 'Add one' }).click()
      await t.page.getByRole('button', { name: 'Add one' }).click()
      await t.check('assert_text', t.page.locator('#status'))
    },
  },
  {
    name: 'Corpus: payment form in a frame',
    path: 'corpus/frame-host.html',
    features: ['iframe', 'fill'],
    async act(t) {
      const frame = await t.frame(t.page, 'frame-payment.html')
      await frame.getByLabel('Card holder').pressSequentially('Alan Turing')
      await frame.getByLabel('Card number').pressSequentially('4242424242424242')
      await frame.getByRole('button', { name: 'Pay' }).click()
      await t.page.getByRole('button', { name: 'Finish' }).click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
  {
    name: 'Corpus: rich-text editor',
    path: 'corpus/contenteditable.html',
    features: ['contenteditable'],
    async act(t) {
      await t.page.getByRole('textbox', { name: 'Your comment' }).click()
      await t.page.keyboard.type('Looks good to me')
      await t.page.getByRole('button', { name: 'Post' }).click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
  {
    name: 'Corpus: infinite scroll',
    path: 'corpus/infinite.html',
    features: ['scroll'],
    async act(t) {
      await t.page.mouse.move(200, 200)
      await t.page.mouse.wheel(0, 5000)
      await t.page.getByRole('button', { name: 'Story 20', exact: true }).waitFor()
      await t.page.waitForTimeout(600)
      await t.page.getByRole('button', { name: 'Story 20', exact: true }).click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
  {
    name: 'Corpus: order form with upload',
    path: 'corpus/forms.html',
    features: ['select', 'radio', 'label click', 'textarea', 'upload', 'placeholder'],
    async act(t) {
      await t.page.getByLabel('Size').selectOption('Medium')
      await t.page.getByText('Courier').click()
      await t.page.getByText('Gift wrap').click()
      await t.page.getByLabel('Notes').pressSequentially('Ring twice')
      await t.page.getByLabel('Attachment').setInputFiles(join(FILES, 'notes.txt'))
      await t.page.getByPlaceholder('Coupon code').pressSequentially('SPRING')
      await t.page.getByRole('button', { name: 'Place order' }).click()
      await t.check('assert_text', t.page.getByRole('status'))
    },
  },
]

// ── Harness ─────────────────────────────────────────────────────────────────────────────────

export interface Recording {
  session: RecorderSession
  steps: TestStep[]
  events: RecordedStepEvent[]
}

export interface RecordingHarness {
  core: Core
  site: DemoSiteServer
  dataDir: string
  record(scenario: Scenario, options?: { testName?: string }): Promise<Recording>
  close(): Promise<void>
}

export async function openRecordingHarness(): Promise<RecordingHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'td-record-'))
  const site = await startDemoSite()
  const core = await openCore({ dataDir, execution: 'manual', userName: 'tester' })
  const events: RecordedStepEvent[] = []
  core.events.subscribe((name, payload) => {
    if (name === 'recorder.onStep') events.push(payload as RecordedStepEvent)
  })
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await core.dispatcher.call(name, input, { transport: 'direct' })
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
    return result.value as T
  }
  return {
    core,
    site,
    dataDir,
    async record(scenario, options = {}) {
      const started = await call<RecorderSession>('recorder.start', {
        url: `${site.url}${scenario.path}`,
        new_test: { name: options.testName ?? scenario.name },
        headless: true,
      })
      const session = core.recorder.session(started.id)
      const from = events.length
      const tester: Tester = {
        get page() {
          return session.page!
        },
        session,
        async check(mode, locator) {
          const top = locator.page()
          const before = events.length
          await top.getByRole('button', { name: TOOLBAR_LABELS[mode] }).click()
          await waitFor(() => session.info().mode === mode, `mode ${mode}`)
          await locator.click()
          await waitFor(() => session.info().mode === 'record' && events.length > before, `the ${mode} step`)
        },
        async frame(page, urlEnd) {
          await waitFor(() => page.frames().some((f) => f.url().endsWith(urlEnd)), `frame ${urlEnd}`)
          const frame = page.frames().find((f) => f.url().endsWith(urlEnd))!
          await frame.waitForLoadState()
          return frame
        },
      }
      await waitFor(() => !!session.page && session.page.url().endsWith(scenario.path), 'the first page')
      await scenario.act(tester)
      await session.settled()
      const stopped = await call<RecorderSession>('recorder.stop', { session_id: started.id })
      return { session: stopped, steps: core.context.store.tests.steps(started.test_case_id), events: events.slice(from) }
    },
    async close() {
      await core.close()
      await site.close()
    },
  }
}

const TOOLBAR_LABELS: Record<Exclude<RecorderMode, 'record' | 'pick'>, string> = {
  assert_visible: 'Assert visible',
  assert_text: 'Assert text',
  assert_value: 'Assert value',
  assert_checked: 'Assert checked',
  screenshot: 'Screenshot checkpoint',
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
