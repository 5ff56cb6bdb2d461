// Registers every contract method on Electron's IPC in one loop, and the page's event
// subscriptions. The registrar and the sender check are parameters, so both run in plain Node
// tests.
import { api, type Api } from '../../shared/api'
import type { Unsubscribe } from '../../shared/api/contract'
import { TestDeskError, type Envelope } from '../../shared/api/errors'
import { parseSubscription } from '../../shared/api/subscription'
import { IPC_EVENT_CHANNEL, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL, ipcChannel } from '../../shared/api/transport'
import type { Dispatcher } from '../core/dispatch'
import type { EventSource } from '../core/events'

export interface IpcRegistrar<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** The page that subscribed, as Electron's WebContents shows it. */
export interface EventReceiver {
  readonly id: number
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  once(event: 'destroyed', listener: () => void): unknown
}

/** Returns a function that removes every handler it registered. */
export function registerIpc<E>(
  registrar: IpcRegistrar<E>,
  dispatcher: Dispatcher,
  isTrustedSender: (event: E) => boolean,
): () => void {
  const channels = dispatcher.methods.map((name) => {
    const channel = ipcChannel(name)
    registrar.handle(channel, async (event, input): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        // Only our own top-level page may call in; anything else (a frame, a navigated page) runs nothing.
        throw new Error(`Refused ${name}: the caller is not TestDesk's window`)
      }
      return dispatcher.call(name, input, { transport: 'ipc' })
    })
    return channel
  })
  return () => channels.forEach((channel) => registrar.removeHandler(channel))
}

/**
 * Lets a trusted page subscribe to events, (id, subscription) → envelope, and end a subscription,
 * (id). Each page gets only what it subscribed to, tagged with the subscription's id; a closed
 * page's subscriptions end with it. Returns a function that ends them all.
 */
export function registerEventSubscriptions<E extends { sender: EventReceiver }>(
  registrar: IpcRegistrar<E>,
  events: EventSource<Api>,
  isTrustedSender: (event: E) => boolean,
): () => void {
  const pages = new Map<number, Map<number, Unsubscribe>>()
  const endPage = (pageId: number) => {
    for (const off of pages.get(pageId)?.values() ?? []) off()
    pages.delete(pageId)
  }

  registrar.handle(IPC_SUBSCRIBE_CHANNEL, async (event, id, raw): Promise<Envelope<null>> => {
    if (!isTrustedSender(event)) throw new Error("Refused a subscription: the caller is not TestDesk's window")
    const page = event.sender
    try {
      if (!Number.isSafeInteger(id) || (id as number) < 0) throw new TestDeskError('validation', 'Invalid subscription: its id must be a whole number')
      let subscriptions = pages.get(page.id)
      if (subscriptions?.has(id as number)) throw new TestDeskError('conflict', `Subscription ${String(id)} is already in use on this page`)
      const subscription = parseSubscription(api, raw)
      if (!subscriptions) {
        subscriptions = new Map()
        pages.set(page.id, subscriptions)
        page.once('destroyed', () => endPage(page.id))
      }
      subscriptions.set(
        id as number,
        events.listen(subscription, ({ name, payload }) => {
          if (!page.isDestroyed()) page.send(IPC_EVENT_CHANNEL, id, name, payload)
        }),
      )
      return { ok: true, value: null }
    } catch (error) {
      if (error instanceof TestDeskError) return { ok: false, error: error.toJSON() }
      throw error
    }
  })
  registrar.handle(IPC_UNSUBSCRIBE_CHANNEL, async (event, id) => {
    if (!isTrustedSender(event)) return
    const subscriptions = pages.get(event.sender.id)
    subscriptions?.get(id as number)?.()
    subscriptions?.delete(id as number)
  })
  return () => {
    registrar.removeHandler(IPC_SUBSCRIBE_CHANNEL)
    registrar.removeHandler(IPC_UNSUBSCRIBE_CHANNEL)
    for (const pageId of [...pages.keys()]) endPage(pageId)
  }
}
