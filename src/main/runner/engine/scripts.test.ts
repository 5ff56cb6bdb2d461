// Pre-execution, post-execution and on-demand scripts around a test's steps, in the page and in
// the Node sandbox: output, return value and variables kept; a critical failure aborting the
// test with its reason; time limits; secrets masked. One site and one Chromium for the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECRET_MASK } from '../../../shared/secret-mask'
import type { EngineScript } from './scripts'
import { startEngineFixture, step, type EngineFixture } from './testing'

let fx: EngineFixture
beforeAll(async () => {
  fx = await startEngineFixture()
}, 60_000)
afterAll(async () => {
  await fx?.close()
})

function script(name: string, script_type: EngineScript['script_type'], source: string, more: Partial<EngineScript> = {}): EngineScript {
  return { id: null, name, script_type, language: 'javascript', run_in: 'node', source, is_critical: false, timeout_ms: 5000, attached_to_step: null, ...more }
}

const verifyHeading = step('checkpoint', 'css=h1', null, { checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'equals', expected: '${heading}' }] } })

describe('test scripts', () => {
  it('runs pre, on-demand and post scripts in order; output, return value and variables reach the result and later steps', async () => {
    const outcome = await fx.run([step('navigate', null, '/login.html'), verifyHeading, step('set_variable', null, '${seen}', { name: 'copy' })], {
      scripts: [
        script('seed', 'pre_execution', 'console.log("seeding", { users: 3 })\nconsole.warn("slow disk")\nvars.heading = "Log in"\nreturn { seeded: 3 }'),
        script('read title', 'on_demand', 'vars.seen = document.title\nconsole.log("title is", document.title)\nreturn document.title.length', { run_in: 'page', attached_to_step: 1 }),
        script('clean up', 'post_execution', 'location.pathname', { run_in: 'page' }),
      ],
    })
    expect(outcome.status, outcome.errorMessage ?? '').toBe('passed')
    expect(outcome.scripts.map((s) => [s.script_name, s.script_type, s.status])).toEqual([
      ['seed', 'pre_execution', 'passed'],
      ['read title', 'on_demand', 'passed'],
      ['clean up', 'post_execution', 'passed'],
    ])
    const [seed, read, clean] = outcome.scripts
    expect(seed).toMatchObject({ stdout: 'seeding { users: 3 }', stderr: 'slow disk', return_value: '{"seeded":3}', exit_code: 0, attached_to_step: null })
    expect(read).toMatchObject({ stdout: 'title is Login - TestDesk Demo', return_value: '21', attached_to_step: 1 })
    expect(clean.return_value).toBe('/login.html')
    expect(outcome.variables.copy).toBe('Login - TestDesk Demo')
  })

  it("aborts the test when a critical pre-script fails, saying which and why; post-scripts still clean up", async () => {
    const outcome = await fx.run([step('navigate', null, '/login.html'), step('click', 'text=Sign in')], {
      scripts: [
        script('login', 'pre_execution', 'console.log("asking for a token")\nthrow new Error("the server said 401")', { is_critical: true }),
        script('second', 'pre_execution', 'return 1'),
        script('after step 1', 'on_demand', 'return 1', { attached_to_step: 1 }),
        script('logout', 'post_execution', 'return "done"'),
      ],
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.preScriptAborted).toBe(true)
    expect(outcome.errorMessage).toMatch(/^Pre-script 'login' failed: Error: the server said 401/)
    expect(outcome.steps.map((s) => s.status)).toEqual(['skipped', 'skipped'])
    expect(outcome.scripts.map((s) => [s.script_name, s.status])).toEqual([
      ['login', 'failed'],
      ['second', 'skipped'],
      ['after step 1', 'skipped'],
      ['logout', 'passed'],
    ])
    expect(outcome.scripts[0]).toMatchObject({ stdout: 'asking for a token', exit_code: 1, is_critical: true })
  })

  it('a non-critical failing script is recorded while the test goes on; a critical on-demand one skips the rest', async () => {
    const outcome = await fx.run([step('navigate', null, '/login.html'), step('navigate', null, '/index.html'), step('navigate', null, '/login.html')], {
      scripts: [
        script('optional', 'pre_execution', 'return vars.nothing.length'),
        script('guard', 'on_demand', 'if (!document.querySelector("#nope")) throw new Error("no #nope on " + location.pathname)', { run_in: 'page', attached_to_step: 2, is_critical: true }),
      ],
    })
    expect(outcome.scripts[0]).toMatchObject({ status: 'failed', error_message: expect.stringMatching(/^TypeError: Cannot read properties of undefined \(reading 'length'\) \(optional\.js:1/) })
    expect(outcome.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'skipped'])
    expect(outcome.errorMessage).toBe("On-demand script 'guard' (after step 2) failed: Error: no #nope on /index.html")
  })

  it('stops a script at its time limit, in Node (a busy loop) and in the page', async () => {
    const outcome = await fx.run([step('navigate', null, '/login.html')], {
      scripts: [
        script('spin', 'pre_execution', 'console.log("before the loop")\nwhile (true) {}', { timeout_ms: 300 }),
        script('wait in page', 'post_execution', 'await new Promise(() => {})', { run_in: 'page', timeout_ms: 300, is_critical: true }),
      ],
    })
    expect(outcome.scripts.map((s) => [s.script_name, s.status, s.error_message])).toEqual([
      ['spin', 'failed', 'The script did not finish within 300 ms'],
      ['wait in page', 'failed', 'The script did not finish within 300 ms'],
    ])
    expect(outcome.scripts[0].stdout).toBe('before the loop')
    expect(outcome.errorMessage).toBe("Post-script 'wait in page' failed: The script did not finish within 300 ms")
  })

  it('masks secrets in output, return value and error; offers no require or process', async () => {
    const secret = 'Sup3r-s3cret!'
    const outcome = await fx.run([step('navigate', null, '/login.html')], {
      variables: { password: secret },
      secrets: [secret],
      scripts: [
        script('leaky', 'pre_execution', 'console.log("password is", vars.password)\nconsole.error(btoa(vars.password))\nreturn { typeofRequire: typeof require, typeofProcess: typeof process, p: vars.password }'),
        script('leaky page', 'post_execution', 'throw new Error("bad " + encodeURIComponent(vars.password))', { run_in: 'page' }),
        script('python', 'post_execution', 'print(1)', { language: 'python' }),
      ],
    })
    const [node, page, python] = outcome.scripts
    expect(node.stdout).toBe(`password is ${SECRET_MASK}`)
    expect(node.stderr).toBe(SECRET_MASK)
    expect(node.return_value).toBe(`{"typeofRequire":"undefined","typeofProcess":"undefined","p":"${SECRET_MASK}"}`)
    expect(page.error_message).toBe(`Error: bad ${SECRET_MASK}`)
    expect(JSON.stringify(outcome)).not.toContain(secret)
    expect(python).toMatchObject({ status: 'failed', error_message: 'TestDesk runs JavaScript scripts only; this one is python' })
  })
})
