// Console and network logs, each tied to its step, and secrets kept out of every field.
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECRET_MASK } from '../../../shared/secret-mask'
import { secretJourney } from '../../../../e2e/support/secret-journey'
import { spellingsIn } from '../../../../e2e/support/secret-spellings'
import { startEngineFixture, step, verify, type EngineFixture } from './testing'

let fx: EngineFixture
beforeAll(async () => {
  fx = await startEngineFixture()
})
afterAll(async () => {
  await fx?.close()
})

/** A local port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const text = (selector: string, expected: string) => verify(selector, { property: 'text', expected })

describe('console logs', () => {
  it('records every level, page errors with their stack, and the step each happened in', async () => {
    const outcome = await fx.run([
      step('navigate', null, 'console.html'),
      step('click', 'testid=log-warn'),
      step('click', 'testid=throw-error'),
      text('testid=console-status', 'Threw an uncaught error'),
    ])
    expect(outcome.status).toBe('passed')
    const load = outcome.consoleLogs.filter((l) => l.message.startsWith('[load]'))
    expect(load.map((l) => [l.log_level, l.message, l.step_index])).toEqual([
      ['log', '[load] log message', 1],
      ['info', '[load] info message', 1],
      ['warn', '[load] warn message', 1],
      ['error', '[load] error message', 1],
      ['debug', '[load] debug message', 1],
    ])
    expect(load[0].source).toBe(`${fx.site.url}console.html`)
    expect(load[0].line_number).toBeGreaterThan(30)
    expect(load[0].column_number).toBeGreaterThan(0)
    expect(outcome.consoleLogs.find((l) => l.message === '[click] warn message')).toMatchObject({ log_level: 'warn', step_index: 2 })
    const thrown = outcome.consoleLogs.find((l) => l.message.includes('Demo uncaught error'))
    expect(thrown).toMatchObject({ log_level: 'error', step_index: 3, message: 'Demo uncaught error', source: `${fx.site.url}console.html` })
    expect(thrown?.stack_trace).toContain('Demo uncaught error')
    expect(thrown?.line_number).toBeGreaterThan(30)
  })
})

describe('network logs', () => {
  it('records status, headers, bodies, timing and failures per step', async () => {
    const port = await closedPort()
    const outcome = await fx.run([
      step('navigate', null, 'network.html'),
      step('click', 'testid=fetch-users'),
      text('testid=result-status', 'Status: 200'),
      step('click', 'testid=fetch-fail'),
      text('testid=result-status', 'Status: 500'),
      step('click', 'testid=fetch-missing'),
      text('testid=result-status', 'Status: 404'),
      step('fill', 'testid=slow-ms', '400'),
      step('click', 'testid=fetch-slow'),
      text('testid=request-state', 'Done'),
      step('click', 'testid=post-echo'),
      text('testid=request-state', 'Done'),
      step('run_script', null, `fetch('http://127.0.0.1:${port}/nothing').then(() => 'ok', (e) => 'failed')`),
    ])
    expect(outcome.status).toBe('passed')
    const log = (path: string) => outcome.networkLogs.find((l) => l.url.includes(path))!
    // A request a click starts may reach the network only once the next step has begun.
    const startedIn = (path: string, step: number) => expect([step, step + 1]).toContain(log(path).step_index)
    expect(log('network.html')).toMatchObject({ method: 'GET', status_code: 200, resource_type: 'document', step_index: 1 })
    expect(log('network.html').content_type).toMatch(/^text\/html/)
    expect(log('/api/users')).toMatchObject({ status_code: 200, status_text: 'OK', resource_type: 'fetch' })
    startedIn('/api/users', 2)
    expect(log('/api/users').response_body_preview).toContain('Alice Martin')
    expect(log('/api/users').content_type).toMatch(/application\/json/)
    expect(log('/api/users').content_length).toBeGreaterThan(100)
    expect(log('/api/users').response_headers?.['content-type']).toMatch(/json/)
    expect(log('/api/fail')).toMatchObject({ status_code: 500, status_text: 'Internal Server Error' })
    startedIn('/api/fail', 4)
    expect(log('/api/fail').response_body_preview).toContain('failed on purpose')
    expect(log('/api/missing')).toMatchObject({ status_code: 404 })
    startedIn('/api/missing', 6)
    const slow = log('/api/slow')
    expect(slow.status_code).toBe(200)
    startedIn('/api/slow', 9)
    expect(slow.duration_ms).toBeGreaterThanOrEqual(390)
    expect(slow.ttfb_ms).toBeGreaterThanOrEqual(390)
    expect(log('/api/echo')).toMatchObject({ method: 'POST', request_body_preview: '{"hello":"world"}' })
    startedIn('/api/echo', 11)
    expect(log(`${port}/nothing`)).toMatchObject({ status_code: null, error_message: 'net::ERR_CONNECTION_REFUSED', step_index: 13 })
    expect(log('style.css')).toMatchObject({ resource_type: 'stylesheet', response_body_preview: null })
  })

  it('masks Authorization, Cookie and Set-Cookie values', async () => {
    const outcome = await fx.run(
      [
        step('navigate', null, 'network.html'),
        step('run_script', null, `(await fetch('/api/echo', { method: 'POST', headers: { Authorization: 'Bearer abc.def', 'X-Trace': 'visible' }, body: 'x' })).status`),
      ],
      {},
      async (context) => {
        await context.addCookies([{ name: 'session', value: 'cookie-value-123', url: fx.site.url }])
      },
    )
    expect(outcome.status).toBe('passed')
    const echo = outcome.networkLogs.find((l) => l.url.endsWith('/api/echo'))!
    expect(echo.request_headers).toMatchObject({ authorization: SECRET_MASK, cookie: SECRET_MASK, 'x-trace': 'visible' })
    const page = outcome.networkLogs.find((l) => l.url.endsWith('network.html'))!
    expect(page.request_headers?.cookie).toBe(SECRET_MASK)
    const everything = JSON.stringify(outcome.networkLogs.map((l) => ({ ...l, response_body_preview: null })))
    expect(everything).not.toContain('abc.def')
    expect(everything).not.toContain('cookie-value-123')
  })
})

describe('secrets', () => {
  it('never appear in any field of the outcome', async () => {
    const secret = 'secret123'
    const outcome = await fx.run(
      [
        step('navigate', null, 'login.html?token=${password}'),
        step('fill', 'label=Email', 'demo@testdesk.dev'),
        step('fill', 'label=Password', '${password}'),
        step('set_variable', 'label=Password', null, { name: 'copied', from: 'value' }),
        step('run_script', null, 'console.log("the password is ${password}"); return "${password}"', { store_as: 'echoed' }),
        step('click', 'role=button[name="Sign in"]'),
        step('navigate', null, 'network.html'),
        step('fill', 'label=API password', '${password}'),
        step('click', 'testid=post-login'),
        verify('testid=result-status', { property: 'text', expected: 'Status: 200' }),
        step('dialog', null, '${password}', { response: 'accept' }),
        step('click', 'text=${password}', null, { timeout_ms: 300, continue_on_failure: true }),
        { ...verify('#api-password', { property: 'value', expected: 'not ${password}' }), options: { checkpoint: { type: 'element', assertions: [{ property: 'value', expected: 'not ${password}' }] }, timeout_ms: 300 } },
      ],
      { variables: { password: secret }, secrets: [secret], screenshots: 'on-failure' },
    )
    expect(outcome.steps[11].error_message).toBe(`No element matches text=${SECRET_MASK} within 300 ms`)
    expect(outcome.steps[12].error_message).toBe(`Expected value of #api-password to equal 'not ${SECRET_MASK}' but was '${SECRET_MASK}'`)
    expect(outcome.steps[2].input_value).toBe(SECRET_MASK)
    const serialized = JSON.stringify(outcome, (key, value) => (key === 'screenshot' || key === 'errorScreenshot' ? undefined : value))
    expect(serialized).toContain(SECRET_MASK)
    for (const spelling of [secret, encodeURIComponent(secret)]) expect(serialized).not.toContain(spelling)
    expect(outcome.consoleLogs.some((l) => l.message === `the password is ${SECRET_MASK}`)).toBe(true)
    expect(outcome.networkLogs.find((l) => l.url.endsWith('/api/login'))?.request_body_preview).toContain(SECRET_MASK)
    expect(outcome.variables).toMatchObject({ password: SECRET_MASK, copied: SECRET_MASK, echoed: SECRET_MASK })
  })

  it('never appear in any spelling: quotes, spaces and non-ASCII through URLs, forms, fetch, base64, console and dialogs', async () => {
    const secrets = { password: `Pw!x'y (z)~"é€ S3cret_A1`, token: `tök 'n' <b>&amp; 42+/=` }
    const outcome = await fx.run(
      secretJourney(['password', 'token']).map((s) => ({ ...s, description: null, disabled: false })),
      { variables: secrets, secrets: Object.values(secrets), screenshots: 'on-failure' },
    )
    expect(outcome.status).toBe('failed')
    // Each way out was taken: the masks stand where the secrets were.
    expect(outcome.finalUrl).toContain(`api/users?pw=${SECRET_MASK}%7C${SECRET_MASK}`)
    expect(outcome.steps[2].playwright_code).toContain(`fill('${SECRET_MASK}|${SECRET_MASK}')`)
    expect(outcome.consoleLogs.map((l) => l.message)).toContain(`typed ${SECRET_MASK}|${SECRET_MASK}`)
    expect(outcome.dialogs.map((d) => d.message)).toContain(`You typed ${SECRET_MASK}|${SECRET_MASK}`)
    expect(outcome.networkLogs.find((l) => l.url.includes('api/echo'))?.request_body_preview).toContain(SECRET_MASK)
    expect(outcome.steps[6].element_html).toContain(SECRET_MASK)
    const serialized = JSON.stringify(outcome, (key, value) => (key === 'screenshot' || key === 'errorScreenshot' ? undefined : value))
    expect(spellingsIn(serialized, Object.values(secrets))).toEqual([])
  })
})
