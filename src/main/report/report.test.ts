// The report data, the HTML file's structure and policy, JSON, and reports.export with the
// mistakes a caller can make.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { bareCores } from '../core/testing'
import { pathToFileURL } from 'node:url'
import { collectReportData, formatDuration, shellQuote, statusLabel } from './data'
import { VIEWER_JS } from './viewer-script'
import { buildFixtureRun, call, XSS_PAYLOADS } from '../testing/fixture-runs'
import { escapeHtml, renderHtml } from './html'
import { fixturePng } from './png'

const cores = bareCores()
const newCore = cores.open
const failure = cores.failure
afterEach(() => cores.closeAll())

const tempDir = () => mkdtempSync(join(tmpdir(), 'td-out-'))

describe('report data', () => {
  it('counts, labels, attempts, flaky marking, suites and the failing step of a run', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const data = collectReportData(core.context.store, fixture.runId)
    expect(data.run.counts).toEqual({ total: 7, passed: 3, failed: 2, skipped: 1, no_run: 1, flaky: 1 })
    expect(data.run.pass_rate).toBe(42.86)
    expect(data.run.environment).toBe('Staging')
    expect(data.run.tags).toEqual(['nightly', 'release-2.4'])
    const test = (name: string) => data.tests.find((t) => t.name === name)!
    expect(test(fixture.names.dataPass).label).toBe('Pass (3/3)')
    expect(test(fixture.names.dataFail).label).toBe('Fail (1/2)')
    expect(test(fixture.names.dataFail).executions.map((x) => [x.iteration, x.status, x.data])).toEqual([
      [1, 'passed', { locale: 'en-GB' }],
      [2, 'failed', { locale: 'fr-FR' }],
    ])
    expect(test(fixture.names.dataPass).executions[0].data).toEqual({ email: 'ann@example.test', pin: '••••••' })
    // A data-driven test's executions are bundled by data group; a test with none has no bundle.
    expect(test(fixture.names.dataPass).bundle).toMatchObject({ executions: 3 })
    expect(test(fixture.names.failed).bundle).toBeNull()
    const flaky = test(fixture.names.flaky)
    expect([flaky.status, flaky.flaky, flaky.attempts, flaky.label]).toEqual(['passed', true, 2, 'Passed'])
    expect(flaky.executions.map((x) => [x.attempt, x.status])).toEqual([
      [0, 'failed'],
      [1, 'passed'],
    ])
    const failed = test(fixture.names.failed)
    expect([failed.status, failed.flaky, failed.attempts, failed.error_message, failed.error_step_number]).toEqual(['failed', false, 2, fixture.failure.message, 3])
    expect(failed.error_screenshot).not.toBeNull()
    expect(failed.suite).toEqual(['Regression', 'Checkout'])
    const checkpoint = failed.executions[1].checkpoints[0]
    expect(checkpoint).toMatchObject({ status: 'failed', step_number: 3, verifications: [{ property: 'text', expected: '$42.00', actual: '$40.00', passed: false }] })
    expect(test(fixture.names.noRun)).toMatchObject({ status: 'no_run', label: 'No run', attempts: 0, executions: [] })
    const passed = test(fixture.names.passed)
    expect(passed.executions[0].console.map((l) => l.level)).toEqual(['info', 'warn'])
    expect(passed.executions[0].network.map((n) => n.status_code)).toEqual([200, 404])
    expect(passed.executions[0].scripts[0]).toMatchObject({ name: 'Seed users', stdout: 'seeded 3 users', return_value: '{"users":3}' })
  })

  it('carries each screenshot once, by content, however many rows or paths point at it', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const store = core.context.store
    // Three stored screenshots, referenced by steps, errors and two attempts.
    expect(collectReportData(store, fixture.runId).images).toHaveLength(3)

    // The same bytes under a path the artifacts table does not know are still one image.
    const png = fixturePng(42)
    const stored = store.artifacts.save(png, 'image/png').path
    mkdirSync(store.artifacts.absolute('copies'), { recursive: true })
    copyFileSync(store.artifacts.absolute(stored), store.artifacts.absolute('copies/again.png'))
    const test = await call(core, 'tests.create', { name: 'One shot' })
    const run = await call(core, 'runs.create', { test_case_ids: [test.id] })
    await call(core, 'runs.start', { id: run.id })
    const item = (await call(core, 'runItems.list', { test_run_id: run.id })).items[0]
    const result = await call(core, 'results.submit', { test_run_id: run.id, test_run_item_id: item.id, test_case_id: test.id, status: 'failed', error_screenshot_path: 'copies/again.png' })
    await call(core, 'stepResults.add', { test_run_result_id: result.id, steps: [{ step_number: 1, action: 'click', status: 'failed', screenshot_path: stored }, { step_number: 2, action: 'click', status: 'skipped', screenshot_path: '../outside.png' }] })
    const data = collectReportData(store, run.id)
    expect(data.images.map((i) => i.sha256)).toEqual([createHash('sha256').update(png).digest('hex')])
    expect(data.tests[0].executions[0].steps.map((s) => s.screenshot)).toEqual([0, null])
    expect(data.tests[0].error_screenshot).toBe(0)
  })

  it('says the run’s outcome, each failure once, what a checkpoint checked, and where the trace is', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const store = core.context.store
    const data = collectReportData(store, fixture.runId)
    expect(data.run.outcome).toEqual({ label: 'Completed: 2 failed, 1 skipped, 1 not run of 7', tone: 'failed' })
    const failed = data.tests.find((t) => t.name === fixture.names.failed)!
    expect(failed.failure).toEqual({ step: 3, step_text: 'assert step 3', message: fixture.failure.message })
    expect(failed.executions[1].failure).toEqual(failed.failure)
    expect(failed.executions[1].checkpoints[0].subject).toBe('element')
    // What did not fail is not worded as a failure.
    expect(data.tests.filter((t) => t.failure).map((t) => t.name).sort()).toEqual([fixture.names.failed, fixture.names.dataFail].sort())

    // A run as the runner stores it: "Step 2 (…): …" on the result, a kept trace, a title checkpoint.
    const test = await call(core, 'tests.create', { name: 'Title check' })
    const run = await call(core, 'runs.create', { test_case_ids: [test.id] })
    await call(core, 'runs.start', { id: run.id })
    const item = (await call(core, 'runItems.list', { test_run_id: run.id })).items[0]
    const trace = store.artifacts.save(Buffer.from('PK trace'), 'application/zip', 'zip').path
    const result = await call(core, 'results.submit', {
      test_run_id: run.id, test_run_item_id: item.id, test_case_id: test.id, status: 'failed', trace_path: trace,
      error_message: "Step 2 (Verify the page title equals 'Shop'): Expected the page title to equal 'Shop' but was 'Cart'", error_step_number: 2,
    })
    const steps = await call(core, 'stepResults.add', { test_run_result_id: result.id, steps: [
      { step_number: 1, action: 'navigate', status: 'passed', description: 'Navigate to /' },
      { step_number: 2, action: 'checkpoint', status: 'failed', description: "Verify the page title equals 'Shop'", error_message: "Expected the page title to equal 'Shop' but was 'Cart'" },
    ] })
    await call(core, 'checkpoints.add', { test_run_result_id: result.id, checkpoints: [{ checkpoint_name: 'Title', checkpoint_type: 'element', status: 'failed', test_step_result_id: steps[1].id, property_verifications: [{ property_name: 'title', expected_value: 'Shop', actual_value: 'Cart', passed: false, operator: 'equals' }] }] })
    const x = collectReportData(store, run.id).tests[0].executions[0]
    expect(x.failure).toEqual({ step: 2, step_text: "Verify the page title equals 'Shop'", message: "Expected the page title to equal 'Shop' but was 'Cart'" })
    expect(x.checkpoints[0].subject).toBe('page title')
    const file = store.artifacts.absolute(trace)
    expect(x.trace).toEqual({ file, url: pathToFileURL(file).href, command: `npx playwright show-trace ${file}` })
    expect(shellQuote("/tmp/my data/it's.zip")).toBe(`'/tmp/my data/it'\\''s.zip'`)
  })

  it('labels data-driven items Pass (X/Y) and Fail (X/Y)', () => {
    expect(statusLabel({ status: 'passed', is_data_driven: true, passed_iterations: 3, total_iterations: 3 })).toBe('Pass (3/3)')
    expect(statusLabel({ status: 'failed', is_data_driven: true, passed_iterations: 1, total_iterations: 4 })).toBe('Fail (1/4)')
    expect(statusLabel({ status: 'no_run', is_data_driven: false, passed_iterations: 0, total_iterations: 0 })).toBe('No run')
  })
})

