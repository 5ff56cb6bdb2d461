// Event subscriptions: a subscriber names the events it wants and, optionally, the one run,
// recording session or schedule it follows. Every transport (the in-process bus, IPC, the host's
// WebSocket) checks and matches subscriptions with these functions, so a screen gets only its own.
import { z } from 'zod'
import { FILTER_KEYS, type Contract, type EventFilter, type EventName, type EventPayload, type EventSpec } from './contract'
import { issuesFromZod, validationError } from './errors'

export interface Subscription<C extends Contract, N extends EventName<C> = EventName<C>> {
  events: readonly N[]
  filter?: EventFilter
}

/** One event as a subscriber receives it: its name and its typed payload, a union over `N`. */
export type EventOf<C extends Contract, N extends EventName<C> = EventName<C>> = N extends EventName<C>
  ? { name: N; payload: EventPayload<C, N> }
  : never

/** The untrusted shape, as it arrives over IPC or a socket. */
export const SubscriptionInput = z
  .object({
    events: z.array(z.string().min(1)).min(1, 'name at least one event').max(64),
    filter: z.strictObject(Object.fromEntries(FILTER_KEYS.map((key) => [key, z.string().min(1).max(200).optional()]))).optional(),
  })
  .strict()

function specOf(contract: Contract, name: string): EventSpec | null {
  const [ns, member] = name.split('.')
  const spec = contract[ns]?.[member]
  return spec?.kind === 'event' ? spec : null
}

/**
 * Checks a subscription against the contract: every event exists and can be narrowed by every
 * filter given. Throws a validation error naming the offending field.
 */
export function parseSubscription<C extends Contract>(contract: C, raw: unknown): Subscription<C> {
  const parsed = SubscriptionInput.safeParse(raw)
  if (!parsed.success) throw validationError(issuesFromZod(parsed.error.issues), 'Invalid subscription')
  const filter = Object.fromEntries(Object.entries(parsed.data.filter ?? {}).filter(([, value]) => value !== undefined)) as EventFilter
  const issues = parsed.data.events.flatMap((name, index) => {
    const spec = specOf(contract, name)
    if (!spec) return [{ field: `events.${index}`, message: `unknown event ${name}` }]
    return Object.keys(filter)
      .filter((key) => !spec.filters?.[key as keyof EventFilter])
      .map((key) => ({ field: `filter.${key}`, message: `${name} cannot be filtered by ${key}` }))
  })
  if (issues.length) throw validationError(issues, 'Invalid subscription')
  const events = [...new Set(parsed.data.events)] as EventName<C>[]
  return Object.keys(filter).length ? { events, filter } : { events }
}

/** Whether an emitted event is one a (parsed) subscription asked for. */
export function subscriptionMatcher<C extends Contract>(contract: C, subscription: Subscription<C>): (name: string, payload: unknown) => boolean {
  const names = new Set<string>(subscription.events)
  const filters = Object.entries(subscription.filter ?? {}) as [keyof EventFilter, string][]
  return (name, payload) => {
    if (!names.has(name)) return false
    if (!filters.length) return true
    const spec = specOf(contract, name)
    return filters.every(([key, value]) => spec?.filters?.[key]?.(payload) === value)
  }
}

/** For an event that carries a whole state, the key under which a newer one replaces it; else null. */
export function latestKey(contract: Contract, name: string, payload: unknown): string | null {
  const latestBy = specOf(contract, name)?.latestBy
  return latestBy ? `${name}:${latestBy(payload)}` : null
}
