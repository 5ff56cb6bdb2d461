// Registers every contract method on Electron's IPC in one loop. The registrar and the sender
// check are parameters, so this loop and its validation run in plain Node tests.
import { ipcChannel } from '../../shared/api/transport'
import type { Envelope } from '../../shared/api/errors'
import type { Dispatcher } from '../core/dispatch'

export interface IpcRegistrar<E> {
  handle(channel: string, listener: (event: E, input: unknown) => Promise<unknown>): void
  removeHandler(channel: string): void
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
