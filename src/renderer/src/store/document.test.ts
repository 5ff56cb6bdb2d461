import { describe, expect, it } from 'vitest'
import * as D from './document'

type Doc = { name: string; n: number }
const base: Doc = { name: 'a', n: 0 }

describe('an edited document', () => {
  it('is saved while what is shown is what the store holds, by reference', () => {
    const doc = D.openDoc('1', base, 3)
    expect(D.statusOf(doc)).toBe('saved')
    const edited = D.edit(doc, { ...base, n: 1 })
    expect(D.statusOf(edited)).toBe('unsaved')
    expect(D.statusOf(D.undo(edited))).toBe('saved')
  })

  it('undoes and redoes every edit, and a new edit drops what could be redone', () => {
    let doc = D.openDoc('1', base, 1)
    doc = D.edit(doc, { ...base, n: 1 })
    doc = D.edit(doc, { ...doc.present, n: 2 })
    doc = D.undo(doc)
    expect(doc.present.n).toBe(1)
    expect(D.canRedo(doc)).toBe(true)
    doc = D.redo(doc)
    expect(doc.present.n).toBe(2)
    doc = D.undo(D.undo(doc))
    expect(doc.present).toBe(base)
    doc = D.edit(doc, { ...base, n: 9 })
    expect(D.canRedo(doc)).toBe(false)
    expect(D.undo(doc).present).toBe(base)
  })

  it('coalesces typing into one field into one undo step, but not across fields or pauses', () => {
    let doc = D.openDoc('1', base, 1)
    doc = D.edit(doc, { ...base, name: 'ab' }, 'name', 1000)
    doc = D.edit(doc, { ...doc.present, name: 'abc' }, 'name', 1500)
    doc = D.edit(doc, { ...doc.present, name: 'abcd' }, 'name', 2000)
    expect(doc.past).toHaveLength(1)
    doc = D.edit(doc, { ...doc.present, n: 5 }, 'n', 2100)
    doc = D.edit(doc, { ...doc.present, name: 'abcde' }, 'name', 2200)
    doc = D.edit(doc, { ...doc.present, name: 'abcdef' }, 'name', 2200 + D.COALESCE_MS + 1)
    expect(doc.past).toHaveLength(4)
    expect(D.undo(D.undo(D.undo(D.undo(doc)))).present).toBe(base)
  })

  it('keeps what was typed during a save unsaved, and saves only when nothing blocks it', () => {
    let doc = D.openDoc('1', base, 1)
    doc = D.edit(doc, { ...base, n: 1 })
    expect(D.shouldSave(doc)).toBe(true)
    const sent = doc.present
    doc = D.saveStarted(doc)
    expect(D.statusOf(doc)).toBe('saving')
    expect(D.shouldSave(doc)).toBe(false)
    doc = D.edit(doc, { ...doc.present, n: 2 })
    doc = D.saveSucceeded(doc, sent, 2)
    expect(doc.baseVersion).toBe(2)
    expect(D.statusOf(doc)).toBe('unsaved')
    expect(D.shouldSave(D.setInvalid(doc, 'step 1: needs a target'))).toBe(false)
    expect(D.statusOf(D.setInvalid(doc, 'x'))).toBe('invalid')
    const failed = D.saveFailed(D.saveStarted(doc), 'disk full')
    expect(D.statusOf(failed)).toBe('error')
    expect(D.shouldSave(failed)).toBe(false)
    // The next edit tries again.
    expect(D.shouldSave(D.edit(failed, { ...failed.present, n: 3 }))).toBe(true)
  })

  it('holds a conflict until the tester chooses: keep mine saves on their version, take theirs replaces mine', () => {
    let doc = D.edit(D.openDoc('1', base, 4), { ...base, name: 'mine' })
    const theirs = { name: 'theirs', n: 7 }
    doc = D.conflicted(D.saveStarted(doc), theirs, 5, 'changed elsewhere')
    expect(D.statusOf(doc)).toBe('conflict')
    expect(D.shouldSave(doc)).toBe(false)
    const mine = D.keepMine(doc)
    expect(mine.present.name).toBe('mine')
    expect(mine.baseVersion).toBe(5)
    expect(D.shouldSave(mine)).toBe(true)
    const taken = D.takeTheirs(doc)
    expect(taken.present).toBe(theirs)
    expect(D.statusOf(taken)).toBe('saved')
    expect(D.canUndo(taken)).toBe(false)
  })

  it('takes a change made elsewhere silently when nothing is unsaved, and as a conflict when something is', () => {
    const clean = D.openDoc('1', base, 1)
    const theirs = { name: 'cli', n: 1 }
    const reloaded = D.externalChange(clean, theirs, 2, 'm')
    expect(reloaded.present).toBe(theirs)
    expect(reloaded.baseVersion).toBe(2)
    expect(D.externalChange(clean, theirs, 1, 'm')).toBe(clean)
    const dirty = D.edit(clean, { ...base, n: 3 })
    const conflicted = D.externalChange(dirty, theirs, 2, 'm')
    expect(conflicted.conflict).toMatchObject({ theirs, version: 2 })
    expect(conflicted.present.n).toBe(3)
  })
})
