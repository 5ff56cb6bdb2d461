import { describe, expect, it } from 'vitest'
import { PriorityQueue } from './queue'

describe('PriorityQueue', () => {
  it('serves higher priority first, and first come first served within a priority', () => {
    const queue = new PriorityQueue<string>()
    queue.push('a')
    queue.push('b', 5)
    queue.push('c')
    queue.push('d', 5)
    queue.push('e', 9)
    expect(queue.values()).toEqual(['e', 'b', 'd', 'a', 'c'])
    expect(queue.shift()).toBe('e')
    expect(queue.size).toBe(4)
  })

  it('removes queued values', () => {
    const queue = new PriorityQueue<string>()
    queue.push('a')
    queue.push('b')
    expect(queue.remove((v) => v === 'a')).toBe(true)
    expect(queue.remove((v) => v === 'z')).toBe(false)
    expect(queue.values()).toEqual(['b'])
    expect(queue.has((v) => v === 'b')).toBe(true)
  })
})
