// Small text helpers for human output: aligned columns, durations, suite paths.
import { ROOT_SUITE } from '../../shared/model/definition'
import { usageError } from './output'

export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows
  if (!all.length) return ''
  const widths = all[0].map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)))
  const line = (row: string[]) => row.map((cell, col) => (col === row.length - 1 ? cell : (cell ?? '').padEnd(widths[col]))).join('  ').trimEnd()
  return all.map(line).join('\n')
}

export { formatDuration as duration } from '../report/data'

/** "Regression/Smoke" or "ROOT/Regression/Smoke" → ['ROOT','Regression','Smoke']. */
export function suitePathFlag(value: string, flag = '--suite'): string[] {
  const parts = value.split('/').map((part) => part.trim()).filter(Boolean)
  if (!parts.length) throw usageError(`${flag} needs a suite path such as "Regression/Smoke"`)
  return parts[0] === ROOT_SUITE ? parts : [ROOT_SUITE, ...parts]
}

export function showPath(path: readonly string[]): string {
  return path.length > 1 ? path.slice(1).join('/') : '(root)'
}
