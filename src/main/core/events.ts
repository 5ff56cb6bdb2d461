// The core's event bus: parts of the core publish `namespace.onEvent` payloads; subscribers name
// the events they want and, optionally, the run, recording session or schedule they follow.
import type { Contract, EventName, EventPayload, Unsubscribe } from '../../shared/api/contract'
import { parseSubscription, subscriptionMatcher, type EventOf, type Subscription } from '../../shared/api/subscription'

/** Every event, untyped: for code that forwards or records all of them. */
export type EventListener = (name: string, payload: unknown) => void

export interface EventSource<C extends Contract = Contract> {
  subscribe(listener: EventListener): Unsubscribe
  /**
   * Only the events a subscription names, narrowed by its filter, typed. The subscription is
   * checked against the contract first (transports hand on what a page sent): a validation error
   * names what was wrong.
   */
  listen<N extends EventName<C>>(subscription: Subscription<C, N>, listener: (event: EventOf<C, N>) => void): Unsubscribe
}

export class EventBus<C extends Contract> implements EventSource<C> {
  private readonly listeners = new Set<EventListener>()

  constructor(private readonly contract: C) {}

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

  subscribe(listener: EventListener): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  listen<N extends EventName<C>>(subscription: Subscription<C, N>, listener: (event: EventOf<C, N>) => void): Unsubscribe {
    const matches = subscriptionMatcher(this.contract, parseSubscription(this.contract, subscription))
    return this.subscribe((name, payload) => {
      if (matches(name, payload)) listener({ name, payload } as EventOf<C, N>)
    })
  }

  get size(): number {
    return this.listeners.size
  }
}
