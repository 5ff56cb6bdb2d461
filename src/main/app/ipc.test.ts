// The IPC registration loop, driven through a registrar object shaped like ipcMain. Electron is
// not faked: only the loop, validation and sender check are under test here.
import { afterEach, describe, expect, it } from 'vitest'
import { api, type Api } from '../../shared/api'
import { IPC_EVENT_CHANNEL, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL, ipcChannel } from '../../shared/api/transport'
import type { ItemProgress } from '../../shared/model/progress'
import { openCore, type Core } from '../core'
import { EventBus } from '../core/events'
import { registerEventSubscriptions, registerIpc, type EventReceiver, type IpcRegistrar } from './ipc'

/** A window's page as far as IPC events go: what it was sent, and its closing. */
class Page implements EventReceiver {
  readonly received: unknown[][] = []
  private destroyed = false
  private readonly onDestroyed: (() => void)[] = []
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.received.push([channel, ...args])
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed.push(listener)
  }
  destroy(): void {
    this.destroyed = true
    this.onDestroyed.forEach((listener) => listener())
  }
}

interface FakeEvent {
  trusted: boolean
  sender: Page
}

class Registrar implements IpcRegistrar<FakeEvent> {
  readonly handlers = new Map<string, (event: FakeEvent, ...args: unknown[]) => Promise<unknown>>()
  handle(channel: string, listener: (event: FakeEvent, ...args: unknown[]) => Promise<unknown>): void {
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
    const result = await registrar.handlers.get(ipcChannel('system.findBrowser'))!({ trusted: true } as FakeEvent, { browser: 'netscape' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ field: 'browser' }] } })
  })

  it('answers a trusted caller with the value', async () => {
    core = await openCore({ dataDir: '/tmp/td-ipc', databasePath: ':memory:' })
    const registrar = new Registrar()
    registerIpc(registrar, core.dispatcher, (e) => e.trusted)
    const result = (await registrar.handlers.get(ipcChannel('system.info'))!({ trusted: true } as FakeEvent, {})) as {
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
    await expect(registrar.handlers.get(ipcChannel('system.info'))!({ trusted: false } as FakeEvent, {})).rejects.toThrow(/Refused/)
    expect(called).toBe(false)
  })
})

describe('registerEventSubscriptions', () => {
  const item = (run_id: string) => ({ run_id, item_id: `${run_id}-i` }) as ItemProgress

  it("sends a page only the events it subscribed to, tagged with the subscription's id, until it unsubscribes", async () => {
    const bus = new EventBus<Api>(api)
    const registrar = new Registrar()
    registerEventSubscriptions(registrar, bus, (e) => e.trusted)
    const page = new Page(1)
    const other = new Page(2)
    const subscribe = registrar.handlers.get(IPC_SUBSCRIBE_CHANNEL)!
    expect(await subscribe({ trusted: true, sender: page }, 3, { events: ['runs.onItem'], filter: { run_id: 'r1' } })).toEqual({ ok: true, value: null })
    bus.emit('runs.onItem', item('r2'))
    bus.emit('runs.onItem', item('r1'))
    bus.emit('system.onChanged', { kinds: ['tests'] } as never)
    expect(page.received).toEqual([[IPC_EVENT_CHANNEL, 3, 'runs.onItem', item('r1')]])
    expect(other.received).toEqual([])
    await registrar.handlers.get(IPC_UNSUBSCRIBE_CHANNEL)!({ trusted: true, sender: page }, 3)
    bus.emit('runs.onItem', item('r1'))
    expect(page.received).toHaveLength(1)
    expect(bus.size).toBe(0)
  })

  it('answers a subscription the contract does not allow with a validation error, and refuses an untrusted page', async () => {
    const bus = new EventBus<Api>(api)
    const registrar = new Registrar()
    registerEventSubscriptions(registrar, bus, (e) => e.trusted)
    const subscribe = registrar.handlers.get(IPC_SUBSCRIBE_CHANNEL)!
    expect(await subscribe({ trusted: true, sender: new Page(1) }, 1, { events: ['system.onChanged'], filter: { schedule_id: 's' } })).toMatchObject({
      ok: false,
      error: { kind: 'validation', issues: [{ field: 'filter.schedule_id', message: 'system.onChanged cannot be filtered by schedule_id' }] },
    })
    expect(await subscribe({ trusted: true, sender: new Page(1) }, 2, { events: [] })).toMatchObject({ ok: false, error: { issues: [{ field: 'events' }] } })
    await expect(subscribe({ trusted: false, sender: new Page(1) }, 3, { events: ['runs.onItem'] })).rejects.toThrow(/Refused/)
    expect(bus.size).toBe(0)
  })

  it("ends a page's subscriptions when the page is closed", async () => {
    const bus = new EventBus<Api>(api)
    const registrar = new Registrar()
    registerEventSubscriptions(registrar, bus, (e) => e.trusted)
    const page = new Page(1)
    const subscribe = registrar.handlers.get(IPC_SUBSCRIBE_CHANNEL)!
    await subscribe({ trusted: true, sender: page }, 1, { events: ['runs.onItem'] })
    await subscribe({ trusted: true, sender: page }, 2, { events: ['runs.onStep'] })
    expect(bus.size).toBe(2)
    page.destroy()
    expect(bus.size).toBe(0)
  })
})
