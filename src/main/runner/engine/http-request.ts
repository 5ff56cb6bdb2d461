// HTTP requests a step sends (the `request` action, the `api` checkpoint): through the test's
// own request context, so the page's cookies go along unless the step says otherwise; logged
// with the page's network traffic; values captured from the response into variables.
import { request as playwrightRequest, type APIResponse } from 'playwright'
import type { CheckpointResultInput, PropertyVerification } from '../../../shared/model/execution'
import {
  apiSubject,
  defaultOperator,
  readJsonPath,
  shownValue,
  valueHolds,
  type ApiAssertion,
  type ApiCapture,
  type HttpRequestSpec,
  requestHeaders,
} from '../../../shared/http-checks'
import { CHECKPOINT_KINDS } from '../../../shared/checkpoints'
import { ApiCheckpoint } from '../../../shared/checkpoint-kinds'
import { toRegExp, truncate } from '../../../shared/patterns'
import { resolveUrl } from './urls'
import { headline, isTimeout, StepFailure } from './failures'
import type { StepRun } from './step-run'

export interface HttpExchange {
  url: string
  method: string
  status: number
  statusText: string
  headers: Record<string, string>
  text: string
  elapsedMs: number
}

const PREVIEW_CHARS = 2048

/** Sends the request within the step's time; a response of any status is an answer, not a failure. */
export async function sendRequest(run: StepRun, rawUrl: string, spec: HttpRequestSpec): Promise<HttpExchange> {
  const url = resolveUrl(rawUrl, run.session.input.baseUrl, run.page.url())
  const method = spec.method ?? 'GET'
  const headers = requestHeaders(spec)
  const data = spec.body
  const shared = spec.share_cookies !== false
  const started = performance.now()
  const timestamp = new Date().toISOString()
  const client = shared ? run.session.context.request : await playwrightRequest.newContext()
  let response: APIResponse | null = null
  let text = ''
  try {
    response = await run.pw(() => client.fetch(url, { method, headers, data, timeout: run.remaining(), failOnStatusCode: false, maxRedirects: 20 }))
    text = method === 'HEAD' ? '' : await run.pw(() => response!.text())
  } catch (error) {
    const why = isTimeout(error) ? `no answer within ${run.timeoutMs} ms` : headline(error).replace(/^apiRequestContext\.fetch:\s*/, '').split('\n')[0]
    logExchange(run, { url, method, status: 0, statusText: '', headers: {}, text: '', elapsedMs: performance.now() - started }, headers, data, timestamp, why)
    throw new StepFailure(`${method} ${url} failed: ${why}`, { cause: error })
  } finally {
    if (!shared) await client.dispose().catch(() => undefined)
  }
  const exchange: HttpExchange = {
    url,
    method,
    status: response.status(),
    statusText: response.statusText(),
    headers: response.headers(),
    text,
    elapsedMs: Math.round(performance.now() - started),
  }
  logExchange(run, exchange, headers, data, timestamp, null)
  return exchange
}

function logExchange(run: StepRun, x: HttpExchange, requestHeaders: Record<string, string>, data: string | undefined, timestamp: string, error: string | null): void {
  run.session.network.record({
    url: x.url,
    method: x.method,
    status_code: x.status || null,
    status_text: truncate(x.statusText, 100) || null,
    request_headers: requestHeaders,
    response_headers: x.status ? x.headers : null,
    request_body_preview: data === undefined ? null : data.slice(0, PREVIEW_CHARS * 4),
    response_body_preview: x.text ? x.text.slice(0, PREVIEW_CHARS * 4) : null,
    content_type: x.headers['content-type'] ? truncate(x.headers['content-type'], 200) : null,
    content_length: x.status ? Buffer.byteLength(x.text) : null,
    resource_type: 'request-step',
    timestamp,
    duration_ms: Math.round(x.elapsedMs),
    ttfb_ms: null,
    error_message: error,
    step_index: run.session.clock.current,
  })
}

function parsedJson(x: HttpExchange): { ok: true; value: unknown } | { ok: false; why: string } {
  try {
    return { ok: true, value: JSON.parse(x.text) }
  } catch {
    return { ok: false, why: `the response is not JSON (${x.headers['content-type'] ?? 'no content type'}): ${shownValue(x.text.slice(0, 200))}` }
  }
}

/** What an assertion reads from the response; `undefined` when it is not there. */
function actualOf(a: ApiAssertion, x: HttpExchange): unknown {
  switch (a.source) {
    case 'status': return x.status
    case 'header': return x.headers[(a.path ?? '').toLowerCase()]
    case 'body': return x.text
    case 'time': return x.elapsedMs
    case 'json': {
      const json = parsedJson(x)
      if (!json.ok) throw new StepFailure(`Cannot read ${a.path}: ${json.why}`)
      return readJsonPath(json.value, a.path ?? '$')
    }
  }
}

