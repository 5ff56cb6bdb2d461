// JUnit XML in the Ant/Jenkins shape that Jenkins and GitLab read: a testsuite per suite, a
// testcase per test (or per data iteration), failures naming the failing step, skipped tests,
// times in seconds and the run's context as properties. Checked against the Ant JUnit XSD in
// ./fixtures by the tests, which is stricter than the CI servers themselves.
import { hostname } from 'node:os'
import { ROOT_SUITE } from '../../shared/model/definition'
import { failureHeading } from '../../shared/run-wording'
import type { ReportData, ReportExecution, ReportScript, ReportTest } from './types'

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry at all. */
export function escapeXml(value: unknown, attribute = false): string {
  const text = String(value ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
  if (!attribute) return text
  // Newlines and tabs in attributes would be normalised to spaces by any XML parser.
  return text.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

const seconds = (ms: number) => (ms / 1000).toFixed(3)

interface Case {
  name: string
  classname: string
  ms: number
  failure?: { message: string; type: string; text: string }
  skipped?: string
}

export function renderJunit(data: ReportData, host = safeHostname()): string {
  const { run } = data
  const groups = new Map<string, ReportTest[]>()
  for (const test of data.tests) {
    const key = test.suite.join(' / ')
    const group = groups.get(key)
    if (group) group.push(test)
    else groups.set(key, [test])
  }
  // The Ant schema wants a local time without a zone; TestDesk's timestamps are UTC.
  const timestamp = (run.started_at ?? run.created_at).slice(0, 19)
  const properties: [string, string | null][] = [
    ['run.id', run.id],
    ['run.name', run.name],
    ['run.number', String(run.number)],
    ['run.status', run.status],
    ['run.pass_rate', run.pass_rate.toFixed(2)],
    ['browser', [run.browser, run.browser_version].filter(Boolean).join(' ') || null],
    ['viewport', run.viewport],
    ['os', run.os],
    ['environment', run.environment],
    ['tags', run.tags.length ? run.tags.join(', ') : null],
    ['testdesk.version', data.app_version],
  ]
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n']
  let id = 0
  for (const [suite, tests] of groups) {
    // Tests linked to ROOT alone are in the ROOT suite (the data model's name for it).
    const name = suite || ROOT_SUITE
    const classname = suite ? tests[0].suite.join('.') : ROOT_SUITE
    const cases = tests.flatMap((test) => casesOf(test, classname))
    const flaky = tests.filter((t) => t.flaky)
    out.push(
      `  <testsuite name="${escapeXml(name, true)}" package="${escapeXml(name, true)}" id="${id++}" timestamp="${timestamp}" hostname="${escapeXml(host, true)}"` +
        ` tests="${cases.length}" failures="${cases.filter((c) => c.failure).length}" errors="0" skipped="${cases.filter((c) => c.skipped !== undefined).length}"` +
        ` time="${seconds(cases.reduce((sum, c) => sum + c.ms, 0))}">\n`,
      '    <properties>\n',
      ...properties.filter(([, value]) => value).map(([key, value]) => `      <property name="${key}" value="${escapeXml(value, true)}"/>\n`),
      '    </properties>\n',
    )
    for (const c of cases) {
      const open = `    <testcase name="${escapeXml(c.name, true)}" classname="${escapeXml(c.classname, true)}" time="${seconds(c.ms)}"`
      if (c.failure) {
        out.push(`${open}>\n      <failure message="${escapeXml(c.failure.message, true)}" type="${escapeXml(c.failure.type, true)}">${escapeXml(c.failure.text)}</failure>\n    </testcase>\n`)
      } else if (c.skipped !== undefined) {
        out.push(`${open}>\n      <skipped message="${escapeXml(c.skipped, true)}"/>\n    </testcase>\n`)
      } else {
        out.push(`${open}/>\n`)
      }
    }
    const notes = [
      ...flaky.map((t) => `Flaky: "${t.name}" failed first and passed on attempt ${t.attempts}.`),
      ...tests.filter((t) => t.bundle).map((t) => `Data group of "${t.name}": ${t.bundle!.data_group ?? 'the test itself'}, ${t.bundle!.executions} executions in bundle ${t.bundle!.id}.`),
      ...tests.flatMap(scriptNotes),
    ]
    out.push(`    <system-out>${escapeXml(notes.join('\n'))}</system-out>\n    <system-err></system-err>\n  </testsuite>\n`)
  }
  out.push('</testsuites>\n')
  return out.join('')
}

function casesOf(test: ReportTest, classname: string): Case[] {
  const last = test.executions.length ? test.executions[test.executions.length - 1].attempt : 0
  const finalAttempt = test.executions.filter((x) => x.attempt === last)
  if (test.data_driven && finalAttempt.some((x) => x.iteration !== null)) {
    return finalAttempt.map((x) => caseOf(`${test.name} [iteration ${x.iteration ?? '?'}]`, classname, x.duration_ms, x.status, x, test))
  }
  return [caseOf(test.name, classname, test.duration_ms, test.status, finalAttempt.at(-1) ?? null, test)]
}

function caseOf(name: string, classname: string, ms: number, status: string, x: ReportExecution | null, test: ReportTest): Case {
  const base: Case = { name, classname, ms }
  if (status === 'passed') return base
  if (status === 'skipped') return { ...base, skipped: x?.error_message ?? test.error_message ?? 'Skipped' }
  if (status !== 'failed') return { ...base, skipped: test.error_message ?? (status === 'no_run' ? 'Not run' : `Not finished (${status})`) }
  const message = x?.error_message ?? test.error_message ?? 'Failed'
  // The body says the error once (the failing step, then what happened there), never a stack.
  const failure = x?.failure ?? test.failure ?? { step: null, step_text: null, message }
  const step = failure.step === null ? undefined : x?.steps.find((s) => s.number === failure.step && s.status === 'failed')
  const lines = [failureHeading(failure), '', failure.message]
  if (step?.selector) lines.push('', `Selector: ${step.selector}`)
  for (const c of x?.checkpoints.filter((c) => c.status === 'failed') ?? []) {
    lines.push('', `Checkpoint failed: ${c.name}`)
    for (const v of c.verifications.filter((v) => !v.passed)) lines.push(`  ${v.property} ${v.operator}: expected ${show(v.expected)}, actual ${show(v.actual)}`)
  }
  for (const s of x?.scripts.filter((s) => s.status === 'failed') ?? []) lines.push('', `Script failed: ${scriptLine(s)}`)
  if (x?.data) lines.push('', `Data: ${JSON.stringify(x.data)}`)
  if (test.attempts > 1) lines.push('', `Attempts: ${test.attempts}`)
  if (x?.trace) lines.push('', `Trace: ${x.trace.command}`)
  return { ...base, failure: { message: message.split('\n')[0], type: step ? `step ${step.number}: ${step.action}` : 'failure', text: lines.join('\n') } }
}

/** Every script of the test's last attempt, one line each, for the suite's system-out. */
function scriptNotes(test: ReportTest): string[] {
  const last = test.executions.at(-1)?.attempt ?? 0
  return test.executions
    .filter((x) => x.attempt === last)
    .flatMap((x) => x.scripts.map((s) => `Script of "${test.name}"${x.iteration !== null ? ` [iteration ${x.iteration}]` : ''}: ${scriptLine(s)}`))
}

function scriptLine(s: ReportScript): string {
  const kind = `${s.type.replace('_', '-')}${s.after_step ? ` after step ${s.after_step}` : ''}${s.critical ? ', critical' : ''}`
  const parts = [`"${s.name}" (${kind}) ${s.status} in ${s.duration_ms} ms`]
  if (s.return_value) parts.push(`returned ${s.return_value}`)
  if (s.error_message) parts.push(s.error_message)
  if (s.stdout) parts.push(`output: ${s.stdout}`)
  if (s.stderr) parts.push(`errors: ${s.stderr}`)
  return parts.join('; ')
}

function show(value: unknown): string {
  return JSON.stringify(value ?? null)
}

function safeHostname(): string {
  try {
    return hostname() || 'localhost'
  } catch {
    return 'localhost'
  }
}
