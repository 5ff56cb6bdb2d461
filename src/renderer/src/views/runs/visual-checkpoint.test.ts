import { describe, expect, it } from 'vitest'
import type { CheckpointResult, VisualBaseline } from '../../../../shared/model/execution'
import { acceptedFromHere, createdText, visualCheckpointView } from './visual-checkpoint'

const expected = { baseline: 'badge', browser: 'chromium', viewport: '1280x720', threshold: 0.2 }
const checkpoint = (over: Partial<CheckpointResult>) =>
  ({
    id: 'c1',
    checkpoint_type: 'screenshot',
    checkpoint_name: 'badge',
    status: 'failed',
    expected_properties: expected,
    actual_properties: { diff_pixels: 16, size: '240x96' },
    baseline_screenshot_path: 'artifacts/base.png',
    actual_screenshot_path: 'artifacts/actual.png',
    diff_screenshot_path: 'artifacts/diff.png',
    ...over,
  }) as CheckpointResult

describe('visual checkpoint in the result viewer', () => {
  it('shows baseline, actual and difference of a failed comparison, and offers to accept it', () => {
    expect(visualCheckpointView(checkpoint({}))).toEqual({
      kind: 'compared',
      name: 'badge',
      where: 'chromium 1280x720',
      passed: false,
      acceptable: true,
      images: [
        { path: 'artifacts/base.png', label: 'Baseline of badge' },
        { path: 'artifacts/actual.png', label: 'Actual screenshot of badge' },
        { path: 'artifacts/diff.png', label: 'Difference of badge' },
      ],
    })
  })

  it('has no difference image when the sizes differ, and nothing to accept without a kept screenshot', () => {
    expect(visualCheckpointView(checkpoint({ diff_screenshot_path: null }))!.images.map((i) => i.label)).toEqual(['Baseline of badge', 'Actual screenshot of badge'])
    expect(visualCheckpointView(checkpoint({ actual_screenshot_path: null }))).toMatchObject({ acceptable: false })
  })

  it('offers nothing on a passing comparison', () => {
    expect(visualCheckpointView(checkpoint({ status: 'passed', diff_screenshot_path: null }))).toMatchObject({ kind: 'compared', passed: true, images: [], acceptable: false })
  })

  it("says a first run stored the baseline, named without the result's suffix, and shows it once", () => {
    const view = visualCheckpointView(
      checkpoint({ status: 'passed', checkpoint_name: 'badge (new baseline)', actual_properties: { baseline: 'created' }, baseline_screenshot_path: 'artifacts/a.png', actual_screenshot_path: 'artifacts/a.png', diff_screenshot_path: null }),
    )!
    expect(view).toEqual({ kind: 'created', name: 'badge', where: 'chromium 1280x720', images: [{ path: 'artifacts/a.png', label: 'New baseline of badge' }] })
    expect(createdText(view)).toBe('New baseline stored for badge (chromium 1280x720): this run had none to compare with, so its screenshot became the baseline later runs compare with.')
    expect(createdText({ name: 'step 2', where: '' })).toMatch(/^New baseline stored for step 2: /)
  })

  it('ignores every other checkpoint kind', () => {
    for (const type of ['element', 'accessibility', 'api', 'download'] as const) expect(visualCheckpointView(checkpoint({ checkpoint_type: type }))).toBeNull()
  })

  it('knows a result whose screenshot is the baseline in force', () => {
    const baselines = [{ accepted_from: null }, { accepted_from: 'c1' }] as VisualBaseline[]
    expect(acceptedFromHere(baselines, 'c1')).toBe(true)
    expect(acceptedFromHere(baselines, 'c2')).toBe(false)
    expect(acceptedFromHere([], 'c1')).toBe(false)
  })
})
