// What the result viewer says about a visual (screenshot) checkpoint: whether its run stored a new
// baseline or compared with one, which kept images to show, and whether its screenshot can be
// accepted as the baseline. Pure, so the wording is tested without a browser.
import type { CheckpointResult, VisualBaseline } from '../../../../shared/model/execution'

export interface VisualImage {
  path: string
  /** The image's accessible name, as the HTML report words it. */
  label: string
}

export type VisualCheckpointView =
  | { kind: 'created'; name: string; where: string; images: VisualImage[] }
  | { kind: 'compared'; name: string; where: string; passed: boolean; images: VisualImage[]; acceptable: boolean }

const CREATED_SUFFIX = / \(new baseline\)$/

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null
}

/** Null for every other checkpoint kind. */
export function visualCheckpointView(c: CheckpointResult): VisualCheckpointView | null {
  if (c.checkpoint_type !== 'screenshot') return null
  const expected = c.expected_properties ?? {}
  // The checkpoint's own name (the step's description when it has none), as its table shows it.
  const name = c.checkpoint_name.replace(CREATED_SUFFIX, '')
  const where = [text(expected.browser), text(expected.viewport)].filter(Boolean).join(' ')
  if (c.actual_properties?.baseline === 'created') {
    // The first run's screenshot is both the actual image and the baseline now: one image.
    const stored = c.baseline_screenshot_path ?? c.actual_screenshot_path
    return { kind: 'created', name, where, images: stored ? [{ path: stored, label: `New baseline of ${name}` }] : [] }
  }
  const images: VisualImage[] = []
  if (c.baseline_screenshot_path) images.push({ path: c.baseline_screenshot_path, label: `Baseline of ${name}` })
  if (c.actual_screenshot_path) images.push({ path: c.actual_screenshot_path, label: `Actual screenshot of ${name}` })
  if (c.diff_screenshot_path) images.push({ path: c.diff_screenshot_path, label: `Difference of ${name}` })
  const passed = c.status === 'passed'
  // A passing screenshot matches the baseline already; one kept nothing has nothing to accept.
  return { kind: 'compared', name, where, passed, images: passed ? [] : images, acceptable: !passed && !!c.actual_screenshot_path }
}

/** Whether this checkpoint's screenshot is the baseline in force (accepted from it, not replaced since). */
export function acceptedFromHere(baselines: readonly VisualBaseline[], checkpointId: string): boolean {
  return baselines.some((b) => b.accepted_from === checkpointId)
}

export const ACCEPTED_TEXT = 'New baseline accepted: the next run compares with this screenshot.'

export function createdText(view: Pick<VisualCheckpointView, 'name' | 'where'>): string {
  return `New baseline stored for ${view.name}${view.where ? ` (${view.where})` : ''}: this run had none to compare with, so its screenshot became the baseline later runs compare with.`
}
