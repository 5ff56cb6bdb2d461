// The project this window works in. The contract works in the default project when a call names
// none (and lists runs and schedules of every project); this wraps the client so every call whose
// input takes a `project_id` names the window's project, read from the contract's schemas
// (declared once), not from a hand-kept list. The choice is remembered per browser profile; a
// window that never chose works in the project that was the default when it opened.
import { api } from '../../shared/api'
import type { ApiClient } from './client'

export const PROJECT_KEY = 'testdesk.project'

interface Storage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export function chosenProject(storage: Pick<Storage, 'getItem'>): string | null {
  return storage.getItem(PROJECT_KEY)
}

export function chooseProject(storage: Storage, id: string | null): void {
  if (id) storage.setItem(PROJECT_KEY, id)
  else storage.removeItem(PROJECT_KEY)
}

// zod's schema definitions, read structurally (the renderer takes schemas from shared, not zod itself).
type Def = { type: string; innerType?: unknown; in?: unknown; shape?: Record<string, unknown> }
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def

/** Whether an input schema has a top-level `project_id` (through defaults, optionals and pipes). */
export function takesProjectId(schema: unknown): boolean {
  for (let current: unknown = schema, depth = 0; current && depth < 10; depth++) {
    const def = defOf(current)
    if (def.type === 'object') return !!def.shape && 'project_id' in def.shape
    current = def.innerType ?? def.in
  }
  return false
}

const SCOPED = new Set(
  Object.entries(api).flatMap(([ns, members]) =>
    Object.entries(members as Record<string, { kind: string; input?: unknown }>)
      .filter(([, spec]) => spec.kind === 'method' && spec.input && takesProjectId(spec.input))
      .map(([name]) => `${ns}.${name}`),
  ),
)

/** Methods whose calls the window scopes to its project. */
export function scopedMethods(): ReadonlySet<string> {
  return SCOPED
}

/** The window's project: the one chosen, else the default project, asked once (again after a failure). */
export function windowProject(client: ApiClient, storage: Pick<Storage, 'getItem'>): () => Promise<string> | string {
  let fallback: Promise<string> | null = null
  return () => {
    const chosen = chosenProject(storage)
    if (chosen) return chosen
    fallback ??= client.projects.getDefault({}).then(
      (project) => project.id,
      (error: unknown) => {
        fallback = null
        throw error
      },
    )
    return fallback
  }
}

export function scopedToProject(client: ApiClient, projectId: () => Promise<string | null> | string | null): ApiClient {
  const namespaces = new Map<string, object>()
  return new Proxy(client, {
    get(target, ns) {
      const inner = (target as unknown as Record<string | symbol, Record<string, unknown>>)[ns]
      if (typeof ns !== 'string' || !inner) return inner
      let wrapped = namespaces.get(ns)
      if (!wrapped) {
        wrapped = new Proxy(inner, {
          get(members, member) {
            const fn = members[member as string]
            const name = `${ns}.${String(member)}`
            if (typeof fn !== 'function' || !SCOPED.has(name)) return fn
            return async (input?: Record<string, unknown>) => {
              const given = input ?? {}
              if (given.project_id !== undefined) return (fn as (i: unknown) => unknown)(given)
              const id = await projectId()
              return (fn as (i: unknown) => unknown)(id ? { ...given, project_id: id } : given)
            }
          },
        })
        namespaces.set(ns, wrapped)
      }
      return wrapped
    },
  })
}
