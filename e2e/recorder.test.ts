// Recording as a tester does it: real input in the recording browser (headless Chromium) on the
// demo site and corpus pages, then `testdesk run` replays the recorded test in its own process.
// The recorded steps must read as a tester would have written them, and the replay must pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeStep } from '../src/shared/steps'
import { openRecordingHarness, SCENARIOS, type RecordingHarness } from '../src/main/testing/recorder-scenarios'
import { runTestdesk, startTestdesk, tempDataDir } from './support/cli'

let harness: RecordingHarness

beforeAll(async () => {
  harness = await openRecordingHarness()
}, 60_000)

afterAll(async () => {
  await harness?.close()
})

function scenario(name: string) {
  const found = SCENARIOS.find((s) => s.name === name)
  if (!found) throw new Error(`no scenario ${name}`)
  return found
}

async function replay(testName: string): Promise<void> {
  const run = await runTestdesk(['run', '--test', testName, '--trace', 'off', '--data-dir', harness.dataDir], {}, 180_000)
  expect(run.stdout, run.stderr).toMatch(new RegExp(`^✓ ${testName.replace(/[()]/g, '\\$&')}`, 'm'))
  expect(run.code).toBe(0)
}

describe('recording then replaying with testdesk run', () => {
  it('signing in reads as a tester writes it, keeps the password out of the steps, and replays green', async () => {
    const { steps, session } = await harness.record(scenario('Demo: sign in'))
    const words = steps.map((s) => describeStep(s))
    expect(words).toEqual([
      `Navigate to ${harness.site.url}login.html`,
      "Fill 'login-username' with 'demo@testdesk.dev'",
      "Fill 'login-password' with '${login_password}'",
      "Check 'remember-me'",
      "Click 'login-submit'",
      "Verify text of heading 'Dashboard' equals 'Dashboard'",
    ])
    expect(JSON.stringify(steps)).not.toContain('secret123')
    // The password went into a secret variable of the environment the test now uses.
    const test = harness.core.context.store.tests.get(session.test_case_id)
    const environment = harness.core.context.store.environments.get(test.environment_id!)
    expect(environment.variables).toEqual([{ name: 'login_password', value: null, is_secret: true }])
    await replay('Demo: sign in')
  }, 180_000)

  it('records frames, popups, drag and drop and dialogs so that they replay', async () => {
    for (const name of ['Demo: frames and a nested frame', 'Demo: popup window', 'Demo: drag fruit into the basket', 'Demo: confirm and prompt dialogs']) {
      const { steps } = await harness.record(scenario(name))
      expect(steps.length).toBeGreaterThan(2)
      await replay(name)
    }
  }, 600_000)

  it('records shadow DOM, rows of the same buttons and an upload from the corpus', async () => {
    const shadow = await harness.record(scenario('Corpus: shadow DOM form'))
    expect(shadow.steps.map((s) => describeStep(s))).toContain("Fill field 'User name' with 'ada'")
    const rows = await harness.record(scenario('Corpus: same buttons in every row'))
    expect(rows.steps[1].target!.selector).toContain('Bruno Costa')
    const forms = await harness.record(scenario('Corpus: order form with upload'))
    const actions = forms.steps.map((s) => s.action)
    expect(actions.filter((a) => a === 'fill')).toHaveLength(2) // one per field, not one per key
    expect(actions).toContain('upload')
    expect(forms.steps.find((s) => s.action === 'upload')!.value).toMatch(/notes\.txt$/)
    for (const name of ['Corpus: shadow DOM form', 'Corpus: same buttons in every row', 'Corpus: order form with upload']) await replay(name)
  }, 600_000)
})

describe('testdesk record', () => {
  it('records until Ctrl+C, then lists the steps saved; bad usage exits 2', async () => {
    const dataDir = tempDataDir()
    const recording = startTestdesk(['record', `${harness.site.url}login.html`, '--test', 'From the CLI', '--headless', '--data-dir', dataDir])
    const until = Date.now() + 60_000
    while (!recording.output().includes('Press Ctrl+C to finish') && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
    expect(recording.output()).toContain("+ Navigate to")
    expect(await recording.stop('SIGINT')).toBe(0)
    expect(recording.output()).toContain("Recorded 1 step into 'From the CLI':")
    expect(recording.output()).toContain(`1. Navigate to ${harness.site.url}login.html`)
    const bad = await runTestdesk(['record', '--test', 'Nothing like it', '--data-dir', dataDir])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Give the URL to open')
  }, 120_000)
})
