// A project file as a Playwright Test project a developer can run with `npx playwright test`:
// a config, a small support module (environments, variables, secrets from env vars), and one
// spec a suite with `test.describe`. Each step is the code the catalogue already shows for it
// (playwrightCode), wrapped in a `test.step` named by its description; only `${variables}`
// and the few steps whose code needs the test's state are written here.
import { describeStep, isStepAction, playwrightCode, targetCode, type StepLike } from '../steps'
import { scriptFunction } from '../step-actions'
import { jsString } from '../patterns'
import { variablesIn } from '../variables'
import type { ProjectFile } from '../model/project-file'

export interface ExportedFile {
  path: string
  text: string
}

export interface PlaywrightExport {
  files: ExportedFile[]
  tests: number
  specs: number
  /** Steps written as code that fails on purpose (no Playwright equivalent), with where they are. */
  unsupported: { test: string; step: number; reason: string }[]
  /** Environment variables the exported project reads: secrets and base URLs. */
  env: { name: string; what: string }[]
}

type FileTest = ProjectFile['tests'][number]
type FileStep = FileTest['steps'][number]

const DEMO_SITE_LINK = 'testdesk:demo-site/'
const MAX_CALL_DEPTH = 10

/** `Demo accounts` → `DEMO_ACCOUNTS`: how a name reads as an environment variable. */
export function envName(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'suite'
}

function indent(code: string, by: string): string {
  return code
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n')
}

// ── Variables in generated code ─────────────────────────────────────────────────────────────
// A step's `${name}` is replaced by a marker before its code is generated; string literals that
// hold a marker become `vars.name` or a template literal, so values are read when the test runs.

const OPEN = '\u27ea'
const CLOSE = '\u27eb'
const MARKER = new RegExp(`${OPEN}([^${CLOSE}]+)${CLOSE}`, 'g')

function markVariables(text: string): string {
  return text.replace(/(\$?)\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g, (whole, escaped: string, name: string) => (escaped ? whole.slice(1) : `${OPEN}${name}${CLOSE}`))
}

function markStrings<T>(value: T): T {
  if (typeof value === 'string') return markVariables(value) as T
  if (Array.isArray(value)) return value.map(markStrings) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markStrings(v)])) as T
  return value
}

function varRef(name: string): string {
  return /^[A-Za-z_]\w*$/.test(name) ? `vars.${name}` : `vars[${jsString(name)}]`
}

/** Single-quoted literals holding markers become `vars.x` or `` `…${vars.x}…` ``. */
function resolveMarkers(code: string): string {
  return code.replace(/'((?:[^'\\\n]|\\.)*)'/g, (literal, body: string) => {
    if (!body.includes(OPEN)) return literal
    const whole = new RegExp(`^${OPEN}([^${CLOSE}]+)${CLOSE}$`).exec(body)
    if (whole) return varRef(whole[1])
    const template = body
      .replace(/\\'/g, "'")
      .replace(/`/g, '\\`')
      .replace(/\$\{/g, '\\${')
      .replace(MARKER, (_, name: string) => `\${${varRef(name)}}`)
    return `\`${template}\``
  })
}

// ── Steps ───────────────────────────────────────────────────────────────────────────────────

interface StepContext {
  /** Whose steps these are (a test, or a suite's set-up or tear-down), for the unsupported list. */
  test: { name: string }
  tests: ReadonlyMap<string, FileTest>
  unsupported: PlaywrightExport['unsupported']
  depth: number
  /** The frame chain a switch_frame step entered, for the targets after it. */
  frames: string[]
  usesFrame: boolean
  usesPageSwitch: boolean
}

function failing(message: string): string {
  return `throw new Error(${jsString(message)});`
}

function hasVariables(step: FileStep): boolean {
  return [step.value, JSON.stringify(step.target), JSON.stringify(step.options)].some((text) => !!text && variablesIn(text).length > 0)
}

/** Scripts run as written in the page, so a script with `${variables}` is sent as text built when the test runs. */
function scriptWithVariables(step: FileStep, context: StepContext): string | null {
  const fromScript = step.action === 'run_script' || (step.action === 'set_variable' && step.options.from === 'script')
  if (!fromScript || !step.value || !variablesIn(step.value).length) return null
  const on = step.target ? resolveMarkers(targetCode(markStrings(step.target), context.frames)) : 'page'
  const evaluate = `await evaluate(${on}, ${resolveMarkers(jsString(scriptFunction(markVariables(step.value))))})`
  const into = step.action === 'run_script' ? (step.options.store_as as string | undefined) : (step.options.name as string | undefined)
  return into ? `${varRef(into)} = ${evaluate};` : `${evaluate};`
}

