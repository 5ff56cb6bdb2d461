// Visual, accessibility, API and download checkpoints and the request step, passing and failing
// on the demo site: one site and one Chromium for the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECRET_MASK } from '../../../shared/secret-mask'
import { startEngineFixture, step, type EngineFixture, type StepSpec } from './testing'
import type { VisualBaselineKey, VisualCapture } from './types'

let fx: EngineFixture
beforeAll(async () => {
  fx = await startEngineFixture()
}, 60_000)
afterAll(async () => {
  await fx?.close()
})

const checkpoint = (checkpoint: Record<string, unknown>, target: string | null = null, extra: Record<string, unknown> = {}): StepSpec =>
  step('checkpoint', target, null, { checkpoint, ...extra })

describe('API checkpoint and request step', () => {
  it('captures values from a response for later steps, and checks status, JSON paths, headers and time', async () => {
    const outcome = await fx.run([
      step('request', null, '/api/users', { capture: [{ name: 'first', from: 'json', path: '$.users[0].name' }, { name: 'kind', from: 'header', path: 'Content-Type' }] }),
      checkpoint({
        type: 'api',
        url: '/api/echo',
        method: 'POST',
        body: '{"name": "${first}"}',
        assertions: [
          { source: 'status', expected: 200 },
          { source: 'json', path: '$.body.name', expected: '${first}' },
          { source: 'json', path: '$.method', operator: 'matches', expected: '^PO' },
          { source: 'header', path: 'content-type', operator: 'contains', expected: 'json' },
          { source: 'time', operator: 'less_than', expected: 5000 },
        ],
        capture: [{ name: 'echoed', from: 'json', path: '$.body.name' }],
      }),
      step('set_variable', null, 'got ${echoed} as ${kind}', { name: 'summary' }),
    ])
    expect(outcome.status, outcome.errorMessage ?? '').toBe('passed')
    expect(outcome.variables.first).toBe('Alice Martin')
    expect(outcome.variables.summary).toMatch(/^got Alice Martin as application\/json/)
    const [api] = outcome.steps[1].checkpoints
    expect(api).toMatchObject({ checkpoint_type: 'api', status: 'passed', failed_properties: [] })
    expect(api.property_verifications?.map((v) => v.property_name)).toEqual(['status', '$.body.name', '$.method', 'header content-type', 'response time'])
    // Requests a step sends are in the network log with the page's own.
    const sent = outcome.networkLogs.filter((l) => l.resource_type === 'request-step')
    expect(sent.map((l) => `${l.method} ${new URL(l.url).pathname} ${l.status_code}`)).toEqual(['GET /api/users 200', 'POST /api/echo 200'])
    expect(sent[1].request_body_preview).toBe('{"name": "Alice Martin"}')
  })

  it('fails on the failing and the slow endpoint, saying what was expected and what came', async () => {
    const outcome = await fx.run([
      checkpoint({ type: 'api', url: '/api/fail', assertions: [{ source: 'status', expected: 200 }, { source: 'json', path: '$.error', expected: 'Internal Server Error' }] }, null, { continue_on_failure: true }),
      checkpoint({ type: 'api', url: '/api/slow?ms=400', assertions: [{ source: 'time', operator: 'less_than', expected: 150 }] }, null, { continue_on_failure: true }),
      checkpoint({ type: 'api', url: '/api/users', assertions: [{ source: 'json', path: '$.users[9].name', operator: 'exists' }] }, null, { continue_on_failure: true }),
      step('request', null, '/api/fail'),
    ])
    expect(outcome.steps.map((s) => s.status)).toEqual(['failed', 'failed', 'failed', 'failed'])
    expect(outcome.steps[0].error_message).toMatch(/GET .*\/api\/fail \(500\): Expected status equals 200 but was 500$/)
    expect(outcome.steps[0].checkpoints[0]).toMatchObject({ status: 'failed', failed_properties: ['status'] })
    expect(outcome.steps[1].error_message).toMatch(/Expected response time less than 150 ms but was \d+ ms/)
    expect(outcome.steps[2].error_message).toMatch(/Expected \$\.users\[9\]\.name exists .* but was nothing \(not found\)/)
    expect(outcome.steps[3].error_message).toMatch(/answered 500 Internal Server Error/)
  })

  it('masks a value captured as secret everywhere the run shows it', async () => {
    const outcome = await fx.run([
      step('request', null, '/api/login', {
        method: 'POST',
        body: '{"username": "demo@testdesk.dev", "password": "secret123"}',
        capture: [{ name: 'token', from: 'json', path: '$.token', secret: true }],
      }),
      step('set_variable', null, 'Bearer ${token}', { name: 'auth' }),
    ], { secrets: ['secret123'] })
    expect(outcome.status, outcome.errorMessage ?? '').toBe('passed')
    const everything = JSON.stringify({ steps: outcome.steps, logs: outcome.networkLogs, variables: outcome.variables })
    expect(everything).not.toContain('demo-token-demo')
    expect(everything).not.toContain('secret123')
    expect(outcome.steps[0].output).toContain(`token = ${SECRET_MASK}`)
  })

  it('refuses a malformed API checkpoint before it runs, naming the field', async () => {
    const outcome = await fx.run([checkpoint({ type: 'api', url: '/api/users', assertions: [{ source: 'json', operator: 'equals', expected: 1 }] })])
    expect(outcome.steps[0].status).toBe('failed')
    expect(outcome.steps[0].error_message).toMatch(/path.*JSON path/)
  })
})

