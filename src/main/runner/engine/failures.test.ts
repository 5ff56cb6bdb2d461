// How steps fail, heal and stop: each failure's exact message, healing with alternatives,
// continue-on-failure, stop, cancel, test timeout, a crashed page, a closed browser, call_test.
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unmetState } from './element'
import { runTest } from './run-test'
import { launchChromium, numbered, startEngineFixture, step, verify, type EngineFixture } from './testing'

let fx: EngineFixture
beforeAll(async () => {
  fx = await startEngineFixture()
})
afterAll(async () => {
  await fx?.close()
})

const statuses = (outcome: { steps: { status: string }[] }) => outcome.steps.map((s) => s.status)

describe('failure messages', () => {
  it('no element matches a selector: the step fails and the rest are skipped', async () => {
    const outcome = await fx.run(
      [step('navigate', null, 'index.html'), step('click', '#nope'), step('click', 'testid=card-login')],
      { stepTimeoutMs: 500, screenshots: 'on-failure' },
    )
    expect(statuses(outcome)).toEqual(['passed', 'failed', 'skipped'])
    expect(outcome.steps[1]).toMatchObject({ error_message: 'No element matches #nope within 500 ms', element_html: null, selector: '#nope' })
    expect(outcome.steps[1].error_stack_trace).toContain("waiting for locator('#nope')")
    expect(outcome.steps[2]).toMatchObject({ description: "Click 'card-login'", playwright_code: null, started_at: null })
    expect(outcome).toMatchObject({ status: 'failed', errorStepNumber: 2, errorMessage: 'Step 2 (Click #nope): No element matches #nope within 500 ms' })
    expect(outcome.errorScreenshot).toBeInstanceOf(Buffer)
  })

  // When the step's time ends before Playwright's log names the failing check (a busy machine),
  // the message comes from the element's state read at that moment.
  it('reads which check an element fails: visible, enabled, editable', async () => {
    const context = await fx.browser.newContext()
    try {
      const page = await context.newPage()
      await page.setContent(
        '<button id="hidden" hidden>a</button><button id="off" disabled>b</button><input id="ro" readonly><input id="ok"><button id="fine">c</button>',
      )
      expect(await unmetState(page.locator('#hidden'), 'click')).toBe('is not visible')
      expect(await unmetState(page.locator('#off'), 'click')).toBe('is not enabled')
      expect(await unmetState(page.locator('#off'), 'hover', false)).toBeNull()
      expect(await unmetState(page.locator('#ro'), 'fill')).toBe('is not editable')
      expect(await unmetState(page.locator('#ro'), 'click')).toBeNull()
      expect(await unmetState(page.locator('#ok'), 'fill')).toBeNull()
      expect(await unmetState(page.locator('#fine'), 'click')).toBeNull()
    } finally {
      await context.close()
    }
  })

  // One run, each failing step going on to the next, to keep the suite quick.
  it('says precisely what went wrong, step by step', async () => {
    // Only the steps meant to fail get a short timeout: a loaded machine must not fail the others.
    const go = { continue_on_failure: true, timeout_ms: 500 }
    // Steps that must find the element before failing get longer: Playwright has to resolve it first.
    const found = { continue_on_failure: true, timeout_ms: 1500 }
    const outcome = await fx.run(
      [
        step('navigate', null, 'index.html'),
        step('click', { selector: 'role=button[name="Sign in"]', alternatives: ['#login-submit', 'text=Sign in'] }, null, go),
        verify('#gone', { property: 'text', expected: 'x' }, { property: 'hidden' }, { property: 'count', expected: 0 }),
        step('navigate', null, 'delayed.html'),
        step('click', 'testid=enable-later', null, { continue_on_failure: true, timeout_ms: 1000 }),
        step('navigate', null, 'selectors.html'),
        step('click', 'role=button[name="Edit"]', null, found),
        step('navigate', null, 'login.html'),
        step('fill', '#login-error', 'x', found),
        step('fill', 'label=Email', 'demo@testdesk.dev'),
        step('fill', 'label=Password', 'wrong'),
        step('click', 'role=button[name="Sign in"]'),
        verify('#login-error', { property: 'visible' }, { property: 'text', operator: 'equals', expected: 'Wrong password' }, { property: 'attribute', name: 'role', expected: 'status' }),
        step('fill', 'label=Email', 'Hello ${nobody}', go),
        step('clik', '#x', null, go),
        step('drag', '#a', null, go),
        step('navigate', null, 'selectors.html'),
        verify('role=button[name="Edit"]', { property: 'visible' }),
        verify('#nothing', { property: 'visible' }),
      ].map((s) => (s.action === 'checkpoint' ? { ...s, options: { ...s.options, ...go } } : s)),
    )
    const message = (n: number) => outcome.steps[n - 1].error_message
    expect(message(2)).toBe('No element matches role=button[name="Sign in"] (tried 2 alternatives) within 500 ms')
    expect(message(3)).toBe("Expected text of #gone to equal 'x' but no element matches #gone")
    expect(outcome.steps[2].checkpoints[0].failed_properties).toEqual(['text'])
    expect(message(5)).toBe("Timed out after 1000 ms: 'enable-later' was found but is not enabled")
    expect(outcome.steps[4].element_html).toBe('<button type="button" id="enable-later" data-testid="enable-later" disabled="">Continue</button>')
    expect(message(7)).toBe(
      'role=button[name="Edit"] matches 2 elements, so it is not clear which one to use. Make the selector more specific. Matches: 1) <button type="button">Edit</button> 2) <button type="button">Edit</button>',
    )
    expect(outcome.steps[6].element_html).toBe('<button type="button">Edit</button>\n<button type="button">Edit</button>')
    expect(message(9)).toBe('Timed out after 1500 ms: #login-error was found but is not visible')
    expect(message(13)).toBe(
      "Expected text of #login-error to equal 'Wrong password' but was 'Invalid username or password'; Expected attribute role of #login-error to equal 'status' but was 'alert'",
    )
    expect(outcome.steps[12].element_html).toContain('id="login-error"')
    expect(outcome.steps[12].checkpoints).toEqual([
      {
        checkpoint_name: "Verify #login-error is visible and text of #login-error equals 'Wrong password' and attribute role of #login-error equals 'status'",
        checkpoint_type: 'element',
        status: 'failed',
        selector: '#login-error',
        expected_properties: { visible: true, text: 'Wrong password', 'attribute:role': 'status' },
        actual_properties: { visible: true, text: 'Invalid username or password', 'attribute:role': 'alert' },
        failed_properties: ['text', 'attribute:role'],
        property_verifications: [
          { property_name: 'visible', expected_value: true, actual_value: true, passed: true, operator: 'equals' },
          { property_name: 'text', expected_value: 'Wrong password', actual_value: 'Invalid username or password', passed: false, operator: 'equals' },
          { property_name: 'attribute:role', expected_value: 'status', actual_value: 'alert', passed: false, operator: 'equals' },
        ],
        error_message: message(13),
      },
    ])
    expect(message(14)).toBe('Unknown variable ${nobody}')
    expect(message(15)).toMatch(/^This step is not valid: action: Unknown action 'clik'/)
    expect(message(16)).toBe('This step is not valid: options.to: say where to drop: a target with a selector')
    expect(message(18)).toBe(
      'role=button[name="Edit"] matches 2 elements, so it is not clear which one to check. Make the selector more specific. Matches: 1) <button type="button">Edit</button> 2) <button type="button">Edit</button>',
    )
    // A checkpoint that could not reach a verdict is still a failed checkpoint.
    expect(outcome.steps[17].checkpoints).toEqual([
      { checkpoint_name: 'Verify button \'Edit\' is visible', checkpoint_type: 'element', status: 'failed', selector: 'role=button[name="Edit"]', error_message: message(18) },
    ])
    expect(message(19)).toBe('Expected #nothing to be visible but no element matches #nothing')
    expect(outcome.errorMessage).toBe(`Step 2 (Click button 'Sign in'): ${message(2)}`)
  })

  it('a navigation error names the URL and the network error', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    const url = `http://127.0.0.1:${port}/`
    const outcome = await fx.run([step('navigate', null, url)])
    expect(outcome.steps[0].error_message).toBe(`Navigation to ${url} failed: net::ERR_CONNECTION_REFUSED`)
    const start = await fx.run([step('click', 'text=Anything')], { startUrl: url })
    expect(start).toMatchObject({ status: 'failed', errorStepNumber: null, errorMessage: `Opening the start URL failed: Navigation to ${url} failed: net::ERR_CONNECTION_REFUSED` })
    expect(statuses(start)).toEqual(['skipped'])
  })
})

