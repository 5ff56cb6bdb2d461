// Turns SQLite constraint failures into TestDesk errors that name the field, so a caller learns
// "name: already used in this project" rather than "SQLITE_CONSTRAINT_UNIQUE".
import { TestDeskError } from '../../shared/api/errors'

// A unique index on an expression is reported by name, not by column: the field it guards.
const INDEX_FIELDS: Record<string, { field: string; scope: string }> = {
  idx_suites_sibling_name: { field: 'name', scope: ' in this parent suite' },
}

interface SqliteError {
  code?: string
  message: string
}

export function translateSqliteError(error: unknown, fieldPrefix = ''): unknown {
  const e = error as SqliteError
  if (typeof e?.code !== 'string' || !e.code.startsWith('SQLITE_CONSTRAINT')) return error
  const at = (field: string) => (fieldPrefix ? `${fieldPrefix}.${field}` : field)
  const columns = /constraint failed: ([\w., ]+)/.exec(e.message)?.[1]
  const index = /constraint failed: index '(\w+)'/.exec(e.message)?.[1]
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && index) {
    const { field, scope } = INDEX_FIELDS[index] ?? { field: index, scope: '' }
    return new TestDeskError('conflict', `${at(field)}: already exists${scope}`, [{ field: at(field), message: `already exists${scope}` }])
  }
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const fields = (columns ?? '').split(',').map((c) => c.trim().split('.').pop()!).filter((c) => c && c !== 'project_id')
    const field = fields.at(-1) ?? 'id'
    const scope = (columns ?? '').includes('project_id') ? ' in this project' : ''
    return new TestDeskError('conflict', `${at(field)}: already exists${scope}`, [{ field: at(field), message: `already exists${scope}` }])
  }
  if (e.code === 'SQLITE_CONSTRAINT_NOTNULL') {
    const field = (columns ?? '').split('.').pop() ?? ''
    return TestDeskError.validation(at(field), 'is required')
  }
  if (e.code === 'SQLITE_CONSTRAINT_CHECK') {
    const field = /constraint failed: (?:\(?\s*)?(\w+)/.exec(e.message)?.[1] ?? ''
    return TestDeskError.validation(at(field), `is not allowed (${e.message.replace(/^CHECK constraint failed: /, '')})`)
  }
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new TestDeskError('validation', 'A referenced record does not exist (foreign key)', [{ field: fieldPrefix, message: 'refers to a missing record' }])
  }
  return new TestDeskError('validation', e.message)
}

/** Runs `work`, translating constraint failures. */
export function guarded<T>(work: () => T, fieldPrefix = ''): T {
  try {
    return work()
  } catch (error) {
    throw translateSqliteError(error, fieldPrefix)
  }
}
