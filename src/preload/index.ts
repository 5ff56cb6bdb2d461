// Exposes the contract as `window.testdesk`, built in a loop over the contract: one invoke per
// method, and one `subscribe` for events. No Node or Electron object reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { api } from '../shared/api'
import { listMembers } from '../shared/api/contract'
import type { Envelope } from '../shared/api/errors'
import { IPC_EVENT_CHANNEL, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL, ipcChannel } from '../shared/api/transport'

type Listener = (name: string, payload: unknown) => void
const listeners = new Map<number, Listener>()
let nextId = 1

// Main tags each event with the subscription it is for; it sends nothing else to this page.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, id: number, name: string, payload: unknown) => {
  listeners.get(id)?.(name, payload)
})

const bridge: Record<string, unknown> = {}
for (const name of listMembers(api).methods) {
  const [ns, member] = name.split('.')
  const namespace = (bridge[ns] ??= {}) as Record<string, unknown>
  namespace[member] = (input?: unknown) => ipcRenderer.invoke(ipcChannel(name), input ?? {})
}
bridge.subscribe = (subscription: unknown, listener: Listener, onRefused?: (message: string) => void) => {
  const id = nextId++
  listeners.set(id, listener)
  void (ipcRenderer.invoke(IPC_SUBSCRIBE_CHANNEL, id, subscription) as Promise<Envelope<null>>).then(
    (answer) => {
      if (answer.ok) return
      listeners.delete(id)
      onRefused?.(answer.error.message)
    },
    (error: unknown) => onRefused?.(String(error)),
  )
  return () => {
    if (!listeners.delete(id)) return
    void ipcRenderer.invoke(IPC_UNSUBSCRIBE_CHANNEL, id)
  }
}

contextBridge.exposeInMainWorld('testdesk', bridge)
