// The core's event bus: parts of the core publish `namespace.onEvent` payloads; transports
// subscribe once and forward everything to their clients.
import type { Contract, EventName, EventPayload } from '../../shared/api/contract'

export type EventListener = (name: string, payload: unknown) => void

export interface EventSource {
  subscribe(listener: EventListener): () => void
}

export class EventBus<C extends Contract> implements EventSource {
  private readonly listeners = new Set<EventListener>()

  emit<N extends EventName<C>>(name: N, payload: EventPayload<C, N>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload)
      } catch (error) {
        // A broken subscriber (a closed window, a dropped socket) must not stop a run.
        console.error(`[testdesk] event listener failed for ${name}:`, error)
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get size(): number {
    return this.listeners.size
  }
}
