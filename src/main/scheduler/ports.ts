// How the scheduler reaches the rest of TestDesk without reaching into it: runs and reports
// through the contract (the core's dispatcher, so every input is checked by the same schemas as
// the UI's calls), events through the core's bus. Both are given by the core that composes it.
import type { Api } from '../../shared/api'
import type { CallContext, EventName, EventPayload, RawInputOf } from '../../shared/api/contract'
import { TestDeskError, type Envelope } from '../../shared/api/errors'
import type { ExportedReport } from '../../shared/api/reports'
import type { TestRun } from '../../shared/model/execution'

/** What the core's dispatcher offers (structurally, so this layer does not import the core). */
export interface ContractDispatcher {
  call(name: string, input: unknown, context: CallContext): Promise<Envelope<unknown>>
}

/** The core's event bus, as the scheduler uses it. */
export interface EventPort {
  emit<N extends EventName<Api>>(name: N, payload: EventPayload<Api, N>): void
  subscribe(listener: (name: string, payload: unknown) => void): () => void
}

export interface RunsPort {
  create(input: RawInputOf<Api['runs']['create']>): Promise<TestRun>
  start(id: string): Promise<TestRun>
  get(id: string): Promise<TestRun>
  exportReport(input: RawInputOf<Api['reports']['export']>): Promise<ExportedReport>
}

export function runsPort(dispatcher: () => ContractDispatcher): RunsPort {
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const envelope = await dispatcher().call(name, input, { transport: 'direct' })
    if (!envelope.ok) throw TestDeskError.from(envelope.error)
    return envelope.value as T
  }
  return {
    create: (input) => call('runs.create', input),
    start: (id) => call('runs.start', { id }),
    get: (id) => call('runs.get', { id }),
    exportReport: (input) => call('reports.export', input),
  }
}
