// Validates XML against an XML Schema for the tests: with the xmllint-wasm package when it is
// installed, else with libxml2's xmllint from PATH; says how to get one when neither is there.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

export interface XsdResult {
  valid: boolean
  errors: string
  tool: 'xmllint-wasm' | 'xmllint'
}

export async function validateXml(xml: string, xsdPath: string): Promise<XsdResult> {
  const wasm = await loadXmllintWasm()
  if (wasm) {
    const result = await wasm.validateXML({
      xml: [{ fileName: 'report.xml', contents: xml }],
      schema: [{ fileName: basename(xsdPath), contents: readFileSync(xsdPath, 'utf8') }],
    })
    return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage ?? String(e)).join('\n'), tool: 'xmllint-wasm' }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'td-xsd-')), 'report.xml')
  writeFileSync(file, xml)
  const run = spawnSync('xmllint', ['--noout', '--schema', xsdPath, file], { encoding: 'utf8' })
  if (run.error) {
    throw new Error(
      'Validating JUnit XML needs xmllint-wasm (npm i -D xmllint-wasm) or xmllint on PATH (Debian/Ubuntu: apt-get install libxml2-utils; macOS has it).',
    )
  }
  return { valid: run.status === 0, errors: run.stderr, tool: 'xmllint' }
}

interface XmllintWasm {
  validateXML(input: { xml: { fileName: string; contents: string }[]; schema: { fileName: string; contents: string }[] }): Promise<{
    valid: boolean
    errors: { rawMessage?: string }[]
  }>
}

async function loadXmllintWasm(): Promise<XmllintWasm | null> {
  // A variable specifier: the package is optional and need not be installed to type-check.
  const name = 'xmllint-wasm'
  try {
    return (await import(name)) as XmllintWasm
  } catch {
    return null
  }
}
