// Runs for report tests and the benchmark, made the way the runner makes them: through the
// contract (runs.create → runs.start → results.submit + stepResults/checkpoints/logs/scripts),
// screenshots stored as artifacts. Covers every shape a report must show: passed, failed with a
// screenshot and a failed checkpoint, flaky (failed attempt then passed retry), data-driven
// iterations, skipped and no_run.
import type { Core } from '../core'
import { TestDeskError } from '../../shared/api/errors'
import type { Store } from '../store'
import { fixturePng } from '../report/png'

/** Strings that execute if a report ever treats data as markup or code. */
export const XSS_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  'javascript:alert(1)',
  '</script><script>alert(1)</script>',
  '<svg onload=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
] as const

export async function call<T = any>(core: Core, name: string, input: unknown): Promise<T> {
  const envelope = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!envelope.ok) throw TestDeskError.from(envelope.error)
  return envelope.value as T
}

export interface FixtureRun {
  runId: string
  runNumber: number
  runName: string
  /** Test names by role. */
  names: { passed: string; failed: string; flaky: string; dataPass: string; dataFail: string; skipped: string; noRun: string }
  /** The failing test's error message and failing step number. */
  failure: { message: string; step: number }
  screenshotPaths: string[]
  /** The failing test's kept trace (relative to the data directory). */
  tracePath: string
}

