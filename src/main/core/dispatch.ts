// Turns a `namespace.method` name and untrusted input into a validated call of the core, with the
// result or error as an envelope. Every transport (IPC, HTTP, the CLI) goes through here.
import type { CallContext, Contract, Implementation } from '../../shared/api/contract'
import { isEventName } from '../../shared/api/contract'
import { type Envelope, TestDeskError, issuesFromZod, validationError } from '../../shared/api/errors'

export interface Dispatcher {
  readonly methods: readonly string[]
  has(name: string): boolean
  call(name: string, input: unknown, context: CallContext): Promise<Envelope<unknown>>
}

type AnyHandler = (input: unknown, context: CallContext) => unknown

export function createDispatcher<C extends Contract>(
  contract: C,
  implementation: Implementation<C>,
  reportInternal: (name: string, error: unknown) => void = defaultReport,
): Dispatcher {
  const table = new Map<string, { parse: (input: unknown) => unknown; handler: AnyHandler }>()
  for (const [ns, members] of Object.entries(contract)) {
    const impl = (implementation as Record<string, Record<string, AnyHandler>>)[ns]
    for (const [member, spec] of Object.entries(members)) {
      if (spec.kind !== 'method' || isEventName(member)) continue
      const handler = impl?.[member]
      if (typeof handler !== 'function') throw new Error(`The core does not implement ${ns}.${member}`)
      const schema = spec.input
      table.set(`${ns}.${member}`, {
        parse: (input) => {
          const parsed = schema.safeParse(input)
          if (!parsed.success) throw validationError(issuesFromZod(parsed.error.issues), `Invalid input to ${ns}.${member}`)
          return parsed.data
        },
        handler: handler.bind(impl),
      })
    }
  }

  return {
    methods: [...table.keys()],
    has: (name) => table.has(name),
    async call(name, input, context) {
      const entry = table.get(name)
      if (!entry) return { ok: false, error: { kind: 'not_found', message: `Unknown method: ${name}` } }
      try {
        const value = await entry.handler(entry.parse(input ?? {}), context)
        return { ok: true, value: value === undefined ? null : value }
      } catch (error) {
        if (error instanceof TestDeskError) return { ok: false, error: error.toJSON() }
        reportInternal(name, error)
        const message = error instanceof Error ? error.message : String(error)
        return { ok: false, error: { kind: 'internal', message: `${name} failed: ${message}` } }
      }
    },
  }
}

function defaultReport(name: string, error: unknown): void {
  console.error(`[testdesk] ${name} failed:`, error)
}
