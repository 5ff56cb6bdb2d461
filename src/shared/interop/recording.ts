// Chrome DevTools Recorder exports (the @puppeteer/replay JSON format) as one TestDesk test:
// setViewport as the browser configuration, the first page's origin as an environment's base
// URL, keyDown/keyUp pairs merged into presses, each step's selector list converted to a primary
// selector plus alternatives, assertedEvents as checkpoints. A step the language cannot express
// becomes a disabled step holding it, and is reported with its position and reason.
import { z } from 'zod'
import { issuesFromZod, validationError } from '../api/errors'
import { checkpoint, emptyCounts, scriptString, selectorQuote, target as targetOf, unconvertedStep, type Conversion, type IdOf, type ProjectRef, type StepDraft, type TargetDraft, type Unconverted } from './conversion'

const Selector = z.union([z.string(), z.array(z.string()).min(1)])
const AssertedEvent = z.looseObject({ type: z.string(), url: z.string().optional(), title: z.string().optional() })
const RecordingStep = z.looseObject({
  type: z.string({ message: 'must be the step type' }),
  selectors: z.array(Selector).optional(),
  frame: z.array(z.number().int().min(0)).optional(),
  target: z.string().optional(),
  assertedEvents: z.array(AssertedEvent).optional(),
  timeout: z.number().optional(),
})
type RecordingStep = z.infer<typeof RecordingStep>

export const Recording = z.looseObject({
  title: z.string().trim().min(1, 'the recording has no title').max(255),
  timeout: z.number().optional(),
  steps: z.array(RecordingStep).max(5000),
})

const TOOL = 'Chrome DevTools Recorder'
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta'])
const BUTTONS: Record<string, 'left' | 'right' | 'middle'> = { primary: 'left', secondary: 'right', auxiliary: 'middle' }
/** Order of preference for the primary selector: what a tester reads first and what survives redesigns. */
const RANK: Record<string, number> = { role: 0, css: 1, text: 2, pierce: 3, xpath: 4, name: 5 }

/** One recorded selector as a TestDesk selector and its kind (for choosing the primary). */
function recordedSelector(selector: string | string[]): { selector: string; kind: string } | null {
  const parts = typeof selector === 'string' ? [selector] : selector
  const converted = parts.map(part)
  if (converted.some((p) => !p)) return null
  if (converted.length === 1) return converted[0]
  // A path through shadow roots: Playwright's CSS pierces open shadow roots, so the parts chain.
  if (converted.some((p) => p!.kind === 'xpath')) return null
  return { selector: converted.map((p) => p!.selector).join(' >> '), kind: converted[converted.length - 1]!.kind }
}

function part(text: string): { selector: string; kind: string } | null {
  if (text.startsWith('aria/')) {
    const aria = /^aria\/([\s\S]*?)(?:\[role="([a-z]+)"\])?$/.exec(text)
    if (!aria) return null
    const [, name, role] = aria
    if (role) return { selector: name ? `role=${role}[name=${selectorQuote(name)}]` : `role=${role}`, kind: 'role' }
    // A name without a role: Playwright has no role-free name selector; the text is the nearest.
    return name ? { selector: `text=${selectorQuote(name)}`, kind: 'name' } : null
  }
  if (text.startsWith('text/')) return text.length > 5 ? { selector: `text=${text.slice(5)}`, kind: 'text' } : null
  if (text.startsWith('xpath/')) return text.length > 6 ? { selector: `xpath=${text.slice(6)}`, kind: 'xpath' } : null
  if (text.startsWith('pierce/')) return text.length > 7 ? { selector: `css=${text.slice(7)}`, kind: 'pierce' } : null
  return text.trim() ? { selector: `css=${text}`, kind: 'css' } : null
}

function recordedTarget(step: RecordingStep): TargetDraft | { problem: string } {
  const converted = (step.selectors ?? []).map(recordedSelector).filter((s): s is { selector: string; kind: string } => !!s)
  if (!converted.length) return { problem: step.selectors?.length ? 'none of its selectors has a TestDesk form' : 'the step has no selectors' }
  const ordered = converted.map((s, i) => ({ ...s, i })).sort((a, b) => (RANK[a.kind] ?? 9) - (RANK[b.kind] ?? 9) || a.i - b.i)
  const frames = (step.frame ?? []).map((index) => `css=iframe, frame >> nth=${index}`)
  return targetOf(ordered[0].selector, ordered.slice(1).map((s) => s.selector), frames)
}

type Converted = StepDraft[] | { problem: string }

