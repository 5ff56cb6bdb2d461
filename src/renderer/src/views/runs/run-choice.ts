// What a tester picks in the run builder, as plain data: which tests it names (the same rule the
// core applies to suites and tags: active tests only, each once, in suite order), the contract
// input that creates the run, and the last choice kept between visits.
import { SELECTED_STATUSES } from '../../../../shared/run-rules'
import type { CreateRunInput, ScreenshotPolicy, TracePolicy } from '../../../../shared/model/execution'
import type { RunDefaults } from '../../../../shared/model/settings'
import { suiteSubtree, type TreeModel } from '../../tree/tree-model'

export type RunSource = 'pick' | 'tree' | 'failed'

export interface RunChoice {
  name: string
  source: RunSource
  suite_ids: string[]
  tags: string[]
  test_ids: string[]
  /** With source 'failed': the run whose failed tests run again. */
  failed_run_id: string | null
  browser_config_id: string | null
  environment_id: string | null
  workers: number
  retries: number
  screenshots: ScreenshotPolicy
  trace: TracePolicy
  fail_fast: boolean
  headless: boolean
  /** Seconds; null for the test's own. */
  test_timeout_s: number | null
  /** Minutes; null for none. */
  run_timeout_min: number | null
}

export const LAST_CHOICE_KEY = 'testdesk.runBuilder.last'

export function defaultChoice(defaults: RunDefaults | null): RunChoice {
  return {
    name: '',
    source: 'pick',
    suite_ids: [],
    tags: [],
    test_ids: [],
    failed_run_id: null,
    browser_config_id: null,
    environment_id: null,
    workers: defaults?.workers ?? 1,
    retries: defaults?.retries ?? 0,
    screenshots: defaults?.screenshots ?? 'on-failure',
    trace: defaults?.trace ?? 'on-failure',
    fail_fast: false,
    headless: defaults?.headless ?? true,
    test_timeout_s: null,
    run_timeout_min: null,
  }
}

/** The remembered choice, keeping only what still reads; anything else from the defaults. */
export function readChoice(text: string | null, defaults: RunDefaults | null): RunChoice {
  const base = defaultChoice(defaults)
  if (!text) return base
  try {
    const stored = JSON.parse(text) as Partial<RunChoice>
    const out = { ...base }
    for (const key of Object.keys(base) as (keyof RunChoice)[]) {
      const value = stored[key]
      const fallback = base[key]
      const sameKind = Array.isArray(fallback) ? Array.isArray(value) : value === null || typeof value === typeof fallback || fallback === null
      if (value !== undefined && sameKind) (out as Record<string, unknown>)[key] = value
    }
    return out
  } catch {
    return base
  }
}

const selectable = new Set<string>(SELECTED_STATUSES)

/** Test ids the choice runs: named tests first, then suites' active tests, then tagged ones, each once. */
export function chosenTestIds(tree: TreeModel, choice: Pick<RunChoice, 'suite_ids' | 'tags' | 'test_ids'>): string[] {
  const ids: string[] = choice.test_ids.filter((id) => tree.testsById.has(id))
  const active = (id: string) => selectable.has(tree.testsById.get(id)?.status ?? '')
  for (const suiteId of choice.suite_ids) {
    if (!tree.suitesById.has(suiteId)) continue
    for (const sub of suiteSubtree(tree, suiteId)) ids.push(...(tree.testsOf.get(sub) ?? []).filter(active))
  }
  if (choice.tags.length) {
    const tags = new Set(choice.tags)
    for (const test of tree.testsById.values()) if (active(test.id) && test.tags.some((t) => tags.has(t))) ids.push(test.id)
  }
  return [...new Set(ids)]
}

/** Every tag in the project, sorted. */
export function allTags(tree: TreeModel): string[] {
  return [...new Set([...tree.testsById.values()].flatMap((t) => t.tags))].sort((a, b) => a.localeCompare(b))
}

/** The run's configuration fields of the contract, as the choice sets them. */
export function runConfig(choice: RunChoice): Omit<CreateRunInput, 'test_case_ids' | 'select' | 'project_id' | 'suite_path' | 'suite_name' | 'scheduled_at'> {
  return {
    ...(choice.name.trim() ? { run_name: choice.name.trim() } : {}),
    parallel_enabled: choice.workers > 1,
    parallel_count: choice.workers,
    retry_on_failure: choice.retries > 0,
    retry_count: choice.retries,
    options: {
      browser_config_id: choice.browser_config_id,
      environment_id: choice.environment_id,
      headless: choice.headless,
      screenshots: choice.screenshots,
      trace: choice.trace,
      fail_fast: choice.fail_fast,
      test_timeout_ms: choice.test_timeout_s === null ? null : Math.round(choice.test_timeout_s * 1000),
      run_timeout_ms: choice.run_timeout_min === null ? null : Math.round(choice.run_timeout_min * 60_000),
    },
  }
}
