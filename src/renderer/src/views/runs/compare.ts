// Two runs side by side, by test: which changed verdict, which got slower, which ran in one only.
import type { RunItemView } from '../../../../shared/api/runs'

export interface ComparedTest {
  test_case_id: string
  name: string
  before: RunItemView | null
  after: RunItemView | null
  verdict_changed: boolean
  /** after minus before, when both ran. */
  slower_ms: number | null
}

export interface Comparison {
  changed: ComparedTest[]
  slower: ComparedTest[]
  only_before: ComparedTest[]
  only_after: ComparedTest[]
  same: number
}

/** Slower means at least this much longer and this share longer, so noise is not news. */
export const SLOWER_MS = 500
export const SLOWER_SHARE = 0.2

export function compareRuns(before: readonly RunItemView[], after: readonly RunItemView[]): Comparison {
  const byTest = new Map<string, ComparedTest>()
  const entry = (item: RunItemView) => {
    let e = byTest.get(item.test_case_id)
    if (!e) byTest.set(item.test_case_id, (e = { test_case_id: item.test_case_id, name: item.test_case_name, before: null, after: null, verdict_changed: false, slower_ms: null }))
    return e
  }
  for (const item of before) entry(item).before = item
  for (const item of after) entry(item).after = item
  const out: Comparison = { changed: [], slower: [], only_before: [], only_after: [], same: 0 }
  for (const e of byTest.values()) {
    if (!e.after) out.only_before.push(e)
    else if (!e.before) out.only_after.push(e)
    else {
      e.verdict_changed = e.before.status !== e.after.status
      const delta = e.after.duration_ms - e.before.duration_ms
      e.slower_ms = delta
      const slower = e.after.status === 'passed' && e.before.status === 'passed' && delta >= SLOWER_MS && delta >= e.before.duration_ms * SLOWER_SHARE
      if (e.verdict_changed) out.changed.push(e)
      if (slower) out.slower.push(e)
      if (!e.verdict_changed && !slower) out.same++
    }
  }
  out.slower.sort((a, b) => (b.slower_ms ?? 0) - (a.slower_ms ?? 0))
  return out
}
