// Running checkpoint steps: one runner per checkpoint type of the catalogue (element here, the
// others in ./checkpoint-runners).
// Like Playwright's web-first assertions, a checkpoint re-reads until it holds or the step's
// time is up, so a checkpoint right after an action does not fail on a page still updating.
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
import { CHECKPOINT_TYPES, type CheckpointResultInput, type PropertyVerification } from '../../../shared/model/execution'
import { normalizeWhitespace, truncate } from '../../../shared/patterns'
import { targetName } from '../../../shared/steps'
import { MORE_CHECKPOINT_RUNNERS } from './checkpoint-runners'
import { outerHtml, pageFunction } from './element'
import { StepFailure } from './failures'
import { primaryTarget, resolveTarget } from './locate'
import type { StepRun } from './step-run'

interface ElementState {
  text: string
  value: string | null
  checked: boolean
  enabled: boolean
  visible: boolean
  attributes: Record<string, string | null>
  /** The class attribute ('' without one). */
  classes: string
  css: Record<string, string>
  inViewport: boolean
}

interface Snapshot {
  count: number
  /** The first few matches (several only matter to say that the selector is ambiguous). */
  states: ElementState[]
  /** Every match's text, read in the same moment as the count. */
  texts: string[]
  html: string[]
}

// Visibility as Playwright judges it: rendered with a non-empty box and not visibility:hidden.
// In the viewport as Playwright's toBeInViewport() judges it by default: any part of the box in the window.
const READ_ELEMENTS = pageFunction<Snapshot>(String.raw`(elements, { attributes, css }) => {
  const isVisible = (e) => {
    const style = getComputedStyle(e);
    if (style.display === 'contents') return [...e.children].some(isVisible);
    if (typeof e.checkVisibility === 'function' && !e.checkVisibility()) return false;
    if (style.visibility !== 'visible') return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const inViewport = (e) => {
    const box = e.getBoundingClientRect();
    const view = e.ownerDocument.defaultView;
    return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < view.innerWidth && box.top < view.innerHeight;
  };
  const textOf = (e) => (e.textContent || '').replace(/[\u200b\u00ad]/g, '').replace(/\s+/g, ' ').trim();
  const read = (element) => {
    const tag = element.tagName;
    const type = tag === 'INPUT' ? element.type : '';
    const values = {};
    for (const name of attributes) values[name] = element.getAttribute(name);
    const style = getComputedStyle(element);
    const styles = {};
    for (const name of css) styles[name] = style.getPropertyValue(name);
    return {
      text: textOf(element),
      value: tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' ? String(element.value) : null,
      checked: type === 'checkbox' || type === 'radio' ? element.checked : element.getAttribute('aria-checked') === 'true',
      enabled: !(element.matches(':disabled') || element.getAttribute('aria-disabled') === 'true'),
      visible: isVisible(element),
      attributes: values,
      classes: element.getAttribute('class') || '',
      css: styles,
      inViewport: inViewport(element),
    };
  };
  const first = elements.slice(0, 5);
  return {
    count: elements.length,
    states: first.map(read),
    texts: elements.map(textOf),
    html: elements.length > 1 ? first.map((e) => e.outerHTML.slice(0, 300)) : [],
  };
}`)

/** Pauses between re-reads, as Playwright's assertions do. */
const BACKOFF = [0, 100, 250, 500, 1000]

interface PageFacts {
  url: string
  title?: string
}

function actualOf(assertion: ResolvedAssertion, snapshot: Snapshot | null, page: PageFacts): unknown {
  const state = snapshot?.states[0] ?? null
  switch (assertion.property) {
    case 'visible': return state?.visible ?? false
    case 'hidden': return state ? !state.visible : true
    case 'text': return state?.text ?? null
    case 'value': return state?.value ?? null
    case 'checked': return state?.checked ?? null
    case 'enabled': return state?.enabled ?? null
    case 'disabled': return state ? !state.enabled : null
    case 'attribute': return state ? (state.attributes[assertion.name ?? ''] ?? null) : null
    case 'count': return snapshot?.count ?? 0
    case 'url': return page.url
    case 'title': return page.title ?? null
    case 'texts': return snapshot?.texts ?? []
    case 'class': return state?.classes ?? null
    case 'css': return state ? (state.css[assertion.name ?? ''] ?? null) : null
    case 'in_viewport': return state?.inViewport ?? null
  }
}

const CSS_VALUE = pageFunction<string>('(element, name) => getComputedStyle(element).getPropertyValue(name)')
const IN_VIEWPORT = pageFunction<boolean>(`(e) => {
  const box = e.getBoundingClientRect();
  const view = e.ownerDocument.defaultView;
  return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < view.innerWidth && box.top < view.innerHeight;
}`)

/** A navigation under way destroys the page's context mid-read: read again rather than fail. */
function isTransient(error: unknown): boolean {
  return error instanceof Error && /Execution context was destroyed|Cannot find context|frame was detached|navigat/i.test(error.message)
}

