// For the engine's own tests: one demo site and one Chromium per test file, a fresh context per
// run, and a short way to write steps.
import { chromium, type Browser, type BrowserContext } from 'playwright'
import { startDemoSite, type DemoSiteServer } from '../../demosite/server'
import { chromiumArgs, discoverBrowser } from '../browsers'
import { runTest } from './run-test'
import type { EngineStep, RunTestInput, TestOutcome } from './types'

export type StepSpec = Omit<EngineStep, 'step_number'>

/** A step: `step('fill', 'label=Email', 'demo@testdesk.dev')`. */
export function step(
  action: string,
  target: string | EngineStep['target'] = null,
  value: string | null = null,
  options: Record<string, unknown> = {},
): StepSpec {
  return { action, target: typeof target === 'string' ? { selector: target } : target, value, options, description: null, disabled: false }
}

/** An element checkpoint on `target` (null: page-level properties only). */
export function verify(target: string | EngineStep['target'], ...assertions: Record<string, unknown>[]): StepSpec {
  return step('checkpoint', target, null, { checkpoint: { type: 'element', assertions } })
}

export function numbered(steps: readonly StepSpec[]): EngineStep[] {
  return steps.map((s, i) => ({ ...s, step_number: i + 1 }))
}

export async function launchChromium(): Promise<Browser> {
  const found = await discoverBrowser('chromium')
  if (!found.found || !found.path) throw new Error(`The engine tests need Chromium. ${found.hint}`)
  return chromium.launch({ executablePath: found.path, headless: true, args: chromiumArgs({ headless: true }) })
}

export interface EngineFixture {
  site: DemoSiteServer
  browser: Browser
  /** Runs steps in a fresh context (closed afterwards); `prepare` may set cookies, headers…; `finish` runs before the close. */
  run(
    steps: readonly StepSpec[],
    input?: Partial<RunTestInput>,
    prepare?: (context: BrowserContext) => Promise<void>,
    finish?: (context: BrowserContext) => Promise<void>,
  ): Promise<TestOutcome>
  close(): Promise<void>
}

export async function startEngineFixture(): Promise<EngineFixture> {
  const [site, browser] = await Promise.all([startDemoSite({ port: 0 }), launchChromium()])
  return {
    site,
    browser,
    async run(steps, input = {}, prepare, finish) {
      const context = await browser.newContext()
      try {
        await prepare?.(context)
        const outcome = await runTest({
          context,
          steps: numbered(steps),
          baseUrl: site.url,
          variables: {},
          secrets: [],
          screenshots: 'off',
          stepTimeoutMs: 5000,
          ...input,
        })
        await finish?.(context)
        return outcome
      } finally {
        await context.close().catch(() => undefined)
      }
    },
    async close() {
      await Promise.all([browser.close(), site.close()])
    },
  }
}
