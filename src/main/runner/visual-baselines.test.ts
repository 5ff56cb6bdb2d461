// Visual baselines through the core: a first run stores the baseline (and says so), a changed
// page fails keeping expected, actual and diff images, and the tester's accept makes the next
// run pass. Real Chromium against the demo site, one data directory.
import { existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openCore, type Core } from '../core'
import { startDemoSite, type DemoSiteServer } from '../demosite/server'

let site: DemoSiteServer
let core: Core
let dataDir: string
beforeAll(async () => {
  site = await startDemoSite()
  dataDir = mkdtempSync(join(tmpdir(), 'td-visual-'))
  core = await openCore({ dataDir })
})
afterAll(async () => {
  await core?.close()
  await site?.close()
})

async function call<T = any>(name: string, input: unknown): Promise<T> {
  const result = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!result.ok) throw new Error(`${name}: ${result.error.kind}: ${result.error.message}`)
  return result.value as T
}

async function runOnce(testId: string) {
  const run = await call('runs.create', { test_case_ids: [testId], options: { trace: 'off', screenshots: 'off' } })
  await call('runs.start', { id: run.id })
  await core.runner!.waitFor(run.id)
  const [result] = (await call('results.list', { test_run_id: run.id })).items
  const [checkpoint] = await call<any[]>('checkpoints.list', { test_run_result_id: result.id })
  return { result, checkpoint }
}

it('stores a first baseline, fails on changed pixels with three images, and passes after the new screenshot is accepted', async () => {
  const test = await call('tests.create', {
    name: 'Badge looks right',
    start_url: `${site.url}visual.html`,
    step_timeout_ms: 5000,
    steps: [{ action: 'checkpoint', target: { selector: '[data-testid=badge]' }, options: { checkpoint: { type: 'screenshot', name: 'badge' } } }],
  })

  const first = await runOnce(test.id)
  expect(first.result.status, `${first.result.error_message} ${first.result.initial_url} ${first.result.final_url}`).toBe('passed')
  expect(first.checkpoint).toMatchObject({ checkpoint_type: 'screenshot', status: 'passed', checkpoint_name: 'badge (new baseline)', actual_properties: { baseline: 'created' } })
  const [baseline] = await call<any[]>('checkpoints.baselines', { test_case_id: test.id })
  expect(baseline).toMatchObject({ name: 'badge', browser: 'chromium', viewport: '1280x720', accepted_from: null, path: first.checkpoint.actual_screenshot_path })

  const current = await call('tests.get', { id: test.id })
  await call('tests.update', { id: test.id, if_version: current.version, start_url: `${site.url}visual.html?change=1` })
  const changed = await runOnce(test.id)
  expect(changed.result.status).toBe('failed')
  expect(changed.checkpoint.error_message).toMatch(/^16 pixels \(.*\) differ from baseline 'badge'; 0 allowed/)
  for (const path of ['baseline_screenshot_path', 'actual_screenshot_path', 'diff_screenshot_path']) {
    expect(existsSync(join(dataDir, changed.checkpoint[path])), path).toBe(true)
  }
  expect(changed.checkpoint.baseline_screenshot_path).toBe(baseline.path)
  const diff = PNG.sync.read(readFileSync(join(dataDir, changed.checkpoint.diff_screenshot_path)))
  const actual = PNG.sync.read(readFileSync(join(dataDir, changed.checkpoint.actual_screenshot_path)))
  expect([diff.width, diff.height]).toEqual([actual.width, actual.height])
  expect(actual.width).toBe(240)

  const element = await core.dispatcher.call('checkpoints.acceptBaseline', { id: (await call<any[]>('stepResults.list', { test_run_result_id: changed.result.id }))[0].id }, { transport: 'direct' })
  expect(element.ok ? null : element.error.kind).toBe('not_found')
  // A screenshot removed from the data folder by hand: an error that says so, the baseline kept.
  const kept = join(dataDir, changed.checkpoint.actual_screenshot_path)
  renameSync(kept, `${kept}.away`)
  const gone = await core.dispatcher.call('checkpoints.acceptBaseline', { id: changed.checkpoint.id }, { transport: 'direct' })
  renameSync(`${kept}.away`, kept)
  expect(gone.ok ? null : gone.error).toEqual({ kind: 'invalid_state', message: `The screenshot of checkpoint 'badge' is gone from the data folder (${changed.checkpoint.actual_screenshot_path}): run the test again and accept that result` })
  expect(await call('checkpoints.baselines', { test_case_id: test.id })).toEqual([baseline])
  const accepted = await call('checkpoints.acceptBaseline', { id: changed.checkpoint.id })
  expect(accepted).toMatchObject({ name: 'badge', accepted_from: changed.checkpoint.id, path: changed.checkpoint.actual_screenshot_path })
  expect((await runOnce(test.id)).checkpoint).toMatchObject({ status: 'passed', checkpoint_name: 'badge' })
}, 120_000)
