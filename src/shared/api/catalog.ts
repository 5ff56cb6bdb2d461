// `dataSets`, `scripts`, `environments`, `browsers`: what tests run with.
import {
  CreateBrowserConfigInput,
  CreateDataSetInput,
  CreateEnvironmentInput,
  CreateScriptInput,
  ListBrowserConfigsQuery,
  ListDataSetsQuery,
  ListEnvironmentsQuery,
  ListScriptsQuery,
  UpdateBrowserConfigInput,
  UpdateDataSetInput,
  UpdateEnvironmentInput,
  UpdateScriptInput,
  type BrowserConfiguration,
  type DataSet,
  type DataSetWithRows,
  type Environment,
  type TestScript,
} from '../model/definition'
import { z } from 'zod'
import { ExportDataFileInput, ImportDataFileInput, type ExportedDataFile, type ImportDataFileResult } from '../model/data-file'
import { method, returns, type Namespace } from './contract'
import { crud } from './crud'

export const dataSets = {
  ...crud(CreateDataSetInput, UpdateDataSetInput, ListDataSetsQuery, returns<DataSet>(), returns<DataSetWithRows>()),
  /** A data set from a CSV or XLSX file: header row to columns, types guessed; or only a preview (dry_run). */
  importFile: method(ImportDataFileInput, returns<ImportDataFileResult>()),
  /** A data set as a CSV or XLSX file, secret columns left empty. */
  exportFile: method(ExportDataFileInput, returns<ExportedDataFile>()),
} satisfies Namespace

export const scripts = {
  ...crud(CreateScriptInput, UpdateScriptInput, ListScriptsQuery, returns<TestScript>()),
} satisfies Namespace

/** Secret variable values are never returned: they read as null with is_secret true. */
export const environments = {
  ...crud(CreateEnvironmentInput, UpdateEnvironmentInput, ListEnvironmentsQuery, returns<Environment>()),
} satisfies Namespace

/** Browser configurations: browser, headless, viewport, device, locale, time zone. */
export const browsers = {
  ...crud(CreateBrowserConfigInput, UpdateBrowserConfigInput, ListBrowserConfigsQuery, returns<BrowserConfiguration>()),
  /** Playwright's device descriptors a configuration can name (device_name). */
  devices: method(z.object({}).strict().default({}), returns<DeviceInfo[]>()),
} satisfies Namespace

export interface DeviceInfo {
  name: string
  viewport_width: number
  viewport_height: number
  browser_name: 'chromium' | 'firefox' | 'webkit'
  is_mobile: boolean
}
