// Validates XML against an XML Schema for the tests, with the xmllint-wasm dev dependency
// (libxml2's xmllint compiled to WebAssembly).
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { validateXML } from 'xmllint-wasm'

export interface XsdResult {
  valid: boolean
  errors: string
  tool: 'xmllint-wasm'
}

export async function validateXml(xml: string, xsdPath: string): Promise<XsdResult> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: basename(xsdPath), contents: readFileSync(xsdPath, 'utf8') }],
  })
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage).join('\n'), tool: 'xmllint-wasm' }
}