describe('visual checkpoint', () => {
  const key = (k: VisualBaselineKey) => `${k.name}|${k.browser}|${k.viewport}`
  const baselines = new Map<string, Buffer>()
  const provider = { get: (k: VisualBaselineKey) => baselines.get(key(k)) ?? null }
  const shot = (page: string, extra: Record<string, unknown> = {}) => [
    step('navigate', null, page),
    checkpoint({ type: 'screenshot', name: 'badge page', mask: ['#clock'], ...extra }, null, { timeout_ms: 3000 }),
  ]
  const visualOf = (steps: { visuals?: VisualCapture[] }[]) => steps.flatMap((s) => s.visuals ?? [])[0]

  it('stores the first screenshot as the baseline and says so, then passes, fails on a few pixels, and passes once accepted', async () => {
    const first = await fx.run(shot('/visual.html'), { baselines: provider })
    expect(first.status, first.errorMessage ?? '').toBe('passed')
    const created = visualOf(first.steps)
    expect(created).toMatchObject({ created: true, baseline: null, key: { name: 'badge page', browser: 'chromium', viewport: '1280x720' } })
    expect(first.steps[1].checkpoints[0].checkpoint_name).toBe('badge page (new baseline)')
    expect(first.steps[1].output).toMatch(/New baseline 'badge page' stored for chromium 1280x720/)
    baselines.set(key(created.key), created.actual)

    // The clock changes every second and the spinner turns: masked and stopped, they do not count.
    const same = await fx.run(shot('/visual.html'), { baselines: provider })
    expect(same.status, same.errorMessage ?? '').toBe('passed')
    expect(same.steps[1].checkpoints[0]).toMatchObject({ status: 'passed', diff_percentage: 0 })

    const changed = await fx.run(shot('/visual.html?change=1'), { baselines: provider })
    expect(changed.status).toBe('failed')
    expect(changed.steps[1].error_message).toMatch(/^16 pixels \(0%\) differ from baseline 'badge page'; 0 allowed/)
    const failed = visualOf(changed.steps)
    expect(failed.diff).toBeInstanceOf(Buffer)
    expect(failed.baseline?.equals(created.actual)).toBe(true)

    const tolerant = await fx.run(shot('/visual.html?change=1', { max_diff_pixels: 16 }), { baselines: provider })
    expect(tolerant.status, tolerant.errorMessage ?? '').toBe('passed')

    baselines.set(key(failed.key), failed.actual)
    const accepted = await fx.run(shot('/visual.html?change=1'), { baselines: provider })
    expect(accepted.status, accepted.errorMessage ?? '').toBe('passed')
  })

  it('compares an element against its own baseline, per viewport', async () => {
    const element = [step('navigate', null, '/visual.html'), checkpoint({ type: 'screenshot', name: 'badge' }, '[data-testid=badge]')]
    const first = await fx.run(element, { baselines: provider })
    const made = visualOf(first.steps)
    expect(made.created).toBe(true)
    baselines.set(key(made.key), made.actual)
    expect((await fx.run(element, { baselines: provider })).status).toBe('passed')
    const small = await fx.run(element, { baselines: provider }, (context) => context.pages()[0]?.setViewportSize({ width: 800, height: 600 }) ?? context.newPage().then((p) => p.setViewportSize({ width: 800, height: 600 })))
    expect(visualOf(small.steps).key.viewport).toBe('800x600')
    expect(visualOf(small.steps).created).toBe(true)
  })
})

