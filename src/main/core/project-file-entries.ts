// How each stored thing is written in a project file: export writes these, and import compares
// them with the file to tell what it really changes.
import type { BrowserConfiguration, DataSet, Environment, TestCase, TestScript, TestStep } from '../../shared/model/definition'
import type { ProjectFile } from '../../shared/model/project-file'

type FileEntry<K extends keyof ProjectFile> = ProjectFile[K] extends (infer T)[] ? T : never
type FileStep = FileEntry<'tests'>['steps'][number]

export function fileTestOf(t: Omit<TestCase, 'suite_ids' | 'step_count'>, steps: readonly TestStep[]): FileEntry<'tests'> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    tags: t.tags,
    priority: t.priority,
    status: t.status,
    start_url: t.start_url,
    step_timeout_ms: t.step_timeout_ms,
    test_timeout_ms: t.test_timeout_ms,
    browser_config_id: t.browser_config_id,
    environment_id: t.environment_id,
    data_set_id: t.data_set_id,
    steps: steps.map(fileStepOf),
  }
}

/** A test's, or a suite's set-up or tear-down, step as a file holds it. */
export function fileStepOf(step: Pick<TestStep, 'id' | 'action' | 'target' | 'value' | 'options' | 'description' | 'disabled'>): FileStep {
  return {
    id: step.id,
    action: step.action,
    target: step.target,
    value: step.value,
    options: step.options,
    description: step.description,
    disabled: step.disabled,
  }
}

/** Secret cells are left out: they never leave this machine. */
export function fileDataSetOf(d: DataSet, rows: readonly { id: string; values: Record<string, string | null>; enabled: boolean }[]): FileEntry<'data_sets'> {
  const secret = new Set(d.columns.filter((c) => c.secret).map((c) => c.name))
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    columns: d.columns,
    rows: rows.map((row) => ({ id: row.id, values: withoutKeys(row.values, secret), enabled: row.enabled })),
  }
}

export function fileScriptOf(s: TestScript): FileEntry<'scripts'> {
  return {
    id: s.id,
    test_id: s.test_case_id,
    name: s.name,
    script_type: s.script_type,
    language: s.language,
    source: s.source,
    is_critical: s.is_critical,
    timeout_ms: s.timeout_ms,
    attached_to_step: s.attached_to_step,
    position: s.position,
  }
}

/** Secret values are null, as the store shows them outside a run. */
export function fileEnvironmentOf(e: Environment): FileEntry<'environments'> {
  return { id: e.id, name: e.name, description: e.description, base_url: e.base_url, variables: e.variables }
}

export function fileBrowserOf(b: BrowserConfiguration): FileEntry<'browser_configurations'> {
  return {
    id: b.id,
    name: b.name,
    browser_name: b.browser_name,
    headless: b.headless,
    viewport_width: b.viewport_width,
    viewport_height: b.viewport_height,
    device_name: b.device_name,
    locale: b.locale,
    timezone_id: b.timezone_id,
    user_agent: b.user_agent,
    color_scheme: b.color_scheme,
  }
}

function withoutKeys(values: Record<string, string | null>, keys: Set<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !keys.has(key))) as Record<string, string>
}
