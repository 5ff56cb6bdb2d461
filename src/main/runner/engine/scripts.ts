// A test's pre-execution, post-execution and on-demand scripts: each runs in the page under
// test or in the Node sandbox, within its time limit, with the test's variables as `vars`
// (what it sets there, later steps read); its console lines, return value and error become a
// script result with every secret masked.
import type { ScriptResultInput } from '../../../shared/model/execution'
import type { ScriptType } from '../../../shared/model/definition'
import { scriptIsExpression } from '../../../shared/step-actions'
import { pageFunction } from './element'
import { browserGone, headline } from './failures'
import { runInNodeSandbox, type ConsoleLine, type SandboxOutcome } from './node-sandbox'
import type { TestSession } from './session'
import type { EngineScript } from './types'

export type { EngineScript }


const SCRIPT_WORDS: Record<ScriptType, string> = { pre_execution: 'Pre-script', post_execution: 'Post-script', on_demand: 'On-demand script' }
const MAX_OUTPUT = 1_000_000

/** How a failed critical script is named in the test's error: `Pre-script 'login' failed: …`. */
export function scriptFailure(script: EngineScript, result: ScriptResultInput): string {
  const where = script.script_type === 'on_demand' && script.attached_to_step ? ` (after step ${script.attached_to_step})` : ''
  return `${SCRIPT_WORDS[script.script_type]} '${script.name}'${where} failed: ${result.error_message ?? 'it failed'}`
}

/** The result of a script that did not run, saying why. */
export function skippedScript(script: EngineScript, reason: string): ScriptResultInput {
  return { ...identity(script), status: 'skipped', error_message: reason, duration_ms: 0 }
}

export async function runScript(session: TestSession, script: EngineScript): Promise<ScriptResultInput> {
  const executedAt = new Date().toISOString()
  const started = performance.now()
  let outcome: SandboxOutcome
  if (script.language !== 'javascript') {
    outcome = failed(`TestDesk runs JavaScript scripts only; this one is ${script.language}`, session.variables)
  } else {
    const body = scriptIsExpression(script.source) ? `return (\n${script.source}\n)` : script.source
    outcome =
      script.run_in === 'node'
        ? await runInNodeSandbox({ code: body, filename: `${script.name}.js`, variables: { ...session.variables }, timeoutMs: script.timeout_ms, signal: session.input.signal })
        : await runInPage(session, body, script.timeout_ms)
  }
  // What the script set is the test's from here on (a token a login script fetched, say).
  for (const [name, value] of Object.entries(outcome.variables)) session.variables[name] = value
  const mask = session.mask
  const joined = (levels: ConsoleLine['level'][]) => {
    const text = outcome.lines.filter((l) => levels.includes(l.level)).map((l) => l.text).join('\n')
    return text ? mask.clip(text, MAX_OUTPUT) : null
  }
  return {
    ...identity(script),
    status: outcome.ok ? 'passed' : 'failed',
    exit_code: outcome.ok ? 0 : 1,
    duration_ms: Math.round(performance.now() - started),
    stdout: joined(['log', 'info', 'debug']),
    stderr: joined(['warn', 'error']),
    return_value: outcome.value === null ? null : mask.clip(outcome.value, MAX_OUTPUT),
    error_message: outcome.error === null ? null : mask.clip(outcome.error, 100_000),
    executed_at: executedAt,
  }
}

function identity(script: EngineScript): ScriptResultInput {
  return {
    test_script_id: script.id,
    script_name: script.name,
    script_type: script.script_type,
    script_language: script.language,
    status: 'skipped',
    is_critical: script.is_critical,
    attached_to_step: script.attached_to_step,
  }
}

function failed(error: string, variables: Record<string, string>): SandboxOutcome {
  return { ok: false, value: null, error, lines: [], variables }
}

/**
 * The script as a function evaluated in the page: `console` and `vars` are its own, so what it
 * prints is kept with its result (the page's console log stays the page's) and a failure
 * still returns the lines printed before it.
 */
function pageScript(body: string): string {
  return `async ({ vars }) => {
  const lines = [];
  const show = (v) => { if (typeof v === 'string') return v; try { const j = JSON.stringify(v); return j === undefined ? String(v) : j } catch { return String(v) } };
  const print = (level) => (...args) => { lines.push({ level, text: args.map(show).join(' ') }) };
  const console = { log: print('log'), info: print('info'), debug: print('debug'), warn: print('warn'), error: print('error') };
  const text = (v) => (v === undefined || v === null ? null : typeof v === 'string' ? v : show(v));
  const variables = () => Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, typeof v === 'string' ? v : show(v)]));
  try {
    const value = await (async () => {
${body}
    })();
    return { ok: true, value: text(value), error: null, lines, variables: variables() };
  } catch (e) {
    const error = e && typeof e === 'object' && typeof e.message === 'string' ? (e.name ? e.name + ': ' : '') + e.message : 'threw ' + show(e);
    return { ok: false, value: null, error, lines, variables: variables() };
  }
}`
}

async function runInPage(session: TestSession, body: string, timeoutMs: number): Promise<SandboxOutcome> {
  const page = session.windows.current?.page
  if (!page || page.isClosed()) return failed('There is no open page to run the script in', session.variables)
  let timer: NodeJS.Timeout | undefined
  const overdue = new Promise<SandboxOutcome>((resolve) => {
    timer = setTimeout(() => resolve(failed(`The script did not finish within ${timeoutMs} ms`, session.variables)), timeoutMs)
  })
  const signal = session.input.signal
  let onAbort = () => undefined as void
  const cancelled = new Promise<SandboxOutcome>((resolve) => {
    onAbort = () => resolve(failed('Cancelled', session.variables))
    if (signal?.aborted) onAbort()
    signal?.addEventListener('abort', onAbort)
  })
  const run = page.evaluate(pageFunction<Promise<SandboxOutcome>>(pageScript(body)), { vars: { ...session.variables } }).catch((error: unknown) =>
    failed(browserGone(error) ?? `The script could not run in the page: ${headline(error)}`, session.variables),
  )
  try {
    return await Promise.race([run, overdue, cancelled])
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}
