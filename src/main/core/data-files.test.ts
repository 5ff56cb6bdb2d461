// Data sets from CSV and XLSX files through the contract: encodings, delimiters, quotes, sheets,
// guessed types, secret columns, clear errors that change nothing, and export back.
import readXlsxFile from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportedDataFile, ImportDataFileResult } from '../../shared/model/data-file'
import { SECRET_MASK } from '../../shared/secret-mask'
import { openTestCore, type TestCore } from './testing'

let t: TestCore
beforeEach(async () => {
  t = await openTestCore()
})
afterEach(async () => {
  await t.core.close()
})

const b64 = (bytes: Buffer | string) => (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64')

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le')
  const body = endian === 'le' ? le : Buffer.from(le.map((_, i) => le[i % 2 ? i - 1 : i + 1]))
  return Buffer.concat([bom ? Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), body])
}

describe('dataSets.importFile', () => {
  it('reads a CSV with a BOM, `;` delimiter, quoted cells (delimiters, quotes, line breaks inside), and guesses types', async () => {
    const csv = '\uFEFFemail;Full name;age;active;joined;password\r\n' +
      'ann@example.test;"Martin; Ann";34;true;2024-01-31;"s3cr""et"\r\n' +
      'bob@example.test;"Bob\nJones";41;false;2023-12-01;hunter2\r\n' +
      ';;;;;\r\n'
    const result = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64(csv), file_name: 'accounts.csv', secret_columns: ['password'] })
    expect(result.preview).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', row_count: 2 })
    expect(result.preview.columns.map((c) => [c.name, c.type, c.secret])).toEqual([
      ['email', 'text', false],
      ['Full_name', 'text', false],
      ['age', 'number', false],
      ['active', 'boolean', false],
      ['joined', 'date', false],
      ['password', 'text', true],
    ])
    expect(result.preview.warnings).toEqual(["Column 2 'Full name' is named 'Full_name'", '1 empty line left out'])
    expect(result.preview.sample[0]).toMatchObject({ Full_name: 'Martin; Ann', password: SECRET_MASK })
    const set = result.data_set!
    expect(set.name).toBe('accounts')
    expect(set.columns.find((c) => c.name === 'age')).toEqual({ name: 'age', secret: false, type: 'number' })
    expect(set.rows.map((r) => r.values.Full_name)).toEqual(['Martin; Ann', 'Bob\nJones'])
    // Secret values are stored for runs but never read back.
    expect(set.rows[0].values.password).toBeNull()
    expect(t.store.dataSets.rows(set.id)[0].values.password).toBe('s3cr"et')
  })

  it('detects UTF-16 (with and without a BOM), tab and comma delimiters, and Windows-1252', async () => {
    const text = 'city\tcountry\nZürich\tSchweiz\nKraków\tPolska\n'
    for (const [bytes, encoding] of [
      [utf16(text, 'le'), 'utf-16le'],
      [utf16(text, 'be'), 'utf-16be'],
      [utf16(text, 'le', false), 'utf-16le'],
    ] as const) {
      const { preview } = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64(bytes), file_name: 'cities.csv', dry_run: true })
      expect([preview.encoding, preview.delimiter, preview.sample[1]?.city], encoding).toEqual([encoding, '\t', 'Kraków'])
    }
    const latin = Buffer.from('name,price\nCafé,"1,50"\n', 'latin1')
    const { preview } = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64(latin), file_name: 'menu.csv', dry_run: true })
    expect([preview.encoding, preview.delimiter, preview.sample[0]]).toEqual(['windows-1252', ',', { name: 'Café', price: '1,50' }])
    expect((await t.ok('dataSets.list', {})).total).toBe(0)
  })

  it('reads the chosen sheet of a workbook with several, typed cells as text', async () => {
    const workbook = await writeXlsxFile([
      { sheet: 'Notes', data: [['about'], ['not data']] },
      { sheet: 'Users', dateFormat: 'yyyy-mm-dd', data: [['user', 'pin', 'born', 'admin'], ['ann', 1234, new Date(Date.UTC(1990, 4, 17)), true], ['bob', 99, new Date(Date.UTC(1985, 0, 2)), false]] },
    ]).toBuffer()
    const first = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64(Buffer.from(workbook)), file_name: 'people.xlsx', dry_run: true })
    expect([first.preview.sheet, first.preview.sheets, first.preview.columns.map((c) => c.name)]).toEqual(['Notes', ['Notes', 'Users'], ['about']])
    const result = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64(Buffer.from(workbook)), file_name: 'people.xlsx', sheet: 'Users', secret_columns: ['pin'] })
    expect(result.preview).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, sheet: 'Users', row_count: 2 })
    expect(result.preview.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['user:text', 'pin:number', 'born:date', 'admin:boolean'])
    expect(result.data_set!.name).toBe('people - Users')
    expect(t.store.dataSets.rows(result.data_set!.id).map((r) => r.values)).toEqual([
      { user: 'ann', pin: '1234', born: '1990-05-17', admin: 'true' },
      { user: 'bob', pin: '99', born: '1985-01-02', admin: 'false' },
    ])
    // By number too; a sheet that is not there is named with the ones that are.
    expect((await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64(Buffer.from(workbook)), file_name: 'people.xlsx', sheet: '2', dry_run: true })).preview.sheet).toBe('Users')
    const missing = await t.call('dataSets.importFile', { content_base64: b64(Buffer.from(workbook)), file_name: 'people.xlsx', sheet: 'Staff' })
    expect(missing).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining("people.xlsx has no sheet 'Staff'; its sheets: Notes, Users") } })
  })

  it('refuses bad files saying where, and writes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ content_base64: b64('a,b\n"open,2\n'), file_name: 'q.csv' }, /q\.csv is not readable CSV: .*[Qq]uote.*line/],
      [{ content_base64: b64('a,b\n1,2,3\n'), file_name: 'w.csv' }, /w\.csv, line 2: 3 cells but the header names 2 columns/],
      [{ content_base64: b64('a,,c\n1,2,3\n'), file_name: 'h.csv' }, /Column 2 of h\.csv has no name/],
      [{ content_base64: b64('a,A b,a\n1,2,3\n'), file_name: 'd.csv' }, /Columns 1 and 3 of d\.csv are both named 'a'/],
      [{ content_base64: b64(''), file_name: 'e.csv' }, /e\.csv is empty/],
      [{ content_base64: b64('not a zip'), file_name: 'x.xlsx' }, /x\.xlsx is not a readable XLSX workbook/],
      [{ content_base64: b64('a,b\n1,2\n'), file_name: 's.csv', secret_columns: ['pass'] }, /s\.csv has no column 'pass' \(its columns: a, b\)/],
      [{ content_base64: b64('a\n1\n'), file_name: 's.csv', sheet: 'One' }, /applies to XLSX files only/],
    ]
    for (const [input, message] of cases) {
      const result = await t.call('dataSets.importFile', input)
      expect(result.ok, String(input.file_name)).toBe(false)
      if (!result.ok) expect(`${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`).toMatch(message)
    }
    expect((await t.ok('dataSets.list', {})).total).toBe(0)
  })

  it('replaces an existing data set, keeping the type a tester chose over the guessed one', async () => {
    const created = (await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64('code\n001\n002\n'), file_name: 'codes.csv' })).data_set!
    expect(created.columns).toEqual([{ name: 'code', secret: false, type: 'number' }])
    const replaced = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64('code,label\n007,Bond\n'), file_name: 'codes.csv', data_set_id: created.id, column_types: { code: 'text' } })
    expect(replaced.data_set!.id).toBe(created.id)
    expect(replaced.data_set!.columns).toEqual([{ name: 'code', secret: false }, { name: 'label', secret: false }])
    expect(replaced.data_set!.rows.map((r) => r.values)).toEqual([{ code: '007', label: 'Bond' }])
  })
})

