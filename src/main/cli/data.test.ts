// `testdesk data import | export` as a user runs them: a separate process, its output and exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runTestdesk, tempDataDir } from '../../../e2e/support/cli'

describe('testdesk data', () => {
  it('imports a CSV (dry run first), exports it as CSV with secrets left empty, and says what is wrong with exit 2', async () => {
    const dataDir = tempDataDir()
    const dir = mkdtempSync(join(tmpdir(), 'td-data-'))
    const file = join(dir, 'Accounts.csv')
    writeFileSync(file, '\uFEFFemail;Full name;pin;age\r\nann@example.test;"Martin; Ann";1234;34\r\n')
    const dry = await runTestdesk(['data', 'import', file, '--secret', 'pin', '--type', 'age=text', '--dry-run', '--data-dir', dataDir])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain("Accounts.csv: CSV, utf-8, delimiter ';'; 1 row")
    expect(dry.stdout).toMatch(/Full_name\s+Full name\s+text\s+Martin; Ann/)
    expect(dry.stdout).toMatch(/pin\s+number\s+secret\s+••••••/)
    expect(dry.stdout).toMatch(/age\s+text \(guessed number\)/)
    expect(dry.stdout).toContain('Dry run: nothing written')

    const made = await runTestdesk(['data', 'import', file, '--secret', 'pin', '--data-dir', dataDir])
    expect(made.stdout).toContain("Created data set 'Accounts' (1 rows, 4 columns)")
    const out = join(dir, 'back.csv')
    const exported = await runTestdesk(['data', 'export', 'Accounts', '--out', out, '--delimiter', 'tab', '--data-dir', dataDir])
    expect(exported.stdout).toContain('Secret columns left empty: pin')
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFemail\tFull_name\tpin\tage\r\nann@example.test\tMartin; Ann\t\t34\r\n')

    const bad = await runTestdesk(['data', 'import', file, '--secret', 'password', '--data-dir', dataDir])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("Accounts.csv has no column 'password' (its columns: email, Full_name, pin, age)")
  }, 120_000)
})