function stepCode(step: FileStep, position: number, context: StepContext): string {
  if (!isStepAction(step.action)) {
    const reason = `TestDesk action '${step.action}' has no Playwright equivalent`
    context.unsupported.push({ test: context.test.name, step: position, reason })
    return failing(`Step ${position}: ${reason}`)
  }
  if (step.action === 'call_test') return callTestCode(step, position, context)
  if (step.action === 'switch_page') context.usesPageSwitch = true
  const script = scriptWithVariables(step, context)
  if (script) return script
  const like: StepLike = hasVariables(step) ? { ...step, target: markStrings(step.target), value: step.value === null ? null : markVariables(step.value), options: markStrings(step.options) } : step
  let code = resolveMarkers(playwrightCode(like, { frames: context.frames }))
  // The config gives every test its baseURL, so the catalogue's hint about relative URLs goes.
  if (step.action === 'navigate') code = code.replace(/^\/\/ .* is relative: .*\n/, '')
  if (step.action === 'switch_frame') {
    context.usesFrame = true
    context.frames = step.target ? [...(step.target.frames ?? []), step.target.selector] : []
  }
  if (step.action === 'navigate' || step.action === 'switch_page') context.frames = []
  if (code.includes(OPEN)) {
    const reason = 'uses a ${variable} where the generated code cannot read it'
    context.unsupported.push({ test: context.test.name, step: position, reason })
    return `${failing(`Step ${position} ${reason}; edit this line`)}\n// ${code.replace(/\n/g, '\n// ')}`
  }
  return code
}

/** A called test's steps, written in place (they share the caller's variables, as in TestDesk). */
function callTestCode(step: FileStep, position: number, context: StepContext): string {
  const ref = step.value ?? ''
  const called = context.tests.get(ref) ?? [...context.tests.values()].find((t) => t.name === ref)
  const fail = (reason: string) => {
    context.unsupported.push({ test: context.test.name, step: position, reason })
    return failing(`Step ${position}: ${reason}`)
  }
  if (!called) return fail(`calls test '${ref}', which is not in the exported tests`)
  if (context.depth >= MAX_CALL_DEPTH) return fail(`calls tests more than ${MAX_CALL_DEPTH} deep`)
  const inner: StepContext = { ...context, depth: context.depth + 1, frames: [] }
  const body = stepsCode(called.steps, inner)
  context.usesFrame ||= inner.usesFrame
  context.usesPageSwitch ||= inner.usesPageSwitch
  return `// The steps of test '${called.name}'\n${body}`
}

/**
 * A step or test title as a literal: double quotes when the text holds single ones, as a person
 * writes it. `${name}` stays as written: a title shows in reports, and a value may be a secret.
 */
function titleCode(text: string): string {
  return text.includes("'") && !text.includes('"') && !text.includes('\\') ? `"${text}"` : jsString(text)
}

function stepsCode(steps: readonly FileStep[], context: StepContext): string {
  return steps
    .map((step, i) => {
      const words = (step.description?.trim() || describeStep(step)).replace(/\s+/g, ' ')
      if (step.disabled) return `// Disabled in TestDesk: ${words}\n// ${playwrightCode(step).replace(/\n/g, '\n// ')}`
      const code = stepCode(step, i + 1, context)
      const note = step.options.continue_on_failure ? '// TestDesk went on after this step failed (the test still failed)\n' : ''
      return `${note}await test.step(${titleCode(words)}, async () => {\n${indent(code, '  ')}\n});`
    })
    .join('\n')
}

// ── Tests and specs ─────────────────────────────────────────────────────────────────────────

interface Names {
  environments: Map<string, ProjectFile['environments'][number]>
  dataSets: Map<string, ProjectFile['data_sets'][number]>
  browsers: Map<string, ProjectFile['browser_configurations'][number]>
}

