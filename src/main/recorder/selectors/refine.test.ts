import { describe, expect, it } from 'vitest'
import { targetCode, targetName } from '../../../shared/selectors'
import { refineTarget } from './refine'

describe('refineTarget', () => {
  it('turns a container chain into within + has text, keeping alternatives that still find the element', () => {
    const refined = refineTarget('css=li:has-text("Eggs") >> role=link[name="Remove"]', [
      'css=li:has-text("Eggs") >> text="Remove"',
      '#remove-3',
      '//ul/li[3]/a',
    ])
    expect(refined).toEqual({
      selector: 'role=link[name="Remove"]',
      alternatives: ['text="Remove"', '#remove-3'],
      within: { selector: 'li', has_text: 'Eggs' },
    })
    expect(targetName(refined)).toBe("link 'Remove' in li that has text 'Eggs'")
    expect(targetCode(refined)).toBe("page.locator('li').filter({ hasText: 'Eggs' }).getByRole('link', { name: 'Remove', exact: true })")
  })

  it('turns a trailing nth= and visible=true into fields, and unescapes the container text', () => {
    expect(refineTarget('.item >> visible=true >> nth=1', [])).toEqual({ selector: '.item', alternatives: [], nth: 1, visible_only: true })
    expect(refineTarget('.item >> nth=-1', [])).toMatchObject({ nth: 'last' })
    expect(refineTarget('css=tr.row:has-text("say \\"hi\\"") >> role=button', []).within).toEqual({ selector: 'tr.row', has_text: 'say "hi"' })
  })

  it('leaves a plain selector and a chain without a container as they are', () => {
    expect(refineTarget('role=button[name="Save"]', ['#save'])).toEqual({ selector: 'role=button[name="Save"]', alternatives: ['#save'] })
    expect(refineTarget('[data-testid=card] >> role=button', ['#b'])).toEqual({ selector: '[data-testid=card] >> role=button', alternatives: ['#b'] })
  })
})

describe('browserNavigation', () => {
  it("records the browser's Reload, Back and Forward as their own steps, a typed URL as navigate", async () => {
    const { browserNavigation } = await import('../session')
    expect(browserNavigation({ navigation: 'reload', index: 2 }, 2, 'todos.html')).toEqual({ action: 'reload' })
    expect(browserNavigation({ navigation: 'back_forward', index: 1 }, 2, 'todos.html')).toEqual({ action: 'go_back' })
    expect(browserNavigation({ navigation: 'back_forward', index: 3 }, 2, 'todos.html')).toEqual({ action: 'go_forward' })
    // Without the history's index the direction is unknown: the page is opened by its URL.
    expect(browserNavigation({ navigation: 'back_forward', index: null }, 2, 'todos.html')).toEqual({ action: 'navigate', value: 'todos.html' })
    expect(browserNavigation({ navigation: 'navigate', index: 3 }, 2, 'table.html')).toEqual({ action: 'navigate', value: 'table.html' })
  })
})
