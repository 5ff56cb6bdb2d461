// Environments: a base URL and variables, some secret. Secret values never leave the store
// through the contract (they read as null); only the runner asks for them, through resolve().
import type { z } from 'zod'
import { validationError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { CreateEnvironmentInput, Environment, UpdateEnvironmentInput } from '../../shared/model/definition'
import type { StoreBase } from './base'
import { SimpleRepo, type ProjectListQuery } from './simple-repo'

type EnvironmentRow = Omit<Environment, 'variables'>
type VariableInput = NonNullable<z.infer<typeof CreateEnvironmentInput>['variables']>[number]
interface StoredVariable {
  name: string
  value: string | null
  is_secret: boolean
}

export class EnvironmentsRepo {
  private readonly base: SimpleRepo<EnvironmentRow, { project_id?: string }, { id: string }>

  constructor(private readonly s: StoreBase) {
    this.base = new SimpleRepo(s, 'environments', 'Environment')
  }

  private stored(environmentId: string): StoredVariable[] {
    return (
      this.s.statements
        .get('SELECT name, value, is_secret FROM environment_variables WHERE environment_id = ? ORDER BY position')
        .all(environmentId) as { name: string; value: string | null; is_secret: number }[]
    ).map((v) => ({ name: v.name, value: v.value, is_secret: v.is_secret === 1 }))
  }

  /** As shown anywhere outside the runner: secret values masked as null. */
  get(id: string): Environment {
    return this.withVariables(this.base.get(id))
  }

  /** `env` with its variables attached, secret values masked as null. */
  private withVariables(env: EnvironmentRow): Environment {
    return { ...env, variables: this.stored(env.id).map((v) => ({ ...v, value: v.is_secret ? null : v.value })) }
  }

  /** Names of secret variables with no value stored on this machine. */
  unsetSecrets(id: string): string[] {
    return this.stored(id).filter((v) => v.is_secret && v.value === null).map((v) => v.name)
  }

  /** Real values for a run, and which of them must be masked in results. */
  resolve(id: string): { baseUrl: string | null; variables: Record<string, string>; secrets: string[] } {
    const env = this.base.get(id)
    const variables: Record<string, string> = {}
    const secrets: string[] = []
    for (const v of this.stored(id)) {
      variables[v.name] = v.value ?? ''
      if (v.is_secret && v.value) secrets.push(v.value)
    }
    return { baseUrl: env.base_url, variables, secrets }
  }

  private writeVariables(environmentId: string, variables: readonly VariableInput[], prefix: string): void {
    const names = variables.map((v) => v.name)
    const duplicate = names.find((n, i) => names.indexOf(n) !== i)
    if (duplicate) throw validationError([{ field: `${prefix}variables`, message: `variable '${duplicate}' appears twice` }])
    const previous = new Map(this.stored(environmentId).map((v) => [v.name, v]))
    variables.forEach((v, i) => {
      // A secret sent as null keeps its stored value (or stays unset on a new machine), so
      // editing never needs the secret; plain variables always carry their value.
      if (v.value === null && !v.is_secret) {
        throw validationError([{ field: `${prefix}variables.${i}.value`, message: 'is required (only a secret may be null)' }])
      }
    })
    this.s.statements.get('DELETE FROM environment_variables WHERE environment_id = ?').run(environmentId)
    this.s.t.envVars.insertMany(
      variables.map((v, position) => ({
        environment_id: environmentId,
        name: v.name,
        value: v.value ?? (previous.get(v.name)?.is_secret ? previous.get(v.name)!.value : null),
        is_secret: v.is_secret,
        position,
      })),
    )
  }

  create(input: z.infer<typeof CreateEnvironmentInput>, prefix = ''): Environment {
    return this.s.tx(() => {
      const { variables, ...env } = input
      const created = this.base.create(env, prefix)
      this.writeVariables(created.id, variables ?? [], prefix ? `${prefix}.` : '')
      return this.get(created.id)
    })
  }

  update(input: z.infer<typeof UpdateEnvironmentInput>, prefix = ''): Environment {
    return this.s.tx(() => {
      this.s.checkVersion('environments', input.id, input.if_version, 'Environment', prefix)
      const { variables, if_version: _version, ...patch } = input
      this.base.update(patch, prefix)
      if (variables) this.writeVariables(input.id, variables, prefix ? `${prefix}.` : '')
      return this.get(input.id)
    })
  }

  delete(id: string): { id: string; deleted: true } {
    return this.base.delete(id)
  }

  list(query: ProjectListQuery): Page<Environment> {
    const page = this.base.list(query)
    return { ...page, items: page.items.map((env) => this.withVariables(env)) }
  }

  byName(name: string, projectId?: string): Environment | null {
    const env = this.base.byName(name, projectId)
    return env ? this.get(env.id) : null
  }}