function testCode(test: FileTest, names: Names, tests: ReadonlyMap<string, FileTest>, unsupported: PlaywrightExport['unsupported'], defaultEnvironment: string | null): string {
  const context: StepContext = { test, tests, unsupported, depth: 0, frames: [], usesFrame: false, usesPageSwitch: false }
  const start = test.start_url ? `await page.goto(${jsString(test.start_url)});\n` : ''
  const body = start + stepsCode(test.steps, context)
  const environment = test.environment_id ? names.environments.get(test.environment_id) : undefined
  const dataSet = test.data_set_id ? names.dataSets.get(test.data_set_id) : undefined
  const browser = test.browser_config_id ? names.browsers.get(test.browser_config_id) : undefined
  const fixtures = context.usesPageSwitch ? '{ page: firstPage, context }' : '{ page }'
  const lets = [context.usesPageSwitch ? 'let page = firstPage;' : '', context.usesFrame ? 'let frame;' : ''].filter(Boolean).join('\n')
  const usesVars = /\bvars\b/.test(body) || !!dataSet
  const varsOf = (row: string) => (usesVars ? `const vars = variables(${environment ? `environments[${jsString(environment.name)}]` : 'null'}${row});\n` : '')
  const lines: string[] = []
  const use: string[] = []
  if (environment && environment.name !== defaultEnvironment) use.push(`baseURL: environments[${jsString(environment.name)}].baseURL`)
  if (browser?.viewport_width && browser.viewport_height) use.push(`viewport: { width: ${browser.viewport_width}, height: ${browser.viewport_height} }`)
  if (test.step_timeout_ms) use.push(`actionTimeout: ${test.step_timeout_ms}`)
  const title = titleCode(test.name)
  const head = lets ? `${lets}\n` : ''
  if (dataSet) {
    lines.push(`for (const [i, row] of dataSets[${jsString(dataSet.name)}].entries()) {`)
    lines.push(`  test(\`${test.name.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')} (row \${i + 1})\`, async (${fixtures}) => {`)
    lines.push(indent(`${head}${varsOf(', row')}${body}`, '    '))
    lines.push('  });', '}')
  } else {
    lines.push(`test(${title}, async (${fixtures}) => {`)
    lines.push(indent(`${head}${varsOf('')}${body}`, '  '))
    lines.push('});')
  }
  if (test.test_timeout_ms) lines.splice(1, 0, `${dataSet ? '    ' : '  '}test.setTimeout(${test.test_timeout_ms});`)
  const code = lines.join('\n')
  return use.length ? `test.describe(() => {\n  test.use({ ${use.join(', ')} });\n${indent(code, '  ')}\n});` : code
}

// ── Suite set-up and tear-down ──────────────────────────────────────────────────────────────

type FileSuite = ProjectFile['suites'][number]

/** One suite's set-up and tear-down as test.beforeEach / test.afterEach. */
function hooksCode(suite: FileSuite, tests: ReadonlyMap<string, FileTest>, unsupported: PlaywrightExport['unsupported'], defaultEnvironment: string | null): string {
  const name = suite.path.length > 1 ? suite.path.at(-1)! : 'ROOT'
  const hook = (kind: 'beforeEach' | 'afterEach', steps: readonly FileStep[], what: string) => {
    if (!steps.length) return null
    // Where a step cannot be exported, the report names the suite's list in place of a test.
    const owner = { name: `${what} of suite '${name}'` }
    const context: StepContext = { test: owner, tests, unsupported, depth: 0, frames: [], usesFrame: false, usesPageSwitch: false }
    const body = stepsCode(steps, context)
    const environment = defaultEnvironment ? `environments[${jsString(defaultEnvironment)}]` : 'null'
    const head = [
      context.usesPageSwitch ? 'let page = firstPage;' : '',
      context.usesFrame ? 'let frame;' : '',
      /\bvars\b/.test(body) ? `const vars = variables(${environment});` : '',
    ].filter(Boolean).join('\n')
    const fixtures = context.usesPageSwitch ? '{ page: firstPage, context }' : '{ page }'
    return `// ${what} of suite ${titleCode(name)}\ntest.${kind}(async (${fixtures}) => {\n${indent(`${head ? `${head}\n` : ''}${body}`, '  ')}\n});`
  }
  return [hook('beforeEach', suite.setup, 'Set-up'), hook('afterEach', suite.teardown, 'Tear-down')].filter(Boolean).join('\n')
}

/**
 * The tests of a spec inside the set-up and tear-down of their suite and every suite above it:
 * the outermost suite's hooks in the spec's describe, each inner suite's in a describe inside,
 * so Playwright runs set-up outermost first and tear-down innermost first, as TestDesk does.
 */
function withSuiteHooks(body: string, chain: readonly FileSuite[], tests: ReadonlyMap<string, FileTest>, unsupported: PlaywrightExport['unsupported'], defaultEnvironment: string | null): string {
  const hooked = chain.filter((suite) => suite.setup.length || suite.teardown.length)
  let code = body
  for (let i = hooked.length - 1; i >= 0; i--) {
    code = `${hooksCode(hooked[i], tests, unsupported, defaultEnvironment)}\n\n${code}`
    if (i > 0) code = `test.describe(() => {\n${indent(code, '  ')}\n});`
  }
  return code
}

/** An import statement of the generated code (built, so the import rules never read it as this file's own). */
function importLine(names: string, from: string): string {
  return `import ${names} from ${jsString(from)};`
}

