// The catalogue's entries: for each action, its parameters (a zod schema of its options, whether
// it takes a target and a value), how it reads to a tester and the Playwright code it stands
// for. ./steps reads steps with them; adding an action is one entry here and its engine handler.
import { z } from 'zod'
import { CHECKPOINT_KINDS } from './checkpoints'
import { Target as TargetSchema, VariableName } from './model/definition'
import { ApiCapture, captureCode, describeRequest, HttpRequestShape, requestCode } from './http-checks'
import { jsRegex, jsString, quoted, slashRegex } from './patterns'
import { targetName, type Refinements } from './selectors'

export interface StepTarget extends Refinements {
  selector: string
  alternatives?: readonly string[]
  frames?: readonly string[]
}

/** What the catalogue needs of a step: a stored TestStep, a StepInput and an engine step all fit. */
export interface StepLike {
  action: string
  target?: StepTarget | null
  value?: string | null
  options?: Record<string, unknown> | null
  description?: string | null
}

export type Requirement = 'required' | 'optional' | 'none'

// ── Option schemas shared by several actions ────────────────────────────────────────────────

const common = {
  /** Record the failure but go on with the next steps (the test still fails). */
  continue_on_failure: z.boolean().optional(),
  /** This step's own timeout, instead of the test's step timeout. */
  timeout_ms: z.number().int().min(100).max(600_000).optional(),
}
const Modifier = z.enum(['Alt', 'Control', 'ControlOrMeta', 'Meta', 'Shift'])
const Position = z.object({ x: z.number(), y: z.number() }).strict()
/** A number, or text holding one or a `${variable}` that will. */
const NumberOrVariable = z.union([
  z.number(),
  z.string().regex(/^\s*-?\d+(\.\d+)?\s*$|\$\{/, 'must be a number or a ${variable}'),
])

const options = <S extends z.ZodRawShape>(shape: S) => z.object({ ...common, ...shape }).strict()

// ── Definitions ─────────────────────────────────────────────────────────────────────────────

export interface Parsed<O> {
  target: StepTarget | null
  value: string | null
  options: O
  /** The target in a tester's words. */
  name: string
}

type Issue = { field: string; message: string }

export interface ActionDefinition<O> {
  label: string
  category: 'Navigation' | 'Mouse' | 'Keyboard' | 'Forms' | 'Windows and frames' | 'Waits' | 'Storage and cookies' | 'Data and scripts' | 'Checks' | 'Other'
  hint: string
  target: Requirement
  value: Requirement
  valueHint?: string
  /** How the value is written: JavaScript gets a code editor in the app (default: plain text). */
  valueFormat?(options: O): 'text' | 'javascript'
  options: z.ZodType<O>
  optionHints: Record<string, string>
  /** Rules across fields; fields are relative to the step (`value`, `options.to`). */
  check?(step: Parsed<O>): Issue[]
  describe(step: Parsed<O>): string
  /** `locator(target)` is the Playwright expression of a target (own frames, else the entered frame). */
  code(step: Parsed<O>, locator: (target?: StepTarget | null) => string, frames: readonly string[]): string
}

const define = <O>(definition: ActionDefinition<O>) => definition

function objectCode(value: unknown): string {
  if (typeof value === 'string') return jsString(value)
  if (Array.isArray(value)) return `[${value.map(objectCode).join(', ')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return entries.length ? `{ ${entries.map(([k, v]) => `${k}: ${objectCode(v)}`).join(', ')} }` : '{}'
  }
  return String(value)
}

/** `, { button: 'right' }`-style trailing options argument; empty when there are none. */
function optionsArgument(values: Record<string, unknown>, leading = ''): string {
  const code = objectCode(values)
  return code === '{}' ? '' : `${leading}${code}`
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path
}

function pointerOptions(o: { button?: string; modifiers?: string[]; click_count?: number; position?: unknown; force?: boolean }) {
  return { button: o.button, modifiers: o.modifiers, clickCount: o.click_count, position: o.position, force: o.force }
}

function holding(modifiers: readonly string[] | undefined): string {
  return modifiers?.length ? ` holding ${modifiers.join('+')}` : ''
}

/**
 * A navigate value as the absolute URL Playwright's page.goto() takes: with a scheme as written,
 * `host:port/…` with http:// before it (as the engine opens it); null for a relative URL.
 */
export function absoluteUrl(value: string): string | null {
  const text = value.trim()
  if (/^[\w.-]+:\d+(\/|$)/.test(text)) return `http://${text}`
  if (/^[a-zA-Z][\w+.-]*:/.test(text)) return text
  return null
}

/** How a URL pattern reads: /regex/ matches, a glob with * matches, plain text is contained. */
function urlPattern(pattern: string): { words: string; code: string } {
  const regex = slashRegex(pattern)
  if (regex) return { words: `matches ${pattern}`, code: jsRegex(regex) }
  if (pattern.includes('*')) return { words: `matches ${pattern}`, code: jsString(pattern) }
  return { words: `contains ${quoted(pattern)}`, code: `(url) => url.href.includes(${jsString(pattern)})` }
}

/**
 * Whether a script is one expression (`document.title`) or a function body with `return`.
 * Parsed, never run; where the Function constructor is forbidden (a strict CSP), a script with
 * a `return` is taken as a body.
 */
export function scriptIsExpression(script: string): boolean {
  try {
    new Function(`return (async () => (\n${script}\n))`)
    return true
  } catch (error) {
    if (error instanceof SyntaxError) return false
    return !/\breturn\b/.test(script)
  }
}

/** The function a script runs as, taking the target element (when there is one) as `element`. */
export function scriptFunction(script: string): string {
  return scriptIsExpression(script) ? `async (element) => (\n${script}\n)` : `async (element) => {\n${script}\n}`
}

function oneLine(text: string, max = 60): string {
  return quoted(text.replace(/\s+/g, ' ').trim(), max)
}

function evaluateCode(script: string, target: string | null, frame: string): string {
  const expression = scriptIsExpression(script)
  const params = target ? '(element)' : '()'
  const fn = expression ? `${params} => (${script.trim()})` : `async ${params} => {\n${script}\n}`
  if (target) return `await ${target}.evaluate(${fn})`
  return frame ? `await ${frame}.locator(':root').evaluate(${fn})` : `await page.evaluate(${fn})`
}

function frameBase(frames: readonly string[], locator: (target?: StepTarget | null) => string): string {
  return frames.length ? locator({ selector: ':root' }).replace(/\.locator\(':root'\)$/, '') : ''
}

const WaitUntil = z.enum(['load', 'domcontentloaded', 'networkidle', 'commit'])

const CLEARED: Record<string, string> = {
  all: 'Clear cookies, local storage and session storage',
  local: 'Clear local storage',
  session: 'Clear session storage',
  cookies: 'Clear cookies',
}

const PAGE_STATES: Record<string, string> = {
  load: 'Wait until the page has loaded',
  domcontentloaded: "Wait until the page's content is ready",
  networkidle: 'Wait until the network is idle',
}

export const ACTIONS = {
  navigate: define({
    label: 'Navigate', category: 'Navigation', hint: 'Open a URL (relative URLs use the environment base URL)',
    target: 'none', value: 'required', valueHint: 'the URL to open',
    options: options({ wait_until: z.enum(['load', 'domcontentloaded', 'networkidle', 'commit']).optional() }),
    optionHints: { wait_until: 'when the page counts as opened: load (default), domcontentloaded, networkidle, commit' },
    check: ({ value }) => (value !== null && !value.trim() ? [{ field: 'value', message: 'give the URL to open' }] : []),
    describe: ({ value }) => `Navigate to ${value ?? ''}`,
    code: ({ value, options: o }) => {
      const url = absoluteUrl(value ?? '')
      const goto = `await page.goto(${jsString(url ?? value ?? '')}${optionsArgument({ waitUntil: o.wait_until }, ', ')});`
      // Playwright opens a relative URL only against a baseURL: say so where the code shows it.
      return url === null ? `// ${jsString(value ?? '')} is relative: it opens against a baseURL, e.g. browser.newContext({ baseURL: 'https://example.com/' })\n${goto}` : goto
    },
  }),
  // ── Page history and browser storage ──
  reload: define({
    label: 'Reload', category: 'Navigation', hint: 'Reload the current page',
    target: 'none', value: 'none',
    options: options({ wait_until: WaitUntil.optional() }),
    optionHints: { wait_until: 'when the page counts as loaded: load (default), domcontentloaded, networkidle, commit' },
    describe: () => 'Reload the page',
    code: ({ options: o }) => `await page.reload(${optionsArgument({ waitUntil: o.wait_until })});`,
  }),
  go_back: define({
    label: 'Go back', category: 'Navigation', hint: "Go back to the previous page in the window's history (the browser's Back button)",
    target: 'none', value: 'none',
    options: options({ wait_until: WaitUntil.optional() }),
    optionHints: { wait_until: 'when the page counts as loaded: load (default), domcontentloaded, networkidle, commit' },
    describe: () => 'Go back to the previous page',
    code: ({ options: o }) => `await page.goBack(${optionsArgument({ waitUntil: o.wait_until })});`,
  }),
  go_forward: define({
    label: 'Go forward', category: 'Navigation', hint: "Go forward to the next page in the window's history (the browser's Forward button)",
    target: 'none', value: 'none',
    options: options({ wait_until: WaitUntil.optional() }),
    optionHints: { wait_until: 'when the page counts as loaded: load (default), domcontentloaded, networkidle, commit' },
    describe: () => 'Go forward to the next page',
    code: ({ options: o }) => `await page.goForward(${optionsArgument({ waitUntil: o.wait_until })});`,
  }),
  clear_storage: define({
    label: 'Clear storage', category: 'Storage and cookies', hint: "Clear the site's local storage, session storage, the browser's cookies, or all of them",
    target: 'none', value: 'none',
    options: options({ storage: z.enum(['all', 'local', 'session', 'cookies']).optional() }),
    optionHints: { storage: "all (default), local, session or cookies; local and session storage are the open page's site's" },
    describe: ({ options: o }) => CLEARED[o.storage ?? 'all'],
    code: ({ options: o }) => {
      const which = o.storage ?? 'all'
      const lines: string[] = []
      if (which === 'all' || which === 'cookies') lines.push('await page.context().clearCookies();')
      if (which === 'all') lines.push('await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });')
      if (which === 'local') lines.push('await page.evaluate(() => localStorage.clear());')
      if (which === 'session') lines.push('await page.evaluate(() => sessionStorage.clear());')
      return lines.join('\n')
    },
  }),
  set_storage: define({
    label: 'Set storage item', category: 'Storage and cookies', hint: "Store an item in the site's local or session storage, or set a cookie",
    target: 'none', value: 'required', valueHint: 'the value to store (may be empty)',
    options: options({
      storage: z.enum(['local', 'session', 'cookie']),
      name: z.string().trim().min(1, 'name the item or cookie').max(1000),
      domain: z.string().trim().min(1).max(255).optional(),
      path: z.string().trim().regex(/^\//, 'starts with /').max(2000).optional(),
    }),
    optionHints: {
      storage: 'local (localStorage), session (sessionStorage) or cookie',
      name: 'the key of the item, or the name of the cookie',
      domain: "a cookie's domain (default: the open page's)",
      path: "a cookie's path (default: /)",
    },
    check: ({ options: o }) =>
      o.storage !== 'cookie' && (o.domain !== undefined || o.path !== undefined)
        ? [{ field: o.domain !== undefined ? 'options.domain' : 'options.path', message: 'a domain and a path are for cookies only (storage: cookie)' }]
        : [],
    describe: ({ value, options: o }) =>
      o.storage === 'cookie'
        ? `Set cookie ${quoted(o.name ?? '')} to ${quoted(value ?? '')}${o.domain ? ` for ${o.domain}` : ''}`
        : `Set ${o.storage === 'session' ? 'session' : 'local'} storage item ${quoted(o.name ?? '')} to ${quoted(value ?? '')}`,
    code: ({ value, options: o }) => {
      const name = jsString(o.name ?? '')
      const text = jsString(value ?? '')
      if (o.storage === 'cookie') {
        const where = o.domain ? `domain: ${jsString(o.domain)}, path: ${jsString(o.path ?? '/')}` : `url: page.url()${o.path ? `, path: ${jsString(o.path)}` : ''}`
        return `await page.context().addCookies([{ name: ${name}, value: ${text}, ${where} }]);`
      }
      const store = o.storage === 'session' ? 'sessionStorage' : 'localStorage'
      return `await page.evaluate(([name, value]) => ${store}.setItem(name, value), [${name}, ${text}]);`
    },
  }),
  click: define({
    label: 'Click', category: 'Mouse', hint: 'Click an element', target: 'required', value: 'none',
    options: options({ button: z.enum(['left', 'right', 'middle']).optional(), modifiers: z.array(Modifier).max(4).optional(), click_count: z.number().int().min(1).max(3).optional(), position: Position.optional(), force: z.boolean().optional() }),
    optionHints: { button: 'left (default), right or middle', modifiers: 'keys held during the click: Alt, Control, ControlOrMeta, Meta, Shift', click_count: '2 for a double click', position: '{ x, y } inside the element', force: 'skip the visible/enabled checks' },
    describe: ({ name, options: o }) => {
      const verb = o.click_count === 2 ? 'Double-click' : o.click_count === 3 ? 'Triple-click' : o.button === 'right' ? 'Right-click' : o.button === 'middle' ? 'Middle-click' : 'Click'
      return `${verb} ${name}${holding(o.modifiers)}`
    },
    code: ({ target, options: o }, locator) => `await ${locator(target)}.click(${optionsArgument(pointerOptions(o))});`,
  }),
  dblclick: define({
    label: 'Double-click', category: 'Mouse', hint: 'Double-click an element', target: 'required', value: 'none',
    options: options({ button: z.enum(['left', 'right', 'middle']).optional(), modifiers: z.array(Modifier).max(4).optional(), position: Position.optional(), force: z.boolean().optional() }),
    optionHints: { button: 'left (default), right or middle', modifiers: 'keys held', position: '{ x, y } inside the element', force: 'skip the actionability checks' },
    describe: ({ name, options: o }) => `Double-click ${name}${holding(o.modifiers)}`,
    code: ({ target, options: o }, locator) => `await ${locator(target)}.dblclick(${optionsArgument(pointerOptions(o))});`,
  }),
  hover: define({
    label: 'Hover', category: 'Mouse', hint: 'Move the mouse over an element', target: 'required', value: 'none',
    options: options({ modifiers: z.array(Modifier).max(4).optional(), position: Position.optional(), force: z.boolean().optional() }),
    optionHints: { modifiers: 'keys held', position: '{ x, y } inside the element', force: 'skip the actionability checks' },
    describe: ({ name }) => `Hover over ${name}`,
    code: ({ target, options: o }, locator) => `await ${locator(target)}.hover(${optionsArgument({ modifiers: o.modifiers, position: o.position, force: o.force })});`,
  }),
  fill: define({
    label: 'Fill', category: 'Forms', hint: 'Replace the text of a field (empty clears it)', target: 'required', value: 'required',
    valueHint: 'the text to enter (may be empty)',
    options: options({ force: z.boolean().optional() }),
    optionHints: { force: 'skip the actionability checks' },
    describe: ({ name, value }) => (value ? `Fill ${name} with ${quoted(value)}` : `Clear ${name}`),
    code: ({ target, value, options: o }, locator) => `await ${locator(target)}.fill(${jsString(value ?? '')}${optionsArgument({ force: o.force }, ', ')});`,
  }),
  type: define({
    label: 'Type', category: 'Keyboard', hint: 'Press the keys of a text one by one (for fields that react to each key)',
    target: 'required', value: 'required', valueHint: 'the text to type',
    options: options({ delay_ms: z.number().int().min(0).max(1000).optional() }),
    optionHints: { delay_ms: 'pause between keys' },
    describe: ({ name, value }) => `Type ${quoted(value ?? '')} into ${name}`,
    code: ({ target, value, options: o }, locator) => `await ${locator(target)}.pressSequentially(${jsString(value ?? '')}${optionsArgument({ delay: o.delay_ms }, ', ')});`,
  }),
  press: define({
    label: 'Press key', category: 'Keyboard', hint: 'Press a key or a chord (Enter, Tab, Control+a) on an element or the page',
    target: 'optional', value: 'required', valueHint: 'a key or chord: Enter, Escape, Control+a, Shift+Tab',
    options: options({}), optionHints: {},
    check: ({ value }) => (value !== null && !/^\S+$/.test(value) && value !== ' ' ? [{ field: 'value', message: 'write a key like Enter or a chord like Control+a (no spaces)' }] : []),
    describe: ({ target, name, value }) => `Press ${value ?? ''}${target ? ` in ${name}` : ''}`,
    code: ({ target, value }, locator) => (target ? `await ${locator(target)}.press(${jsString(value ?? '')});` : `await page.keyboard.press(${jsString(value ?? '')});`),
  }),
  select: define({
    label: 'Select', category: 'Forms', hint: 'Choose options of a dropdown or list (by value or label)', target: 'required', value: 'optional',
    valueHint: 'the option to choose (or list several in options.values)',
    options: options({ values: z.array(z.string().max(10_000)).min(1).max(100).optional(), by: z.enum(['value', 'label']).optional() }),
    optionHints: { values: 'several options, for a list that allows many', by: 'match options by value or label only (default: either)' },
    check: ({ value, options: o }) => (value === null && !o.values ? [{ field: 'value', message: 'say which option to choose (value, or options.values for several)' }] : []),
    describe: ({ name, value, options: o }) => `Select ${(o.values ?? [value ?? '']).map((v) => quoted(v)).join(', ')} in ${name}`,
    code: ({ target, value, options: o }, locator) => {
      const chosen = o.values ?? [value ?? '']
      const one = (v: string) => (o.by ? `{ ${o.by}: ${jsString(v)} }` : jsString(v))
      return `await ${locator(target)}.selectOption(${chosen.length === 1 && !o.values ? one(chosen[0]) : `[${chosen.map(one).join(', ')}]`});`
    },
  }),
  check: define({
    label: 'Check', category: 'Forms', hint: 'Tick a checkbox or choose a radio button', target: 'required', value: 'none',
    options: options({ force: z.boolean().optional(), position: Position.optional() }), optionHints: { force: 'skip the actionability checks', position: '{ x, y } inside the element' },
    describe: ({ name }) => `Check ${name}`,
    code: ({ target, options: o }, locator) => `await ${locator(target)}.check(${optionsArgument({ force: o.force, position: o.position })});`,
  }),
  uncheck: define({
    label: 'Uncheck', category: 'Forms', hint: 'Clear a checkbox', target: 'required', value: 'none',
    options: options({ force: z.boolean().optional(), position: Position.optional() }), optionHints: { force: 'skip the actionability checks', position: '{ x, y } inside the element' },
    describe: ({ name }) => `Uncheck ${name}`,
    code: ({ target, options: o }, locator) => `await ${locator(target)}.uncheck(${optionsArgument({ force: o.force, position: o.position })});`,
  }),
  upload: define({
    label: 'Upload files', category: 'Forms', hint: 'Choose files in a file input (paths relative to the project files folder)',
    target: 'required', value: 'optional', valueHint: 'a file path (or several in options.files)',
    options: options({ files: z.array(z.string().trim().min(1).max(4096)).max(100).optional() }),
    optionHints: { files: 'several file paths; an empty list clears the input' },
    check: ({ value, options: o }) => (!value && !o.files ? [{ field: 'value', message: 'say which file to upload (value, or options.files for several)' }] : []),
    describe: ({ name, value, options: o }) => {
      const files = o.files ?? [value ?? '']
      return files.length ? `Upload ${files.map((f) => quoted(baseName(f))).join(', ')} to ${name}` : `Clear the files chosen in ${name}`
    },
    code: ({ target, value, options: o }, locator) => {
      const files = o.files ?? [value ?? '']
      return `await ${locator(target)}.setInputFiles(${files.length === 1 && !o.files ? jsString(files[0]) : objectCode(files)});`
    },
  }),
  drag: define({
    label: 'Drag and drop', category: 'Mouse', hint: 'Drag an element onto another', target: 'required', value: 'none',
    options: options({ to: TargetSchema.optional(), source_position: Position.optional(), target_position: Position.optional() }),
    optionHints: { to: 'where to drop: a target { selector, alternatives, frames }', source_position: '{ x, y } to grab', target_position: '{ x, y } to drop at' },
    check: ({ options: o }) => (o.to ? [] : [{ field: 'options.to', message: 'say where to drop: a target with a selector' }]),
    describe: ({ name, options: o }) => `Drag ${name} to ${targetName(o.to)}`,
    code: ({ target, options: o }, locator) =>
      `await ${locator(target)}.dragTo(${locator(o.to)}${optionsArgument({ sourcePosition: o.source_position, targetPosition: o.target_position }, ', ')});`,
  }),
  scroll: define({
    label: 'Scroll', category: 'Mouse', hint: 'Scroll an element into view, or scroll the page or an element by x/y pixels',
    target: 'optional', value: 'none',
    options: options({ x: NumberOrVariable.optional(), y: NumberOrVariable.optional() }),
    optionHints: { x: 'pixels to the right (negative: left)', y: 'pixels down (negative: up)' },
    check: ({ target, options: o }) => (!target && o.x === undefined && o.y === undefined ? [{ field: 'target', message: 'say what to scroll to (a target) or how far (options.x / options.y)' }] : []),
    describe: ({ target, name, options: o }) => {
      const by = `by ${o.x ?? 0}, ${o.y ?? 0}`
      if (!target) return `Scroll the page ${by}`
      return o.x === undefined && o.y === undefined ? `Scroll to ${name}` : `Scroll ${name} ${by}`
    },
    code: ({ target, options: o }, locator, frames) => {
      const x = o.x ?? 0
      const y = o.y ?? 0
      if (target && o.x === undefined && o.y === undefined) return `await ${locator(target)}.scrollIntoViewIfNeeded();`
      if (target) return `await ${locator(target)}.evaluate((element) => element.scrollBy(${x}, ${y}));`
      return `${evaluateCode(`window.scrollBy(${x}, ${y})`, null, frameBase(frames, locator))};`
    },
  }),
  wait: define({
    label: 'Wait', category: 'Waits', hint: 'Wait a time, for an element state, for the URL or for the page to load',
    target: 'optional', value: 'none',
    options: options({
      ms: NumberOrVariable.optional(),
      state: z.enum(['visible', 'hidden', 'attached', 'detached']).optional(),
      url: z.string().trim().min(1).max(2000).optional(),
      load_state: z.enum(['load', 'domcontentloaded', 'networkidle']).optional(),
    }),
    optionHints: { ms: 'milliseconds to wait', state: 'with a target: visible (default), hidden, attached, detached', url: 'text the URL contains, a glob (**/done) or /regex/', load_state: 'load, domcontentloaded or networkidle' },
    check: ({ target, options: o }) => {
      const modes = [o.ms !== undefined, !!target, o.url !== undefined, o.load_state !== undefined].filter(Boolean).length
      if (modes === 0) return [{ field: 'options', message: 'say what to wait for: options.ms, a target, options.url or options.load_state' }]
      if (modes > 1) return [{ field: 'options', message: 'wait for one thing at a time: options.ms, a target, options.url or options.load_state' }]
      if (o.state && !target) return [{ field: 'options.state', message: 'a state needs a target element' }]
      return []
    },
    describe: ({ target, name, options: o }) => {
      if (o.ms !== undefined) return `Wait ${o.ms} ms`
      if (target) return `Wait until ${name} is ${o.state ?? 'visible'}`
      if (o.url !== undefined) return `Wait until the URL ${urlPattern(o.url).words}`
      return PAGE_STATES[o.load_state ?? 'load'] ?? 'Wait'
    },
    code: ({ target, options: o }, locator) => {
      if (o.ms !== undefined) return `await page.waitForTimeout(${o.ms});`
      if (target) return `await ${locator(target)}.waitFor({ state: ${jsString(o.state ?? 'visible')} });`
      if (o.url !== undefined) return `await page.waitForURL(${urlPattern(o.url).code});`
      return `await page.waitForLoadState(${jsString(o.load_state ?? 'load')});`
    },
  }),
  switch_page: define({
    label: 'Switch window', category: 'Windows and frames', hint: 'Act in another tab or popup: the new one, the main one, or by index, title or URL',
    target: 'none', value: 'optional', valueHint: 'the index (0 = main), title text or URL text, per options.by',
    options: options({ by: z.enum(['new', 'main', 'index', 'title', 'url']).optional() }),
    optionHints: { by: "new (default: the newest window not used yet), main, index, title or url (text it contains, or /regex/)" },
    check: ({ value, options: o }) => {
      const by = o.by ?? (value === null ? 'new' : undefined)
      if (!by) return [{ field: 'options.by', message: "say what the value is: options.by = 'index', 'title' or 'url'" }]
      if ((by === 'index' || by === 'title' || by === 'url') && !value) return [{ field: 'value', message: `switching by ${by} needs a value` }]
      if (by === 'index' && value && !/^\s*\d+\s*$|\$\{/.test(value)) return [{ field: 'value', message: 'the index is a whole number: 0 for the main window' }]
      return []
    },
    describe: ({ value, options: o }) => {
      switch (o.by ?? (value === null ? 'new' : 'title')) {
        case 'main': return 'Switch to the main window'
        case 'index': return `Switch to window ${value}`
        case 'title': return `Switch to the window titled ${slashRegex(value ?? '') ? `matching ${value}` : quoted(value ?? '')}`
        case 'url': return `Switch to the window whose URL ${slashRegex(value ?? '') ? `matches ${value}` : `contains ${quoted(value ?? '')}`}`
        default: return 'Switch to the new window'
      }
    },
    code: ({ value, options: o }) => {
      const regex = slashRegex(value ?? '')
      switch (o.by ?? (value === null ? 'new' : 'title')) {
        case 'main': return 'page = context.pages()[0];'
        case 'index': return `page = context.pages()[${value}];`
        case 'title': return `for (const p of context.pages()) if (${regex ? `${jsRegex(regex)}.test(await p.title())` : `(await p.title()).includes(${jsString(value ?? '')})`}) page = p;`
        case 'url': return `page = context.pages().find((p) => ${regex ? `${jsRegex(regex)}.test(p.url())` : `p.url().includes(${jsString(value ?? '')})`});`
        default: return 'page = context.pages()[context.pages().length - 1];'
      }
    },
  }),
  switch_frame: define({
    label: 'Switch frame', category: 'Windows and frames', hint: 'Act inside a frame (its target is the iframe), or back in the main page (no target)',
    target: 'optional', value: 'none', options: options({}), optionHints: {},
    describe: ({ target, name }) => (target ? `Switch to frame ${name}` : 'Switch back to the main page'),
    code: ({ target }, locator) => (target ? `frame = ${locator(target)}.contentFrame();` : 'frame = page.mainFrame();'),
  }),
  dialog: define({
    label: 'Answer dialog', category: 'Windows and frames', hint: 'Accept or dismiss the next alert, confirm or prompt (or every one from now on)',
    target: 'none', value: 'optional', valueHint: 'the text to answer a prompt with',
    options: options({ response: z.enum(['accept', 'dismiss']), for: z.enum(['next', 'all']).optional() }),
    optionHints: { response: 'accept or dismiss', for: 'next (default) or all: every dialog from now on' },
    describe: ({ value, options: o }) => {
      const verb = o.response === 'dismiss' ? 'Dismiss' : 'Accept'
      const which = o.for === 'all' ? 'every dialog from now on' : 'the next dialog'
      return `${verb} ${which}${o.response !== 'dismiss' && value ? `, answering ${quoted(value)}` : ''}`
    },
    code: ({ value, options: o }) =>
      `page.${o.for === 'all' ? 'on' : 'once'}('dialog', (dialog) => dialog.${o.response === 'dismiss' ? 'dismiss()' : `accept(${value ? jsString(value) : ''})`});`,
  }),
  set_variable: define({
    label: 'Set variable', category: 'Data and scripts', hint: "Store a value for later steps' ${name}: a literal, an element's text, value or attribute, the URL, the title or a script result",
    target: 'optional', value: 'optional', valueHint: 'the literal value, or the script for from=script',
    valueFormat: (o) => (o.from === 'script' ? 'javascript' : 'text'),
    options: options({ name: VariableName, from: z.enum(['literal', 'text', 'value', 'attribute', 'url', 'title', 'script']).optional(), attribute: z.string().trim().min(1).max(255).optional() }),
    optionHints: { name: 'the variable to set', from: 'literal (default without a target), text (default with one), value, attribute, url, title, script', attribute: 'the attribute to read, for from=attribute' },
    check: ({ target, value, options: o }) => {
      const from = o.from ?? (target ? 'text' : 'literal')
      const issues: Issue[] = []
      if ((from === 'text' || from === 'value' || from === 'attribute') && !target) issues.push({ field: 'target', message: `reading the ${from} needs a target element` })
      if ((from === 'literal' || from === 'script') && value === null) issues.push({ field: 'value', message: from === 'script' ? 'write the script to run' : 'give the value to store' })
      if (from === 'attribute' && !o.attribute) issues.push({ field: 'options.attribute', message: 'say which attribute to read' })
      return issues
    },
    describe: ({ target, name, value, options: o }) => {
      const into = `in variable ${quoted(o.name ?? '')}`
      switch (o.from ?? (target ? 'text' : 'literal')) {
        case 'text': return `Store the text of ${name} ${into}`
        case 'value': return `Store the value of ${name} ${into}`
        case 'attribute': return `Store attribute ${o.attribute} of ${name} ${into}`
        case 'url': return `Store the page URL ${into}`
        case 'title': return `Store the page title ${into}`
        case 'script': return `Store the result of ${oneLine(value ?? '')} ${into}`
        default: return `Set variable ${quoted(o.name ?? '')} to ${quoted(value ?? '')}`
      }
    },
    code: ({ target, value, options: o }, locator, frames) => {
      const set = (expression: string) => `vars[${jsString(o.name ?? '')}] = ${expression};`
      switch (o.from ?? (target ? 'text' : 'literal')) {
        case 'text': return set(`(await ${locator(target)}.textContent()).trim()`)
        case 'value': return set(`await ${locator(target)}.inputValue()`)
        case 'attribute': return set(`await ${locator(target)}.getAttribute(${jsString(o.attribute ?? '')})`)
        case 'url': return set('page.url()')
        case 'title': return set('await page.title()')
        case 'script': return set(evaluateCode(value ?? '', target ? locator(target) : null, frameBase(frames, locator)))
        default: return set(jsString(value ?? ''))
      }
    },
  }),
  run_script: define({
    label: 'Run script', category: 'Data and scripts', hint: 'Run JavaScript in the page (an expression, or a body with return); the target, if any, is `element`',
    target: 'optional', value: 'required', valueHint: 'JavaScript: an expression, or statements with return',
    valueFormat: () => 'javascript',
    options: options({ store_as: VariableName.optional() }),
    optionHints: { store_as: 'a variable to store the result in' },
    describe: ({ target, name, value, options: o }) =>
      `Run script ${oneLine(value ?? '')}${target ? ` on ${name}` : ''}${o.store_as ? ` and store the result in variable ${quoted(o.store_as)}` : ''}`,
    code: ({ target, value, options: o }, locator, frames) => {
      const run = evaluateCode(value ?? '', target ? locator(target) : null, frameBase(frames, locator))
      return o.store_as ? `vars[${jsString(o.store_as)}] = ${run};` : `${run};`
    },
  }),
  call_test: define({
    label: 'Call test', category: 'Other', hint: "Run another test case's steps here (shares variables)",
    target: 'none', value: 'required', valueHint: 'the name or id of the test case to call',
    options: options({}), optionHints: {},
    check: ({ value }) => (value !== null && !value.trim() ? [{ field: 'value', message: 'name the test case to call' }] : []),
    describe: ({ value }) => `Call test ${quoted(value ?? '')}`,
    code: ({ value }) => `// Call test ${quoted(value ?? '')}: its steps run here`,
  }),
  screenshot: define({
    label: 'Screenshot', category: 'Other', hint: 'Take a named screenshot of the page or of an element',
    target: 'optional', value: 'optional', valueHint: 'the screenshot name',
    options: options({ full_page: z.boolean().optional() }),
    optionHints: { full_page: 'the whole scrollable page, not just the window' },
    describe: ({ target, name, value, options: o }) =>
      `Take a screenshot${target ? ` of ${name}` : o.full_page ? ' of the full page' : ''}${value ? ` named ${quoted(value)}` : ''}`,
    code: ({ target, value, options: o }, locator) =>
      `await ${target ? locator(target) : 'page'}.screenshot(${objectCode({ path: `${value || 'screenshot'}.png`, fullPage: !target && o.full_page ? true : undefined })});`,
  }),
  checkpoint: define({
    label: 'Checkpoint', category: 'Checks', hint: 'Verify element properties (visible, text, value, checked, count, attribute…) or the URL and title',
    target: 'optional', value: 'none',
    options: options({ checkpoint: z.record(z.string(), z.unknown()) }),
    optionHints: { checkpoint: "{ type: 'element', assertions: [{ property, operator, expected, name? }] } or type 'screenshot', 'accessibility', 'api' or 'download' (see the README)" },
    describe: ({ name, options: o }) => {
      const kind = CHECKPOINT_KINDS[String(o.checkpoint?.type)]
      const parsed = kind?.schema.safeParse(o.checkpoint)
      return parsed?.success ? kind.describe(parsed.data, name) : `Verify (${String(o.checkpoint?.type ?? 'unknown')} checkpoint)`
    },
    code: ({ target, options: o }, locator) => {
      const kind = CHECKPOINT_KINDS[String(o.checkpoint?.type)]
      const parsed = kind?.schema.safeParse(o.checkpoint)
      return parsed?.success ? kind.code(parsed.data, target ? locator(target) : 'page') : '// checkpoint'
    },
  }),
  // ── HTTP (./http-checks holds the request, its assertions and captures) ──
  request: define({
    label: 'HTTP request', category: 'Data and scripts', hint: "Send an HTTP request (with the test's cookies) and keep values of the response in variables",
    target: 'none', value: 'required', valueHint: 'the URL (relative URLs use the environment base URL)',
    options: options({ ...HttpRequestShape, capture: z.array(ApiCapture).max(50).optional(), expect_ok: z.boolean().optional() }),
    optionHints: {
      method: 'GET (default), POST, PUT, PATCH, DELETE, HEAD, OPTIONS', headers: '[{ name, value }]', body: 'the text to send (JSON text goes as application/json)',
      share_cookies: "send the test's cookies (default true)", capture: "[{ name, from: 'json' | 'header' | 'status' | 'body' | 'regex', path?, secret? }]",
      expect_ok: 'fail the step unless the status is 2xx (default true)',
    },
    check: ({ value }) => (value !== null && !value.trim() ? [{ field: 'value', message: 'give the URL to request' }] : []),
    describe: ({ value, options: o }) => `Send ${describeRequest(value ?? '', o)}${o.capture?.length ? ` and store ${o.capture.map((c) => quoted(c.name)).join(', ')}` : ''}`,
    code: ({ value, options: o }) => [requestCode(absoluteUrl(value ?? '') ?? value ?? '', o), ...(o.expect_ok === false ? [] : ['expect(response.ok()).toBeTruthy();']), ...(o.capture ?? []).map((c) => captureCode(c))].join('\n'),
  }),
}
