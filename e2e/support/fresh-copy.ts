// A copy of this repository as a fresh clone has it: the files git tracks (plus new ones not yet
// committed), nothing built, node_modules linked from this checkout as `npm ci` would have filled it.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '../..')

export function freshCopy(): string {
  let files: string[]
  try {
    files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean)
  } catch (error) {
    throw new Error(`A fresh copy needs git to list the repository's files (${REPO}): ${(error as Error).message}`)
  }
  const copy = mkdtempSync(join(tmpdir(), 'td-clone-'))
  for (const file of files) {
    // A file deleted in the working tree but not yet in git is not part of the clone-to-be.
    if (existsSync(join(REPO, file))) cpSync(join(REPO, file), join(copy, file))
  }
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir')
  return copy
}