/** A quick read that cannot answer for this assertion: the snapshot must. */
const CANNOT_SAY = Symbol('cannot say')

/**
 * One property read the way Playwright's expect(locator) reads it: a single call answered in
 * Playwright's own (utility) world, strict like the assertion (several matches throw), waiting
 * for the element to attach for the properties read from it. CANNOT_SAY where only the
 * snapshot knows (an attribute expected to be absent also holds for a missing element).
 */
function quickRead(run: StepRun, locator: Locator | null, assertion: ResolvedAssertion, signal: AbortSignal): Promise<unknown> {
  const timeout = run.remaining()
  switch (assertion.property) {
    case 'url': return Promise.resolve(run.page.url())
    case 'title': return run.page.title()
  }
  if (!locator) return Promise.resolve(CANNOT_SAY)
  switch (assertion.property) {
    case 'visible': return locator.isVisible()
    case 'hidden': return locator.isVisible().then((visible) => !visible)
    case 'count': return locator.count()
    case 'text': return locator.textContent({ timeout, signal }).then((text) => normalizeWhitespace(text ?? ''))
    case 'value': return locator.inputValue({ timeout, signal })
    case 'checked': return locator.isChecked({ timeout, signal })
    case 'enabled': return locator.isEnabled({ timeout, signal })
    case 'disabled': return locator.isDisabled({ timeout, signal })
    case 'attribute':
      if (assertion.operator === 'exists' && assertion.expected === false) return Promise.resolve(CANNOT_SAY)
      return locator.getAttribute(assertion.name ?? '', { timeout, signal })
    // Every match's text in one call: the list is read in a single moment, never item by item.
    case 'texts': return locator.allTextContents().then((texts) => texts.map(normalizeWhitespace))
    case 'class': return locator.getAttribute('class', { timeout, signal }).then((classes) => classes ?? '')
    case 'css': return locator.evaluate(CSS_VALUE, assertion.name ?? '', { timeout, signal })
    case 'in_viewport': return locator.evaluate(IN_VIEWPORT, undefined, { timeout, signal })
  }
}

