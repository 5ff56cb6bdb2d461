// Ranking rules, without a browser: strategy order, penalties, generated-looking values.
import { describe, expect, it } from 'vitest'
import { chooseTarget, lengthPenalty, looksGenerated, quote, rankCandidates, roleSelector, unstableClass } from './ranking'

describe('ranking', () => {
  it('orders by strategy, then by penalty, and keeps the next ones as alternatives', () => {
    const chosen = chooseTarget([
      { strategy: 'xpath', selector: 'xpath=/html/body/button', penalty: 0 },
      { strategy: 'text', selector: 'text="Save"', penalty: 0 },
      { strategy: 'role', selector: 'role=button[name="Save"]', penalty: 0 },
      { strategy: 'testid', selector: '[data-testid="save"]', penalty: 0 },
      { strategy: 'role', selector: 'role=button[name="Save"]', penalty: 0 },
    ])
    expect(chosen).toEqual({
      selector: '[data-testid="save"]',
      alternatives: ['role=button[name="Save"]', 'text="Save"', 'xpath=/html/body/button'],
      strategies: ['testid', 'role', 'text', 'xpath'],
    })
    expect(chooseTarget([])).toBeNull()
  })

  it('lets a long or wordless name fall behind the next strategy', () => {
    expect(lengthPenalty('Save')).toBe(0)
    expect(lengthPenalty('⚙')).toBeGreaterThan(40)
    const ranked = rankCandidates([
      { strategy: 'role', selector: 'role=button[name="⚙"]', penalty: lengthPenalty('⚙') },
      { strategy: 'title', selector: 'title="Settings"', penalty: 0 },
    ])
    expect(ranked[0].selector).toBe('title="Settings"')
  })

  it('spots generated ids and classes, and leaves readable ones alone', () => {
    for (const id of [':r3:', 'ember482', 'btn-23894', 'select-9c1e4b7f-0a1d-4f8e-9b0c-2d3e4f5a6b7c', 'a1b2c3d4', 'mui-12', '3col']) expect(looksGenerated(id), id).toBe(true)
    for (const id of ['login-submit', 'full-name', 'item-1', 'h2', 'tab-overview']) expect(looksGenerated(id), id).toBe(false)
    for (const c of ['css-1x9k2qz', 'sc-bdVaJa', 'Input_input__3xY7a', 'jsx-2093828462', 'active', 'is-open']) expect(unstableClass(c), c).toBe(true)
    for (const c of ['box', 'fake-button', 'same-text', 'row']) expect(unstableClass(c), c).toBe(false)
  })

  it('quotes names so that quotes and backslashes survive', () => {
    expect(quote('Say "hi"')).toBe('"Say \\"hi\\""')
    expect(roleSelector('button', 'Say "hi"')).toBe('role=button[name="Say \\"hi\\""]')
    expect(roleSelector('navigation', null)).toBe('role=navigation')
  })
})
