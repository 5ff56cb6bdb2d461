// The domain types the store's rows become have exactly their tables' columns: ROW_FIELDS is
// checked against each type by the compiler and against each table here.
import { describe, expect, it } from 'vitest'
import { validateStep } from '../../shared/steps'
import { Store } from '.'
import { openDatabase } from './db'
import { ROW_FIELDS } from './rows'

describe('row types', () => {
  const store = new Store(openDatabase(':memory:'), { dataDir: '/nonexistent', validateStep })

  it.each(Object.entries(ROW_FIELDS))("%s: the domain type's fields are the table's columns", (table, fields) => {
    expect([...fields].sort()).toEqual([...store.columnsOf(table as keyof typeof ROW_FIELDS)].sort())
  })
})
