// Writes a run's report as one self-contained HTML page. The summary is plain, escaped HTML at
// the top, so it shows before any script runs; the rest of the run is embedded once as
// gzip+base64 and drawn by the viewer script; screenshots are embedded once each (or written
// beside the page). A Content-Security-Policy allows only the page's own hashed code, no network.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { failureHeading, formatDuration, type FailureShown } from '../../shared/run-wording'
import { SECRET_MASK } from '../../shared/secret-mask'
import type { ReportData, ReportExecution, ReportTest } from './types'
import { VIEWER_JS } from './viewer-script'
import { VIEWER_CSS } from './viewer-style'

export interface HtmlOptions {
  /** 'beside': screenshots are files in `imagesFolder`, referenced relatively. */
  images?: 'inline' | 'beside'
  /** Folder name (relative to the HTML file) for images written beside it. */
  imagesFolder?: string
}

export interface RenderedHtml {
  html: string
  /** Files to copy beside the HTML (images: 'beside'): source path → path relative to the HTML. */
  files: { source: string; name: string }[]
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML content and quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c])
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** The policy for a report whose only code is this script and this stylesheet. */
export function contentSecurityPolicy(script: string, style: string, imagesBeside: boolean): string {
  return [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(style)}`,
    `img-src data: blob:${imagesBeside ? " 'self'" : ''}`,
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

export function renderHtml(data: ReportData, options: HtmlOptions = {}): RenderedHtml {
  const beside = options.images === 'beside'
  const folder = options.imagesFolder ?? 'report-files'
  const files = beside ? data.images.map((image) => ({ source: image.file, name: `${folder}/${image.sha256}.${extensionOf(image.mime)}` })) : []
  // Two blocks: the list (small, unpacked first) and every test's executions (unpacked after).
  const index = {
    v: 1,
    images: data.images.map((image, i) => (beside ? { mime: image.mime, src: files[i].name.split('/').map(encodeURIComponent).join('/') } : { mime: image.mime })),
    tests: data.tests.map(viewerTest),
  }
  const details = data.tests.map((t) => t.executions.map(viewerExecution))
  const pack = (value: unknown) => gzipSync(JSON.stringify(value), { level: 6 }).toString('base64')
  const csp = contentSecurityPolicy(VIEWER_JS, VIEWER_CSS, beside)
  const parts = [
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">\n`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n',
    '<meta name="referrer" content="no-referrer">\n',
    `<title>${escapeHtml(`${data.run.name} – TestDesk report`)}</title>\n`,
    `<style>${VIEWER_CSS}</style>\n</head>\n<body>\n`,
    summaryHtml(data),
    '<nav id="filters" aria-label="Filters"></nav>\n',
    '<main id="tests" aria-label="Tests" aria-busy="true"><p class="note">Loading the tests…</p></main>\n',
    '<noscript><p class="note">The list of tests needs JavaScript; the summary above is complete without it.</p></noscript>\n',
    '<dialog id="lightbox" aria-label="Screenshot"><button type="button">Close</button> <span class="caption"></span><img alt=""></dialog>\n',
    `<script type="application/octet-stream" id="report-data">${pack(index)}</script>\n`,
    `<script type="application/octet-stream" id="report-details">${pack(details)}</script>\n`,
    `<script>${VIEWER_JS}</script>\n`,
  ]
  if (!beside) {
    // After the viewer, so the rows draw while the (larger) image data is still being parsed.
    data.images.forEach((image, i) => {
      parts.push(`<script type="application/octet-stream" id="img-${i}">${readFileSync(image.file).toString('base64')}</script>\n`)
    })
  }
  parts.push('</body>\n</html>\n')
  return { html: parts.join(''), files }
}

