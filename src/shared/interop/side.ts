// Selenium IDE `.side` projects as TestDesk tests: each test's commands mapped to steps (locators
// converted, the `targets` list kept as alternatives), suites as suites under one named after
// the project, the project URL as an environment's base URL and setWindowSize as a browser
// configuration. A command the step language cannot express becomes a disabled step holding it,
// and is reported with its test, position and reason.
import { z } from 'zod'
import { issuesFromZod, validationError } from '../api/errors'
import { checkpoint, emptyCounts, scriptString, target as targetOf, unconvertedStep, type Conversion, type IdOf, type ProjectRef, type StepDraft, type TargetDraft, type Unconverted } from './conversion'
import { sideLocator, sideTarget } from './side-locators'

const SideCommand = z.looseObject({
  id: z.string().optional(),
  comment: z.string().optional(),
  command: z.string({ message: 'must be the command name' }),
  target: z.string().default(''),
  targets: z.array(z.unknown()).optional(),
  value: z.string().default(''),
  opensWindow: z.boolean().optional(),
  windowHandleName: z.string().optional(),
})
type SideCommand = z.infer<typeof SideCommand>

export const SideProject = z.looseObject({
  id: z.string().optional(),
  version: z.string().optional(),
  name: z.string().trim().min(1, 'the project has no name').max(255),
  url: z.string().default(''),
  tests: z.array(z.looseObject({ id: z.string(), name: z.string().trim().min(1).max(255), commands: z.array(SideCommand).max(5000) })).max(10_000),
  suites: z.array(z.looseObject({ id: z.string().optional(), name: z.string().trim().min(1).max(255), tests: z.array(z.string()).default([]) })).default([]),
})
export type SideProject = z.infer<typeof SideProject>

const TOOL = 'Selenium IDE'
/** Selenium IDE's special keys in `sendKeys` (`${KEY_ENTER}`) as Playwright key names. */
const KEYS: Record<string, string> = {
  ENTER: 'Enter', TAB: 'Tab', ESC: 'Escape', ESCAPE: 'Escape', BACKSPACE: 'Backspace', BKSP: 'Backspace', DELETE: 'Delete', DEL: 'Delete',
  UP: 'ArrowUp', DOWN: 'ArrowDown', LEFT: 'ArrowLeft', RIGHT: 'ArrowRight', HOME: 'Home', END: 'End', PAGE_UP: 'PageUp', PAGE_DOWN: 'PageDown',
  SPACE: ' ', INSERT: 'Insert', SHIFT: 'Shift', CONTROL: 'Control', CTRL: 'Control', ALT: 'Alt', META: 'Meta', COMMAND: 'Meta',
  F1: 'F1', F2: 'F2', F3: 'F3', F4: 'F4', F5: 'F5', F6: 'F6', F7: 'F7', F8: 'F8', F9: 'F9', F10: 'F10', F11: 'F11', F12: 'F12',
}
const CONTROL_FLOW = new Set(['if', 'elseIf', 'else', 'while', 'do', 'repeatIf', 'forEach', 'times', 'end'])
const OPENS_BLOCK = new Set(['if', 'while', 'do', 'forEach', 'times'])
const MAX_UNROLL = 20

interface TestState {
  name: string
  steps: StepDraft[]
  /** Window handle variables: the ones naming a window a click opened, and those storing the first. */
  newWindows: Set<string>
  mainWindows: Set<string>
  viewport: { width: number; height: number } | null
}

type Converted = StepDraft[] | { problem: string }

function withTarget(command: SideCommand, make: (t: TargetDraft) => Converted): Converted {
  const converted = sideTarget(command.target, command.targets)
  return 'problem' in converted ? converted : make(converted.target)
}

function positionOf(value: string): { x: number; y: number } | undefined {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value)
  return match ? { x: Number(match[1]), y: Number(match[2]) } : undefined
}

