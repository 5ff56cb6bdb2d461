// The store: one SQLite database and a repository per table group. Nothing outside this folder
// writes SQL; the core reaches the data only through these repositories.
import type { Db } from './db'
import { ArtifactsRepo } from './artifacts'
import { BaselinesRepo } from './baselines'
import { StoreBase } from './base'
import { DataSetsRepo } from './data-sets'
import { EnvironmentsRepo } from './environments'
import { HealingsRepo } from './healings'
import { HistoryRepo } from './history'
import { ResultsRepo } from './results'
import { RunsRepo } from './runs'
import { LeasesRepo } from './leases'
import { OutboxRepo } from './outbox'
import { SchedulerSettingsRepo } from './scheduler-settings'
import { SchedulesRepo } from './schedules'
import { SimpleRepo } from './simple-repo'
import { SuiteStepsRepo } from './suite-steps'
import { SuitesRepo } from './suites'
import { TestsRepo, type StepValidator } from './tests'
import type { BrowserConfiguration, TestScript } from '../../shared/model/definition'
import { ProjectsRepo } from './projects'
import { ReportsRepo } from './reports'
import { RunPresetsRepo } from './run-presets'
import { RevisionsRepo } from './revisions'
import { SettingsRepo } from './settings'

export interface StoreOptions {
  dataDir: string
  /** Name of the local user row (defaults to the OS user). */
  userName?: string
  validateStep?: StepValidator
}

export class Store extends StoreBase {
  readonly suites: SuitesRepo
  /** Set-up and tear-down steps of suites. */
  readonly suiteSteps: SuiteStepsRepo
  readonly tests: TestsRepo
  readonly dataSets: DataSetsRepo
  readonly scripts: SimpleRepo<TestScript, { project_id?: string; test_case_id?: string | null }, { id: string; test_case_id?: string | null }>
  readonly browserConfigs: SimpleRepo<BrowserConfiguration, { project_id?: string }, { id: string }>
  readonly environments: EnvironmentsRepo
  readonly projects: ProjectsRepo
  readonly runs: RunsRepo
  readonly results: ResultsRepo
  readonly schedules: SchedulesRepo
  readonly schedulerSettings: SchedulerSettingsRepo
  readonly leases: LeasesRepo
  readonly history: HistoryRepo
  readonly artifacts: ArtifactsRepo
  readonly baselines: BaselinesRepo
  readonly reports: ReportsRepo
  readonly settings: SettingsRepo
  readonly revisions: RevisionsRepo
  readonly healings: HealingsRepo
  readonly runPresets: RunPresetsRepo
  readonly outbox: OutboxRepo

  constructor(db: Db, options: StoreOptions) {
    super(db, options.userName)
    this.suites = new SuitesRepo(this)
    this.suiteSteps = new SuiteStepsRepo(this, options.validateStep)
    this.runs = new RunsRepo(this)
    this.tests = new TestsRepo(this, this.suites, this.runs, options.validateStep)
    this.dataSets = new DataSetsRepo(this)
    this.scripts = new SimpleRepo(this, 'scripts', 'Script', (input, projectId, prefix) => {
      if (input.test_case_id) this.assertInProject('testCases', input.test_case_id, projectId, prefix ? `${prefix}.test_case_id` : 'test_case_id', 'test case')
    })
    this.browserConfigs = new SimpleRepo(this, 'browserConfigs', 'Browser configuration')
    this.environments = new EnvironmentsRepo(this)
    this.projects = new ProjectsRepo(this)
    this.results = new ResultsRepo(this, this.runs)
    this.schedules = new SchedulesRepo(this)
    this.schedulerSettings = new SchedulerSettingsRepo(this)
    this.leases = new LeasesRepo(this)
    this.history = new HistoryRepo(this)
    this.artifacts = new ArtifactsRepo(this, options.dataDir)
    this.baselines = new BaselinesRepo(this, this.artifacts)
    this.reports = new ReportsRepo(this)
    this.settings = new SettingsRepo(this)
    this.revisions = new RevisionsRepo(this)
    this.healings = new HealingsRepo(this, this.tests)
    this.runPresets = new RunPresetsRepo(this)
    this.outbox = new OutboxRepo(this)
  }
}

export { openDatabase, type Db } from './db'
