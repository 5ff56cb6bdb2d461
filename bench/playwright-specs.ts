// Writes tests as a Playwright Test project: one spec file per test, generated from the stored
// steps with the step catalogue's Playwright code, so both tools run the same actions and checks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StepTarget } from '../src/shared/steps'
import { interpolateStep, playwrightCode } from '../src/shared/steps'
import { chromiumArgs } from '../src/main/runner/browsers'

export const DEFAULT_STEP_TIMEOUT = 10_000

export interface SpecTest {
  name: string
  step_timeout_ms?: number | null
  steps?: { action: string; target?: unknown; value?: string | null; options?: Record<string, unknown> | null }[]
}

/**
 * `artefacts` is what the config says of screenshot, trace and video: 'off' says all three off
 * (Playwright Test's defaults too, said out loud), 'defaults' leaves them to Playwright Test as a
 * config that sets nothing does, 'retain-on-failure' records a trace of every test and keeps
 * failures' (what TestDesk's `--trace retain-on-failure` does).
 */
export function writePlaywrightProject(
  dir: string,
  tests: SpecTest[],
  options: { variables: Record<string, string>; baseUrl: string; executable: string; artefacts: 'defaults' | 'off' | 'retain-on-failure'; reporter?: string },
): string {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'specs'), { recursive: true })
  const artefacts = {
    defaults: '',
    off: "\n    screenshot: 'off',\n    trace: 'off',\n    video: 'off',",
    'retain-on-failure': "\n    trace: 'retain-on-failure',",
  }[options.artefacts]
  writeFileSync(
    join(dir, 'playwright.config.ts'),
    `import { defineConfig } from '@playwright/test'
export default defineConfig({
  testDir: './specs',
  fullyParallel: true,
  retries: 0,${options.reporter ? `\n  reporter: ${JSON.stringify(options.reporter)},` : ''}
  timeout: 120_000,
  use: {
    baseURL: ${JSON.stringify(options.baseUrl)},
    headless: true,${artefacts}
    launchOptions: { executablePath: ${JSON.stringify(options.executable)}, args: ${JSON.stringify(chromiumArgs({ headless: true }))} },
  },
})
`,
  )
  tests.forEach((test, index) => {
    const timeout = test.step_timeout_ms ?? DEFAULT_STEP_TIMEOUT
    let frames: string[] = []
    const lines: string[] = []
    for (const stored of test.steps ?? []) {
      const step = interpolateStep({ ...stored, value: stored.value ?? null, target: (stored.target ?? null) as StepTarget | null, options: stored.options ?? {} }, options.variables)
      lines.push(...playwrightCode(step, { frames }).split('\n'))
      if (step.action === 'switch_frame') frames = step.target ? [...(step.target.frames ?? []), step.target.selector] : []
    }
    writeFileSync(
      join(dir, 'specs', `t${String(index).padStart(3, '0')}.spec.ts`),
      `import { test, expect as baseExpect } from '@playwright/test'
const expect = baseExpect.configure({ timeout: ${timeout} })
test.use({ actionTimeout: ${timeout}, navigationTimeout: ${Math.max(30_000, timeout)} })
test(${JSON.stringify(test.name)}, async ({ page: firstPage, context }) => {
  let page = firstPage
  let frame = page.mainFrame()
  const vars: Record<string, unknown> = {}
  void frame; void vars; void context
${lines.map((line) => `  ${line}`).join('\n')}
})
`,
    )
  })
  return dir
}