describe('dataSets.exportFile', () => {
  it('writes CSV (BOM, chosen delimiter, quotes) and XLSX (typed cells) with secret columns left empty', async () => {
    const set = (await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: b64('user;pin;note;n\nann;1234;"a; b";3\nbob;99;"say ""hi""";4\n'), file_name: 'users.csv', secret_columns: ['pin'] })).data_set!
    const csv = await t.ok<ExportedDataFile>('dataSets.exportFile', { id: set.id, format: 'csv', delimiter: ';' })
    expect(csv).toMatchObject({ file_name: 'users.csv', mime: 'text/csv', secret_columns_left_empty: ['pin'] })
    expect(Buffer.from(csv.content_base64, 'base64').toString('utf8')).toBe('\uFEFFuser;pin;note;n\r\nann;;"a; b";3\r\nbob;;"say ""hi""";4\r\n')

    const xlsx = await t.ok<ExportedDataFile>('dataSets.exportFile', { id: set.id, format: 'xlsx' })
    expect(xlsx.file_name).toBe('users.xlsx')
    const [sheet] = await readXlsxFile(Buffer.from(xlsx.content_base64, 'base64'))
    expect(sheet.data).toEqual([
      ['user', 'pin', 'note', 'n'],
      ['ann', null, 'a; b', 3],
      ['bob', null, 'say "hi"', 4],
    ])
    // And back in: the same columns and values, the secret column now empty.
    const again = await t.ok<ImportDataFileResult>('dataSets.importFile', { content_base64: xlsx.content_base64, file_name: 'users.xlsx', name: 'users again' })
    expect(again.data_set!.rows.map((r) => r.values)).toEqual([
      { user: 'ann', pin: '', note: 'a; b', n: '3' },
      { user: 'bob', pin: '', note: 'say "hi"', n: '4' },
    ])
  })
})