const T0 = Date.parse('2026-03-02T09:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms).toISOString()

/**
 * One finished run with seven items. With `xss`, every text that comes from the page or the user
 * carries the payloads, so a report of it proves they are shown as text and never run.
 */
export async function buildFixtureRun(core: Core, options: { xss?: boolean } = {}): Promise<FixtureRun> {
  const store = core.context.store
  const x = (text: string, i = 0) => (options.xss ? `${text} ${XSS_PAYLOADS[i % XSS_PAYLOADS.length]}` : text)
  const names = {
    passed: x('Login works', 0),
    failed: x('Checkout fails', 1),
    flaky: x('Search is flaky', 2),
    dataPass: x('Sign in with each account', 3),
    dataFail: x('Profile per locale', 4),
    skipped: x('Export is skipped', 5),
    noRun: x('Never ran', 0),
  }
  const regression = await call(core, 'suites.create', { name: 'Regression' })
  const login = await call(core, 'suites.create', { name: 'Login', parent_id: regression.id })
  const checkout = await call(core, 'suites.create', { name: x('Checkout', 1), parent_id: regression.id })
  const env = await call(core, 'environments.create', { name: x('Staging', 2), variables: [{ name: 'password', value: 'hunter2', is_secret: true }] })
  const tests: Record<keyof typeof names, { id: string }> = {} as never
  const suiteOf: Record<keyof typeof names, string> = { passed: login.id, failed: checkout.id, flaky: checkout.id, dataPass: login.id, dataFail: login.id, skipped: checkout.id, noRun: regression.id }
  const tagsOf: Record<keyof typeof names, string[]> = { passed: ['smoke', 'auth'], failed: ['checkout', x('smoke', 3)], flaky: ['search'], dataPass: ['auth', 'data'], dataFail: ['data'], skipped: ['export'], noRun: [] }
  for (const key of Object.keys(names) as (keyof typeof names)[]) {
    tests[key] = await call(core, 'tests.create', { name: names[key], tags: tagsOf[key], suite_ids: [suiteOf[key]], start_url: 'http://127.0.0.1:9/' })
  }
  const order = ['passed', 'failed', 'flaky', 'dataPass', 'dataFail', 'skipped', 'noRun'] as const
  const run = await call(core, 'runs.create', {
    run_name: options.xss ? x('Nightly', 4) : undefined,
    test_case_ids: order.map((k) => tests[k].id),
    tags: ['nightly', x('release-2.4', 0)],
    retry_on_failure: true,
    retry_count: 1,
    browser_name: 'chromium',
    viewport_width: 1280,
    viewport_height: 720,
    options: { environment_id: env.id },
    notes: x('Before the release', 1),
  })
  await call(core, 'runs.start', { id: run.id })
  const items = (await call(core, 'runItems.list', { test_run_id: run.id })).items as { id: string; test_case_id: string }[]
  const itemOf = (key: keyof typeof names) => items.find((i) => i.test_case_id === tests[key].id)!.id
  const screenshots = [0, 1, 2].map((seed) => store.artifacts.save(fixturePng(seed + 1), 'image/png').path)

  let clock = 0
  const submit = async (key: keyof typeof names, result: Record<string, unknown>, steps: Record<string, unknown>[], extra: { completes?: boolean } = {}) => {
    const start = clock
    const duration = steps.reduce((sum, s) => sum + (s.duration_ms as number), 0)
    clock += duration + 50
    const passed = steps.filter((s) => s.status === 'passed').length
    const failed = steps.filter((s) => s.status === 'failed').length
    const submitted = await call(core, 'results.submit', {
      test_run_id: run.id,
      test_run_item_id: itemOf(key),
      test_case_id: tests[key].id,
      started_at: at(start),
      completed_at: at(start + duration),
      duration_ms: duration,
      total_steps: steps.length,
      passed_steps: passed,
      failed_steps: failed,
      skipped_steps: steps.length - passed - failed,
      initial_url: x('http://127.0.0.1:9/start?q=1', 2),
      ...result,
      ...(extra.completes === undefined ? {} : { completes_item: extra.completes }),
    })
    const added = steps.length ? await call<{ id: string; step_number: number }[]>(core, 'stepResults.add', { test_run_result_id: submitted.id, steps }) : []
    return { id: submitted.id as string, steps: added }
  }
  const step = (n: number, action: string, status: string, more: Record<string, unknown> = {}) => ({
    step_number: n,
    action,
    status,
    duration_ms: 100 + n * 10,
    description: x(`${action} step ${n}`, n),
    window_title: x('Shop – Home', n),
    selector: n % 2 ? 'role=button[name="Sign in"]' : '[data-testid=email]',
    ...more,
  })

  // Passed, with logs, a passing checkpoint and a script's output.
  const ok = await submit('passed', { status: 'passed', final_url: x('http://127.0.0.1:9/home', 3) }, [step(1, 'navigate', 'passed'), step(2, 'fill', 'passed', { input_value: x('demo@testdesk.dev', 4) }), step(3, 'click', 'passed')])
  await call(core, 'checkpoints.add', {
    test_run_result_id: ok.id,
    checkpoints: [{ checkpoint_name: x('Greeting shown', 5), checkpoint_type: 'element', status: 'passed', test_step_result_id: ok.steps[2].id, property_verifications: [{ property_name: 'text', expected_value: 'Welcome', actual_value: 'Welcome', passed: true, operator: 'equals' }] }],
  })
  await call(core, 'logs.addConsole', {
    test_run_result_id: ok.id,
    logs: [
      { log_level: 'info', message: x('app booted', 0), timestamp: at(10), step_index: 0 },
      { log_level: 'warn', message: x('slow image', 1), timestamp: at(20), source: x('http://127.0.0.1:9/app.js', 2), line_number: 12 },
    ],
  })
  await call(core, 'logs.addNetwork', {
    test_run_result_id: ok.id,
    logs: [
      { url: x('http://127.0.0.1:9/api/login?next=/home', 3), method: 'POST', status_code: 200, status_text: 'OK', timestamp: at(30), duration_ms: 42, resource_type: 'fetch' },
      { url: options.xss ? 'javascript:alert(1)' : 'http://127.0.0.1:9/missing.png', method: 'GET', status_code: 404, timestamp: at(40), duration_ms: 5, resource_type: 'image' },
    ],
  })
  await call(core, 'scriptResults.add', {
    test_run_result_id: ok.id,
    script: { script_name: x('Seed users', 4), script_type: 'pre_execution', script_language: 'javascript', status: 'passed', exit_code: 0, duration_ms: 80, stdout: x('seeded 3 users', 5), return_value: '{"users":3}' },
  })

  // Failed at step 3 on both attempts: screenshot on the failing step and a failed checkpoint;
  // the last attempt kept a Playwright trace.
  const failure = { message: x('Expected total "$42.00" but found "$40.00"', 1), step: 3 }
  const trace = store.artifacts.save(Buffer.from('PK\u0003\u0004 a trace'), 'application/zip', 'zip').path
  for (const attempt of [0, 1]) {
    const failing = await submit(
      'failed',
      { status: 'failed', retry_attempt: attempt, error_message: failure.message, error_step_number: failure.step, error_screenshot_path: screenshots[0], trace_path: attempt === 1 ? trace : null },
      [step(1, 'navigate', 'passed'), step(2, 'click', 'passed'), step(3, 'assert', 'failed', { error_message: failure.message, screenshot_path: screenshots[0], error_stack_trace: x('at checkout.spec:3', 2) }), step(4, 'click', 'skipped')],
      { completes: attempt === 1 },
    )
    await call(core, 'checkpoints.add', {
      test_run_result_id: failing.id,
      checkpoints: [
        {
          checkpoint_name: x('Order total', 3),
          checkpoint_type: 'element',
          status: 'failed',
          test_step_result_id: failing.steps[2].id,
          selector: '#total',
          expected_properties: { text: x('$42.00', 4) },
          actual_properties: { text: x('$40.00', 5) },
          failed_properties: ['text'],
          property_verifications: [{ property_name: 'text', expected_value: x('$42.00', 4), actual_value: x('$40.00', 5), passed: false, operator: 'equals' }],
        },
      ],
    })
    await call(core, 'logs.addConsole', { test_run_result_id: failing.id, logs: [{ log_level: 'error', message: x('Uncaught TypeError: total is undefined', 0), timestamp: at(50) }] })
  }

  // Flaky: the first attempt fails (and does not finish the item), the retry passes.
  await submit('flaky', { status: 'failed', retry_attempt: 0, error_message: x('Timeout waiting for results', 2), error_step_number: 2, error_screenshot_path: screenshots[1] }, [step(1, 'fill', 'passed'), step(2, 'press', 'failed', { error_message: x('Timeout waiting for results', 2), screenshot_path: screenshots[1] })], { completes: false })
  await submit('flaky', { status: 'passed', retry_attempt: 1 }, [step(1, 'fill', 'passed'), step(2, 'press', 'passed')])

  // Data-driven: three passing iterations, then one passing and one failing.
  const rows = [
    { email: x('ann@example.test', 0), pin: '••••••' },
    { email: 'bob@example.test', pin: '••••••' },
    { email: 'cy@example.test', pin: '••••••' },
  ]
  for (const [i, values] of rows.entries()) {
    await submit('dataPass', { status: 'passed', iteration_number: i + 1, data_row_index: i, data_row_values: values }, [step(1, 'fill', 'passed'), step(2, 'click', 'passed')], { completes: i === rows.length - 1 })
  }
  await submit('dataFail', { status: 'passed', iteration_number: 1, data_row_index: 0, data_row_values: { locale: 'en-GB' } }, [step(1, 'navigate', 'passed')], { completes: false })
  await submit('dataFail', { status: 'failed', iteration_number: 2, data_row_index: 1, data_row_values: { locale: x('fr-FR', 1) }, error_message: x('Missing translation', 2), error_step_number: 1, error_screenshot_path: screenshots[2] }, [step(1, 'navigate', 'failed', { error_message: x('Missing translation', 2), screenshot_path: screenshots[2] })], { completes: true })

  await submit('skipped', { status: 'skipped' }, [])
  // Stopping marks what never ran as no_run and completes the run.
  await call(core, 'runs.stop', { id: run.id })
  const finished = await call(core, 'runs.get', { id: run.id })
  return { runId: run.id, runNumber: finished.run_number, runName: finished.run_name, names, failure, screenshotPaths: screenshots, tracePath: trace }
}

export interface SyntheticOptions {
  tests: number
  steps: number
  /** Every n-th test fails (10 → 10% failing). */
  failEvery: number
  /** PNG bytes for the failing test `index`, or null for no screenshots. */
  screenshot?: (index: number) => Buffer | null
}

/** A large finished run written straight through the store's hot paths, for the benchmark. */
export function buildSyntheticRun(store: Store, options: SyntheticOptions): { runId: string } {
  const ids = store.tx(() =>
    Array.from({ length: options.tests }, (_, i) => store.tests.create({ name: `Shop flow ${String(i + 1).padStart(4, '0')} › checkout with saved card`, tags: i % 3 ? ['regression'] : ['regression', 'smoke'] }).id),
  )
  const run = store.runs.create({ test_case_ids: ids, browser_name: 'chromium', tags: ['bench'] })
  store.runs.transitionRun(run.id, 'running', 'started')
  const items = store.runs.items(run.id)
  store.tx(() => {
    items.forEach((item, i) => {
      const fails = (i + 1) % options.failEvery === 0
      const start = T0 + i * 4000
      const png = fails ? (options.screenshot?.(i) ?? null) : null
      const shot = png ? store.artifacts.save(png, 'image/png').path : null
      const message = fails ? `expect(locator).toHaveText(expected)\nExpected: "Order #${i} confirmed"\nReceived: "Payment declined"` : null
      const result = store.results.submit({
        test_run_id: run.id,
        test_run_item_id: item.id,
        test_case_id: item.test_case_id,
        status: fails ? 'failed' : 'passed',
        started_at: new Date(start).toISOString(),
        completed_at: new Date(start + options.steps * 150).toISOString(),
        total_steps: options.steps,
        passed_steps: fails ? options.steps - 1 : options.steps,
        failed_steps: fails ? 1 : 0,
        error_message: message,
        error_step_number: fails ? options.steps : null,
        error_screenshot_path: shot,
      })
      store.results.insertSteps(
        result.id,
        Array.from({ length: options.steps }, (_, s) => {
          const last = fails && s === options.steps - 1
          return {
            step_number: s + 1,
            action: ['navigate', 'click', 'fill', 'press', 'assert'][s % 5],
            description: `Step ${s + 1}: ${['open the shop', 'click "Add to cart"', 'fill the card number', 'press Enter', 'check the total'][s % 5]}`,
            status: last ? 'failed' : 'passed',
            duration_ms: 100 + ((i * 7 + s * 13) % 90),
            selector: `role=button[name="Action ${s + 1}"]`,
            error_message: last ? message : null,
            screenshot_path: last ? shot : null,
          }
        }),
      )
    })
  })
  return { runId: run.id }
}