describe('HTML report', () => {
  function scripts(html: string) {
    return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attributes: m[1], body: m[2] }))
  }

  it('allows only its own hashed script and style, and no network', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const { html } = renderHtml(collectReportData(core.context.store, fixture.runId))
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&#39;/g, "'")
    const executable = scripts(html).filter((s) => !/type="application\/octet-stream"/.test(s.attributes))
    expect(executable).toHaveLength(1)
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]
    expect(csp).toContain(`script-src ${sha(executable[0].body)}`)
    expect(csp).toContain(`style-src ${sha(style)}`)
    expect(csp).toMatch(/default-src 'none'/)
    expect(csp).toMatch(/connect-src 'none'/)
    expect(csp).toContain('img-src data: blob:;')
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:|\/\/)/)
    expect(html).not.toMatch(/\sstyle=/)
  })

  it('escapes everything in the server-rendered part and embeds the run once, compressed', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core, { xss: true })
    const data = collectReportData(core.context.store, fixture.runId)
    const { html } = renderHtml(data)
    const visible = html.slice(0, html.indexOf('<script'))
    for (const payload of XSS_PAYLOADS) {
      if (/[<>"']/.test(payload)) expect(visible).not.toContain(payload)
    }
    expect(visible).toContain(escapeHtml(fixture.runName))
    expect(visible).toContain('&lt;svg onload=alert(1)&gt;')
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;')
    const unpack = (id: string) => JSON.parse(gunzipSync(Buffer.from(new RegExp(`id="${id}">([^<]*)<`).exec(html)![1], 'base64')).toString('utf8'))
    const index = unpack('report-data')
    expect(index.tests.map((t: { name: string }) => t.name)).toEqual(data.tests.map((t) => t.name))
    const details = unpack('report-details')
    expect(details).toHaveLength(data.tests.length)
    expect(details[1][1].steps[2]).toEqual([3, 'assert', expect.any(String), 'failed', 130, expect.any(String), fixture.failure.message, 0, expect.any(String)])
    // TestDesk's own stack stays in the database (see `testdesk show --debug`), out of the report.
    expect(JSON.stringify(details)).not.toContain('checkout.spec')
    const images = scripts(html).filter((s) => /id="img-\d+"/.test(s.attributes))
    expect(images).toHaveLength(3)
    expect(new Set(images.map((i) => i.body)).size).toBe(3)
  })

  it('writes screenshots beside the page when asked, named by content and referenced relatively', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const out = tempDir()
    const report = await call(core, 'reports.export', { run_id: fixture.runId, format: 'html', images: 'beside', path: join(out, 'nightly.html') })
    expect(report.images_written).toBe(3)
    const files = readdirSync(join(out, 'nightly-files'))
    expect(files).toHaveLength(3)
    for (const file of files) expect(file).toBe(`${createHash('sha256').update(readFileSync(join(out, 'nightly-files', file))).digest('hex')}.png`)
    const html = readFileSync(report.path, 'utf8')
    expect(html).not.toContain('id="img-')
    expect(html).toContain("img-src data: blob: &#39;self&#39;")
  })
})