function extensionOf(mime: string): string {
  return { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' }[mime] ?? 'png'
}

/** The badge colours of the viewer's status classes. */
const TONE_CLASS: Record<ReportData['run']['outcome']['tone'], string> = { passed: 'passed', failed: 'failed', warning: 'skipped', neutral: 'running' }

function summaryHtml(data: ReportData): string {
  const { run } = data
  const c = run.counts
  const count = (key: string, label: string, value: number | string, cls = '') =>
    `<div class="${cls}"><dt>${label}</dt><dd data-count="${key}">${escapeHtml(value)}</dd></div>`
  const meta: [string, string][] = []
  const add = (label: string, value: string | null | undefined) => {
    if (value) meta.push([label, escapeHtml(value)])
  }
  add('Status', run.status)
  add('Started', run.started_at)
  add('Finished', run.completed_at)
  add('Browser', [run.browser, run.browser_version].filter(Boolean).join(' '))
  add('Viewport', run.viewport)
  add('Operating system', run.os)
  add('Environment', run.environment)
  add('Suite', run.suite?.length ? run.suite.join(' / ') : null)
  if (run.tags.length) meta.push(['Tags', run.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')])
  add('Steps', run.steps.total ? `${run.steps.passed} passed, ${run.steps.failed} failed${run.steps.skipped ? `, ${run.steps.skipped} skipped` : ''} of ${run.steps.total}` : null)
  add('Checkpoints', run.checkpoints.total ? `${run.checkpoints.passed} passed, ${run.checkpoints.failed} failed of ${run.checkpoints.total}` : null)
  add('Retries', run.retry_count ? `up to ${run.retry_count} per failing test` : null)
  add('Notes', run.notes)
  add('Generated', `${data.generated_at} by TestDesk ${data.app_version}`)
  return [
    '<header class="top">',
    `<h1 id="run-title">${escapeHtml(run.name)} <span class="badge run-status ${TONE_CLASS[run.outcome.tone]}">${escapeHtml(run.outcome.label)}</span></h1>`,
    '<button type="button" id="theme">Theme</button>',
    '</header>\n<section id="summary" aria-label="Run summary">\n<dl class="counts">',
    count('total', 'Tests', c.total),
    count('passed', 'Passed', c.passed, 'passed'),
    count('failed', 'Failed', c.failed, 'failed'),
    count('flaky', 'Flaky', c.flaky, 'flaky'),
    count('skipped', 'Skipped', c.skipped, 'skipped'),
    count('no_run', 'No run', c.no_run, 'no_run'),
    count('pass-rate', 'Pass rate', `${run.pass_rate.toFixed(2)}%`),
    count('duration', 'Duration', formatDuration(run.duration_ms)),
    '</dl>\n',
    passBar(c),
    `<dl class="meta">${meta.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('')}</dl>\n</section>\n`,
  ].join('')
}

/** Proportions as SVG geometry: attributes, not inline styles, which the policy forbids. */
function passBar(c: ReportData['run']['counts']): string {
  const total = Math.max(1, c.passed + c.failed + c.skipped + c.no_run)
  let x = 0
  const rects = (
    [
      ['p', c.passed],
      ['f', c.failed],
      ['s', c.skipped],
      ['n', c.no_run],
    ] as const
  )
    .map(([cls, n]) => {
      const width = (n / total) * 100
      const rect = `<rect class="${cls}" x="${x.toFixed(3)}" y="0" width="${width.toFixed(3)}" height="1"/>`
      x += width
      return n ? rect : ''
    })
    .join('')
  return `<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" role="img" aria-label="${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.no_run} not run">${rects}</svg>\n`
}

/** A test's row as the viewer reads it. */
function viewerTest(t: ReportTest) {
  return {
    name: t.name,
    suite: t.suite.join(' / '),
    tags: t.tags,
    status: t.status,
    label: t.label,
    duration: t.duration_ms,
    flaky: t.flaky,
    attempts: t.attempts,
    data_driven: t.data_driven,
    error: t.error_message,
    failure: viewerFailure(t.failure),
    note: t.failure ? null : t.error_message,
    error_shot: t.error_screenshot,
  }
}

/** One execution as the viewer reads it; steps are arrays (see STEP in the viewer) to keep the data small. */
function viewerExecution(x: ReportExecution) {
  return {
    attempt: x.attempt,
    iteration: x.iteration,
    row: x.data_row_index,
    data: x.data,
    values: rowValues(x.data),
    status: x.status,
    duration: x.duration_ms,
    failure: viewerFailure(x.failure),
    note: x.failure ? null : x.error_message,
    error_shot: x.error_screenshot,
    trace: x.trace ? { url: x.trace.url, command: x.trace.command } : null,
    start_url: x.initial_url,
    end_url: x.final_url,
    steps: x.steps.map((s) =>
      trimNulls([s.number, s.action, s.description, s.status, s.duration_ms, s.selector, s.error_message, s.screenshot, s.window_title, s.healed_selector, s.input_value, s.phase]),
    ),
    checkpoints: x.checkpoints.map((c) => ({
      name: c.name,
      subject: c.subject,
      status: c.status,
      selector: c.selector,
      step: c.step_number,
      verifications: c.verifications,
      expected: c.expected,
      actual: c.actual,
      diff: c.diff_percentage,
      error: c.error_message,
      images: c.images,
    })),
    console: x.console,
    network: x.network.map((n) => ({ method: n.method, url: n.url, status: n.status_code, status_text: n.status_text, type: n.resource_type, ms: n.duration_ms, error: n.error_message })),
    scripts: x.scripts.map((s) => ({ name: s.name, type: s.type, language: s.language, status: s.status, exit_code: s.exit_code, ms: s.duration_ms, stdout: s.stdout, stderr: s.stderr, error: s.error_message, critical: s.critical })),
  }
}

function viewerFailure(failure: FailureShown | null) {
  return failure && { step: failure.step, heading: failureHeading(failure), message: failure.message }
}

/** An iteration's data row in one line, secret values left out: `email=ann@example.test, role=Tester`. */
export function rowValues(data: Record<string, unknown> | null): string | null {
  if (!data) return null
  const shown = Object.entries(data).filter(([, value]) => value !== SECRET_MASK)
  return shown.length ? shown.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ') : null
}

function trimNulls(values: unknown[]): unknown[] {
  let end = values.length
  while (end > 0 && (values[end - 1] === null || values[end - 1] === undefined)) end--
  return values.slice(0, end)
}
