// Running checkpoint steps: one runner per checkpoint type of the catalogue (element today).
// An element checkpoint reads every property it needs in one round trip and, like Playwright's
// web-first assertions, re-reads until they all hold or the step's time is up, so a checkpoint
// right after an action does not fail on a page still updating.
import type { Locator } from 'playwright'
import {
  assertionFailure,
  assertionHolds,
  assertionKey,
  CHECKPOINT_KINDS,
  ELEMENT_PROPERTIES,
  ElementCheckpoint,
  resolveAssertion,
  type ResolvedAssertion,
} from '../../../shared/checkpoints'
import type { CheckpointResultInput, PropertyVerification } from '../../../shared/model/execution'
import { truncate } from '../../../shared/patterns'
import { targetName } from '../../../shared/steps'
import { explainElementError, outerHtml, pageFunction } from './element'
import { isTimeout, StepFailure } from './failures'
import { locate, resolveTarget, type ResolvedTarget } from './locate'
import type { StepRun } from './step-run'

interface ElementState {
  text: string
  value: string | null
  checked: boolean
  enabled: boolean
  visible: boolean
  attributes: Record<string, string | null>
}

// Visibility as Playwright judges it: rendered with a non-empty box and not visibility:hidden.
const READ_ELEMENT = pageFunction<ElementState>(String.raw`(element, attributes) => {
  const isVisible = (e) => {
    const style = getComputedStyle(e);
    if (style.display === 'contents') return [...e.children].some(isVisible);
    if (typeof e.checkVisibility === 'function' && !e.checkVisibility()) return false;
    if (style.visibility !== 'visible') return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const tag = element.tagName;
  const type = tag === 'INPUT' ? element.type : '';
  const read = {};
  for (const name of attributes) read[name] = element.getAttribute(name);
  return {
    text: (element.textContent || '').replace(/[\u200b\u00ad]/g, '').replace(/\s+/g, ' ').trim(),
    value: tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' ? String(element.value) : null,
    checked: type === 'checkbox' || type === 'radio' ? element.checked : element.getAttribute('aria-checked') === 'true',
    enabled: !(element.matches(':disabled') || element.getAttribute('aria-disabled') === 'true'),
    visible: isVisible(element),
    attributes: read,
  };
}`)

/** Pauses between re-reads, as Playwright's assertions do. */
const BACKOFF = [0, 100, 250, 500, 1000]

function actualOf(assertion: ResolvedAssertion, state: ElementState | null, extra: { visible?: boolean; count?: number; url: string; title?: string }): unknown {
  switch (assertion.property) {
    case 'visible': return state?.visible ?? extra.visible ?? null
    case 'hidden': return state ? !state.visible : extra.visible === undefined ? null : !extra.visible
    case 'text': return state?.text ?? null
    case 'value': return state?.value ?? null
    case 'checked': return state?.checked ?? null
    case 'enabled': return state?.enabled ?? null
    case 'disabled': return state ? !state.enabled : null
    case 'attribute': return state ? (state.attributes[assertion.name ?? ''] ?? null) : null
    case 'count': return extra.count ?? 0
    case 'url': return extra.url
    case 'title': return extra.title ?? null
  }
}

