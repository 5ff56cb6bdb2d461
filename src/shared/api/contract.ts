// The machinery every contract namespace is declared with. A namespace declares each method once
// (a zod schema for its input and the type of its output) and each event once; the core, the IPC
// registration, the preload bridge, the HTTP host and the renderer client are all derived from it.
import type { z } from 'zod'

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'method'
  readonly input: I
  /** Phantom: carries the output type only. */
  readonly output?: O
}

/** What a subscription may narrow an event to: one run, one recording session, one schedule. */
export const FILTER_KEYS = ['run_id', 'session_id', 'schedule_id'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type EventFilter = Partial<Record<FilterKey, string>>

// Method syntax keeps the parameter bivariant, so an EventSpec<RunProgress> is still an EventSpec.
type ReadKey<P> = { read(payload: P): string }['read']

export interface EventOptions<P> {
  /** How each filter a subscriber may give is read from the payload. */
  readonly filters?: Partial<Record<FilterKey, ReadKey<P>>>
  /**
   * Set on events that carry a whole state (run progress): only the latest per key matters, so a
   * slow subscriber gets the newest one instead of every one it could not take yet.
   */
  readonly latestBy?: ReadKey<P>
}

export interface EventSpec<P = unknown> extends EventOptions<P> {
  readonly kind: 'event'
  /** Phantom: carries the payload type only. */
  readonly payload?: P
}

export type Member = MethodSpec | EventSpec
export type Namespace = Record<string, Member>
export type Contract = Record<string, Namespace>

/** Declares a method: `method(InputSchema, returns<Output>())`. */
export function method<I extends z.ZodType, O>(input: I, _output: O): MethodSpec<I, O> {
  return { kind: 'method', input }
}

/** Declares an event; its name must start with `on` (see `isEventName`). */
export function event<P>(options: EventOptions<P> = {}): EventSpec<P> {
  return { kind: 'event', ...options }
}

/** Names the output type of a method without creating a value of it. */
export function returns<T>(): T {
  return undefined as T
}

export function isEventName(member: string): boolean {
  return /^on[A-Z]/.test(member)
}

type MethodKeys<N> = { [K in keyof N]: N[K] extends MethodSpec ? K : never }[keyof N]
type EventKeys<N> = { [K in keyof N]: N[K] extends EventSpec ? K : never }[keyof N]

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never
export type RawInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never
export type PayloadOf<E> = E extends EventSpec<infer P> ? P : never

/** What the side answering calls is given besides the input. */
export interface CallContext {
  /** Which transport the call came through; useful in logs and error messages. */
  readonly transport: 'ipc' | 'http' | 'direct'
}

/** What the core implements: every method of every namespace, with validated input. */
export type Implementation<C extends Contract> = {
  [N in keyof C]: {
    [M in MethodKeys<C[N]>]: (
      input: InputOf<C[N][M]>,
      context: CallContext,
    ) => Promise<OutputOf<C[N][M]>> | OutputOf<C[N][M]>
  }
}

export type Unsubscribe = () => void

/** What a caller sees: methods returning promises, events as subscriptions. */
export type Client<C extends Contract> = {
  [N in keyof C]: {
    [M in MethodKeys<C[N]>]: (input: RawInputOf<C[N][M]>) => Promise<OutputOf<C[N][M]>>
  } & {
    [E in EventKeys<C[N]>]: (listener: (payload: PayloadOf<C[N][E]>) => void, filter?: EventFilter) => Unsubscribe
  }
}

/** `namespace.event` names of a contract and their payloads, for the event bus. */
export type EventName<C extends Contract> = {
  [N in keyof C & string]: { [E in EventKeys<C[N]> & string]: `${N}.${E}` }[EventKeys<C[N]> & string]
}[keyof C & string]

export type EventPayload<C extends Contract, Name extends string> = Name extends `${infer N}.${infer E}`
  ? N extends keyof C
    ? E extends keyof C[N]
      ? PayloadOf<C[N][E]>
      : never
    : never
  : never

export type MethodName<C extends Contract> = {
  [N in keyof C & string]: { [M in MethodKeys<C[N]> & string]: `${N}.${M}` }[MethodKeys<C[N]> & string]
}[keyof C & string]

/** Every `namespace.method` and `namespace.event` name of a contract, in declaration order. */
export function listMembers(contract: Contract): { methods: string[]; events: string[] } {
  const methods: string[] = []
  const events: string[] = []
  for (const [ns, members] of Object.entries(contract)) {
    for (const [name, spec] of Object.entries(members)) {
      ;(spec.kind === 'event' ? events : methods).push(`${ns}.${name}`)
    }
  }
  return { methods, events }
}

/** Checks the naming rule once, so a misdeclared member fails a test instead of a transport. */
export function checkContract(contract: Contract): string[] {
  const problems: string[] = []
  for (const [ns, members] of Object.entries(contract)) {
    for (const [name, spec] of Object.entries(members)) {
      if (spec.kind === 'event' && !isEventName(name)) problems.push(`${ns}.${name}: events are named on…`)
      if (spec.kind === 'method' && isEventName(name)) problems.push(`${ns}.${name}: methods may not be named on…`)
    }
  }
  return problems
}
