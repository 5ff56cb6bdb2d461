// The words every view of a run shares: durations, outcomes, failures said once, checkpoint subjects.
import { describe, expect, it } from 'vitest'
import { checkpointSubject } from './checkpoints'
import { failureHeading, failureShown, formatDuration, runOutcome } from './run-wording'

const run = (status: 'completed' | 'cancelled' | 'failed' | 'running', counts: Partial<Record<'passed_tests' | 'failed_tests' | 'skipped_tests' | 'no_run_tests', number>>) => {
  const full = { passed_tests: 0, failed_tests: 0, skipped_tests: 0, no_run_tests: 0, ...counts }
  return { status, total_tests: full.passed_tests + full.failed_tests + full.skipped_tests + full.no_run_tests, ...full }
}

describe('formatDuration', () => {
  it('never reads 60 seconds in a minute', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(4200)).toBe('4.2 s')
    expect(formatDuration(59_960)).toBe('60.0 s')
    expect(formatDuration(119_600)).toBe('2 min 0 s')
    expect(formatDuration(201_400)).toBe('3 min 21 s')
  })
})

describe('runOutcome', () => {
  it('colours a completed run by what its tests did, and says what did not pass', () => {
    expect(runOutcome(run('completed', { passed_tests: 31, failed_tests: 1 }))).toEqual({ label: 'Completed: 1 failed of 32', tone: 'failed' })
    expect(runOutcome(run('completed', { passed_tests: 32 }))).toEqual({ label: 'Completed: all 32 passed', tone: 'passed' })
    expect(runOutcome(run('completed', { passed_tests: 1 }))).toEqual({ label: 'Completed: the test passed', tone: 'passed' })
    expect(runOutcome(run('completed', { passed_tests: 5, no_run_tests: 2 }))).toEqual({ label: 'Completed: 2 not run of 7', tone: 'warning' })
    expect(runOutcome(run('cancelled', { passed_tests: 3, failed_tests: 1, no_run_tests: 4 }))).toEqual({ label: 'Cancelled: 1 failed, 4 not run of 8', tone: 'failed' })
    expect(runOutcome(run('cancelled', { passed_tests: 2 }))).toEqual({ label: 'Cancelled: all 2 passed', tone: 'warning' })
    expect(runOutcome(run('failed', { passed_tests: 1, no_run_tests: 1 }))).toEqual({ label: 'Failed: 1 not run of 2', tone: 'failed' })
    expect(runOutcome(run('running', { passed_tests: 1 }))).toEqual({ label: 'Running', tone: 'neutral' })
  })
})

describe('failureShown', () => {
  const steps = [
    { number: 1, status: 'passed', action: 'navigate', description: 'Navigate to /', error_message: null },
    { number: 2, status: 'failed', action: 'click', description: "Click 'Save'", error_message: 'No element matches #save' },
    { number: 3, status: 'skipped', action: 'click', description: null, error_message: null },
  ]

  it("says a step's failure once: the step, then what happened", () => {
    const failure = failureShown("Step 2 (Click 'Save'): No element matches #save", 2, steps)
    expect(failure).toEqual({ step: 2, step_text: "Click 'Save'", message: 'No element matches #save' })
    expect(failureHeading(failure!)).toBe("Failed at step 2: Click 'Save'")
    expect(failureShown(null, null, steps)).toEqual(failure)
  })

  it('keeps an error that says more than its step whole, and one with no step', () => {
    expect(failureShown('The test took longer than 30000 ms', 2, steps)).toEqual({ step: 2, step_text: "Click 'Save'", message: 'The test took longer than 30000 ms' })
    const noStep = failureShown('The browser could not start', null, [])
    expect(noStep).toEqual({ step: null, step_text: null, message: 'The browser could not start' })
    expect(failureHeading(noStep!)).toBe('Failed')
    expect(failureShown(null, null, [])).toBeNull()
  })
})

describe('checkpointSubject', () => {
  it('calls a checkpoint of the page title or URL what it is', () => {
    expect(checkpointSubject('element', ['title'])).toBe('page title')
    expect(checkpointSubject('element', ['url', 'url#2'])).toBe('page URL')
    expect(checkpointSubject('element', ['url', 'title'])).toBe('page')
    expect(checkpointSubject('element', ['text', 'title'])).toBe('element')
    expect(checkpointSubject('element', ['attribute:aria-sort'])).toBe('element')
    expect(checkpointSubject('screenshot', [])).toBe('screenshot')
  })
})