async function runElementCheckpoint(run: StepRun, raw: unknown): Promise<void> {
  const checkpoint = ElementCheckpoint.parse(raw)
  let assertions: ResolvedAssertion[]
  try {
    assertions = checkpoint.assertions.map(resolveAssertion)
  } catch (error) {
    throw new StepFailure((error as Error).message)
  }
  const target = run.step.target
  const name = targetName(target)
  const readsElement = assertions.some((a) => ELEMENT_PROPERTIES[a.property].readsElement)
  const wantsVisibility = assertions.some((a) => a.property === 'visible' || a.property === 'hidden')
  const wantsCount = assertions.some((a) => a.property === 'count')
  const wantsTitle = assertions.some((a) => a.property === 'title')
  const attributes = [...new Set(assertions.filter((a) => a.property === 'attribute').map((a) => a.name ?? ''))]

  let resolved: ResolvedTarget | null = null
  let missing = false
  let state: ElementState | null = null
  let actuals: unknown[] = []
  let results: boolean[] = []
  for (let attempt = 0; ; attempt++) {
    const extra: { visible?: boolean; count?: number; url: string; title?: string } = { url: '' }
    if (target) {
      if (readsElement && !missing) {
        try {
          resolved ??= await resolveTarget(run, target)
          const element = resolved
          state = await run.pw(() => element.locator.evaluate(READ_ELEMENT, attributes, { timeout: run.remaining() }))
        } catch (error) {
          if (!(isTimeout(error) || (error instanceof StepFailure && error.message.startsWith('No element matches')))) {
            throw resolved ? await explainElementError(run, target, resolved, error) : error
          }
          // Time ran out on a re-read: the element was there, so its last reading stands.
          if (!state) missing = true
          else break
        }
      } else {
        state = null
      }
      const locator: Locator = resolved?.locator ?? locate(run.session.windows.scope(target.frames), target.selector)
      if (wantsVisibility && !state) extra.visible = await run.pw(() => locator.isVisible())
      if (wantsCount) extra.count = await run.pw(() => locator.count())
    }
    extra.url = run.page.url()
    if (wantsTitle) extra.title = await run.pw(() => run.page.title())
    actuals = assertions.map((a) => actualOf(a, state, extra))
    results = assertions.map((a, i) => assertionHolds(a, actuals[i]))
    if (results.every(Boolean) || missing || run.deadline - performance.now() <= 1) break
    await run.sleep(Math.min(BACKOFF[Math.min(attempt + 1, BACKOFF.length - 1)], run.remaining()))
  }

  const taken = new Set<string>()
  const verifications: PropertyVerification[] = assertions.map((a, i) => {
    const key = assertionKey(a, taken)
    taken.add(key)
    return { property_name: key, expected_value: a.expected, actual_value: actuals[i] ?? null, passed: results[i], operator: a.operator }
  })
  const failures = assertions.flatMap((a, i) => {
    if (results[i]) return []
    const elementMissing = missing && ELEMENT_PROPERTIES[a.property].readsElement && target ? target.selector : undefined
    return [assertionFailure(a, name, actuals[i], elementMissing)]
  })
  const failed = failures.length > 0
  run.checkpoints.push({
    checkpoint_name: truncate(checkpoint.name ?? CHECKPOINT_KINDS.element.describe(checkpoint, name), 255),
    checkpoint_type: 'element',
    status: failed ? 'failed' : 'passed',
    selector: resolved?.selector ?? target?.selector ?? null,
    expected_properties: Object.fromEntries(verifications.map((v) => [v.property_name, v.expected_value])),
    actual_properties: Object.fromEntries(verifications.map((v) => [v.property_name, v.actual_value])),
    failed_properties: verifications.filter((v) => !v.passed).map((v) => v.property_name),
    property_verifications: verifications,
    error_message: failed ? failures.join('; ') : null,
  } satisfies CheckpointResultInput)
  if (failed) throw new StepFailure(failures.join('; '), { elementHtml: resolved && !missing ? await outerHtml(resolved.locator) : null })
}

const CHECKPOINT_RUNNERS: Record<string, (run: StepRun, checkpoint: unknown) => Promise<void>> = {
  element: runElementCheckpoint,
}

export async function runCheckpoint(run: StepRun): Promise<void> {
  const checkpoint = run.options.checkpoint as { type?: unknown }
  const runner = CHECKPOINT_RUNNERS[String(checkpoint.type)]
  if (!runner) throw new StepFailure(`Checkpoints of type '${String(checkpoint.type)}' cannot run yet`)
  await runner(run, checkpoint)
}