function configCode(defaultEnvironment: string | null, viewport: { width: number; height: number } | null): string {
  return `${importLine('{ defineConfig }', '@playwright/test')}
${importLine('{ environments }', './testdesk')}

export default defineConfig({
  testDir: './tests',
  // TestDesk runs each test in a fresh browser context, one step after another.
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'results.json' }]],
  use: {
${defaultEnvironment ? `    baseURL: environments[${jsString(defaultEnvironment)}].baseURL,\n` : ''}${viewport ? `    viewport: { width: ${viewport.width}, height: ${viewport.height} },\n` : ''}    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    // A browser of your own (e.g. /usr/bin/chromium) instead of one Playwright installed.
    launchOptions: process.env.TESTDESK_BROWSER_PATH ? { executablePath: process.env.TESTDESK_BROWSER_PATH } : {},
  },
});
`
}

function supportCode(file: ProjectFile, env: PlaywrightExport['env']): string {
  const environments = file.environments.map((e) => {
    const baseVar = envName(e.name, 'BASE_URL')
    const demo = e.base_url?.startsWith(DEMO_SITE_LINK)
    env.push({ name: baseVar, what: `base URL of environment '${e.name}'${demo ? ' (required: the address `testdesk demo-site` prints)' : ''}` })
    const base = !e.base_url ? `process.env.${baseVar}` : demo ? `required(${jsString(baseVar)}, ${jsString(`the address of the demo site (start it with \`testdesk demo-site\`)`)})` : `process.env.${baseVar} ?? ${jsString(e.base_url)}`
    const vars = e.variables.map((v) => {
      if (!v.is_secret) return `    ${jsString(v.name)}: ${jsString(v.value ?? '')},`
      const name = envName(v.name)
      env.push({ name, what: `secret variable '${v.name}' of environment '${e.name}'` })
      return `    get ${jsString(v.name)}() { return required(${jsString(name)}, ${jsString(`secret variable '${v.name}' of environment '${e.name}'`)}); },`
    })
    return `  ${jsString(e.name)}: {\n    get baseURL() { return ${base}; },\n    variables: {\n  ${vars.join('\n  ')}\n    },\n  },`
  })
  const dataSets = file.data_sets.map((d) => {
    const rows = d.rows
      .filter((r) => r.enabled)
      .map((r, i) => {
        const cells = d.columns.map((c) => {
          if (!c.secret) return `${jsString(c.name)}: ${jsString(r.values[c.name] ?? '')}`
          const name = envName(d.name, c.name, String(i + 1))
          env.push({ name, what: `secret column '${c.name}' of row ${i + 1} of data set '${d.name}'` })
          return `get ${jsString(c.name)}() { return required(${jsString(name)}, ${jsString(`secret column '${c.name}' of row ${i + 1} of data set '${d.name}'`)}); }`
        })
        return `    { ${cells.join(', ')} },`
      })
    return `  ${jsString(d.name)}: [\n${rows.join('\n')}\n  ],`
  })
  return `// Environments, data sets and variables of the exported TestDesk tests. Secret values are
// never written here: they are read from environment variables when a test uses them.
${importLine('type { Locator, Page }', '@playwright/test')}

type Variables = Record<string, string>;

/** An environment variable the tests need, or a clear error saying which one and what for. */
export function required(name: string, what: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(\`Set the environment variable \${name}: \${what}\`);
  return value;
}

export const environments: Record<string, { baseURL: string | undefined; variables: Variables }> = {
${environments.join('\n')}
};

export const dataSets: Record<string, Variables[]> = {
${dataSets.join('\n')}
};

/**
 * The variables of one test: the environment's, then the data row's; steps add their own.
 * Reading one that was never set fails, as it does in TestDesk.
 */
export function variables(environment: { baseURL: string | undefined; variables: Variables } | null, row: Variables = {}): Variables {
  const values: Variables = {};
  const copy = (from: Variables) => {
    for (const name of Object.keys(from)) Object.defineProperty(values, name, { get: () => from[name], set: (v) => Object.defineProperty(values, name, { value: v, writable: true, enumerable: true }), enumerable: true, configurable: true });
  };
  if (environment) copy(environment.variables);
  copy(row);
  return new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string' && !(name in target)) {
        if (name === 'baseUrl' && environment?.baseURL) return environment.baseURL;
        throw new Error(\`Unknown variable \\\${\${name}}\`);
      }
      return Reflect.get(target, name);
    },
  });
}

/** Runs a script written in TestDesk (an expression, or statements with return) on the page or an element. */
export async function evaluate(on: Page | Locator, script: string): Promise<string> {
  const result = await (on as Locator).evaluate(script as never);
  return result === undefined || result === null ? '' : typeof result === 'string' ? result : JSON.stringify(result);
}
`
}

function readme(file: ProjectFile, env: PlaywrightExport['env']): string {
  return `# ${file.project.name}: Playwright tests exported from TestDesk

\`\`\`sh
npm install
npx playwright install chromium   # or set TESTDESK_BROWSER_PATH=/usr/bin/chromium
npx playwright test
\`\`\`

Environment variables the tests read (secrets are never written into these files):

${env.map((e) => `- \`${e.name}\`: ${e.what}`).join('\n') || '- none'}

Each TestDesk step is a \`test.step\` named by its description. Steps TestDesk could not express
in Playwright are written as code that fails with a message saying so.
`
}

