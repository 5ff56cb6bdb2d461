// Which tests a run takes and which tests a call_test step may call, by status, stated once: the
// core builds runs with it, the runner resolves call_test with it, the CLI lists with it, and the
// README says the same.
//
//   how a test comes into play                      active  draft  archived
//   picked by suite, tag, or as "every test"          yes     no      no
//   named one by one (--test, test_case_ids)          yes     yes     no
//   called by a call_test step (same project only)    yes     yes     no
//
// A draft is work in progress: a run over a suite leaves it out, yet it can be tried by naming
// it, and a helper test (log in, seed a todo list) can stay a draft and still be called.
// Archived tests never run.
import type { TestCaseStatus } from './model/definition'

type Status = (typeof TestCaseStatus.options)[number]

/** Statuses of the tests a run picks by suite, tag or as every test. */
export const SELECTED_STATUSES: readonly Status[] = ['active']
/** Statuses of the tests a run takes when they are named one by one. */
export const NAMED_STATUSES: readonly Status[] = ['active', 'draft']
/** Statuses of the tests a call_test step may call. */
export const CALLABLE_STATUSES: readonly Status[] = ['active', 'draft']

/** Why a test named for a run cannot be in it, or null when it can. */
export function whyNotRunnable(test: { name: string; status: string }): string | null {
  if ((NAMED_STATUSES as readonly string[]).includes(test.status)) return null
  return `test case '${test.name}' is ${test.status}: ${test.status} tests never run (set it to active or draft to run it)`
}

/** Why a call_test step cannot call this test, or null when it can. */
export function whyNotCallable(test: { name: string; status: string }): string | null {
  if ((CALLABLE_STATUSES as readonly string[]).includes(test.status)) return null
  return `it is ${test.status} (a call_test step calls active and draft tests; set it to active or draft to call it)`
}