describe('HTML report viewer', () => {
  it('writes durations as the CLI and the summary do', () => {
    const source = /function ms\(v\) \{[\s\S]*?\n\}/.exec(VIEWER_JS)![0]
    const ms = new Function(`${source}; return ms`)() as (v: number) => string
    for (const value of [0, 999, 1000, 4249, 59_949, 59_950, 60_000, 119_499, 119_500, 119_600, 201_400, 3_600_000]) expect(ms(value), String(value)).toBe(formatDuration(value))
  })
})

describe('JSON report', () => {
  it('parses back into the whole run', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const report = await call(core, 'reports.export', { run_id: fixture.runId, format: 'json', path: join(tempDir(), 'run.json') })
    const doc = JSON.parse(readFileSync(report.path, 'utf8'))
    expect(doc).toMatchObject({ format: 'testdesk-run-report', version: 1, run: { id: fixture.runId, name: 'Run_001', counts: { total: 7, failed: 2 } } })
    expect(doc.tests).toHaveLength(7)
    const failed = doc.tests.find((t: { name: string }) => t.name === fixture.names.failed)
    expect(failed.executions[1].steps.map((s: { status: string }) => s.status)).toEqual(['passed', 'passed', 'failed', 'skipped'])
    expect(doc.images[failed.error_screenshot]).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mime: 'image/png' })
    expect(report.bytes).toBe(Buffer.byteLength(readFileSync(report.path, 'utf8')))
  })
})

