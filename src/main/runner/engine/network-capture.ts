// Requests of every page in the context, with reference/003's columns: status, headers, short
// body previews, timing, failures and the step running when each started. Headers and bodies
// that need a round trip are fetched in the background and only waited for, briefly, at the end:
// a step never waits on a body.
import type { BrowserContext, Request } from 'playwright'
import type { NetworkLogInput } from '../../../shared/model/execution'
import { truncate } from '../../../shared/patterns'
import { maskSensitiveHeaders, type Masker } from './masking'
import type { StepClock } from './step-clock'
import { withinMs } from './within'

/** Only these carry bodies worth a preview; scripts, styles and images would only add weight. */
const BODY_RESOURCES = new Set(['fetch', 'xhr', 'document'])
const TEXT_CONTENT = /^(text\/|application\/(json|xml|javascript|ecmascript|x-www-form-urlencoded|graphql|problem\+json|[\w.-]+\+(json|xml))|image\/svg\+xml)/i
const PREVIEW_CHARS = 2048
const MAX_BODY_FETCH = 1_000_000

interface Entry {
  request: Request
  log: NetworkLogInput
  started: number
}

function ms(value: number): number {
  return Math.max(0, Math.round(value))
}

export class NetworkCapture {
  private readonly entries: Entry[] = []
  private readonly open = new Map<Request, Entry>()
  /** Requests TestDesk itself sent (request steps, API checkpoints): no page saw them. */
  private readonly sent: NetworkLogInput[] = []
  private readonly pending = new Set<Promise<unknown>>()

  constructor(
    private readonly context: BrowserContext,
    private readonly clock: StepClock,
    private readonly mask: Masker,
  ) {}

  attach(): void {
    this.context.on('request', this.onRequest)
    this.context.on('requestfinished', this.onFinished)
    this.context.on('requestfailed', this.onFailed)
  }

  detach(): void {
    this.context.off('request', this.onRequest)
    this.context.off('requestfinished', this.onFinished)
    this.context.off('requestfailed', this.onFailed)
  }

  /** The logs, after waiting at most `boundMs` for headers and bodies still being read. */
  async finish(boundMs: number): Promise<NetworkLogInput[]> {
    if (this.pending.size) await withinMs(Promise.allSettled([...this.pending]), boundMs, [])
    for (const entry of this.open.values()) {
      this.applyResponse(entry)
      entry.log.error_message ??= entry.log.status_code === null ? 'No response before the test ended' : null
    }
    return [...this.entries.map(({ log }) => log), ...this.sent].map((log) => ({
      ...log,
      request_headers: log.request_headers ? maskSensitiveHeaders(log.request_headers) : null,
      response_headers: log.response_headers ? maskSensitiveHeaders(log.response_headers) : null,
    }))
  }

  /** Logs a request a step sent; its texts are masked here, its credential headers in finish(). */
  record(log: NetworkLogInput): void {
    this.sent.push({
      ...log,
      url: this.mask.clip(log.url, 2000),
      request_body_preview: log.request_body_preview === null || log.request_body_preview === undefined ? null : this.mask.clip(log.request_body_preview, PREVIEW_CHARS),
      response_body_preview: log.response_body_preview === null || log.response_body_preview === undefined ? null : this.mask.clip(log.response_body_preview, PREVIEW_CHARS),
      request_headers: log.request_headers ? this.mask.deep(log.request_headers) : null,
      response_headers: log.response_headers ? this.mask.deep(log.response_headers) : null,
    })
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.pending.delete(tracked))
    this.pending.add(tracked)
  }

  private readonly onRequest = (request: Request) => {
    const headers = request.headers()
    const resourceType = request.resourceType()
    const log: NetworkLogInput = {
      url: this.mask.clip(request.url(), 2000),
      method: request.method().slice(0, 10),
      status_code: null,
      status_text: null,
      request_headers: headers,
      response_headers: null,
      request_body_preview: this.requestBody(request, headers),
      response_body_preview: null,
      content_type: null,
      content_length: null,
      resource_type: resourceType,
      timestamp: new Date().toISOString(),
      duration_ms: null,
      ttfb_ms: null,
      error_message: null,
      step_index: this.clock.current,
    }
    const entry = { request, log, started: performance.now() }
    this.entries.push(entry)
    this.open.set(request, entry)
    // Cookie and other protected headers only come with the full set, one round trip away.
    if (BODY_RESOURCES.has(resourceType)) this.track(request.allHeaders().then((all) => void (log.request_headers = all)))
  }

  private readonly onFinished = (request: Request) => {
    const entry = this.open.get(request)
    if (!entry) return
    this.open.delete(request)
    this.applyTiming(entry)
    const response = this.applyResponse(entry)
    if (!response || !BODY_RESOURCES.has(entry.log.resource_type ?? '')) return
    const { log } = entry
    this.track(response.allHeaders().then((all) => void (log.response_headers = all)))
    const status = log.status_code ?? 0
    const textual = TEXT_CONTENT.test(log.content_type ?? '')
    if (textual && status !== 204 && status !== 304 && (status < 300 || status >= 400) && (log.content_length ?? 0) <= MAX_BODY_FETCH) {
      this.track(
        response.body().then((body) => {
          log.response_body_preview = this.mask.clip(body.subarray(0, PREVIEW_CHARS * 4).toString('utf8'), PREVIEW_CHARS)
          log.content_length ??= body.length
        }),
      )
    }
  }

  private readonly onFailed = (request: Request) => {
    const entry = this.open.get(request)
    if (!entry) return
    this.open.delete(request)
    this.applyTiming(entry)
    this.applyResponse(entry)
    entry.log.error_message = request.failure()?.errorText ?? 'The request failed'
  }

  private applyTiming(entry: Entry): void {
    const timing = entry.request.timing()
    if (timing.startTime > 0) {
      entry.log.timestamp = new Date(timing.startTime).toISOString()
      entry.log.step_index = this.clock.at(timing.startTime)
    }
    entry.log.ttfb_ms = timing.responseStart >= 0 ? ms(timing.responseStart) : null
    entry.log.duration_ms = timing.responseEnd >= 0 ? ms(timing.responseEnd) : ms(performance.now() - entry.started)
  }

  private applyResponse(entry: Entry) {
    const response = entry.request.existingResponse()
    if (!response) return null
    const headers = response.headers()
    const { log } = entry
    log.status_code = response.status()
    log.status_text = truncate(response.statusText(), 100)
    log.response_headers ??= headers
    log.content_type = headers['content-type'] ? truncate(headers['content-type'], 200) : null
    const length = Number(headers['content-length'])
    if (headers['content-length'] !== undefined && Number.isInteger(length) && length >= 0) log.content_length = length
    return response
  }

  private requestBody(request: Request, headers: Record<string, string>): string | null {
    const type = headers['content-type'] ?? ''
    if (type && !TEXT_CONTENT.test(type)) return null
    try {
      const body = request.postData()
      return body ? this.mask.clip(body, PREVIEW_CHARS) : null
    } catch {
      return null
    }
  }
}
