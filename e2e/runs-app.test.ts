// The running half of the app, in real Chromium through browser mode, by roles and names only:
// build a run of demo tests (2 workers, 1 retry), watch it live, read the failing test's
// checkpoint, screenshot and console, export the report, rerun the failed test, compare two runs,
// delete one; stop one run and cancel another; accept a healed selector and undo it, dismiss one in
// the healing review; accept a changed screenshot as a visual baseline. axe on every screen.
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_FAILING_TEST } from '../src/main/demo/demo-project'
import { expectAccessible } from './support/axe'
import { pageErrors, startWorkbench, type Workbench } from './support/workbench'

let wb: Workbench
beforeAll(async () => {
  wb = await startWorkbench({ execution: 'browser', demo: true })
}, 300_000)
afterAll(() => wb?.close())

const PICKED = [DEMO_FAILING_TEST, 'Smoke: demo user can sign in', 'Todos: add items and count them', 'Widgets: delayed content appears']

/** The run builder with these tests picked and these settings, started; returns on the live view. */
async function buildRun(page: Page, tests: string[], settings: { workers: string; retries: string }, check?: () => Promise<void>) {
  await page.getByRole('button', { name: 'New run' }).click()
  const form = page.getByRole('form', { name: 'New run' })
  await form.getByRole('radio', { name: 'Suites, tests and tags' }).check()
  for (const name of tests) {
    await form.getByRole('searchbox', { name: 'Filter tests' }).fill(name)
    await form.getByRole('group', { name: 'Tests' }).getByRole('checkbox', { name }).check()
  }
  await form.getByRole('spinbutton', { name: 'Workers (1-10)' }).fill(settings.workers)
  await form.getByRole('spinbutton', { name: 'Retries (0-10)' }).fill(settings.retries)
  await check?.()
  await form.getByRole('button', { name: 'Start run' }).click()
  await page.getByRole('progressbar', { name: 'Tests finished' }).waitFor()
}

