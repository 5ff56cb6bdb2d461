// The IPC registration loop, driven through a registrar object shaped like ipcMain. Electron is
// not faked: only the loop, validation and sender check are under test here.
import { afterEach, describe, expect, it } from 'vitest'
import { api } from '../../shared/api'
import { ipcChannel } from '../../shared/api/transport'
import { openCore, type Core } from '../core'
import { registerIpc, type IpcRegistrar } from './ipc'

interface FakeEvent {
  trusted: boolean
}

class Registrar implements IpcRegistrar<FakeEvent> {
  readonly handlers = new Map<string, (event: FakeEvent, input: unknown) => Promise<unknown>>()
  handle(channel: string, listener: (event: FakeEvent, input: unknown) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
}

let core: Core
afterEach(() => core?.close())

describe('registerIpc', () => {
  it('registers one channel per contract method and removes them all', async () => {
    core = await openCore({ dataDir: '/tmp/unused', databasePath: ':memory:' })
    const registrar = new Registrar()
    const unregister = registerIpc(registrar, core.dispatcher, (e) => e.trusted)
    const expected = Object.entries(api).flatMap(([ns, members]) =>
      Object.entries(members)
        .filter(([, spec]) => spec.kind === 'method')
        .map(([name]) => ipcChannel(`${ns}.${name}`)),
    )
    expect([...registrar.handlers.keys()].sort()).toEqual(expected.sort())
    unregister()
    expect(registrar.handlers.size).toBe(0)
  })

  it('returns a validation error naming the field for invalid input', async () => {
    core = await openCore({ dataDir: '/tmp/unused', databasePath: ':memory:' })
    const registrar = new Registrar()
    registerIpc(registrar, core.dispatcher, (e) => e.trusted)
    const result = await registrar.handlers.get(ipcChannel('system.findBrowser'))!({ trusted: true }, { browser: 'netscape' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ field: 'browser' }] } })
  })

  it('answers a trusted caller with the value', async () => {
    core = await openCore({ dataDir: '/tmp/td-ipc', databasePath: ':memory:' })
    const registrar = new Registrar()
    registerIpc(registrar, core.dispatcher, (e) => e.trusted)
    const result = (await registrar.handlers.get(ipcChannel('system.info'))!({ trusted: true }, {})) as {
      ok: boolean
      value: { dataDir: string }
    }
    expect(result.ok).toBe(true)
    expect(result.value.dataDir).toBe('/tmp/td-ipc')
  })

  it('refuses an untrusted sender before running anything', async () => {
    core = await openCore({ dataDir: '/tmp/unused', databasePath: ':memory:' })
    let called = false
    const dispatcher = { ...core.dispatcher, call: async () => ((called = true), { ok: true as const, value: null }) }
    const registrar = new Registrar()
    registerIpc(registrar, dispatcher, (e) => e.trusted)
    await expect(registrar.handlers.get(ipcChannel('system.info'))!({ trusted: false }, {})).rejects.toThrow(/Refused/)
    expect(called).toBe(false)
  })
})