/** `sendKeys` text: runs of characters typed, `${KEY_X}` pressed. */
function sendKeys(t: TargetDraft, value: string): Converted {
  const steps: StepDraft[] = []
  for (const part of value.split(/(\$\{KEY_[A-Z0-9_]+\})/)) {
    if (!part) continue
    const key = /^\$\{KEY_([A-Z0-9_]+)\}$/.exec(part)
    if (key) {
      if (!KEYS[key[1]]) return { problem: `key ${part} has no Playwright name` }
      steps.push({ action: 'press', target: t, value: KEYS[key[1]] })
    } else {
      steps.push({ action: 'type', target: t, value: part })
    }
  }
  return steps.length ? steps : { problem: 'sendKeys has no keys to send' }
}

function selectOption(t: TargetDraft, value: string): Converted {
  const match = /^(label|value|index|id)=([\s\S]*)$/.exec(value)
  if (!match) return [{ action: 'select', target: t, value, options: { by: 'label' } }]
  if (match[1] === 'label' || match[1] === 'value') return [{ action: 'select', target: t, value: match[2], options: { by: match[1] } }]
  // The catalogue chooses options by value or label; an index or id needs a word it has not got yet.
  return { problem: `choosing an option by ${match[1]}= has no TestDesk equivalent (by value or label only)` }
}

// assert… and verify… commands: a checkpoint; verify goes on after a failure, as in Selenium IDE.
function check(command: SideCommand, kind: string, soft: boolean): Converted {
  const options = soft ? { continue_on_failure: true } : {}
  const on = (assertion: Record<string, unknown>, selector?: (s: string) => string) =>
    withTarget(command, (t) => [checkpoint(selector ? { ...t, selector: selector(t.selector), alternatives: t.alternatives.map(selector) } : t, assertion, options)])
  switch (kind) {
    case 'Text': return on({ property: 'text', operator: 'equals', expected: command.value })
    case 'NotText': return on({ property: 'text', operator: 'not_equals', expected: command.value })
    case 'Value': return on({ property: 'value', operator: 'equals', expected: command.value })
    case 'Checked': return on({ property: 'checked', expected: true })
    case 'NotChecked': return on({ property: 'checked', expected: false })
    case 'Editable': return on({ property: 'enabled', expected: true })
    case 'NotEditable': return on({ property: 'enabled', expected: false })
    case 'ElementPresent': return on({ property: 'count', operator: 'at_least', expected: 1 })
    case 'ElementNotPresent': return on({ property: 'count', operator: 'equals', expected: 0 })
    case 'SelectedValue': return on({ property: 'value', operator: 'equals', expected: command.value })
    case 'NotSelectedValue': return on({ property: 'value', operator: 'not_equals', expected: command.value })
    // The chosen option's text: the select's checked option, chained.
    case 'SelectedLabel': return on({ property: 'text', operator: 'equals', expected: command.value }, (s) => `${s} >> css=option:checked`)
    case 'Title': return [checkpoint(null, { property: 'title', operator: 'equals', expected: command.target }, options)]
    case '': {
      // `assert | variable | expected`: the variable's value, compared by a script.
      if (!/^[A-Za-z_][\w.-]*$/.test(command.target)) return { problem: `'${command.target}' is not a variable name` }
      const script = `if (${scriptString(`\${${command.target}}`)} !== ${scriptString(command.value)}) throw new Error(${scriptString(`Expected \${${command.target}} to be ${command.value}`)})`
      return [{ action: 'run_script', target: null, value: script, options }]
    }
    default:
      return { problem: `${command.command} (a dialog's message or another check) has no TestDesk checkpoint yet` }
  }
}

function variableName(text: string): string | null {
  const name = text.trim()
  return /^[A-Za-z_][\w.-]*$/.test(name) && name.length <= 100 ? name : null
}

