import { describe, expect, it } from 'vitest'
import { canTransitionItem, canTransitionRun, isFinishedItem, isFinishedRun, percentage } from './states'

describe('percentage (DECIMAL(5,2): hundredths, half up)', () => {
  it.each([
    [2, 3, 66.67],
    [1, 8, 12.5],
    [1, 3, 33.33],
    [0, 0, 0],
    [5, 5, 100],
    [0, 7, 0],
    [1, 6, 16.67],
    [5, 6, 83.33],
    [1, 200, 0.5],
    [1, 400, 0.25],
    [1, 80000, 0],
    [4, 80000, 0.01], // 0.005 rounds up
    [3, 80000, 0], // 0.00375 rounds down
    [9999, 10000, 99.99],
    [99999, 100000, 100], // 99.999 rounds up to 100.00
  ])('%i of %i → %d', (part, whole, expected) => {
    expect(percentage(part, whole)).toBe(expected)
  })
})

describe('state machines', () => {
  it('let a run finish only once', () => {
    expect(canTransitionRun('pending', 'running')).toBe(true)
    expect(canTransitionRun('running', 'completed')).toBe(true)
    expect(canTransitionRun('completed', 'running')).toBe(false)
    expect(canTransitionRun('pending', 'completed')).toBe(false)
    for (const status of ['completed', 'cancelled', 'failed'] as const) expect(isFinishedRun(status)).toBe(true)
    for (const status of ['pending', 'queued', 'running'] as const) expect(isFinishedRun(status)).toBe(false)
  })

  it('let an item finish only once, and pass or fail only after running', () => {
    expect(canTransitionItem('pending', 'passed')).toBe(false)
    expect(canTransitionItem('running', 'passed')).toBe(true)
    expect(canTransitionItem('pending', 'no_run')).toBe(true)
    expect(canTransitionItem('passed', 'failed')).toBe(false)
    for (const status of ['passed', 'failed', 'skipped', 'no_run'] as const) expect(isFinishedItem(status)).toBe(true)
  })
})
