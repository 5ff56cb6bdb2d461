// Contract namespaces of the execution side: runs and their items, results and what hangs off
// them, history, bundles and healed selectors. Starting, stopping and cancelling go through RunControl,
// which the runner provides.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { RunControl } from '../runner/run-control'
import type { Store } from '../store'
import type { TableName } from '../store/base'
import { SELECTED_STATUSES } from '../../shared/run-rules'
import { deleteAll, listWithFields } from './crud'

type Impl = Implementation<Api>

export type { RunControl }

export function executionNamespaces(
  store: Store,
  control: RunControl,
): Pick<Impl, 'runs' | 'runItems' | 'results' | 'stepResults' | 'checkpoints' | 'scriptResults' | 'logs' | 'history' | 'bundles' | 'healings' | 'runPresets'> {
  const withFields = <Q extends { fields?: string[] }, T extends object>(table: TableName, list: (query: Q) => Page<T>, ...computed: string[]) =>
    listWithFields(list, [...store.columnsOf(table), ...computed])
  return {
    runs: {
      create: ({ select, ...input }) =>
        store.tx(() => {
          if (!select) return store.runs.create(input)
          const ids = [...(input.test_case_ids ?? []), ...selectTests(store, select, input.project_id)]
          const unique = [...new Set(ids)]
          if (!unique.length) throw TestDeskError.validation('select', 'no tests match these suites and tags')
          return store.runs.create({ ...input, test_case_ids: unique })
        }),
      rerun: ({ id, only }) => store.runs.rerun(id, only),
      preview: ({ test_case_ids }) => {
        const each = [...store.dataSets.iterationsOf([...new Set(test_case_ids)]).values()]
        return { tests: each.length, data_driven_tests: each.filter((t) => t.dataDriven).length, iterations: each.reduce((sum, t) => sum + t.iterations, 0) }
      },
      get: ({ id }) => store.runs.get(id),
      update: (input) => store.runs.update(input),
      delete: ({ id }) => store.runs.delete(id),
      bulkDelete: ({ ids }) =>
        deleteAll(store, ids, (id, field) => store.assertExists('runs', id, field, 'test run'), (id) => store.runs.delete(id)),
      list: withFields('runs', (query) => store.runs.list(query)),
      summary: ({ id }) => store.runs.summary(id),
      transitions: ({ id }) => {
        store.runs.get(id)
        return store.runs.runTransitions(id)
      },
      start: ({ id, ...environment }) => control.start(id, environment),
      stop: ({ id }) => control.stop(id),
      cancel: ({ id }) => control.cancel(id),
    },
    runItems: {
      add: ({ test_run_id, test_case_ids }) => {
        const items = store.runs.addItems(test_run_id, test_case_ids)
        return { items, total_added: items.length }
      },
      list: withFields('items', (query) => store.runs.listItems(query), 'test_case_name'),
      get: ({ id }) => store.runs.getItem(id),
      update: ({ id, execution_order }) => (execution_order === undefined ? store.runs.getItem(id) : store.runs.moveItem(id, execution_order)),
      delete: ({ id }) => store.runs.removeItem(id),
      reorder: ({ test_run_id, item_ids }) => store.runs.reorderItems(test_run_id, item_ids),
    },
    results: {
      submit: ({ completes_item, ...input }) => store.results.submit(input, { completesItem: completes_item }),
      get: ({ id }) => store.results.get(id),
      list: withFields('results', (query) => store.results.list(query)),
    },
    stepResults: {
      add: ({ test_run_result_id, steps }) => store.results.addSteps(test_run_result_id, steps),
      list: ({ test_run_result_id, status }) => store.results.steps(test_run_result_id, status),
      get: ({ test_run_result_id, step_number }) => store.results.step(test_run_result_id, step_number),
    },
    checkpoints: {
      add: ({ test_run_result_id, checkpoints }) => store.results.addCheckpoints(test_run_result_id, checkpoints),
      list: ({ test_run_result_id, status }) => store.results.checkpoints(test_run_result_id, status),
      acceptBaseline: ({ id }) => store.tx(() => store.baselines.acceptFrom(id)),
      baselines: ({ test_case_id }) => {
        store.tests.get(test_case_id)
        return store.baselines.list(test_case_id)
      },
    },
    scriptResults: {
      add: ({ test_run_result_id, script }) => store.results.addScriptResult(test_run_result_id, script),
      list: ({ test_run_result_id }) => store.results.scriptResults(test_run_result_id),
    },
    logs: {
      addConsole: ({ test_run_result_id, logs }) => ({ added: store.results.addConsoleLogs(test_run_result_id, logs) }),
      addNetwork: ({ test_run_result_id, logs }) => ({ added: store.results.addNetworkLogs(test_run_result_id, logs) }),
      console: withFields('consoleLogs', (query) => store.results.consoleLogs(query)),
      network: withFields('networkLogs', (query) => store.results.networkLogs(query)),
    },
    history: {
      forTestCase: ({ test_case_id, limit, offset }) => store.history.forTestCase(test_case_id, limit, offset),
      suiteTrend: ({ suite_id, suite_path, project_id, limit }) => {
        const suite = suite_id ? store.suites.get(suite_id) : store.suites.mustByPath(suite_path!, project_id)
        return store.history.forSuite(suite, store.suites.idsUnder(suite.path, suite.project_id), limit)
      },
    },
    bundles: {
      list: (query) => store.results.bundles(query),
      get: ({ id }) => store.results.bundle(id),
    },
    runPresets: {
      list: ({ project_id }) => store.runPresets.list(project_id),
      save: ({ project_id, name, config }) => store.runPresets.save(project_id, name, config),
      delete: ({ id }) => store.runPresets.delete(id),
    },
    healings: {
      list: (query) => store.healings.list(query),
      get: ({ id }) => store.healings.get(id),
      accept: ({ id }) => store.healings.accept(id),
      dismiss: ({ id }) => store.healings.dismiss(id),
      undo: ({ id }) => store.healings.undo(id),
    },
  }
}