/**
 * Verifies element properties. Each property is read as Playwright's expect() reads it: one
 * call each (run side by side), in Playwright's own world, again and again until every
 * assertion holds or the step's time is up — so a checkpoint that holds costs what the
 * equivalent expect() costs. When the quick reads cannot answer (several matches, not a form
 * field or checkbox, the element never attached) or time runs out, the page is read in one
 * round trip (the matches' count, visibility, text, value, state, attributes and HTML) until
 * every assertion holds or, at the latest, once more to say precisely what is wrong.
 */
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
  const wantsTitle = assertions.some((a) => a.property === 'title')
  const oneElement = assertions.some((a) => !ELEMENT_PROPERTIES[a.property].ofPage && !ELEMENT_PROPERTIES[a.property].ofAll)
  // Healing only makes sense when the element is expected to be there.
  const wantsPresence = assertions.some(
    (a) => ELEMENT_PROPERTIES[a.property].readsElement || (a.property === 'visible' && a.expected) || (a.property === 'hidden' && !a.expected),
  )
  const attributes = [...new Set(assertions.filter((a) => a.property === 'attribute').map((a) => a.name ?? ''))]
  const css = [...new Set(assertions.filter((a) => a.property === 'css').map((a) => a.name ?? ''))]

  let locator: Locator | null = null
  let selector = target?.selector ?? null
  if (target) {
    if (wantsPresence && target.alternatives?.length) {
      try {
        const resolved = await resolveTarget(run, target)
        locator = resolved.locator
        selector = resolved.selector
      } catch (error) {
        if (!(error instanceof StepFailure && error.message.startsWith('No element matches'))) throw error
      }
    }
    locator ??= primaryTarget(run, target).locator
  }

  let snapshot: Snapshot | null = null
  let actuals: unknown[] = []
  let results: boolean[] = []
  // Quick reads: the values they gave last, when every one of them answered.
  let quick: unknown[] | null = null
  for (let attempt = 0; ; attempt++) {
    // A read failing stops the others still waiting for the element.
    const attemptEnded = new AbortController()
    const signal = AbortSignal.any([attemptEnded.signal, run.ended.signal])
    let values: unknown[] | null
    try {
      values = await run.pw(() => Promise.all(assertions.map((a) => quickRead(run, locator, a, signal))))
    } catch {
      values = null
    } finally {
      attemptEnded.abort()
    }
    if (!values || values.includes(CANNOT_SAY)) {
      quick = null
      break
    }
    quick = values
    results = assertions.map((a, i) => assertionHolds(a, values[i]))
    if (results.every(Boolean) || run.deadline - performance.now() <= 1) break
    await run.sleep(Math.min(BACKOFF[Math.min(attempt + 1, BACKOFF.length - 1)], run.remaining()))
  }

  if (quick && results.every(Boolean)) {
    actuals = quick
  } else {
    for (let attempt = 0; ; attempt++) {
      if (locator) {
        const current = locator
        try {
          // The last read may start as time runs out: it still gets a moment to answer.
          const answerWithin = Math.max(run.remaining(), 1000)
          snapshot = await run.bounded(() => current.evaluateAll(READ_ELEMENTS, { attributes, css }), `The page did not answer within ${answerWithin} ms`, answerWithin)
        } catch (error) {
          if (!isTransient(error) || run.deadline - performance.now() <= 1) throw error
          await run.sleep(50)
          continue
        }
        if (snapshot.count > 1 && oneElement) {
          const listed = snapshot.html.map((html, i) => `${i + 1}) ${html}`).join(' ')
          throw new StepFailure(`${selector} matches ${snapshot.count} elements, so it is not clear which one to check. Make the selector more specific. Matches: ${listed}`, {
            elementHtml: snapshot.html.join('\n'),
          })
        }
      }
      // Quick reads that answered until the time ran out decide: the snapshot only explains.
      if (quick) {
        actuals = quick
        break
      }
      const page: PageFacts = { url: run.page.url() }
      if (wantsTitle) page.title = await run.pw(() => run.page.title())
      actuals = assertions.map((a) => actualOf(a, snapshot, page))
      results = assertions.map((a, i) => assertionHolds(a, actuals[i]))
      if (results.every(Boolean) || run.deadline - performance.now() <= 1) break
      await run.sleep(Math.min(BACKOFF[Math.min(attempt + 1, BACKOFF.length - 1)], run.remaining()))
    }
  }

  const taken = new Set<string>()
  const verifications: PropertyVerification[] = assertions.map((a, i) => {
    const key = assertionKey(a, taken)
    taken.add(key)
    return { property_name: key, expected_value: a.expected, actual_value: actuals[i] ?? null, passed: results[i], operator: a.operator }
  })
  const missing = target && snapshot?.count === 0 ? selector ?? target.selector : undefined
  const failures = assertions.flatMap((a, i) => {
    if (results[i]) return []
    const elementMissing = ELEMENT_PROPERTIES[a.property].ofPage || ELEMENT_PROPERTIES[a.property].ofAll ? undefined : missing
    return [assertionFailure(a, name, actuals[i], elementMissing)]
  })
  const failed = failures.length > 0
  run.checkpoints.push({
    checkpoint_name: truncate(checkpoint.name ?? CHECKPOINT_KINDS.element.describe(checkpoint, name), 255),
    checkpoint_type: 'element',
    status: failed ? 'failed' : 'passed',
    selector,
    expected_properties: Object.fromEntries(verifications.map((v) => [v.property_name, v.expected_value])),
    actual_properties: Object.fromEntries(verifications.map((v) => [v.property_name, v.actual_value])),
    failed_properties: verifications.filter((v) => !v.passed).map((v) => v.property_name),
    property_verifications: verifications,
    error_message: failed ? failures.join('; ') : null,
  } satisfies CheckpointResultInput)
  if (failed) throw new StepFailure(failures.join('; '), { elementHtml: locator && snapshot?.count ? await outerHtml(locator) : null })
}

/**
 * A checkpoint step that failed before it reached a verdict (the selector matched several
 * elements, the page did not answer, the step's time ran out): recorded as a failed checkpoint,
 * so that a run's checkpoint counts agree with its failed checkpoint steps.
 */
export function unverifiedCheckpoint(run: StepRun, message: string): CheckpointResultInput {
  const raw = (run.options.checkpoint ?? {}) as { type?: unknown; name?: unknown }
  const type = (CHECKPOINT_TYPES as readonly unknown[]).includes(raw.type) ? (raw.type as CheckpointResultInput['checkpoint_type']) : 'element'
  let name = typeof raw.name === 'string' && raw.name.trim() ? raw.name : null
  try {
    name ??= CHECKPOINT_KINDS[type]?.describe(raw, targetName(run.step.target)) ?? null
  } catch {
    // A checkpoint too broken to describe is named by its step.
  }
  return {
    checkpoint_name: truncate(name ?? run.step.description ?? 'Checkpoint', 255),
    checkpoint_type: type,
    status: 'failed',
    selector: run.step.target?.selector ?? null,
    error_message: message,
  }
}

const CHECKPOINT_RUNNERS: Record<string, (run: StepRun, checkpoint: unknown) => Promise<void>> = {
  element: runElementCheckpoint,
  ...MORE_CHECKPOINT_RUNNERS,
}

export async function runCheckpoint(run: StepRun): Promise<void> {
  const checkpoint = run.options.checkpoint as { type?: unknown }
  const runner = CHECKPOINT_RUNNERS[String(checkpoint.type)]
  if (!runner) throw new StepFailure(`Checkpoints of type '${String(checkpoint.type)}' cannot run yet`)
  await runner(run, checkpoint)
}
