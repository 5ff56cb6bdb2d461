// Accessibility checkpoints: axe-core injected into the page (once per document) and run on the
// page or the target element with the chosen rule tags. Violations at or above the impact
// threshold fail, except those the test acknowledged (a rule, or a rule on one element).
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Frame } from 'playwright'
import { AccessibilityCheckpoint, DEFAULT_AXE_TAGS, IMPACTS, type Impact } from '../../../shared/checkpoint-kinds'
import { CHECKPOINT_KINDS } from '../../../shared/checkpoints'
import type { CheckpointResultInput, PropertyVerification } from '../../../shared/model/execution'
import { truncate } from '../../../shared/patterns'
import { targetName } from '../../../shared/steps'
import { pageFunction } from './element'
import { StepFailure } from './failures'
import { resolveTarget } from './locate'
import type { StepRun } from './step-run'

interface AxeNode {
  target: string[]
  html: string
}

interface AxeViolation {
  id: string
  impact: Impact | null
  help: string
  helpUrl: string
  nodes: AxeNode[]
}

const MAX_NODES = 20

// Runs in the page: axe on the element (or the document), only violations wanted back.
const RUN_AXE = pageFunction<Promise<AxeViolation[]>>(`async ([element, options]) => {
  const results = await window.axe.run(element || document, options);
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html })) }));
}`)

// Read as text when first needed: the page runs axe-core, Node never has to load it.
let axeSource: Promise<string> | null = null

async function inject(run: StepRun, frame: Frame): Promise<void> {
  const present = await run.pw(() => frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))
  if (present) return
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  const source = await axeSource
  await run.pw(() => frame.evaluate(source))
}

function selectorOf(node: AxeNode): string {
  return node.target.join(' ')
}

export async function runAccessibilityCheckpoint(run: StepRun, raw: unknown): Promise<void> {
  const c = AccessibilityCheckpoint.parse(raw)
  const tags = c.tags ?? [...DEFAULT_AXE_TAGS]
  const least = IMPACTS.indexOf(c.impact ?? 'minor')
  const options = {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
    ...(c.disable_rules?.length ? { rules: Object.fromEntries(c.disable_rules.map((rule) => [rule, { enabled: false }])) } : {}),
  }

  let violations: AxeViolation[]
  if (run.step.target) {
    const { locator } = await resolveTarget(run, run.step.target)
    const handle = await run.pw(() => locator.elementHandle({ timeout: run.remaining() }))
    const frame = await run.pw(() => handle.ownerFrame())
    if (!frame) throw new StepFailure(`${targetName(run.step.target)} is no longer in the page`)
    await inject(run, frame)
    violations = await run.bounded(() => frame.evaluate(RUN_AXE, [handle, options]), `axe-core did not finish within ${run.timeoutMs} ms`)
    await handle.dispose().catch(() => undefined)
  } else {
    const frame = run.page.mainFrame()
    await inject(run, frame)
    violations = await run.bounded(() => frame.evaluate(RUN_AXE, [null, options]), `axe-core did not finish within ${run.timeoutMs} ms`)
  }

  const acknowledged = c.acknowledged ?? []
  const isAcknowledged = (rule: string, node: AxeNode) => acknowledged.some((a) => a.rule === rule && (!a.selector || a.selector === selectorOf(node) || node.target.includes(a.selector)))
  const verifications: PropertyVerification[] = []
  const failures: string[] = []
  for (const v of violations) {
    const counts = IMPACTS.indexOf(v.impact ?? 'minor') >= least
    const fresh = v.nodes.filter((n) => !isAcknowledged(v.id, n))
    const passed = !counts || fresh.length === 0
    verifications.push({
      property_name: v.id,
      expected_value: counts ? 'no violations' : `below ${c.impact} impact`,
      actual_value: {
        impact: v.impact,
        help: v.help,
        help_url: v.helpUrl,
        nodes: v.nodes.slice(0, MAX_NODES).map((n) => ({ target: selectorOf(n), html: truncate(n.html, 500), acknowledged: isAcknowledged(v.id, n) })),
        ...(v.nodes.length > MAX_NODES ? { more_nodes: v.nodes.length - MAX_NODES } : {}),
      },
      passed,
      operator: fresh.length < v.nodes.length ? 'acknowledged' : 'axe',
    })
    if (!passed) {
      const shown = fresh.slice(0, 5).map(selectorOf).join(', ')
      failures.push(`${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} — ${fresh.length} element${fresh.length === 1 ? '' : 's'}: ${shown}${fresh.length > 5 ? ', …' : ''}`)
    }
  }
  const failed = failures.length > 0
  const message = failed ? `${failures.length} accessibility violation${failures.length === 1 ? '' : 's'} not acknowledged: ${failures.join('; ')}` : null
  run.checkpoints.push({
    checkpoint_name: truncate(c.name ?? CHECKPOINT_KINDS.accessibility.describe(c, targetName(run.step.target)), 255),
    checkpoint_type: 'accessibility',
    status: failed ? 'failed' : 'passed',
    selector: run.step.target?.selector ?? null,
    profile: 'accessibility',
    expected_properties: { tags, impact: c.impact ?? 'minor', acknowledged: acknowledged.map((a) => (a.selector ? `${a.rule} on ${a.selector}` : a.rule)) },
    actual_properties: Object.fromEntries(verifications.map((v) => [v.property_name, v.actual_value])),
    failed_properties: verifications.filter((v) => !v.passed).map((v) => v.property_name),
    property_verifications: verifications,
    error_message: message,
  } satisfies CheckpointResultInput)
  run.output = violations.length ? `${violations.length} rule${violations.length === 1 ? '' : 's'} violated, ${failures.length} failing` : 'No violations'
  if (failed) throw new StepFailure(message!)
}