describe('healing', () => {
  it('uses the first alternative that finds the element, without waiting out the primary', async () => {
    const outcome = await fx.run(
      [
        step('navigate', null, 'login.html'),
        step('fill', { selector: '#email-old', alternatives: ['#nope', 'label=Email'] }, 'demo@testdesk.dev'),
        step('fill', { selector: 'testid=login-password', alternatives: ['#password'] }, 'secret123'),
        step('click', { selector: 'role=button[name="Log in"]', alternatives: ['text=Nothing', 'role=button[name="Sign in"]'] }),
        verify({ selector: '#welcome', alternatives: ['testid=welcome-message'] }, { property: 'text', operator: 'contains', expected: 'Demo User' }),
        step('navigate', null, 'dragdrop.html'),
        step('drag', 'testid=fruit-cherry', null, { to: { selector: '#old-basket', alternatives: ['testid=basket'] } }),
        verify('testid=basket-contents', { property: 'text', expected: 'Basket: Cherry' }),
      ],
      { stepTimeoutMs: 5000 },
    )
    expect(statuses(outcome)).toEqual(Array(8).fill('passed'))
    expect(outcome.steps.map((s) => s.healed_selector)).toEqual([null, 'label=Email', null, 'role=button[name="Sign in"]', 'testid=welcome-message', null, null, null])
    expect(outcome.steps[1].healing).toEqual([{ field: 'target', selector: '#email-old', healed_selector: 'label=Email', step: { number: 2, called_test_id: null, called: false } }])
    expect(outcome.steps[1].selector).toBe('#email-old')
    expect(outcome.steps[1].duration_ms).toBeLessThan(2500)
    expect(outcome.steps[4].checkpoints[0].selector).toBe('testid=welcome-message')
    expect(outcome.steps[6].healing).toEqual([{ field: 'options.to', selector: '#old-basket', healed_selector: 'testid=basket', step: { number: 7, called_test_id: null, called: false } }])
  })
})