/** The Playwright Test project for a project file; `testName` keeps only that test. */
export function playwrightProject(file: ProjectFile, options: { testName?: string } = {}): PlaywrightExport {
  const names: Names = {
    environments: new Map(file.environments.map((e) => [e.id, e])),
    dataSets: new Map(file.data_sets.map((d) => [d.id, d])),
    browsers: new Map(file.browser_configurations.map((b) => [b.id, b])),
  }
  const byId = new Map(file.tests.map((t) => [t.id, t]))
  const wanted = options.testName === undefined ? null : file.tests.find((t) => t.name === options.testName || t.id === options.testName)
  if (options.testName !== undefined && !wanted) throw new Error(`No test named '${options.testName}' in the exported tests`)
  const exported = wanted ? [wanted] : file.tests
  const most = <T>(values: (T | null)[]) => {
    const counts = new Map<T, number>()
    for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
  }
  const defaultEnvironmentId = most(exported.map((t) => t.environment_id))
  const defaultEnvironment = defaultEnvironmentId ? names.environments.get(defaultEnvironmentId)?.name ?? null : null
  const env: PlaywrightExport['env'] = []
  const unsupported: PlaywrightExport['unsupported'] = []
  const files: ExportedFile[] = []
  const taken = new Set<string>()
  const placed = new Set<string>()
  const suites = [...file.suites].sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
  const specFor = (title: string, tests: FileTest[], home: FileSuite | null) => {
    let name = slug(title)
    for (let n = 2; taken.has(name); n++) name = `${slug(title)}-${n}`
    taken.add(name)
    const chain = home ? suites.filter((s) => s.path.length <= home.path.length && s.path.every((part, i) => home.path[i] === part)).sort((a, b) => a.path.length - b.path.length) : []
    const testsCode = tests.map((t) => testCode(t, names, byId, unsupported, defaultEnvironment)).join('\n\n')
    const body = withSuiteHooks(testsCode, chain, byId, unsupported, defaultEnvironment)
    files.push({
      path: `tests/${name}.spec.ts`,
      text: `${importLine('{ test, expect }', '@playwright/test')}\n${importLine('{ dataSets, environments, evaluate, variables }', '../testdesk')}\n\ntest.describe(${jsString(title)}, () => {\n${indent(body, '  ')}\n});\n`,
    })
  }
  for (const suite of suites) {
    const tests = suite.tests.map((id) => byId.get(id)).filter((t): t is FileTest => !!t && exported.includes(t) && !placed.has(t.id))
    if (!tests.length) continue
    tests.forEach((t) => placed.add(t.id))
    specFor(suite.path.slice(1).join(' / ') || file.project.name, tests, suite)
  }
  const loose = exported.filter((t) => !placed.has(t.id))
  if (loose.length) specFor(file.project.name, loose, suites.find((s) => s.path.length === 1) ?? null)
  const viewports = exported.map((t) => (t.browser_config_id ? names.browsers.get(t.browser_config_id) : undefined))
  const first = viewports.find((b) => b?.viewport_width && b.viewport_height)
  const support = supportCode(file, env)
  files.unshift(
    { path: 'playwright.config.ts', text: configCode(defaultEnvironment, first && viewports.every((b) => b === first) ? { width: first.viewport_width!, height: first.viewport_height! } : null) },
    { path: 'testdesk.ts', text: support },
    { path: 'package.json', text: JSON.stringify({ name: slug(file.project.name), private: true, scripts: { test: 'playwright test' }, devDependencies: { '@playwright/test': '^1.65.0' } }, null, 2) + '\n' },
  )
  files.push({ path: 'README.md', text: readme(file, env) })
  return { files, tests: exported.length, specs: files.filter((f) => f.path.endsWith('.spec.ts')).length, unsupported, env }
}
