// Visual checkpoints: a screenshot of the page or an element (animations stopped, caret hidden,
// masked regions painted over) compared with the baseline kept for its name, browser and
// viewport, as Playwright's toHaveScreenshot does: pixelmatch on decoded PNGs, retried until it
// matches or the step's time is up. With no baseline yet, this screenshot becomes it.
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { VisualCheckpoint } from '../../../shared/checkpoint-kinds'
import { CHECKPOINT_KINDS } from '../../../shared/checkpoints'
import type { CheckpointResultInput, PropertyVerification } from '../../../shared/model/execution'
import { truncate } from '../../../shared/patterns'
import { targetName } from '../../../shared/steps'
import { onElement } from './element'
import { StepFailure } from './failures'
import type { StepRun } from './step-run'
import type { VisualBaselineKey } from './types'

/** pixelmatch's colour threshold that toHaveScreenshot uses by default. */
export const DEFAULT_VISUAL_THRESHOLD = 0.2
const RETRY_MS = [100, 250, 500, 1000]

export interface Comparison {
  /** Null when the sizes differ (nothing to compare pixel by pixel). */
  diffPixels: number | null
  total: number
  size: { expected: string; actual: string }
  diff: Buffer | null
}

export function compareImages(baseline: Buffer, actual: Buffer, threshold: number): Comparison {
  const a = PNG.sync.read(baseline)
  const b = PNG.sync.read(actual)
  const size = { expected: `${a.width}x${a.height}`, actual: `${b.width}x${b.height}` }
  if (a.width !== b.width || a.height !== b.height) return { diffPixels: null, total: b.width * b.height, size, diff: null }
  const diff = new PNG({ width: a.width, height: a.height })
  const diffPixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold })
  return { diffPixels, total: a.width * a.height, size, diff: diffPixels ? PNG.sync.write(diff) : null }
}

function allowedPixels(c: VisualCheckpoint, total: number): number {
  const byCount = c.max_diff_pixels ?? 0
  const byRatio = c.max_diff_ratio !== undefined ? Math.floor(c.max_diff_ratio * total) : 0
  return Math.max(byCount, byRatio)
}

async function capture(run: StepRun, c: VisualCheckpoint): Promise<Buffer> {
  const page = run.page
  const mask = (c.mask ?? []).map((selector) => page.locator(selector))
  const options = { animations: 'disabled' as const, caret: 'hide' as const, mask, scale: 'css' as const }
  if (run.step.target) return onElement(run, run.step.target, (l, timeout) => l.screenshot({ ...options, timeout }), 'target', false)
  return run.pw(() => page.screenshot({ ...options, fullPage: !!c.full_page, timeout: run.remaining() }))
}

export function baselineKeyOf(run: StepRun, c: VisualCheckpoint): VisualBaselineKey {
  const size = run.page.viewportSize()
  return {
    name: c.name ?? `step ${run.step.step_number}`,
    browser: run.session.context.browser()?.browserType().name() ?? 'chromium',
    viewport: size ? `${size.width}x${size.height}` : 'none',
  }
}

export async function runVisualCheckpoint(run: StepRun, raw: unknown): Promise<void> {
  const c = VisualCheckpoint.parse(raw)
  const key = baselineKeyOf(run, c)
  const threshold = c.threshold ?? DEFAULT_VISUAL_THRESHOLD
  const name = truncate(c.name ?? CHECKPOINT_KINDS.screenshot.describe(c, targetName(run.step.target)), 230)
  const expected = {
    baseline: key.name,
    browser: key.browser,
    viewport: key.viewport,
    threshold,
    ...(c.max_diff_pixels !== undefined ? { max_diff_pixels: c.max_diff_pixels } : {}),
    ...(c.max_diff_ratio !== undefined ? { max_diff_ratio: c.max_diff_ratio } : {}),
  }
  const baseline = (await run.session.input.baselines?.get(key)) ?? null
  const startedCapture = performance.now()
  let actual = await capture(run, c)

  if (!baseline) {
    const verification: PropertyVerification = { property_name: 'baseline', expected_value: 'a stored baseline', actual_value: 'none yet: this screenshot became the baseline', passed: true, operator: 'exists' }
    run.visuals.push({ checkpoint: run.checkpoints.length, key, actual, baseline: null, diff: null, created: true })
    run.checkpoints.push({
      checkpoint_name: `${name} (new baseline)`,
      checkpoint_type: 'screenshot',
      status: 'passed',
      selector: run.step.target?.selector ?? null,
      profile: 'visual',
      expected_properties: expected,
      actual_properties: { baseline: 'created' },
      property_verifications: [verification],
    } satisfies CheckpointResultInput)
    run.output = `New baseline '${key.name}' stored for ${key.browser} ${key.viewport}: later runs compare with it`
    return
  }

  let result = compareImages(baseline, actual, threshold)
  let allowed = allowedPixels(c, result.total)
  // As toHaveScreenshot: a page still settling gets until the step's time is up to match. A
  // retry starts only with time for a capture left, so the verdict is the pixels, not a timeout.
  let captureMs = performance.now() - startedCapture
  for (let attempt = 0; (result.diffPixels === null || result.diffPixels > allowed) && run.remaining() > captureMs * 2 + 100; attempt++) {
    await run.sleep(Math.min(RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)], run.remaining() - captureMs * 2))
    const started = performance.now()
    try {
      actual = await capture(run, c)
    } catch {
      break
    }
    captureMs = performance.now() - started
    result = compareImages(baseline, actual, threshold)
    allowed = allowedPixels(c, result.total)
  }
  const passed = result.diffPixels !== null && result.diffPixels <= allowed
  const ratio = result.diffPixels === null ? 100 : Math.round((result.diffPixels / Math.max(1, result.total)) * 10_000) / 100
  const why =
    result.diffPixels === null
      ? `The screenshot is ${result.size.actual} but baseline '${key.name}' is ${result.size.expected}`
      : `${result.diffPixels} pixels (${ratio}%) differ from baseline '${key.name}'; ${allowed} allowed`
  run.visuals.push({ checkpoint: run.checkpoints.length, key, actual, baseline, diff: result.diff, created: false })
  run.checkpoints.push({
    checkpoint_name: name,
    checkpoint_type: 'screenshot',
    status: passed ? 'passed' : 'failed',
    selector: run.step.target?.selector ?? null,
    profile: 'visual',
    expected_properties: { ...expected, max_diff_pixels: allowed },
    actual_properties: { diff_pixels: result.diffPixels, size: result.size.actual },
    failed_properties: passed ? [] : ['diff_pixels'],
    property_verifications: [{ property_name: 'diff_pixels', expected_value: allowed, actual_value: result.diffPixels, passed, operator: 'at_most' }],
    diff_percentage: Math.min(100, ratio),
    error_message: passed ? null : `${why}. Accept the new screenshot as the baseline if the change is intended.`,
  } satisfies CheckpointResultInput)
  if (!passed) throw new StepFailure(`${why}. Accept the new screenshot as the baseline if the change is intended.`)
}
