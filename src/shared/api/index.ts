// The contract: every namespace TestDesk's UI, CLI and host speak. Add a namespace here and the
// core must implement it (compile error otherwise); every transport picks it up by itself.
import { artifacts } from './artifacts'
import { browsers, dataSets, environments, scripts } from './catalog'
import { demo } from './demo'
import { healings } from './healings'
import { interop } from './interop'
import { projectFiles } from './project-files'
import { projects } from './projects'
import { recorder } from './recorder'
import { reports } from './reports'
import { bundles, checkpoints, history, logs, results, scriptResults, stepResults } from './results'
import { runPresets } from './run-presets'
import { runItems, runs } from './runs'
import { schedules } from './schedules'
import { settings } from './settings'
import { steps } from './steps'
import { suites } from './suites'
import { system } from './system'
import { tests } from './tests'

export const api = {
  system,
  settings,
  projects,
  projectFiles,
  interop,
  suites,
  tests,
  steps,
  dataSets,
  scripts,
  environments,
  browsers,
  runs,
  runItems,
  runPresets,
  results,
  stepResults,
  checkpoints,
  scriptResults,
  logs,
  history,
  schedules,
  bundles,
  healings,
  reports,
  artifacts,
  recorder,
  demo,
}

export type Api = typeof api
export * from './contract'
export * from './errors'
export type * from './system'
