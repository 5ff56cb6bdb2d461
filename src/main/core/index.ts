// The core: implements the whole contract over the store, runner, scheduler, reports and sync.
// Transports (IPC, HTTP host, CLI) only ever see `core.dispatcher` and `core.events`.
import { api, type Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import { Store } from '../store'
import { openDatabase, type Db } from '../store/db'
import { definitionNamespaces } from './definitions'
import { demoNamespace } from './demo'
import { artifactsNamespace } from './artifacts'
import { executionNamespaces, manualRunControl, type RunControl } from './execution'
import type { CoreContext } from './context'
import { createDispatcher, type Dispatcher } from './dispatch'
import { watchChanges } from './changes'
import { EventBus } from './events'
import { databasePath as dbPathIn } from './paths'
import { interopNamespace } from './interop'
import { projectFilesNamespace } from './project-files'
import { reportsNamespace } from './reports'
import { schedulesNamespace } from './schedules'
import { systemNamespace } from './system'
import { validateStep } from '../../shared/steps'
import { Orchestrator } from '../runner/orchestrator'
import type { RunReporter } from '../runner/reporter'
import type { BrowsersAhead } from '../runner/browsers-ahead'
import { storeResults } from '../runner/store-results'
import { publishRunEvents } from './run-events'
import { Recorder } from '../recorder'
import { recorderNamespace } from './recorder'
import { SchedulerService, type SchedulerServiceOptions } from '../scheduler'

export interface CoreOptions {
  dataDir: string
  /** `:memory:` for tests; defaults to testdesk.db in the data directory. */
  databasePath?: string
  nativeBinding?: string
  /** Name of the local user (defaults to the OS user). */
  userName?: string
  /**
   * `browser` (default): runs.start executes tests with Playwright. `manual`: runs.start only
   * marks the run running and results come from elsewhere (reference/003's manual workflow).
   */
  execution?: 'browser' | 'manual'
  /** The scheduler's clock, notification and loop settings (tests inject a clock and short timings). */
  scheduler?: Pick<SchedulerServiceOptions, 'clock' | 'notify' | 'timings'>
  /**
   * Browsers the opener starts before their run exists (the CLI does, so a broken browser is
   * found before a run is created); a run's first worker takes a matching one. Closed with the core.
   */
  browsersAhead?: BrowsersAhead
}

export interface Core {
  readonly api: Implementation<Api>
  readonly dispatcher: Dispatcher
  readonly events: EventBus<Api>
  readonly context: CoreContext
  /** The orchestrator executing runs (null with `execution: 'manual'`). */
  readonly runner: Orchestrator | null
  /**
   * Adds a run reporter after the results store and the events (the CLI's progress line);
   * returns what removes it. Runs executed manually tell no reporters.
   */
  addRunReporter(reporter: RunReporter): () => void
  /** Recording sessions; tests reach the recording browser through it. */
  readonly recorder: Recorder
  /** Plans schedules for the contract; `start` makes this process run them (app, serve, `testdesk scheduler`). */
  readonly scheduler: SchedulerService
  close(): Promise<void>
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const databasePath = options.databasePath ?? dbPathIn(options.dataDir)
  const db: Db = openDatabase(databasePath, { nativeBinding: options.nativeBinding })
  const events = new EventBus<Api>(api)
  const store = new Store(db, { dataDir: options.dataDir, userName: options.userName, validateStep })
  const context: CoreContext = { dataDir: options.dataDir, databasePath, db, events, store }
  const runner = options.execution === 'manual' ? null : new Orchestrator({ store, reporters: [storeResults(store), publishRunEvents(events)], browsersAhead: options.browsersAhead })
  runner?.recover()
  const control: RunControl = runner ?? manualRunControl(store)
  const recorder = new Recorder({
    store,
    events: {
      step: (event) => events.emit('recorder.onStep', event),
      state: (session) => events.emit('recorder.onState', session),
      pick: (picked) => events.emit('recorder.onPick', picked),
    },
  })
  let dispatcher: Dispatcher | null = null
  const scheduler = new SchedulerService({
    store,
    events,
    databasePath,
    dispatcher: () => dispatcher!,
    recoverRuns: () => runner?.recover(),
    ...options.scheduler,
  })
  const implementation: Implementation<Api> = {
    system: systemNamespace(context),
    ...definitionNamespaces(store),
    projectFiles: projectFilesNamespace(store, validateStep),
    interop: interopNamespace(store, validateStep),
    ...executionNamespaces(store, control),
    reports: reportsNamespace(context),
    artifacts: artifactsNamespace(store),
    recorder: recorderNamespace(recorder),
    schedules: schedulesNamespace(store, scheduler),
    demo: demoNamespace(store),
  }
  dispatcher = createDispatcher(api, implementation)
  const stopWatching = watchChanges(store, events)
  let closed = false
  return {
    api: implementation,
    dispatcher,
    events,
    context,
    runner,
    addRunReporter: (reporter) => runner?.reporters.add(reporter) ?? (() => undefined),
    recorder,
    scheduler,
    async close() {
      if (closed) return
      closed = true
      stopWatching()
      // The schedules are released first (another process may take them over at once); runs
      // cancelled by closing still end their occurrences before the database closes.
      await scheduler.stop()
      await recorder.closeAll()
      await runner?.close()
      // Without a runner (manual execution) no run takes them: close them here.
      await options.browsersAhead?.close()
      await scheduler.close()
      db.close()
    },
  }
}
