// Exposes the contract as `window.testdesk`, built in a loop over the contract: one invoke per
// method, one subscription per event. No Node or Electron object reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { api } from '../shared/api'
import { listMembers } from '../shared/api/contract'
import { IPC_EVENT_CHANNEL, ipcChannel } from '../shared/api/transport'

type Listener = (payload: unknown) => void
const listeners = new Map<string, Set<Listener>>()

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload)
})

const bridge: Record<string, Record<string, unknown>> = {}
const { methods, events } = listMembers(api)
for (const name of methods) {
  const [ns, member] = name.split('.')
  bridge[ns] ??= {}
  bridge[ns][member] = (input?: unknown) => ipcRenderer.invoke(ipcChannel(name), input ?? {})
}
for (const name of events) {
  const [ns, member] = name.split('.')
  bridge[ns] ??= {}
  bridge[ns][member] = (listener: Listener) => {
    const set = listeners.get(name) ?? new Set<Listener>()
    listeners.set(name, set)
    set.add(listener)
    return () => set.delete(listener)
  }
}

contextBridge.exposeInMainWorld('testdesk', bridge)
