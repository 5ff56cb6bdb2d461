import { describe, expect, it } from 'vitest'
import type { RunItemView } from '../../../../shared/api/runs'
import { compareRuns } from './compare'

const item = (test: string, status: RunItemView['status'], duration_ms: number) => ({ test_case_id: test, test_case_name: `Test ${test}`, status, duration_ms }) as RunItemView

describe('compare runs', () => {
  it('names verdict changes, tests much slower, and tests in one run only', () => {
    const before = [item('a', 'passed', 1000), item('b', 'failed', 800), item('c', 'passed', 1000), item('d', 'passed', 5000), item('gone', 'passed', 10)]
    const after = [item('a', 'failed', 1000), item('b', 'passed', 800), item('c', 'passed', 2500), item('d', 'passed', 5400), item('new', 'passed', 10)]
    const result = compareRuns(before, after)
    expect(result.changed.map((t) => [t.name, t.before?.status, t.after?.status])).toEqual([['Test a', 'passed', 'failed'], ['Test b', 'failed', 'passed']])
    // c: 1.5 s and 150% slower; d: 400 ms is under the threshold.
    expect(result.slower.map((t) => [t.name, t.slower_ms])).toEqual([['Test c', 1500]])
    expect(result.only_before.map((t) => t.name)).toEqual(['Test gone'])
    expect(result.only_after.map((t) => t.name)).toEqual(['Test new'])
    expect(result.same).toBe(1)
  })
})