/** Test case ids of suites (descendants included, suite order) then of tags: active ones only (see run-rules). */
function selectTests(store: Store, select: { suite_ids?: string[]; suite_paths?: string[][]; tags?: string[] }, projectId?: string): string[] {
  const ids: string[] = []
  select.suite_ids?.forEach((suiteId, i) => {
    store.assertExists('suites', suiteId, `select.suite_ids.${i}`, 'suite')
    ids.push(...store.suites.testIds(suiteId))
  })
  select.suite_paths?.forEach((path, i) => {
    const suite = store.suites.byPath(path, projectId)
    if (!suite) throw TestDeskError.validation(`select.suite_paths.${i}`, `no suite ${path.join(' / ')}`)
    ids.push(...store.suites.testIds(suite.id))
  })
  if (select.tags?.length) ids.push(...store.tests.idsByTags(select.tags, projectId))
  const selectable = new Set(store.tests.idsWithStatus(SELECTED_STATUSES, projectId))
  return ids.filter((id) => selectable.has(id))
}

/**
 * Run control without a browser: start marks the run running so results can be submitted by
 * another client (reference/003's manual workflow); stop and cancel close it.
 */
export function manualRunControl(store: Store): RunControl {
  return {
    start(runId, environment) {
      const run = store.runs.get(runId)
      if (run.status !== 'pending' && run.status !== 'queued') {
        throw TestDeskError.invalidState(`Cannot start test run: status is '${run.status}'`)
      }
      if (run.total_tests === 0) throw TestDeskError.invalidState('Cannot start test run: it has no tests')
      return store.runs.transitionRun(runId, 'running', 'started', environment)
    },
    stop(runId) {
      return store.tx(() => {
        const run = store.runs.get(runId)
        if (run.status !== 'running') throw TestDeskError.invalidState(`Cannot stop test run: status is '${run.status}'`)
        store.runs.finishUnfinishedItems(runId, 'no_run', 'stopped')
        const after = store.runs.get(runId)
        return after.status === 'running' ? store.runs.transitionRun(runId, 'completed', 'stopped') : after
      })
    },
    cancel(runId) {
      return store.tx(() => {
        const run = store.runs.get(runId)
        if (!['pending', 'queued', 'running'].includes(run.status)) throw TestDeskError.invalidState(`Cannot cancel test run: status is '${run.status}'`)
        // Cancel first so the rollup of the no_run items cannot complete the run instead.
        store.runs.transitionRun(runId, 'cancelled', 'cancelled')
        store.runs.finishUnfinishedItems(runId, 'no_run', 'cancelled')
        return store.runs.get(runId)
      })
    },
  }
}
