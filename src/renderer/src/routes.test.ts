import { describe, expect, it } from 'vitest'
import { HOME, parseRoute, route, routePath } from './routes'
import { search, searchable } from './palette-search'

describe('routes', () => {
  it('read and write paths the host can deep-link to', () => {
    expect(parseRoute('/tests/0190-abc')).toEqual({ section: 'tests', id: '0190-abc', rest: [] })
    expect(parseRoute('/runs/12/results/x?y=1')).toEqual({ section: 'runs', id: '12', rest: ['results', 'x'] })
    expect(parseRoute('/nowhere')).toEqual(HOME)
    expect(parseRoute('/')).toEqual(HOME)
    expect(routePath(route('data-sets', 'a b'))).toBe('/data-sets/a%20b')
    expect(parseRoute(routePath(route('data-sets', 'a b')))).toEqual(route('data-sets', 'a b'))
  })
})

describe('palette search', () => {
  const items = ['Login works', 'Logout', 'Checkout pays', 'Go to Settings'].map((t) => searchable(t))
  it('needs every word and ranks starts of titles and words first', () => {
    expect(search(items, 'out').map((i) => i.title)).toEqual(['Logout', 'Checkout pays'])
    expect(search(items, 'lo').map((i) => i.title)).toEqual(['Login works', 'Logout'])
    expect(search(items, 'set go').map((i) => i.title)).toEqual(['Go to Settings'])
    expect(search(items, '', 2)).toHaveLength(2)
  })
})
