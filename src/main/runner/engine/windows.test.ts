// Frames, popups and tabs, dialogs and downloads: everything beyond the one page.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoSiteRoot } from '../../demosite/server'
import { startEngineFixture, step, verify, type EngineFixture } from './testing'

let fx: EngineFixture
let downloadsDir: string
beforeAll(async () => {
  fx = await startEngineFixture()
  downloadsDir = mkdtempSync(join(tmpdir(), 'td-engine-downloads-'))
})
afterAll(async () => {
  await fx?.close()
  rmSync(downloadsDir, { recursive: true, force: true })
})

const text = (target: string | { selector: string; frames?: string[] }, expected: string) => verify(target, { property: 'text', expected })
const statuses = (outcome: { steps: { status: string; error_message?: string | null }[] }) => outcome.steps.map((s) => s.error_message ?? s.status)

describe('frames', () => {
  it('acts inside a frame and a nested frame through the target frame chain', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'frames.html'),
      step('fill', { selector: 'label=Your name', frames: ['#inner-frame'] }, 'Ada'),
      step('click', { selector: 'role=button[name="Send"]', frames: ['#inner-frame'] }),
      text({ selector: 'testid=frame-result', frames: ['#inner-frame'] }, 'Hello, Ada!'),
      text('testid=frame-message', 'Frame says: Hello, Ada!'),
      step('click', { selector: 'testid=nested-button', frames: ['#inner-frame', 'title=Nested frame'] }),
      text({ selector: '#nested-result', frames: ['#inner-frame', '#nested-frame'] }, 'Nested button clicked'),
    ])
    expect(statuses(outcome)).toEqual(Array(7).fill('passed'))
    expect(outcome.steps[1].playwright_code).toBe("await page.locator('#inner-frame').contentFrame().getByLabel('Your name').fill('Ada');")
    expect(outcome.steps[5].description).toBe("Click 'nested-button' in frame #inner-frame › 'Nested frame'")
  })

  it('enters frames with switch_frame and comes back to the main page', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'frames.html'),
      step('switch_frame', 'testid=inner-frame'),
      step('fill', '#frame-name', 'Grace'),
      step('press', '#frame-name', 'Enter'),
      text('#frame-result', 'Hello, Grace!'),
      step('switch_frame', '#nested-frame'),
      step('click', 'role=button[name="Click nested"]'),
      step('run_script', null, 'document.title', { store_as: 'frameTitle' }),
      step('switch_frame'),
      step('click', 'testid=main-button'),
      text('testid=main-result', 'Main page button clicked'),
      text('testid=frame-message', 'Frame says: Hello, Grace!'),
    ])
    expect(statuses(outcome)).toEqual(Array(12).fill('passed'))
    expect(outcome.variables.frameTitle).toBe('Nested frame - TestDesk Demo')
    expect(outcome.steps[2].playwright_code).toBe("await page.getByTestId('inner-frame').contentFrame().locator('#frame-name').fill('Grace');")
    expect(outcome.steps[6].playwright_code).toBe(
      "await page.getByTestId('inner-frame').contentFrame().locator('#nested-frame').contentFrame().getByRole('button', { name: 'Click nested', exact: true }).click();",
    )
  })

  it('says which frame is missing', async () => {
    const outcome = await fx.run(
      [step('navigate', null, 'frames.html'), step('click', { selector: '#frame-submit', frames: ['#no-such-frame'] }, null, { continue_on_failure: true }), step('switch_frame', 'testid=main-button')],
      { stepTimeoutMs: 500 },
    )
    expect(outcome.steps[1].error_message).toBe('No frame matches #no-such-frame within 500 ms')
    expect(outcome.steps[2].error_message).toBe("'main-button' is not a frame (iframe)")
  })
})

describe('popups and tabs', () => {
  it('switches to a target=_blank tab and to a window.open popup, and back', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'popup.html'),
      step('click', 'testid=new-tab-link'),
      step('switch_page', null, null, { by: 'new' }),
      text('testid=opened-from', 'Opened from: link'),
      step('switch_page', null, null, { by: 'main' }),
      step('click', 'role=button[name="Open popup window"]'),
      step('switch_page', null, 'from=button', { by: 'url' }),
      step('click', 'testid=change-text'),
      text('testid=popup-text', 'Text changed'),
      step('click', 'testid=send-to-opener'),
      step('switch_page', null, 'Popups', { by: 'title' }),
      text('testid=popup-message', 'Popup says: Hello from the popup'),
      step('switch_page', null, '1', { by: 'index' }),
      text('testid=opened-from', 'Opened from: link'),
      step('switch_page', null, '/from=button/', { by: 'url' }),
      step('click', 'testid=close-window'),
      verify(null, { property: 'title', expected: 'Popups - TestDesk Demo' }),
    ])
    expect(statuses(outcome)).toEqual(Array(17).fill('passed'))
    expect(outcome.steps.map((s) => s.window_id)).toEqual([
      'main', 'main', 'popup-1', 'popup-1', 'main', 'main', 'popup-2', 'popup-2', 'popup-2', 'popup-2', 'main', 'main', 'popup-1', 'popup-1', 'popup-2', 'main', 'main',
    ])
    expect(outcome.steps[3].window_title).toBe('Popup target - TestDesk Demo')
    expect(outcome.steps[2].output).toBe('popup-1')
  })

  it('fails clearly when no such window appears, or when the window closes under a step', async () => {
    const go = { continue_on_failure: true }
    const outcome = await fx.run(
      [
        step('navigate', null, 'popup.html'),
        step('switch_page', null, null, { timeout_ms: 300, ...go }),
        step('switch_page', null, 'Nowhere', { by: 'title', timeout_ms: 300, ...go }),
        step('switch_page', null, '3', { by: 'index', timeout_ms: 300, ...go }),
        step('click', 'testid=open-popup'),
        step('switch_page'),
        step('run_script', null, 'setTimeout(() => window.close(), 100)'),
        step('wait', '#never-there'),
      ],
    )
    expect(statuses(outcome)).toEqual([
      'passed',
      'No new window opened within 300 ms',
      "No window titled 'Nowhere' within 300 ms. Open: 'Popups - TestDesk Demo'",
      'There is no window 3 within 300 ms: 1 window is open (0 is the main one)',
      'passed',
      'passed',
      'passed',
      'The window was closed during the step',
    ])
    expect(outcome.steps[7].window_id).toBe('main')
  })
})