function on(step: RecordingStep, make: (t: TargetDraft) => StepDraft[]): Converted {
  const t = recordedTarget(step)
  return 'problem' in t ? t : make(t)
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

interface State {
  origin: string | null
  viewport: { width: number; height: number } | null
  held: string[]
  /** The window steps act in: 'main' or the URL of a popup. */
  window: string
}

/** A URL on the base origin as a path, so the test runs against any environment. */
function relative(url: string, state: State): string {
  // Shared code has no URL class; an http(s) URL splits into origin and the rest plainly enough.
  const match = /^(https?:\/\/[^/?#]+)\/?([\s\S]*)$/i.exec(url.trim())
  if (!match) return url
  const origin = match[1].toLowerCase()
  state.origin ??= origin
  return origin === state.origin ? match[2] || '/' : url
}

function asserted(step: RecordingStep, state: State): StepDraft[] {
  return (step.assertedEvents ?? []).flatMap((event) => {
    if (event.type !== 'navigation') return []
    const checks: StepDraft[] = []
    if (event.url) {
      const path = relative(event.url, state)
      checks.push(checkpoint(null, { property: 'url', operator: 'contains', expected: path === '/' ? (state.origin ?? event.url) : path }))
    }
    if (event.title) checks.push(checkpoint(null, { property: 'title', operator: 'equals', expected: event.title }))
    return checks
  })
}

function waitForElement(step: RecordingStep): Converted {
  const s = step as RecordingStep & { operator?: string; count?: number; visible?: boolean; attributes?: Record<string, string>; properties?: Record<string, unknown> }
  return on(step, (t) => {
    const steps: StepDraft[] = []
    if (s.count !== undefined || s.operator) {
      const operator = { '>=': 'at_least', '<=': 'at_most', '==': 'equals' }[s.operator ?? '=='] ?? 'equals'
      steps.push(checkpoint(t, { property: 'count', operator, expected: s.count ?? 1 }))
    } else {
      steps.push({ action: 'wait', target: t, options: { state: s.visible === false ? 'hidden' : 'visible' } })
    }
    for (const [name, expected] of Object.entries(s.attributes ?? {})) steps.push(checkpoint(t, { property: 'attribute', name, operator: 'equals', expected: String(expected) }))
    for (const [name, expected] of Object.entries(s.properties ?? {})) {
      // The value property reads as the field's value; other DOM properties need a script.
      if (name === 'value') steps.push(checkpoint(t, { property: 'value', operator: 'equals', expected: String(expected) }))
      else steps.push({ action: 'run_script', target: t, value: `if (JSON.stringify(element[${scriptString(name)}]) !== ${scriptString(JSON.stringify(expected))}) throw new Error(${scriptString(`Expected property ${name} to be ${JSON.stringify(expected)}`)})` })
    }
    return steps
  })
}

function convertStep(step: RecordingStep, state: State, next: RecordingStep | undefined): Converted {
  const s = step as RecordingStep & Record<string, unknown>
  switch (step.type) {
    case 'setViewport': {
      const width = num(s.width)
      const height = num(s.height)
      if (!width || !height || width < 100 || height < 100 || width > 10_000 || height > 10_000) return { problem: 'a viewport is from 100x100 to 10000x10000' }
      if (state.viewport && (state.viewport.width !== width || state.viewport.height !== height)) return { problem: 'the viewport is set once, before the test starts (its browser configuration); a change in the middle has no step' }
      state.viewport = { width: Math.round(width), height: Math.round(height) }
      return []
    }
    case 'navigate':
      return typeof s.url === 'string' && s.url ? [{ action: 'navigate', target: null, value: relative(s.url, state) }, ...asserted(step, state)] : { problem: 'navigate has no url' }
    case 'click':
    case 'doubleClick': {
      const button = typeof s.button === 'string' ? BUTTONS[s.button] : undefined
      if (typeof s.button === 'string' && !button) return { problem: `the ${s.button} mouse button has no TestDesk equivalent` }
      // Recorded offsets are left out: Playwright clicks the element's centre, which survives layout changes.
      const options = button && button !== 'left' ? { button } : {}
      return on(step, (t) => [{ action: step.type === 'click' ? 'click' : 'dblclick', target: t, options }, ...asserted(step, state)])
    }
    case 'hover': return on(step, (t) => [{ action: 'hover', target: t }, ...asserted(step, state)])
    case 'change':
      // A change sets a field's value; for a <select>, TestDesk's Select step is the one to use.
      return typeof s.value === 'string' ? on(step, (t) => [{ action: 'fill', target: t, value: s.value as string }]) : { problem: 'change has no value' }
    case 'keyDown': {
      const key = String(s.key ?? '')
      if (!key) return { problem: 'keyDown has no key' }
      if (MODIFIERS.has(key)) {
        if (!state.held.includes(key)) state.held.push(key)
        return []
      }
      // Merged with its keyUp into one press (a chord with the modifiers held down).
      if (next?.type !== 'keyUp' || next.key !== key) return { problem: `keyDown ${key} without its keyUp: TestDesk presses whole keys` }
      return [{ action: 'press', target: null, value: [...state.held, key === ' ' ? 'Space' : key].join('+') }, ...asserted(step, state)]
    }
    case 'keyUp': {
      const key = String(s.key ?? '')
      state.held = state.held.filter((k) => k !== key)
      return []
    }
    case 'scroll': {
      const x = num(s.x) ?? 0
      const y = num(s.y) ?? 0
      // Recorded scroll positions are absolute; TestDesk's Scroll step moves by an amount.
      if (!step.selectors?.length) return [{ action: 'run_script', target: null, value: `window.scrollTo(${x}, ${y})` }]
      return on(step, (t) => [{ action: 'run_script', target: t, value: `element.scrollTo(${x}, ${y})` }])
    }
    case 'waitForElement': return waitForElement(step)
    case 'waitForExpression': {
      if (typeof s.expression !== 'string' || !s.expression.trim()) return { problem: 'waitForExpression has no expression' }
      // Polls until true, within the step's timeout; a "wait for a script" word would say it shorter.
      const script = `while (!(await (async () => (${s.expression}))())) await new Promise((resolve) => setTimeout(resolve, 100))\nreturn true`
      return [{ action: 'run_script', target: null, value: script }]
    }
    case 'close': return { problem: 'no TestDesk step closes a window yet' }
    case 'emulateNetworkConditions': return { problem: 'TestDesk does not throttle the network' }
    case 'customStep': return { problem: `custom step '${String(s.name ?? '')}' belongs to a Puppeteer extension` }
    case 'waitForSelector': return { problem: 'unknown step type waitForSelector (use waitForElement)' }
    default: return { problem: `unknown step type '${step.type}'` }
  }
}

/** Converts a DevTools Recorder recording (already parsed JSON) into a project file for `project`. */
export function convertRecording(raw: unknown, project: ProjectRef, idOf: IdOf, fileName = 'recording.json'): Conversion {
  const parsed = Recording.safeParse(raw)
  if (!parsed.success) throw validationError(issuesFromZod(parsed.error.issues), `${fileName} is not a Chrome DevTools Recorder recording`)
  const recording = parsed.data
  const key = `recording:${recording.title}`
  const counts = emptyCounts()
  const unconverted: Unconverted[] = []
  const state: State = { origin: null, viewport: null, held: [], window: 'main' }
  const steps: StepDraft[] = []
  recording.steps.forEach((step, i) => {
    counts.commands++
    const window = step.target && step.target !== 'main' ? step.target : 'main'
    if (window !== state.window) {
      steps.push(window === 'main' ? { action: 'switch_page', target: null, value: null, options: { by: 'main' } } : { action: 'switch_page', target: null, value: window, options: { by: 'url' } })
      state.window = window
    }
    const converted = convertStep(step, state, recording.steps[i + 1])
    if ('problem' in converted) {
      counts.unconverted++
      unconverted.push({ test: recording.title, position: i + 1, command: step.type, reason: converted.problem })
      steps.push(unconvertedStep(TOOL, step, converted.problem))
      return
    }
    counts.converted++
    const timeout = num(step.timeout)
    steps.push(...converted.map((c) => (timeout && timeout >= 100 && timeout <= 600_000 && c.action !== 'navigate' ? { ...c, options: { ...c.options, timeout_ms: Math.round(timeout) } } : c)))
  })
  const testId = idOf(`${key}:test`)
  const environmentId = state.origin ? idOf(`${key}:environment`) : null
  const browserId = state.viewport ? idOf(`${key}:browser`) : null
  const top = ['ROOT', 'DevTools recordings']
  return {
    counts,
    unconverted,
    file: {
      format: 'testdesk-project',
      version: 1,
      project,
      scope: top,
      suites: [{ id: idOf('recordings:suite'), path: top, description: 'Tests imported from Chrome DevTools Recorder.', tests: [testId] }],
      tests: [
        {
          id: testId,
          name: recording.title,
          description: `Imported from a Chrome DevTools Recorder recording.`,
          tags: ['devtools-recorder'],
          environment_id: environmentId,
          browser_config_id: browserId,
          step_timeout_ms: num(recording.timeout) && recording.timeout! >= 100 && recording.timeout! <= 3_600_000 ? Math.round(recording.timeout!) : null,
          steps: steps.map((step, i) => ({ ...step, id: idOf(`${key}:step:${i}`) })),
        },
      ],
      environments: environmentId ? [{ id: environmentId, name: `${recording.title} site`.slice(0, 255), description: 'The site the recording was made on.', base_url: `${state.origin}/`, variables: [] }] : [],
      browser_configurations: browserId ? [{ id: browserId, name: `${recording.title} ${state.viewport!.width}x${state.viewport!.height}`.slice(0, 255), viewport_width: state.viewport!.width, viewport_height: state.viewport!.height }] : [],
    },
  }
}