describe('runs in the app', () => {
  it('builds a run, watches it live, reads the failing test, exports the report, reruns and compares', async () => {
    const { page, context } = await wb.open('/runs')
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor()
    await page.getByText(/^No runs yet/).waitFor()

    await buildRun(page, PICKED, { workers: '2', retries: '1' }, async () => {
      await expect.poll(() => page.getByTestId('run-count').textContent()).toMatch(/^4 tests will run, each failed one retried up to 1 times/)
      await expectAccessible(page, 'the run builder')
    })

    // Live: a step shows while its test runs, then the progress moves.
    const progress = page.getByRole('progressbar', { name: 'Tests finished' })
    await page.getByTestId('worker-step').first().filter({ hasText: /^step \d+ of \d+: / }).waitFor({ timeout: 60_000 })
    await expectAccessible(page, 'a live run')
    await expect.poll(() => progress.getAttribute('aria-valuenow'), { timeout: 120_000 }).not.toBe('0')
    await page.getByTestId('run-outcome').filter({ hasText: 'Completed: 1 failed of 4' }).waitFor({ timeout: 180_000 })
    expect(await progress.getAttribute('aria-valuetext')).toBe('4 of 4 tests finished')
    const rows = page.getByRole('table', { name: 'Tests' }).getByRole('row')
    expect(await rows.filter({ hasText: DEMO_FAILING_TEST }).getByRole('cell').nth(1).textContent()).toBe('Failed')
    await expectAccessible(page, 'a finished run')

    // The failing test: its failed step opened first, expected against actual, screenshot, console.
    await page.getByRole('button', { name: DEMO_FAILING_TEST }).click()
    await page.getByRole('heading', { name: DEMO_FAILING_TEST }).waitFor()
    const executions = page.getByRole('group', { name: 'Executions' })
    expect(await executions.getByRole('button').allTextContents()).toEqual(['Attempt 1: failed', 'Attempt 2: failed'])
    const failure = page.getByRole('alert').filter({ hasText: /^Failed at step \d+/ })
    // On a loaded machine an attempt can time out earlier on; the one that reached the wrong date is read.
    for (const attempt of ['Attempt 1: failed', 'Attempt 2: failed']) {
      await executions.getByRole('button', { name: attempt }).click()
      await expect.poll(() => executions.getByRole('button', { name: attempt }).getAttribute('aria-pressed')).toBe('true')
      await failure.waitFor()
      if ((await failure.textContent())!.includes("but was '")) break
    }
    const stepNumber = /^Failed at step (\d+)/.exec((await failure.textContent())!)![1]
    const detail = page.getByRole('region', { name: `Step ${stepNumber}` })
    const checkpoint = detail.getByRole('table', { name: /^Checkpoint / })
    const failedRow = checkpoint.getByRole('row').filter({ hasText: 'failed' }).first()
    await failedRow.waitFor()
    // Property, expected, actual, verdict: the demo expects the oldest date and finds the newest.
    expect(await failedRow.getByRole('rowheader').textContent()).toBe('text')
    expect(await failedRow.getByRole('cell').allTextContents()).toEqual(['1999-01-01', '2023-06-12', 'failed'])
    await expect.poll(() => detail.getByRole('img', { name: `Screenshot of step ${stepNumber}` }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(100)
    await detail.getByRole('heading', { name: /^Network \(\d+\)$/ }).waitFor()
    // The console entry of the click that sorted newest first, in its own step.
    expect(await detail.getByText('No console entries in this step.').count()).toBe(1)
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: /^Step 5\b.*Click 'sort-joined'.*passed/ }).click()
    const step5 = page.getByRole('region', { name: 'Step 5' })
    await step5.getByRole('list', { name: 'Console (1)' }).getByRole('listitem').filter({ hasText: 'Sorted by joined, descending' }).waitFor()
    await step5.getByRole('searchbox', { name: 'Filter console and network' }).fill('ascending')
    await step5.getByRole('heading', { name: 'Console (0)' }).waitFor()
    await step5.getByRole('checkbox', { name: 'Every step' }).check()
    await step5.getByRole('list', { name: 'Console (1)' }).getByRole('listitem').filter({ hasText: 'Sorted by joined, ascending' }).waitFor()
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: new RegExp(`^Step ${stepNumber}\\b`) }).click()
    // With retries, the default trace policy records the retry, not the first attempt.
    await executions.getByRole('button', { name: 'Attempt 2: failed' }).click()
    await expect.poll(() => executions.getByRole('button', { name: 'Attempt 2: failed' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByTestId('trace-command').textContent()).toMatch(/^npx playwright show-trace /)
    await expectAccessible(page, 'the result viewer')

    // Back on the run: export the report, then rerun the failed test.
    await page.getByRole('button', { name: 'Back to the run' }).click()
    await page.getByRole('button', { name: 'Export HTML report' }).click()
    const reportPath = (await page.getByTestId('report-path').textContent())!
    expect(existsSync(reportPath)).toBe(true)
    // The report's one HTML file (its data is packed inside it, so only its frame is read here).
    expect(readFileSync(reportPath, 'utf8').slice(0, 15).toLowerCase()).toBe('<!doctype html>')
    await page.getByRole('button', { name: 'Rerun failed' }).click()
    await page.getByRole('heading', { name: 'Run_001 rerun' }).waitFor()
    await page.getByTestId('run-outcome').filter({ hasText: 'Completed: 1 failed of 1' }).waitFor({ timeout: 120_000 })

    // The failing test's history over both runs: chart, figures, and a row back to a result.
    await page.getByRole('button', { name: DEMO_FAILING_TEST }).click()
    await page.getByRole('button', { name: 'History of this test' }).click()
    await page.getByRole('heading', { name: `History of ${DEMO_FAILING_TEST}` }).waitFor()
    await page.getByRole('img', { name: /^Duration and pass rate of the last \d+ executions$/ }).locator('canvas').waitFor()
    expect(await page.getByTestId('pass-rate').textContent()).toBe('0%')
    const history = page.getByRole('table', { name: 'Executions, newest first' })
    expect(await history.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining(['Run_001', 'Run_001 rerun']))
    await expectAccessible(page, 'a test history')
    await history.getByRole('button', { name: 'Run_001', exact: true }).first().click()
    await page.getByRole('heading', { name: DEMO_FAILING_TEST }).waitFor()

    // The list: both runs; compare them; delete one after confirming.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click()
    await expect.poll(() => page.getByTestId('runs-total').textContent()).toBe('2 runs')
    await expectAccessible(page, 'the runs list')
    await page.getByRole('searchbox', { name: 'Search runs by name' }).fill('rerun')
    await expect.poll(() => page.getByTestId('runs-total').textContent()).toBe('1 run')
    await page.getByRole('searchbox', { name: 'Search runs by name' }).fill('')
    await page.getByRole('checkbox', { name: 'Select Run_001', exact: true }).check()
    await page.getByRole('checkbox', { name: 'Select Run_001 rerun' }).check()
    await page.getByRole('button', { name: 'Compare the two selected' }).click()
    await page.getByRole('heading', { name: 'Run_001 compared with Run_001 rerun' }).waitFor()
    await page.getByRole('heading', { name: 'Only in Run_001 (3)' }).waitFor()
    expect(await page.getByRole('heading', { name: 'Verdict changed (0)' }).count()).toBe(1)
    await expectAccessible(page, 'a comparison')
    await page.getByRole('button', { name: 'All runs' }).click()
    await page.getByRole('checkbox', { name: 'Select Run_001 rerun' }).check()
    await page.getByRole('button', { name: 'Delete selected…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete 1 run?' })
    await expectAccessible(page, 'the delete confirmation')
    await confirm.getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => page.getByTestId('runs-total').textContent()).toBe('1 run')
    expect((await wb.call('runs.list', {})).total).toBe(1)
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 420_000)

  it('stops one run (current steps finish) and cancels another (at once)', async () => {
    const { page, context } = await wb.open('/runs')
    const slow = ['Widgets: delayed content appears', 'Todos: add items and count them', 'Todos: complete an item']
    for (const [action, outcome] of [['Stop', /not run of 3$/], ['Cancel', /^Cancelled: .*not run of 3$/]] as const) {
      await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor()
      await buildRun(page, slow, { workers: '1', retries: '0' })
      await page.getByTestId('worker-step').first().filter({ hasText: /^step \d+ of \d+: / }).waitFor({ timeout: 60_000 })
      expect(await page.getByRole('button', { name: action }).getAttribute('aria-describedby')).toBeTruthy()
      await page.getByRole('button', { name: action }).click()
      await page.getByTestId('run-outcome').filter({ hasText: outcome }).waitFor({ timeout: 60_000 })
      await page.getByRole('button', { name: 'All runs' }).click()
    }
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 300_000)

  it("accepts a healed selector from the result and undoes it; dismisses one in the healing review; the suite's trend", async () => {
    const [environment] = (await wb.call('environments.list', {})).items
    const suite = await wb.call('suites.create', { name: 'Healing' })
    const healing = await wb.call('tests.create', {
      name: 'Login: renamed email field',
      environment_id: environment.id,
      suite_ids: [suite.id],
      steps: [
        { action: 'navigate', value: 'login.html' },
        { action: 'fill', target: { selector: '#email-old', alternatives: ['testid=login-username'] }, value: 'demo@testdesk.dev' },
      ],
    })
    const { page, context } = await wb.open('/runs')
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor()
    await buildRun(page, ['Login: renamed email field'], { workers: '1', retries: '0' })
    await page.getByTestId('run-outcome').filter({ hasText: 'Completed: the test passed' }).waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Login: renamed email field' }).click()
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: /^Step 2\b.*passed \(healed\)/ }).click()
    const decision = page.getByRole('region', { name: 'Step 2' }).getByRole('group', { name: 'Healed selector of step 2' })
    await decision.getByText('Healed: found with testid=login-username after #email-old found nothing.').waitFor()
    await expectAccessible(page, 'a healed step in the result viewer')
    const primary = async () => (await wb.call('steps.get', { id: healing.steps[1].id })).target
    await decision.getByRole('button', { name: 'Accept as primary selector' }).click()
    await decision.getByRole('status').filter({ hasText: 'Accepted: the step now uses testid=login-username, with #email-old kept as a fallback.' }).waitFor()
    expect(await primary()).toEqual({ selector: 'testid=login-username', alternatives: ['#email-old'] })
    await decision.getByRole('button', { name: 'Undo' }).click()
    await decision.getByRole('button', { name: 'Accept as primary selector' }).waitFor()
    expect(await primary()).toEqual({ selector: '#email-old', alternatives: ['testid=login-username'] })

    // The review lists it among every pending healing; dismissing leaves the step as it is.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click()
    await page.getByRole('button', { name: 'Healing review' }).click()
    await page.getByRole('heading', { name: 'Healing review' }).waitFor()
    expect(await page.getByTestId('healings-pending').textContent()).toBe('1 pending healing')
    const line = page.getByRole('listitem', { name: 'Login: renamed email field, step 2' })
    await expectAccessible(page, 'the healing review')
    await line.getByRole('button', { name: 'Dismiss' }).click()
    await line.getByRole('status').filter({ hasText: 'Dismissed: the step keeps its selector.' }).waitFor()
    expect(await primary()).toEqual({ selector: '#email-old', alternatives: ['testid=login-username'] })
    expect((await wb.call('healings.list', { status: 'pending' })).total).toBe(0)

    // The suite's trend: its run with pass rate and duration, a row that opens the run.
    await page.getByRole('button', { name: 'All runs' }).click()
    await page.getByRole('button', { name: 'Suite trends' }).click()
    await page.getByRole('combobox', { name: 'Suite' }).selectOption({ label: 'Healing' })
    await page.getByRole('img', { name: 'Pass rate and duration of Healing over its last 1 runs' }).locator('canvas').waitFor()
    expect(await page.getByTestId('suite-pass-rate').textContent()).toBe('100%')
    const trend = page.getByRole('table', { name: 'Runs of Healing, newest first' })
    expect((await trend.getByRole('row').nth(1).getByRole('cell').allTextContents()).slice(1, 4)).toEqual(['100%', '1 of 1', '0'])
    await expectAccessible(page, 'a suite trend')
    await trend.getByRole('rowheader').getByRole('button').click()
    await page.getByRole('progressbar', { name: 'Tests finished' }).waitFor()
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 180_000)

  it('says a first run stored a visual baseline; on a changed page shows the three images and accepts the new baseline by keyboard', async () => {
    const [environment] = (await wb.call('environments.list', {})).items
    const test = await wb.call('tests.create', {
      name: 'Visual: the badge',
      environment_id: environment.id,
      // A failing comparison retries until the step's time is up: keep that short.
      step_timeout_ms: 3000,
      steps: [
        { action: 'navigate', value: 'visual.html' },
        { action: 'checkpoint', target: { selector: '[data-testid=badge]' }, options: { checkpoint: { type: 'screenshot', name: 'Badge' } } },
      ],
    })
    const runOnce = async () => {
      const run = await wb.call('runs.create', { test_case_ids: [test.id], options: { trace: 'off', screenshots: 'off' } })
      await wb.call('runs.start', { id: run.id })
      await wb.core.runner!.waitFor(run.id)
      const [result] = (await wb.call('results.list', { test_run_id: run.id })).items
      const [checkpoint] = await wb.call('checkpoints.list', { test_run_result_id: result.id })
      return { path: `/runs/${run.id}/results/${result.test_run_item_id}`, result, checkpoint }
    }
    const first = await runOnce()
    expect(first.result.status).toBe('passed')
    const stored = await wb.open(first.path)
    await stored.page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: /^Step 2\b/ }).click()
    const created = stored.page.getByRole('region', { name: 'Step 2' }).getByRole('group', { name: 'Visual checkpoint Badge' })
    await created.getByRole('status').filter({ hasText: /^New baseline stored for Badge \(chromium 1280x720\): / }).waitFor()
    await created.getByRole('img', { name: 'New baseline of Badge' }).waitFor()
    expect(await created.getByRole('button', { name: 'Accept as new baseline' }).count()).toBe(0)
    expect(pageErrors(stored.page)).toEqual([])
    await stored.context.close()

    await wb.call('steps.update', { id: test.steps[0].id, value: 'visual.html?change=1' })
    const changed = await runOnce()
    expect(changed.result.status).toBe('failed')
    const { page, context } = await wb.open(changed.path)
    // The failed step opens first, with the baseline, the actual screenshot and their difference.
    const visual = page.getByRole('region', { name: 'Step 2' }).getByRole('group', { name: 'Visual checkpoint Badge' })
    for (const name of ['Baseline of Badge', 'Actual screenshot of Badge', 'Difference of Badge']) {
      await expect.poll(() => visual.getByRole('img', { name }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 }).toBe(240)
    }
    await expectAccessible(page, 'a failed visual checkpoint')

    // A screenshot gone from the data folder: the error in words, and the button still there.
    const accept = visual.getByRole('button', { name: 'Accept as new baseline' })
    const kept = join(wb.dataDir, changed.checkpoint.actual_screenshot_path)
    renameSync(kept, `${kept}.away`)
    await accept.focus()
    await page.keyboard.press('Enter')
    await visual.getByRole('alert').filter({ hasText: "The baseline was not accepted: The screenshot of checkpoint 'Badge' is gone from the data folder" }).waitFor()
    expect(await accept.isDisabled()).toBe(false)
    renameSync(`${kept}.away`, kept)

    await page.keyboard.press('Enter')
    await visual.getByRole('status').filter({ hasText: 'New baseline accepted: the next run compares with this screenshot.' }).waitFor()
    expect(await accept.getAttribute('aria-disabled')).toBe('true')
    expect(await accept.evaluate((button) => button === document.activeElement)).toBe(true)
    expect(await visual.getByRole('alert').count()).toBe(0)
    const [baseline] = await wb.call('checkpoints.baselines', { test_case_id: test.id })
    expect(baseline).toMatchObject({ name: 'Badge', browser: 'chromium', viewport: '1280x720', accepted_from: changed.checkpoint.id, path: changed.checkpoint.actual_screenshot_path })
    await expectAccessible(page, 'an accepted visual baseline')

    // Opened again, the result says it was accepted; the next run compares with it and passes.
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: /^Step 1\b/ }).click()
    await page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: /^Step 2\b/ }).click()
    await visual.getByRole('status').filter({ hasText: 'New baseline accepted' }).waitFor()
    expect(await accept.getAttribute('aria-disabled')).toBe('true')
    expect((await runOnce()).checkpoint).toMatchObject({ status: 'passed', checkpoint_name: 'Badge' })
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 120_000)

  it('counts data iterations in the run builder, saves a preset and loads it again', async () => {
    const { page, context } = await wb.open('/runs')
    await page.getByRole('button', { name: 'New run' }).click()
    const form = page.getByRole('form', { name: 'New run' })
    await form.getByRole('radio', { name: 'Suites, tests and tags' }).check()
    for (const name of ['Smoke: demo user can sign in', 'Login: each account in the data set']) {
      await form.getByRole('searchbox', { name: 'Filter tests' }).fill(name)
      await form.getByRole('group', { name: 'Tests' }).getByRole('checkbox', { name }).check()
    }
    await form.getByRole('spinbutton', { name: 'Workers (1-10)' }).fill('3')
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('2 tests will run; with data iterations, 3 executions (1 data-driven test, one per enabled row).')
    const presets = page.getByRole('group', { name: 'Presets' })
    await presets.getByRole('textbox', { name: 'Save as' }).fill('Sign-in, three workers')
    await presets.getByRole('button', { name: 'Save preset' }).click()
    await page.getByText('Saved the preset Sign-in, three workers').waitFor()
    expect((await wb.call('runPresets.list', {})).map((p: any) => [p.name, p.config.workers, p.config.test_ids.length])).toEqual([['Sign-in, three workers', 3, 2]])

    // Another visit starts from other choices; the preset brings these back.
    await form.getByRole('spinbutton', { name: 'Workers (1-10)' }).fill('1')
    await form.getByRole('group', { name: 'Tests' }).getByRole('checkbox', { name: 'Login: each account in the data set' }).uncheck()
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click()
    await page.getByRole('button', { name: 'New run' }).click()
    await presets.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Sign-in, three workers' })
    await presets.getByRole('button', { name: 'Load preset' }).click()
    expect(await form.getByRole('spinbutton', { name: 'Workers (1-10)' }).inputValue()).toBe('3')
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('2 tests will run; with data iterations, 3 executions (1 data-driven test, one per enabled row).')
    await expectAccessible(page, 'the run builder with presets')
    expect(pageErrors(page)).toEqual([])
    await context.close()
  }, 120_000)
})