describe('accessibility checkpoint', () => {
  // axe-core takes seconds on a busy machine: the steps get room, the verdicts stay the same.
  const a11y = (c: Record<string, unknown>, target: string | null = null, extra: Record<string, unknown> = {}) => checkpoint({ type: 'accessibility', ...c }, target, { timeout_ms: 30_000, ...extra })
  it('lists each violation with its rule, impact, help and elements, and passes once they are acknowledged', async () => {
    const failing = await fx.run([step('navigate', null, '/a11y-violations.html'), a11y({})])
    expect(failing.status).toBe('failed')
    const [result] = failing.steps[1].checkpoints
    expect(result.failed_properties?.sort()).toEqual(['button-name', 'color-contrast', 'html-has-lang', 'image-alt', 'label', 'link-name'])
    const image = result.property_verifications?.find((v) => v.property_name === 'image-alt')
    expect(image?.actual_value).toMatchObject({ impact: 'critical', help: 'Images must have alternative text', nodes: [{ target: '#logo-no-alt' }] })
    expect(failing.steps[1].error_message).toMatch(/^6 accessibility violations not acknowledged: .*image-alt \(critical\): Images must have alternative text — 1 element: #logo-no-alt/)

    const acknowledged = await fx.run([
      step('navigate', null, '/a11y-violations.html'),
      a11y({
        tags: ['wcag2a', 'wcag2aa', 'best-practice'],
        impact: 'serious',
        acknowledged: [{ rule: 'button-name' }, { rule: 'color-contrast', selector: '#low-contrast' }, { rule: 'html-has-lang' }, { rule: 'image-alt' }, { rule: 'label' }, { rule: 'link-name' }],
      }),
    ])
    // heading-order is best-practice and moderate: below the threshold, listed but not failing.
    expect(acknowledged.status, acknowledged.errorMessage ?? '').toBe('passed')
    const listed = acknowledged.steps[1].checkpoints[0].property_verifications ?? []
    expect(listed.find((v) => v.property_name === 'heading-order')).toMatchObject({ passed: true, expected_value: 'below serious impact' })
    expect(listed.find((v) => v.property_name === 'image-alt')).toMatchObject({ passed: true, operator: 'acknowledged' })
  })

  it('checks only the target element when given one, and passes a clean page', async () => {
    const outcome = await fx.run([
      step('navigate', null, '/a11y-violations.html'),
      a11y({}, '#empty-button', { continue_on_failure: true }),
      step('navigate', null, '/login.html'),
      a11y({}),
    ])
    expect(outcome.steps[1].checkpoints[0].failed_properties).toEqual(['button-name'])
    expect(outcome.steps[3].checkpoints[0]).toMatchObject({ status: 'passed', failed_properties: [] })
  })
})

describe('download checkpoint', () => {
  it('checks the last download: name, size, SHA-256 and content', async () => {
    const outcome = await fx.run([
      step('navigate', null, '/download.html'),
      step('click', '[data-testid=download-json]'),
      checkpoint({ type: 'download', file_name: '*.json', min_size: 10, max_size: 10_000, contains: '"Gamma"', matches: '/"generatedBy":\\s*"TestDesk Demo"/' }),
      step('click', '[data-testid=download-report]'),
      checkpoint({ type: 'download', file_name: '/^report\\.csv$/', sha256: '0'.repeat(64), contains: 'no such text' }),
    ])
    expect(outcome.steps[2].status, outcome.steps[2].error_message ?? '').toBe('passed')
    expect(outcome.steps[2].checkpoints[0]).toMatchObject({ checkpoint_type: 'download', status: 'passed', actual_properties: { file_name: 'data.json' } })
    expect(outcome.steps[4].status).toBe('failed')
    expect(outcome.steps[4].checkpoints[0].failed_properties).toEqual(['sha256', 'content'])
    expect(outcome.steps[4].error_message).toMatch(/Expected 'report\.csv' to have SHA-256 0{64} but it has [0-9a-f]{64}; Expected 'report\.csv' to contain 'no such text'/)
  })

  it('fails when nothing was downloaded', async () => {
    const outcome = await fx.run([step('navigate', null, '/download.html'), checkpoint({ type: 'download' }, null, { timeout_ms: 300 })])
    expect(outcome.steps[1].error_message).toBe('No file was downloaded within 300 ms')
    expect(outcome.steps[1].checkpoints[0]).toMatchObject({ checkpoint_type: 'download', status: 'failed' })
  })
})
