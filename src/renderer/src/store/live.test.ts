import { describe, expect, it } from 'vitest'
import type { RunProgress } from '../../../shared/model/progress'
import { applyRunProgress, reloadPlan } from './live'

describe('reloadPlan', () => {
  it('reloads the tree for suites, tests and new results, and checks only the documents open', () => {
    expect(reloadPlan({ kinds: ['tests'] }, new Set(['test']))).toEqual({ outline: true, lists: [], docs: ['test'], settings: false, runs: false })
    expect(reloadPlan({ kinds: ['tests'] }, new Set())).toMatchObject({ outline: true, docs: [] })
    expect(reloadPlan({ kinds: ['history'] }, new Set(['test']))).toMatchObject({ outline: true, docs: [] })
    expect(reloadPlan({ kinds: ['dataSets', 'environments'] }, new Set(['environment']))).toEqual({
      outline: false,
      lists: ['dataSet', 'environment'],
      docs: ['environment'],
      settings: false,
      runs: false,
    })
    expect(reloadPlan({ kinds: ['settings', 'runs'] }, new Set(['test']))).toEqual({ outline: false, lists: [], docs: [], settings: true, runs: true })
  })
})

describe('applyRunProgress', () => {
  const progress = (status: RunProgress['status'], finished: number): RunProgress => ({
    run_id: 'r1', run_name: 'Run_001', status, total_tests: 5, finished_tests: finished, passed_tests: finished, failed_tests: 0,
    skipped_tests: 0, no_run_tests: 0, pass_rate: 100, running: [], elapsed_ms: 0, message: null,
  })
  it('adds a run when it starts, updates its counts, and drops it when it ends', () => {
    let runs = applyRunProgress([], progress('running', 0))
    expect(runs).toEqual([{ id: 'r1', name: 'Run_001', finished: 0, total: 5 }])
    runs = applyRunProgress(runs, progress('running', 3))
    expect(runs[0].finished).toBe(3)
    expect(applyRunProgress(runs, progress('completed', 5))).toEqual([])
    const none: never[] = []
    expect(applyRunProgress(none, progress('cancelled', 1))).toBe(none)
  })
})