function store(command: SideCommand, state: TestState): Converted {
  const name = variableName(command.value)
  const need = (make: (n: string) => Converted) => (name ? make(name) : { problem: `'${command.value}' is not a variable name` })
  switch (command.command) {
    case 'store': return need((n) => [{ action: 'set_variable', target: null, value: command.target, options: { name: n } }])
    case 'storeJson': return need((n) => [{ action: 'set_variable', target: null, value: command.target, options: { name: n } }])
    case 'storeText': return need((n) => withTarget(command, (t) => [{ action: 'set_variable', target: t, options: { name: n, from: 'text' } }]))
    case 'storeValue': return need((n) => withTarget(command, (t) => [{ action: 'set_variable', target: t, options: { name: n, from: 'value' } }]))
    case 'storeTitle': {
      const titleName = variableName(command.value) ?? variableName(command.target)
      return titleName ? [{ action: 'set_variable', target: null, options: { name: titleName, from: 'title' } }] : { problem: 'storeTitle names no variable' }
    }
    case 'storeAttribute': {
      const at = command.target.lastIndexOf('@')
      if (at <= 0) return { problem: "storeAttribute's target is not locator@attribute" }
      const located = sideTarget(command.target.slice(0, at), [])
      if ('problem' in located) return located
      return need((n) => [{ action: 'set_variable', target: located.target, options: { name: n, from: 'attribute', attribute: command.target.slice(at + 1) } }])
    }
    case 'storeXpathCount': {
      const xpath = command.target.replace(/^xpath=/, '')
      const script = `document.evaluate(${scriptString(`count(${xpath})`)}, document, null, XPathResult.NUMBER_TYPE, null).numberValue`
      return need((n) => [{ action: 'set_variable', target: null, value: script, options: { name: n, from: 'script' } }])
    }
    case 'storeWindowHandle': {
      const handle = variableName(command.target)
      if (!handle) return { problem: `'${command.target}' is not a variable name` }
      // Tests store the first window's handle to come back to it: selectWindow reads it as the main window.
      state.mainWindows.add(handle)
      return [{ action: 'set_variable', target: null, value: 'main', options: { name: handle } }]
    }
    default:
      return { problem: `${command.command} has no TestDesk equivalent` }
  }
}

function selectWindow(command: SideCommand, state: TestState): Converted {
  const handle = /^handle=\$\{([^}]+)\}$/.exec(command.target.trim())
  if (handle && state.newWindows.has(handle[1])) return [{ action: 'switch_page', target: null, value: null, options: { by: 'new' } }]
  if (handle && state.mainWindows.has(handle[1])) return [{ action: 'switch_page', target: null, value: null, options: { by: 'main' } }]
  const by = /^(name|title|index)=([\s\S]+)$/.exec(command.target.trim())
  if (by?.[1] === 'index') return [{ action: 'switch_page', target: null, value: by[2], options: { by: 'index' } }]
  if (by) return [{ action: 'switch_page', target: null, value: by[2], options: { by: 'title' } }]
  return { problem: `window '${command.target}' is neither one a click opened nor one stored with storeWindowHandle` }
}

function selectFrame(command: SideCommand): Converted {
  const where = command.target.trim()
  if (where === 'relative=top') return [{ action: 'switch_frame', target: null }]
  if (where === 'relative=parent') return { problem: 'relative=parent: TestDesk switches to a frame or back to the main page, not one level up' }
  const index = /^index=(\d+)$/.exec(where)
  if (index) return [{ action: 'switch_frame', target: targetOf(`css=iframe, frame >> nth=${index[1]}`, []) }]
  return withTarget(command, (t) => [{ action: 'switch_frame', target: t }])
}

function setWindowSize(command: SideCommand, state: TestState, position: number): Converted {
  const size = /^\s*(\d+)\s*x\s*(\d+)\s*$/.exec(command.target)
  if (!size) return { problem: `window size '${command.target}' is not WIDTHxHEIGHT` }
  const viewport = { width: Number(size[1]), height: Number(size[2]) }
  if (viewport.width < 100 || viewport.height < 100 || viewport.width > 10_000 || viewport.height > 10_000) return { problem: 'a window size is from 100x100 to 10000x10000' }
  if (state.viewport || state.steps.some((s) => s.action !== 'set_variable' && s.action !== 'navigate') || position > 3) {
    if (state.viewport?.width === viewport.width && state.viewport.height === viewport.height) return []
    return { problem: 'the window size is set once, before the test starts (its browser configuration); a change in the middle has no step' }
  }
  state.viewport = viewport
  return []
}

