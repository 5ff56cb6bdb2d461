// JUnit XML as CI servers read it: valid against the Ant/Jenkins JUnit schema, one testcase per
// test or data iteration, failures naming the failing step, skipped and not-run tests.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../core'
import { collectReportData } from './data'
import { buildFixtureRun } from './fixture-runs'
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
  })

  it('puts the error and the failing step in the failure', async () => {
    const { xml, fixture } = await junitOf()
    const failure = /<testcase name="Checkout fails"[^>]*>\s*<failure message="([^"]*)" type="([^"]*)">([^<]*)<\/failure>/.exec(xml)!
    expect(failure[1]).toBe(escapeXml(fixture.failure.message, true))
    expect(failure[2]).toBe('step 3: assert')
    expect(failure[3]).toContain('Failed at step 3 (assert: assert step 3)')
    expect(failure[3]).toContain('Checkpoint failed: Order total')
    expect(failure[3]).toContain('text equals: expected &quot;$42.00&quot;, actual &quot;$40.00&quot;'.replace(/&quot;/g, '"'))
    expect(failure[3]).toContain('Attempts: 2')
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
