// axe-core in the page under test: every screen must have no serious or critical violation.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

/** Runs axe on the page as it is now; throws listing each serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // page.evaluate is not subject to the page's Content-Security-Policy, a script tag would be.
  await page.evaluate(AXE_SOURCE)
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })) as AxeViolation[]
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (bad.length) {
    const lines = bad.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join('; ')}`).join('\n')}`)
    throw new Error(`axe found ${bad.length} serious or critical violation(s) on ${screen}:\n${lines.join('\n')}`)
  }
}