describe('running on, stopping and cancelling', () => {
  it('continues after a failure when the step says so, and skips disabled steps', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'index.html'),
      step('click', '#nope', null, { continue_on_failure: true, timeout_ms: 300 }),
      { ...step('click', '#also-nope'), disabled: true },
      verify(null, { property: 'title', expected: 'TestDesk Demo' }),
    ])
    expect(statuses(outcome)).toEqual(['passed', 'failed', 'skipped', 'passed'])
    expect(outcome).toMatchObject({ status: 'failed', errorStepNumber: 2 })
  })

  it('stops after the current step when asked', async () => {
    let done = 0
    const outcome = await fx.run([step('navigate', null, 'index.html'), step('click', 'testid=card-todos'), step('click', 'testid=nav-home'), step('click', 'testid=card-table')], {
      onStepEnd: () => void done++,
      stopAfterStep: () => done >= 2,
    })
    expect(statuses(outcome)).toEqual(['passed', 'passed', 'skipped', 'skipped'])
    expect(outcome).toMatchObject({ status: 'skipped', interrupted: 'stopped', errorMessage: null, finalUrl: `${fx.site.url}todos.html` })
  })

  it('cancels at once: the running step fails Cancelled', async () => {
    const controller = new AbortController()
    const started = performance.now()
    const outcome = await fx.run([step('navigate', null, 'index.html'), step('wait', '#never-there'), step('click', 'testid=card-todos')], {
      stepTimeoutMs: 20_000,
      signal: controller.signal,
      onStepStart: (s) => {
        if (s.step_number === 2) setTimeout(() => controller.abort(), 200)
      },
    })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(statuses(outcome)).toEqual(['passed', 'failed', 'skipped'])
    expect(outcome).toMatchObject({ status: 'failed', interrupted: 'cancelled', errorMessage: 'Step 2 (Wait until #never-there is visible): Cancelled' })
  })

  it('ends a test that runs past its time', async () => {
    const outcome = await fx.run([step('wait', null, null, { ms: 10_000 }), step('click', 'testid=card-todos')], { testTimeoutMs: 2500 })
    expect(statuses(outcome)).toEqual(['failed', 'skipped'])
    expect(outcome.steps[0].error_message).toBe('The test did not finish within 2500 ms')
    expect(outcome.interrupted).toBe('timed_out')
    expect(outcome.durationMs).toBeLessThan(6000)
  })
})

describe('a broken browser', () => {
  it('a crashed page fails the step cleanly and fast', async () => {
    const started = performance.now()
    const outcome = await fx.run([step('navigate', null, 'index.html'), step('wait', '#never-there'), step('click', 'testid=card-todos')], { stepTimeoutMs: 20_000 }, async (context) => {
      const page = await context.newPage()
      page.on('load', () => {
        void context.newCDPSession(page).then((cdp) => setTimeout(() => void cdp.send('Page.crash').catch(() => undefined), 200))
      })
    })
    expect(performance.now() - started).toBeLessThan(8000)
    expect(statuses(outcome)).toEqual(['passed', 'failed', 'skipped'])
    expect(outcome.steps[1].error_message).toBe('The browser page crashed')
    expect(outcome.errorMessage).toBe('Step 2 (Wait until #never-there is visible): The browser page crashed')
  })

  it('a browser already closed fails the test at once, every step skipped', async () => {
    const browser = await launchChromium()
    const context = await browser.newContext()
    await browser.close()
    const outcome = await runTest({ context, steps: numbered([step('navigate', null, 'about:blank'), step('click', '#x')]), variables: {}, secrets: [], screenshots: 'on-failure' })
    expect(outcome).toMatchObject({ status: 'failed', errorStepNumber: null })
    expect(outcome.errorMessage).toBe('The test could not run: the browser is closed')
    expect(statuses(outcome)).toEqual(['skipped', 'skipped'])
  })

  it('a browser closed mid-test fails the step cleanly and fast', async () => {
    const browser = await launchChromium()
    const context = await browser.newContext()
    const started = performance.now()
    const outcome = await runTest({
      context,
      steps: numbered([step('navigate', null, `${fx.site.url}index.html`), step('wait', '#never-there'), step('click', 'testid=card-todos')]),
      variables: {},
      secrets: [],
      screenshots: 'on-failure',
      stepTimeoutMs: 20_000,
      onStepStart: (s) => {
        if (s.step_number === 2) setTimeout(() => void browser.close(), 200)
      },
    })
    expect(performance.now() - started).toBeLessThan(8000)
    expect(statuses(outcome)).toEqual(['passed', 'failed', 'skipped'])
    expect(outcome.steps[1].error_message).toBe('The browser closed during the step')
  })
})

