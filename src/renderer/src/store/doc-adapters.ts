// How each kind of edited document is read from and written to the store through the contract:
// a test case with its steps, a data set, an environment, a browser configuration.
import type { ApiClient } from '../client'
import type {
  BrowserConfiguration,
  DataColumn,
  DataSetWithRows,
  Environment,
  TestCaseWithSteps,
} from '../../../shared/model/definition'
import { docProblem, fromTestCase, updateInput, type TestDoc } from '../editor/test-doc'

export type DocKind = 'test' | 'dataSet' | 'environment' | 'browser'

export interface DocAdapter<E, D> {
  kind: DocKind
  /** The tester's word for it, in messages: "Test case", "Data set". */
  label: string
  fetch(client: ApiClient, id: string): Promise<E>
  toDoc(entity: E): D
  /** The store's version (a counter, or the write time where there is none). */
  versionOf(entity: E): number
  save(client: ApiClient, id: string, base: D, doc: D, version: number): Promise<E>
  /** Why the document cannot be saved as it is, or null. */
  problem(doc: D): string | null
}

// ── Test cases ─────────────────────────────────────────────────────────────────────────────

export const testAdapter: DocAdapter<TestCaseWithSteps, TestDoc> = {
  kind: 'test',
  label: 'Test case',
  fetch: (client, id) => client.tests.get({ id }),
  toDoc: fromTestCase,
  versionOf: (test) => test.version,
  save: (client, id, base, doc, version) => client.tests.update(updateInput(id, base, doc, version)),
  problem: docProblem,
}

// ── Data sets ──────────────────────────────────────────────────────────────────────────────

export interface DataRowDraft {
  id: string
  /** null for a secret value kept as stored (never shown). */
  values: Record<string, string | null>
  enabled: boolean
}

export interface DataSetDoc {
  name: string
  description: string | null
  columns: DataColumn[]
  rows: DataRowDraft[]
}

const NAME_PATTERN = /^[A-Za-z_][\w.-]*$/

export function dataSetProblem(doc: DataSetDoc): string | null {
  if (!doc.name.trim()) return 'the data set needs a name'
  if (!doc.columns.length) return 'a data set needs at least one column'
  const seen = new Set<string>()
  for (const [i, column] of doc.columns.entries()) {
    if (!NAME_PATTERN.test(column.name)) return `column ${i + 1}: '${column.name}' is not a valid name (letters, digits, _ . -, starting with a letter or _)`
    if (seen.has(column.name)) return `column '${column.name}' appears twice`
    seen.add(column.name)
  }
  return null
}

export const dataSetAdapter: DocAdapter<DataSetWithRows, DataSetDoc> = {
  kind: 'dataSet',
  label: 'Data set',
  fetch: (client, id) => client.dataSets.get({ id }),
  toDoc: (set) => ({
    name: set.name,
    description: set.description,
    columns: set.columns,
    rows: set.rows.map((row) => ({ id: row.id, values: row.values, enabled: row.enabled })),
  }),
  versionOf: (set) => set.version,
  save(client, id, base, doc, version) {
    const input: Parameters<ApiClient['dataSets']['update']>[0] = { id, if_version: version }
    if (doc.name !== base.name) input.name = doc.name
    if (doc.description !== base.description) input.description = doc.description
    if (doc.columns !== base.columns) input.columns = doc.columns
    // Rows go with the columns: a renamed or removed column changes every row's keys.
    if (doc.rows !== base.rows || doc.columns !== base.columns) {
      const names = new Set(doc.columns.map((c) => c.name))
      input.rows = doc.rows.map((row) => ({
        id: row.id,
        enabled: row.enabled,
        values: Object.fromEntries(Object.entries(row.values).filter(([key]) => names.has(key))),
      }))
    }
    return client.dataSets.update(input)
  },
  problem: dataSetProblem,
}

// ── Environments ───────────────────────────────────────────────────────────────────────────

export interface VariableDraft {
  /** Stable across renames, for the list's keys. */
  key: string
  name: string
  /** null for a secret kept as stored. */
  value: string | null
  is_secret: boolean
}

export interface EnvironmentDoc {
  name: string
  description: string | null
  base_url: string | null
  variables: VariableDraft[]
}

export function environmentProblem(doc: EnvironmentDoc): string | null {
  if (!doc.name.trim()) return 'the environment needs a name'
  const seen = new Set<string>()
  for (const [i, v] of doc.variables.entries()) {
    if (!NAME_PATTERN.test(v.name)) return `variable ${i + 1}: '${v.name}' is not a valid name (letters, digits, _ . -, starting with a letter or _)`
    if (seen.has(v.name)) return `variable '${v.name}' appears twice`
    seen.add(v.name)
    if (v.value === null && !v.is_secret) return `variable '${v.name}' needs a value`
  }
  return null
}

export const environmentAdapter: DocAdapter<Environment, EnvironmentDoc> = {
  kind: 'environment',
  label: 'Environment',
  fetch: (client, id) => client.environments.get({ id }),
  toDoc: (env) => ({
    name: env.name,
    description: env.description,
    base_url: env.base_url,
    variables: env.variables.map((v) => ({ key: crypto.randomUUID(), name: v.name, value: v.value, is_secret: v.is_secret })),
  }),
  versionOf: (env) => env.version,
  save(client, id, base, doc, version) {
    const input: Parameters<ApiClient['environments']['update']>[0] = { id, if_version: version }
    if (doc.name !== base.name) input.name = doc.name
    if (doc.description !== base.description) input.description = doc.description
    if (doc.base_url !== base.base_url) input.base_url = doc.base_url
    if (doc.variables !== base.variables) input.variables = doc.variables.map(({ name, value, is_secret }) => ({ name, value, is_secret }))
    return client.environments.update(input)
  },
  problem: environmentProblem,
}

// ── Browser configurations ─────────────────────────────────────────────────────────────────

export type BrowserDoc = Omit<BrowserConfiguration, 'id' | 'project_id' | 'created_at' | 'updated_at'>

export const browserAdapter: DocAdapter<BrowserConfiguration, BrowserDoc> = {
  kind: 'browser',
  label: 'Browser configuration',
  fetch: (client, id) => client.browsers.get({ id }),
  toDoc: ({ id: _id, project_id: _p, created_at: _c, updated_at: _u, ...doc }) => doc,
  // Browser configurations carry no version counter: their write time tells a change apart.
  versionOf: (config) => Date.parse(config.updated_at),
  save(client, id, base, doc) {
    const input: Record<string, unknown> = { id }
    for (const key of Object.keys(doc) as (keyof BrowserDoc)[]) if (doc[key] !== base[key]) input[key] = doc[key]
    return client.browsers.update(input as Parameters<ApiClient['browsers']['update']>[0])
  },
  problem: (doc) => (doc.name.trim() ? null : 'the configuration needs a name'),
}

export const ADAPTERS: { [K in DocKind]: DocAdapter<any, any> } = {
  test: testAdapter,
  dataSet: dataSetAdapter,
  environment: environmentAdapter,
  browser: browserAdapter,
}