/** Stores the captured values as variables (secret ones masked from now on); returns them for the step's output. */
export function captureValues(run: StepRun, x: HttpExchange, captures: readonly ApiCapture[]): string[] {
  const shown: string[] = []
  for (const c of captures) {
    let value: unknown
    if (c.from === 'status') value = String(x.status)
    else if (c.from === 'header') value = x.headers[(c.path ?? '').toLowerCase()]
    else if (c.from === 'body') value = x.text
    else if (c.from === 'regex') value = toRegExp(c.path ?? '').exec(x.text)?.slice(1).find((g) => g !== undefined) ?? toRegExp(c.path ?? '').exec(x.text)?.[0]
    else {
      const json = parsedJson(x)
      if (!json.ok) throw new StepFailure(`Cannot capture ${quotedName(c.name)} from ${c.path}: ${json.why}`)
      value = readJsonPath(json.value, c.path ?? '$')
    }
    if (value === undefined || value === null) {
      throw new StepFailure(`Cannot capture ${quotedName(c.name)}: the response has no ${c.from === 'json' || c.from === 'header' ? `${c.from === 'json' ? 'value at' : 'header'} ${c.path}` : `match for ${c.path}`}`)
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    if (c.secret) run.session.addSecret(text)
    run.session.variables[c.name] = text
    shown.push(`${c.name} = ${run.session.mask.clip(text, 200)}`)
  }
  return shown
}

function quotedName(name: string): string {
  return `variable '${name}'`
}

/** The `request` action: sends, fails on a non-2xx status unless told not to, captures. */
export async function runRequestStep(run: StepRun): Promise<void> {
  const o = run.options
  const x = await sendRequest(run, run.step.value ?? '', o)
  const output = [`${x.status} ${x.statusText} in ${x.elapsedMs} ms`]
  if (o.expect_ok !== false && (x.status < 200 || x.status > 299)) {
    run.output = output.join('\n')
    throw new StepFailure(`${x.method} ${x.url} answered ${x.status} ${x.statusText}: ${shownValue(x.text.slice(0, 300), 300)}`)
  }
  output.push(...captureValues(run, x, o.capture ?? []))
  run.output = run.session.mask.clip(output.join('\n'), 10_000)
}

/** The `api` checkpoint: every assertion is checked (none stops the others), then captures. */
export async function runApiCheckpoint(run: StepRun, raw: unknown): Promise<void> {
  const checkpoint = ApiCheckpoint.parse(raw)
  const x = await sendRequest(run, checkpoint.url, checkpoint)
  const verifications: PropertyVerification[] = []
  const failures: string[] = []
  const taken = new Set<string>()
  for (const a of checkpoint.assertions) {
    const operator = a.operator ?? defaultOperator(a.source)
    let actual: unknown
    let passed: boolean
    let why: string | null = null
    try {
      actual = actualOf(a, x)
      passed = valueHolds(operator, actual, a.expected)
    } catch (error) {
      passed = false
      why = (error as Error).message
    }
    let key = apiSubject(a)
    for (let n = 2; taken.has(key); n++) key = `${apiSubject(a)}#${n}`
    taken.add(key)
    const shownActual = a.source === 'body' && typeof actual === 'string' ? truncate(actual, 2000) : actual
    verifications.push({ property_name: key, expected_value: a.expected ?? true, actual_value: shownActual === undefined ? null : shownActual, passed, operator })
    if (!passed) failures.push(why ?? `Expected ${apiSubject(a)} ${operator.replace(/_/g, ' ')} ${shownValue(a.expected)}${a.source === 'time' ? ' ms' : ''} but was ${shownValue(shownActual)}${a.source === 'time' ? ' ms' : ''}`)
  }
  const failed = failures.length > 0
  const message = failed ? `${x.method} ${x.url} (${x.status}): ${failures.join('; ')}` : null
  run.checkpoints.push(
    run.session.mask.deep({
      checkpoint_name: truncate(checkpoint.name ?? CHECKPOINT_KINDS.api.describe(checkpoint, ''), 255),
      checkpoint_type: 'api',
      status: failed ? 'failed' : 'passed',
      selector: null,
      profile: 'functional',
      expected_properties: Object.fromEntries(verifications.map((v) => [v.property_name, v.expected_value])),
      actual_properties: { ...Object.fromEntries(verifications.map((v) => [v.property_name, v.actual_value])), request: `${x.method} ${x.url}`, status: x.status, elapsed_ms: x.elapsedMs },
      failed_properties: verifications.filter((v) => !v.passed).map((v) => v.property_name),
      property_verifications: verifications,
      error_message: message,
    } satisfies CheckpointResultInput),
  )
  if (failed) throw new StepFailure(message!)
  const captured = captureValues(run, x, checkpoint.capture ?? [])
  run.output = run.session.mask.clip([`${x.status} ${x.statusText} in ${x.elapsedMs} ms`, ...captured].join('\n'), 10_000)
}