describe('dialogs', () => {
  it('accepts alerts, dismisses confirms and prompts unless a dialog step says otherwise', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'dialogs.html'),
      step('click', 'testid=alert-button'),
      text('testid=alert-result', 'Alert closed'),
      step('click', 'testid=confirm-button'),
      text('testid=confirm-result', 'Cancelled'),
      step('dialog', null, null, { response: 'accept' }),
      step('click', 'testid=confirm-button'),
      text('testid=confirm-result', 'Confirmed'),
      step('click', 'testid=prompt-button'),
      text('testid=prompt-result', 'Prompt cancelled'),
      step('dialog', null, 'Ada', { response: 'accept' }),
      step('click', 'testid=prompt-button'),
      text('testid=prompt-result', 'You entered: Ada'),
      step('dialog', null, null, { response: 'accept', for: 'all' }),
      step('click', 'testid=prompt-button'),
      text('testid=prompt-result', 'You entered: Tester'),
      step('click', 'testid=confirm-button'),
      text('testid=confirm-result', 'Confirmed'),
    ])
    expect(statuses(outcome)).toEqual(Array(18).fill('passed'))
    expect(outcome.dialogs.map((d) => [d.type, d.message, d.response, d.prompt_text, d.step_index])).toEqual([
      ['alert', 'Hello from TestDesk Demo', 'accept', null, 2],
      ['confirm', 'Do you want to continue?', 'dismiss', null, 4],
      ['confirm', 'Do you want to continue?', 'accept', null, 7],
      ['prompt', 'What is your name?', 'dismiss', null, 9],
      ['prompt', 'What is your name?', 'accept', 'Ada', 12],
      ['prompt', 'What is your name?', 'accept', 'Tester', 15],
      ['confirm', 'Do you want to continue?', 'accept', null, 17],
    ])
    expect(outcome.dialogs[0].window_id).toBe('main')
  })

  it('follows a test-level dialog policy', async () => {
    const outcome = await fx.run(
      [step('navigate', null, 'dialogs.html'), step('click', 'testid=confirm-button'), text('testid=confirm-result', 'Confirmed'), step('click', 'testid=prompt-button'), text('testid=prompt-result', 'You entered: Bob')],
      { dialogs: { confirm: 'accept', prompt: 'accept', promptText: 'Bob' } },
    )
    expect(statuses(outcome)).toEqual(Array(5).fill('passed'))
  })
})

describe('downloads', () => {
  it('saves a served file and a generated blob with size and sha256', async () => {
    const outcome = await fx.run(
      [
        step('navigate', null, 'download.html'),
        step('click', 'testid=download-report'),
        step('click', 'role=button[name="Download data.json"]'),
        verify('testid=download-status', { property: 'text', operator: 'matches', expected: '/data\\.json generated \\(\\d+ bytes\\)/' }),
      ],
      { downloadsDir },
    )
    expect(statuses(outcome)).toEqual(Array(4).fill('passed'))
    const [report, data] = outcome.downloads
    const csv = readFileSync(join(demoSiteRoot(), 'files/report.csv'))
    expect(report).toMatchObject({ name: 'report.csv', size: csv.length, sha256: createHash('sha256').update(csv).digest('hex'), step_index: 2 })
    expect(readFileSync(report.path)).toEqual(csv)
    expect(report.path.startsWith(downloadsDir)).toBe(true)
    expect(data.name).toBe('data.json')
    // A generated file has no request to date it: it counts for the step running when its event arrives.
    expect([3, 4]).toContain(data.step_index)
    const json = readFileSync(data.path, 'utf8')
    expect(JSON.parse(json).generatedBy).toBe('TestDesk Demo')
    expect(data.size).toBe(Buffer.byteLength(json))
    expect(data.sha256).toBe(createHash('sha256').update(json).digest('hex'))
  })
})
