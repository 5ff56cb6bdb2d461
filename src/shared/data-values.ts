// How a data set's cell values are read by type: whether a value fits its column's type, and the
// type a column's values suggest (for an imported file). Shared by the data editor and imports.
import { DATA_COLUMN_TYPES, type DataColumnType } from './model/definition'

/** Why a value does not fit its column's type, or null. Empty values and `${…}` always fit. */
export function cellProblem(type: DataColumnType | undefined, value: string | null): string | null {
  if (value === null || value === '' || value.includes('${')) return null
  switch (type) {
    case 'number':
      return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? null : 'should be a number'
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'should be true or false'
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'should be a date (YYYY-MM-DD)'
    default:
      return null
  }
}

/** The narrowest type every non-empty value fits (number, boolean, date), else text. */
export function guessColumnType(values: readonly string[]): DataColumnType {
  const filled = values.filter((v) => v.trim() !== '')
  if (!filled.length) return 'text'
  return DATA_COLUMN_TYPES.find((type) => type !== 'text' && filled.every((v) => cellProblem(type, v) === null)) ?? 'text'
}