describe('call_test', () => {
  const library: Record<string, ReturnType<typeof numbered>> = {
    'Log in': numbered([step('navigate', null, 'login.html'), step('fill', { selector: '#email-old', alternatives: ['label=Email'] }, '${user}'), step('fill', 'label=Password', 'secret123'), step('click', 'role=button[name="Sign in"]')]),
    'Read welcome': numbered([step('set_variable', 'testid=welcome-message', null, { name: 'welcome' })]),
    'Ping': numbered([step('call_test', null, 'Pong')]),
    'Pong': numbered([step('call_test', null, 'Ping')]),
    'Broken': numbered([step('navigate', null, 'index.html'), step('click', '#nope')]),
  }
  const resolveTest = async (name: string) => {
    const steps = library[name]
    if (!steps) throw new Error(`no test case is named '${name}'`)
    return { id: `id of ${name}`, name, steps }
  }

  it("runs another test's steps inline, sharing variables", async () => {
    const outcome = await fx.run([step('call_test', null, 'Log in'), step('call_test', null, 'Read welcome'), verify('#user-email', { property: 'text', expected: '${user}' })], {
      resolveTest,
      variables: { user: 'demo@testdesk.dev' },
    })
    expect(outcome.status).toBe('passed')
    expect(outcome.steps.map((s) => [s.step_number, s.step_path, s.status])).toEqual([
      [1, '1', 'passed'], [1, '1.1', 'passed'], [1, '1.2', 'passed'], [1, '1.3', 'passed'], [1, '1.4', 'passed'],
      [2, '2', 'passed'], [2, '2.1', 'passed'],
      [3, '3', 'passed'],
    ])
    expect(outcome.steps[4].description).toBe("Log in › Click button 'Sign in'")
    // A called step's healed selector is suggested to the called test's own step.
    expect(outcome.steps[2].healing).toEqual([{ field: 'target', selector: '#email-old', healed_selector: 'label=Email', step: { number: 2, called_test_id: 'id of Log in', called: true } }])
    expect(outcome.variables.welcome).toBe('Welcome, Demo User!')
  })

  it('fails naming the called step, and guards against recursion and unknown tests', async () => {
    const go = { continue_on_failure: true }
    const outcome = await fx.run(
      [step('call_test', null, 'Ping', go), step('call_test', null, 'Main', go), step('call_test', null, 'Nobody', go), step('call_test', null, 'Broken')],
      { resolveTest, testName: 'Main', stepTimeoutMs: 300 },
    )
    expect(outcome.steps.map((s) => [s.step_path, s.status])).toEqual([
      ['1', 'failed'], ['1.1', 'failed'], ['1.1.1', 'failed'],
      ['2', 'failed'],
      ['3', 'failed'],
      ['4', 'failed'], ['4.1', 'passed'], ['4.2', 'failed'],
    ])
    expect(outcome.steps[2].error_message).toBe("Test 'Ping' would call itself: Main → Ping → Pong → Ping")
    expect(outcome.steps[0].error_message).toBe("Step 1 of 'Ping' failed: Step 1 of 'Pong' failed: Test 'Ping' would call itself: Main → Ping → Pong → Ping")
    expect(outcome.steps[3].error_message).toBe("Test 'Main' would call itself: Main → Main")
    expect(outcome.steps[4].error_message).toBe("Cannot call test 'Nobody': no test case is named 'Nobody'")
    expect(outcome.steps[5].error_message).toBe("Step 2 of 'Broken' failed: No element matches #nope within 300 ms")
    expect(outcome.errorMessage).toMatch(/^Step 1 \(Call test 'Ping'\): Step 1 of 'Ping' failed/)
  })
})
