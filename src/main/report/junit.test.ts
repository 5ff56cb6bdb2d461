// JUnit XML as CI servers read it: valid against the Ant/Jenkins JUnit schema, one testcase per
// test or data iteration, failures naming the failing step, skipped and not-run tests.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../core'
import { collectReportData } from './data'
import { buildFixtureRun } from '../testing/fixture-runs'
import { escapeXml, renderJunit } from './junit'
import { validateXml } from './xsd-check'

const XSD = join(import.meta.dirname, 'fixtures', 'junit.xsd')
const cores: Core[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.close()
})

async function junitOf(options: { xss?: boolean } = {}) {
  const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-junit-')), databasePath: ':memory:', execution: 'manual' })
  cores.push(core)
  const fixture = await buildFixtureRun(core, options)
  return { fixture, xml: renderJunit(collectReportData(core.context.store, fixture.runId), 'ci-host') }
}

const attr = (xml: string, element: string, name: string) => [...xml.matchAll(new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1])

describe('JUnit XML', () => {
  it('validates against the JUnit XSD, plain and with hostile text everywhere', async () => {
    for (const xss of [false, true]) {
      const { xml } = await junitOf({ xss })
      const result = await validateXml(xml, XSD)
      expect(result.valid, `${result.tool}${xss ? ' (xss)' : ''}: ${result.errors}`).toBe(true)
    }
    // The schema is strict enough to matter: a suite without its properties or a zoned timestamp fails.
    const { xml } = await junitOf()
    expect((await validateXml(xml.replace(/<properties>[\s\S]*?<\/properties>\n/, ''), XSD)).valid).toBe(false)
    expect((await validateXml(xml.replace(/timestamp="([^"]+)"/, 'timestamp="$1Z"'), XSD)).valid).toBe(false)
  })

  it('has a testsuite per suite and a testcase per test or data iteration', async () => {
    const { xml } = await junitOf()
    expect(attr(xml, 'testsuite', 'name')).toEqual(['Regression / Login', 'Regression / Checkout', 'Regression'])
    expect(attr(xml, 'testsuite', 'tests')).toEqual(['6', '3', '1'])
    expect(attr(xml, 'testsuite', 'failures')).toEqual(['1', '1', '0'])
    expect(attr(xml, 'testsuite', 'skipped')).toEqual(['0', '1', '1'])
    expect(attr(xml, 'testsuite', 'hostname')).toEqual(['ci-host', 'ci-host', 'ci-host'])
    expect(attr(xml, 'testcase', 'name')).toContain('Sign in with each account [iteration 3]')
    expect(attr(xml, 'testcase', 'name')).toContain('Profile per locale [iteration 2]')
    expect(attr(xml, 'testcase', 'classname')[0]).toBe('Regression.Login')
    expect(xml).toContain('<property name="environment" value="Staging"/>')
    expect(xml).toContain('<property name="run.name" value="Run_001"/>')
    expect(xml).toMatch(/<testcase name="Never ran" classname="Regression" time="0.000">\s*<skipped message="Not run"\/>/)
    expect(xml).toContain('Flaky: &quot;Search is flaky&quot;'.replace(/&quot;/g, '"'))
    expect(xml).toMatch(/Data group of "Sign in with each account": [^,]+, 3 executions in bundle [0-9a-f-]{36}\./)
    // Each script of a test, with what it printed and returned, in its suite's system-out.
    expect(xml).toMatch(/<system-out>[^<]*: "Seed users" \(pre-execution\) passed in 80 ms; returned \{"users":3\}; output: seeded 3 users/)
  })

  it('puts the error and the failing step in the failure', async () => {
    const { xml, fixture } = await junitOf()
    const failure = /<testcase name="Checkout fails"[^>]*>\s*<failure message="([^"]*)" type="([^"]*)">([^<]*)<\/failure>/.exec(xml)!
    expect(failure[1]).toBe(escapeXml(fixture.failure.message, true))
    expect(failure[2]).toBe('step 3: assert')
    expect(failure[3]).toContain('Failed at step 3: assert step 3')
    // The error once, and none of TestDesk's own stack.
    expect(failure[3].split(escapeXml(fixture.failure.message)).length - 1).toBe(1)
    expect(failure[3]).not.toContain('checkout.spec')
    expect(failure[3]).toContain('Checkpoint failed: Order total')
    expect(failure[3]).toContain('text equals: expected &quot;$42.00&quot;, actual &quot;$40.00&quot;'.replace(/&quot;/g, '"'))
    expect(failure[3]).toContain('Attempts: 2')
  })

  it('names each test’s own suite in a run of single tests, ROOT for a test in no other suite', async () => {
    const core = await openCore({ dataDir: mkdtempSync(join(tmpdir(), 'td-junit-')), databasePath: ':memory:', execution: 'manual' })
    cores.push(core)
    const call = async (name: string, input: unknown) => {
      const envelope = await core.dispatcher.call(name, input, { transport: 'direct' })
      if (!envelope.ok) throw new Error(envelope.error.message)
      return envelope.value as any
    }
    const root = await call('suites.byPath', { path: ['ROOT'] })
    const demo = await call('suites.create', { name: 'Demo' })
    const table = await call('suites.create', { name: 'Table', parent_id: demo.id })
    // Linked to ROOT too, as the demo's tests were: the named suite is still the one shown.
    const linked = await call('tests.create', { name: 'Sort by date', suite_ids: [root.id, table.id] })
    const loose = await call('tests.create', { name: 'Loose test' })
    const run = await call('runs.create', { test_case_ids: [linked.id, loose.id] })
    await call('runs.start', { id: run.id })
    const items = (await call('runItems.list', { test_run_id: run.id })).items
    for (const item of items) await call('results.submit', { test_run_id: run.id, test_run_item_id: item.id, test_case_id: item.test_case_id, status: 'passed' })
    const xml = renderJunit(collectReportData(core.context.store, run.id), 'ci-host')
    expect(attr(xml, 'testsuite', 'name')).toEqual(['Demo / Table', 'ROOT'])
    expect(attr(xml, 'testcase', 'classname')).toEqual(['Demo.Table', 'ROOT'])
  })

  it('escapes markup and drops characters XML cannot hold', async () => {
    expect(escapeXml('a<b>&"c\'\u0007\n', true)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\uFFFD&#10;')
    expect(escapeXml('</failure>\uD800x')).toBe('&lt;/failure&gt;\uFFFDx')
    const { xml } = await junitOf({ xss: true })
    expect(xml).not.toContain('<img src=x')
    expect(xml).not.toContain('<script>')
    expect(xml).toContain('&lt;svg onload=alert(1)&gt;')
  })
})
