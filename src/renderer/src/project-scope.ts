// The project this window works in. The contract works in the default project when a call names
// none; this wraps the client so every call whose input takes a `project_id` names the window's
// project, read from the contract's schemas (declared once), not from a hand-kept list. The
// choice is remembered per browser profile; null follows the default project.
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

export function scopedToProject(client: ApiClient, projectId: () => string | null): ApiClient {
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
            return (input?: Record<string, unknown>) => {
              const id = projectId()
              const given = input ?? {}
              return (fn as (i: unknown) => unknown)(id && given.project_id === undefined ? { ...given, project_id: id } : given)
            }
          },
        })
        namespaces.set(ns, wrapped)
      }
      return wrapped
    },
  })
}
