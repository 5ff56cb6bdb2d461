// The contract's naming rule: `on…` members are events and nothing else is, which the preload,
// the host and the client rely on to tell a call from a subscription.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { api } from '.'
import { checkContract, event, method } from './contract'

describe('contract', () => {
  it('names every event on… and no method so', () => {
    expect(checkContract(api)).toEqual([])
  })

  it('reports a misnamed event and a method named like an event', () => {
    const broken = { runs: { progress: event<{ n: number }>(), onStart: method(z.object({}), null) } }
    expect(checkContract(broken)).toEqual(['runs.progress: events are named on…', 'runs.onStart: methods may not be named on…'])
  })
})
