// The demo's checkpoint tests from the command line: a first run passes and says it made a visual
// baseline, every report format carries each checkpoint kind, `testdesk baselines` lists it, and
// the captured secret token appears nowhere.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { runTestdesk, tempDataDir } from './support/cli'

const VISUAL_TEST = 'Checkpoints: the badge looks the same and the pages are accessible'

it('runs the demo checkpoints, reports every kind, lists the new baseline and keeps the token secret', async () => {
  const dataDir = tempDataDir()
  expect((await runTestdesk(['demo', '--data-dir', dataDir])).code).toBe(0)
  const out = join(dataDir, 'reports')
  const run = await runTestdesk(['run', '--suite', 'Demo/Checkpoints', '--trace', 'off', '--report', 'html,json,junit', '--out', out, '--data-dir', dataDir], {}, 300_000)
  expect(run.stdout).toContain('3 passed, 0 failed of 3')
  expect(run.code).toBe(0)

  const show = await runTestdesk(['show', '1', '--data-dir', dataDir])
  expect(show.stdout).toContain('New visual baseline: Demo badge (chromium 1280x720)')

  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  const kinds = report.tests.flatMap((t: any) => t.executions.flatMap((x: any) => x.checkpoints.map((c: any) => `${c.type}: ${c.name}`)))
  expect(kinds).toEqual(expect.arrayContaining([
    'api: Users endpoint answers quickly with five users',
    'api: The token goes along as a bearer token',
    expect.stringMatching(/^download: Downloaded file 'data\.json'/),
    'screenshot: Demo badge (new baseline)',
    'accessibility: Only the known violations',
  ]))
  // The HTML report embeds the same data as report.json, compressed (src/main/report/report.test.ts).
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Checkpoints')
  expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('Checkpoints: the downloaded data file is right')

  const baselines = await runTestdesk(['baselines', VISUAL_TEST, '--json', '--data-dir', dataDir])
  expect(JSON.parse(baselines.stdout)).toEqual([expect.objectContaining({ name: 'Demo badge', browser: 'chromium', viewport: '1280x720', accepted_from: null })])
  const wrong = await runTestdesk(['baselines', 'accept', '00000000-0000-7000-8000-000000000000', '--data-dir', dataDir])
  expect(wrong.code).not.toBe(0)
  expect(wrong.stderr).toContain('Checkpoint result not found')

  // The token /api/login answered is captured as secret: masked in the database and the reports
  // (report.html is compressed: its data is report.json's).
  for (const file of [...readdirSync(out).map((f) => join(out, f)), join(dataDir, 'testdesk.db')]) {
    expect(readFileSync(file).includes('demo-token-demo'), file).toBe(false)
  }
}, 400_000)