describe('reports.export', () => {
  it('writes to the data directory by default and remembers the HTML report on the run', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const html = await call(core, 'reports.export', { run_id: fixture.runId })
    expect(html).toMatchObject({ path: join(core.context.dataDir, 'reports', 'Run_001', 'report.html'), format: 'html' })
    expect(existsSync(html.path)).toBe(true)
    expect((await call(core, 'runs.get', { id: fixture.runId })).report_path).toBe(html.path)
    const junit = await call(core, 'reports.export', { run_id: fixture.runId, format: 'junit' })
    expect(junit.path).toBe(join(core.context.dataDir, 'reports', 'Run_001', 'report.xml'))
    // A relative path is taken from the working directory; missing folders are created.
    const target = join(tempDir(), 'deeper', 'r.html')
    const relativeReport = await call(core, 'reports.export', { run_id: fixture.runId, path: relative(process.cwd(), target) })
    expect(relativeReport.path).toBe(target)
    expect(readdirSync(core.context.dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('refuses bad input with the field named and leaves the run untouched', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    const out = tempDir()
    writeFileSync(join(out, 'a-file'), 'x')
    const cases: [unknown, string, string][] = [
      [{ run_id: fixture.runId, path: out }, 'path', 'is a folder'],
      [{ run_id: fixture.runId, path: join(out, 'a-file', 'report.html') }, 'path', 'cannot create the folder'],
      [{ run_id: fixture.runId, path: '  ' }, 'path', 'must not be empty'],
      [{ run_id: fixture.runId, path: 'a\0b.html' }, 'path', 'NUL'],
      [{ run_id: fixture.runId, format: 'pdf' }, 'format', ''],
      [{ run_id: fixture.runId, format: 'junit', images: 'beside' }, 'images', 'only the html format'],
      [{ run_id: 'not-a-uuid' }, 'run_id', 'UUID'],
      [{ run_id: fixture.runId, colour: 'red' }, '', ''],
    ]
    for (const [input, field, message] of cases) {
      const error = await failure(core, 'reports.export', input)
      expect(error.kind, JSON.stringify(input)).toBe('validation')
      expect(error.issues?.[0].field).toBe(field)
      expect(error.message).toContain(message)
    }
    expect((await failure(core, 'reports.export', { run_id: '01890000-0000-7000-8000-000000000000' })).kind).toBe('not_found')
    expect((await call(core, 'runs.get', { id: fixture.runId })).report_path).toBeNull()
    expect(existsSync(join(core.context.dataDir, 'reports'))).toBe(false)
  })

  it('finds a run by number, name or id', async () => {
    const core = await newCore()
    const fixture = await buildFixtureRun(core)
    for (const ref of ['1', '#1', 'Run_001', 'run_001', fixture.runId]) expect((await call(core, 'reports.findRun', { ref })).id, ref).toBe(fixture.runId)
    const missing = await failure(core, 'reports.findRun', { ref: 'Run_404' })
    expect(missing.kind).toBe('not_found')
    expect(missing.message).toContain('give a run number such as 12')
  })
})
