import { describe, expect, it } from 'vitest'
import type { DataSetDoc } from '../store/doc-adapters'
import * as Grid from './data-grid'

const doc: DataSetDoc = {
  name: 'Users',
  description: null,
  columns: [{ name: 'user', secret: false }, { name: 'password', secret: true }],
  rows: [{ id: 'r1', values: { user: 'ann', password: null }, enabled: true }],
}

describe('data grid edits', () => {
  it('rename a column in every row, and remove it from every row', () => {
    const renamed = Grid.renameColumn(doc, 'user', 'login')
    expect(renamed.columns[0].name).toBe('login')
    expect(renamed.rows[0].values).toEqual({ login: 'ann', password: null })
    expect(Grid.removeColumn(doc, 'password').rows[0].values).toEqual({ user: 'ann' })
  })

  it('add columns with free names and rows with every column', () => {
    const more = Grid.addColumn(Grid.addColumn(doc))
    expect(more.columns.map((c) => c.name)).toEqual(['user', 'password', 'column3', 'column4'])
    expect(Grid.addRow(more).rows[1].values).toEqual({ user: '', password: '', column3: '', column4: '' })
  })

  it('paste a spreadsheet block at a cell, adding rows and dropping cells past the last column', () => {
    const block = Grid.parseClipboard('bob\tpw1\textra\r\ncarl\tpw2\n')
    expect(block).toEqual([['bob', 'pw1', 'extra'], ['carl', 'pw2']])
    const pasted = Grid.pasteBlock(doc, 1, 0, block)
    expect(pasted.rows.map((r) => r.values)).toEqual([
      { user: 'ann', password: null },
      { user: 'bob', password: 'pw1' },
      { user: 'carl', password: 'pw2' },
    ])
    expect(Grid.pasteBlock(doc, 0, 1, [['new']]).rows[0].values).toEqual({ user: 'ann', password: 'new' })
  })

  it('say when a value does not fit its column type (variables always fit)', () => {
    expect(Grid.cellProblem('number', '12.5')).toBeNull()
    expect(Grid.cellProblem('number', 'twelve')).toBe('should be a number')
    expect(Grid.cellProblem('boolean', 'yes')).toBe('should be true or false')
    expect(Grid.cellProblem('date', '2026-02-30x')).toBe('should be a date (YYYY-MM-DD)')
    expect(Grid.cellProblem('date', '${today}')).toBeNull()
    expect(Grid.cellProblem(undefined, 'anything')).toBeNull()
    expect(Grid.setColumn(doc, 'user', { type: 'text' }).columns[0]).toEqual({ name: 'user', secret: false })
  })
})
