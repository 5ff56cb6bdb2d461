import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { method, returns, type Implementation } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import { createDispatcher } from './dispatch'

const contract = {
  things: {
    create: method(z.object({ name: z.string().min(1), size: z.number().int().max(10) }).strict(), returns<{ id: string }>()),
    get: method(z.object({ id: z.string() }), returns<{ id: string }>()),
    explode: method(z.object({}), returns<null>()),
    onChanged: { kind: 'event' as const },
  },
}

function setup() {
  const create = vi.fn((input: { name: string }) => ({ id: `id-${input.name}` }))
  const impl: Implementation<typeof contract> = {
    things: {
      create,
      get: ({ id }) => {
        throw TestDeskError.notFound('Thing', id)
      },
      explode: () => {
        throw new Error('disk on fire')
      },
    },
  }
  const reported: string[] = []
  const dispatcher = createDispatcher(contract, impl, (name) => reported.push(name))
  return { dispatcher, create, reported }
}

describe('dispatcher', () => {
  it('lists methods but not events', () => {
    expect(setup().dispatcher.methods).toEqual(['things.create', 'things.get', 'things.explode'])
  })

  it('validates input and names every wrong field without calling the method', async () => {
    const { dispatcher, create } = setup()
    const result = await dispatcher.call('things.create', { name: '', size: 11.5 }, { transport: 'direct' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.kind).toBe('validation')
    expect(result.error.issues?.map((i) => i.field).sort()).toEqual(['name', 'size'])
    expect(result.error.message).toContain('things.create')
    expect(create).not.toHaveBeenCalled()
  })

  it('passes valid input and returns the value', async () => {
    const { dispatcher } = setup()
    expect(await dispatcher.call('things.create', { name: 'a', size: 3 }, { transport: 'direct' })).toEqual({
      ok: true,
      value: { id: 'id-a' },
    })
  })

  it('keeps the kind of a TestDeskError', async () => {
    const result = await setup().dispatcher.call('things.get', { id: 'x' }, { transport: 'direct' })
    expect(result).toEqual({ ok: false, error: { kind: 'not_found', message: 'Thing not found: x' } })
  })

  it('turns unexpected errors into internal errors and reports them', async () => {
    const { dispatcher, reported } = setup()
    const result = await dispatcher.call('things.explode', {}, { transport: 'direct' })
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: 'things.explode failed: disk on fire' } })
    expect(reported).toEqual(['things.explode'])
  })

  it('answers unknown methods with not_found', async () => {
    const result = await setup().dispatcher.call('things.nope', {}, { transport: 'direct' })
    expect(result.ok ? null : result.error.kind).toBe('not_found')
  })

  it('refuses to build over an incomplete implementation', () => {
    expect(() => createDispatcher(contract, { things: {} } as never)).toThrow(/does not implement things.create/)
  })
})