/** One command as steps (none for a command folded into the test, like setWindowSize), or why not. */
function convertCommand(command: SideCommand, state: TestState, position: number): Converted {
  const c = command.command
  const verify = /^(assert|verify)(.*)$/.exec(c)
  if (verify && c !== 'verify' && !['assertAlert', 'assertConfirmation', 'assertPrompt', 'verifyAlert', 'verifyConfirmation', 'verifyPrompt'].includes(c)) {
    return check(command, verify[2], verify[1] === 'verify')
  }
  if (c === 'verify') return check(command, '', true)
  if (c.startsWith('store')) return store(command, state)
  const clickOptions = (value: string) => {
    const position = positionOf(value)
    return position ? { position } : {}
  }
  switch (c) {
    case 'open': return command.target.trim() ? [{ action: 'navigate', target: null, value: command.target.trim() }] : { problem: 'open names no URL' }
    case 'click':
    case 'clickAt': {
      if (command.opensWindow && command.windowHandleName) state.newWindows.add(command.windowHandleName)
      return withTarget(command, (t) => [{ action: 'click', target: t, options: c === 'clickAt' ? clickOptions(command.value) : {} }])
    }
    case 'doubleClick':
    case 'doubleClickAt': return withTarget(command, (t) => [{ action: 'dblclick', target: t, options: c === 'doubleClickAt' ? clickOptions(command.value) : {} }])
    case 'type': return withTarget(command, (t) => [{ action: 'fill', target: t, value: command.value }])
    case 'sendKeys': return withTarget(command, (t) => sendKeys(t, command.value))
    case 'select': return withTarget(command, (t) => selectOption(t, command.value))
    case 'check': return withTarget(command, (t) => [{ action: 'check', target: t }])
    case 'uncheck': return withTarget(command, (t) => [{ action: 'uncheck', target: t }])
    case 'mouseOver': return withTarget(command, (t) => [{ action: 'hover', target: t }])
    case 'dragAndDropToObject': {
      const to = sideLocator(command.value)
      if ('problem' in to) return { problem: `the drop target: ${to.problem}` }
      return withTarget(command, (t) => [{ action: 'drag', target: t, options: { to: { selector: to.selector, alternatives: [] } } }])
    }
    case 'selectFrame': return selectFrame(command)
    case 'selectWindow': return selectWindow(command, state)
    case 'waitForElementPresent':
    case 'waitForElementVisible':
    case 'waitForElementNotPresent':
    case 'waitForElementNotVisible': {
      const states: Record<string, string> = { waitForElementPresent: 'attached', waitForElementVisible: 'visible', waitForElementNotPresent: 'detached', waitForElementNotVisible: 'hidden' }
      const ms = Number(command.value)
      const timeout = Number.isInteger(ms) && ms >= 100 && ms <= 600_000 ? { timeout_ms: ms } : {}
      return withTarget(command, (t) => [{ action: 'wait', target: t, options: { state: states[c], ...timeout } }])
    }
    case 'waitForElementEditable':
    case 'waitForElementNotEditable':
      return withTarget(command, (t) => [checkpoint(t, { property: 'enabled', expected: c === 'waitForElementEditable' })])
    case 'waitForText': return withTarget(command, (t) => [checkpoint(t, { property: 'text', operator: 'equals', expected: command.value })])
    case 'echo': return [{ action: 'set_variable', target: null, value: command.target, options: { name: 'echo' } }]
    case 'run': return command.target.trim() ? [{ action: 'call_test', target: null, value: command.target.trim() }] : { problem: 'run names no test' }
    case 'executeScript':
    case 'runScript': {
      const name = command.value.trim() ? variableName(command.value) : null
      if (command.value.trim() && !name) return { problem: `'${command.value}' is not a variable name` }
      return [{ action: 'run_script', target: null, value: command.target, options: name ? { store_as: name } : {} }]
    }
    case 'setWindowSize': return setWindowSize(command, state, position)
    case 'pause': {
      const ms = Number(command.target || command.value)
      return Number.isFinite(ms) && ms >= 0 ? [{ action: 'wait', target: null, options: { ms } }] : { problem: `pause '${command.target}' is not a number of milliseconds` }
    }
    case 'submit': return withTarget(command, (t) => [{ action: 'run_script', target: t, value: 'element.requestSubmit ? element.requestSubmit() : element.submit()' }])
    case 'editContent': return withTarget(command, (t) => [{ action: 'run_script', target: t, value: `element.innerHTML = ${scriptString(command.value)}` }])
    case 'answerOnNextPrompt': return [{ action: 'dialog', target: null, value: command.target, options: { response: 'accept' } }]
    case 'chooseOkOnNextConfirmation': return [{ action: 'dialog', target: null, options: { response: 'accept' } }]
    case 'chooseCancelOnNextConfirmation':
    case 'chooseCancelOnNextPrompt': return [{ action: 'dialog', target: null, options: { response: 'dismiss' } }]
    case 'webdriverAnswerOnVisiblePrompt':
    case 'webdriverChooseOkOnVisibleConfirmation':
    case 'webdriverChooseCancelOnVisibleConfirmation':
      return { problem: 'answers a dialog already open; in TestDesk an Answer dialog step goes before the step that opens it' }
    case 'setSpeed': return { problem: 'TestDesk runs steps at full speed; there is no speed to set' }
    case 'close': return { problem: 'no TestDesk step closes a window yet' }
    case 'mouseOut':
    case 'mouseDown':
    case 'mouseDownAt':
    case 'mouseUp':
    case 'mouseUpAt':
    case 'mouseMoveAt':
      return { problem: `${c}: TestDesk steps click, hover and drag whole gestures, not single mouse events` }
    case 'addSelection':
    case 'removeSelection':
      return { problem: `${c}: choose every option in one Select step (options.values) instead` }
    case 'executeAsyncScript': return { problem: 'an asynchronous script calling back has no TestDesk equivalent (a Run script step may return a promise instead)' }
    case 'debugger': return { problem: 'TestDesk has no breakpoint step' }
    default: return { problem: `unknown Selenium IDE command '${c}'` }
  }
}

