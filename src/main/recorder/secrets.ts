// Values typed into password fields become secret variables of the environment the test runs
// with, and the fill step says `${name}`: the value is never in a step, an event or a log.
import { elementName } from '../../shared/selectors'
import type { Store } from '../store'

function variableName(selector: string): string {
  const words = elementName(selector)
    .replace(/^(field|search field|number field)\s+/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
  if (!words || /^\d/.test(words)) return 'password'
  return words
}

export class SecretFields {
  private readonly byField = new Map<string, string>()
  private environmentId: string | null

  constructor(
    private readonly store: Store,
    private readonly testCaseId: string,
    environmentId: string | null,
  ) {
    this.environmentId = environmentId ?? store.tests.get(testCaseId).environment_id
  }

  /** The environment secrets go into: the session's, the test's, or a new one linked to the test. */
  private environment(): string {
    if (this.environmentId) return this.environmentId
    const test = this.store.tests.get(this.testCaseId)
    let name = `${test.name} secrets`
    for (let n = 2; this.store.environments.byName(name, test.project_id); n++) name = `${test.name} secrets ${n}`
    this.store.tx(() => {
      const created = this.store.environments.create({ project_id: test.project_id, name, description: 'Secret values typed while recording' })
      this.store.tests.update({ id: test.id, environment_id: created.id })
      this.environmentId = created.id
    })
    return this.environmentId!
  }

  /** Variable name a password field's value is kept in (stored now), for the step's `${name}`. */
  keep(field: string, value: string): string {
    const environmentId = this.environment()
    const environment = this.store.environments.get(environmentId)
    let name = this.byField.get(field)
    if (!name) {
      const base = variableName(field)
      const taken = new Set(environment.variables.map((v) => v.name))
      name = base
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
      this.byField.set(field, name)
    }
    const variables = environment.variables.filter((v) => v.name !== name).map((v) => ({ ...v }))
    variables.push({ name, value, is_secret: true })
    this.store.environments.update({ id: environmentId, variables })
    return name
  }

  /** The variable a field's value went into, if it was a password field of this session. */
  variableOf(field: string): string | null {
    return this.byField.get(field) ?? null
  }

  get environmentIdInUse(): string | null {
    return this.environmentId
  }
}
