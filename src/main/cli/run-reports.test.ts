// `testdesk run --report`: the reports a finished run gets, written through the contract.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bareCores } from '../core/testing'
import { buildFixtureRun } from '../testing/fixture-runs'
import { writeRunReports } from './run-reports'

const cores = bareCores()
const newCore = cores.open
afterEach(() => cores.closeAll())

const tempDir = () => mkdtempSync(join(tmpdir(), 'td-out-'))

describe('run reports', () => {
  it('writeRunReports writes each asked format into the output folder for `testdesk run --report`', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const out = join(tempDir(), 'reports')
    const paths = await writeRunReports(core, fixture.runId, ['html', ' JUnit', 'json', 'html'], out)
    expect(paths).toEqual([join(out, 'report.html'), join(out, 'junit.xml'), join(out, 'report.json')])
    for (const path of paths) expect(existsSync(path)).toBe(true)
    await expect(writeRunReports(core, fixture.runId, ['html', 'pdf'], out)).rejects.toThrow("report.1: unknown report format 'pdf' (use html, junit, json)")
  })
})