interface Block {
  /** Index of the opening command in the test's commands, and of its matching `end`. */
  start: number
  end: number
}

/** Where each control-flow block opened by `index` ends (its `end`, or `repeatIf` for `do`), or -1 when unbalanced. */
function blockEnd(commands: readonly SideCommand[], index: number): number {
  let depth = 0
  for (let i = index; i < commands.length; i++) {
    const c = commands[i].command
    if (OPENS_BLOCK.has(c)) depth++
    else if (c === 'end' || c === 'repeatIf') {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

/** `times N` whose body has no control flow of its own, with a literal N: unrolled. */
function unrollable(commands: readonly SideCommand[], block: Block): number | null {
  const opener = commands[block.start]
  if (opener.command !== 'times' || commands[block.end].command !== 'end') return null
  const n = Number(opener.target)
  if (!Number.isInteger(n) || n < 0 || n > MAX_UNROLL) return null
  return commands.slice(block.start + 1, block.end).some((c) => CONTROL_FLOW.has(c.command)) ? null : n
}

/** Converts a .side project (already parsed JSON) into a project file for `project`. */
export function convertSide(raw: unknown, project: ProjectRef, idOf: IdOf, fileName = 'project.side'): Conversion {
  const parsed = SideProject.safeParse(raw)
  if (!parsed.success) throw validationError(issuesFromZod(parsed.error.issues), `${fileName} is not a Selenium IDE project`)
  const side = parsed.data
  const key = side.id ?? side.name
  const counts = emptyCounts()
  const unconverted: Unconverted[] = []
  const environmentId = side.url.trim() ? idOf(`side:${key}:environment`) : null
  const browsers = new Map<string, { id: string; name: string; width: number; height: number }>()

  const tests = side.tests.map((test) => {
    const state: TestState = { name: test.name, steps: [], newWindows: new Set(), mainWindows: new Set(), viewport: null }
    const report = (index: number, command: SideCommand, reason: string) => {
      unconverted.push({ test: test.name, position: index + 1, command: command.command, reason })
      counts.unconverted++
      state.steps.push(unconvertedStep(TOOL, { command: command.command, target: command.target, value: command.value }, reason))
    }
    const add = (index: number, command: SideCommand) => {
      counts.commands++
      const converted = convertCommand(command, state, index + 1)
      if ('problem' in converted) return report(index, command, converted.problem)
      counts.converted++
      const described = command.comment?.trim()
      converted.forEach((step, i) => state.steps.push(i === 0 && described ? { ...step, description: described.slice(0, 2000) } : step))
    }
    const commands = test.commands
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]
      if (!OPENS_BLOCK.has(command.command) && !CONTROL_FLOW.has(command.command)) {
        add(i, command)
        continue
      }
      const end = OPENS_BLOCK.has(command.command) ? blockEnd(commands, i) : -1
      const times = end > i ? unrollable(commands, { start: i, end }) : null
      if (times !== null) {
        // `times` and `end` become the repeated body: both count as converted.
        counts.commands += 2
        counts.converted += 2
        for (let round = 0; round < times; round++) for (let j = i + 1; j < end; j++) {
          const converted = convertCommand(commands[j], state, j + 1)
          if (round === 0) counts.commands++
          if ('problem' in converted) {
            if (round === 0) report(j, commands[j], converted.problem)
            continue
          }
          if (round === 0) counts.converted++
          state.steps.push(...converted)
        }
        i = end
        continue
      }
      // Branches and loops the step list cannot express: the block is kept, disabled, command by
      // command, so running the test never does what the original would not.
      const last = end > i ? end : i
      const why = end > i
        ? `control flow ('${command.command}') has no TestDesk equivalent: the step list runs straight through`
        : `'${command.command}' outside a complete block`
      for (let j = i; j <= last; j++) {
        counts.commands++
        report(j, commands[j], j === i ? why : `inside the '${command.command}' block at command ${i + 1}, which was not converted`)
      }
      i = last
    }
    let browserId: string | null = null
    if (state.viewport) {
      const name = `${side.name} ${state.viewport.width}x${state.viewport.height}`.slice(0, 255)
      const existing = browsers.get(name) ?? { id: idOf(`side:${key}:browser:${name}`), name, ...state.viewport }
      browsers.set(name, existing)
      browserId = existing.id
    }
    return {
      id: idOf(`side:${key}:test:${test.id}`),
      name: test.name,
      description: `Imported from Selenium IDE project '${side.name}'.`,
      tags: ['selenium-ide'],
      environment_id: environmentId,
      browser_config_id: browserId,
      steps: state.steps.map((step, i) => ({ ...step, id: idOf(`side:${key}:test:${test.id}:step:${i}`) })),
    }
  })

  const testIds = new Map(side.tests.map((t, i) => [t.id, tests[i].id]))
  const top = ['ROOT', side.name]
  const suites = [
    { id: idOf(`side:${key}:suite`), path: top, description: `Imported from Selenium IDE project '${side.name}'.`, tests: tests.filter((_, i) => !side.suites.some((s) => s.tests.includes(side.tests[i].id))).map((t) => t.id) },
    ...side.suites.map((suite, position) => ({
      id: idOf(`side:${key}:suite:${suite.id ?? suite.name}`),
      path: [...top, suite.name],
      description: null,
      position,
      tests: suite.tests.map((id) => testIds.get(id)).filter((id): id is string => !!id),
    })),
  ]
  return {
    counts,
    unconverted,
    file: {
      format: 'testdesk-project',
      version: 1,
      project,
      scope: top,
      suites,
      tests,
      environments: environmentId ? [{ id: environmentId, name: side.name, description: `Base URL of Selenium IDE project '${side.name}'.`, base_url: side.url.trim(), variables: [] }] : [],
      browser_configurations: [...browsers.values()].map((b) => ({ id: b.id, name: b.name, viewport_width: b.width, viewport_height: b.height })),
    },
  }
}
