// `testdesk data import FILE` makes a data set from a CSV or XLSX file (or replaces one's rows,
// or only shows what it would be with --dry-run); `testdesk data export NAME` writes one back.
// Both go through the contract's dataSets.importFile / exportFile.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, extname, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import type { Core } from '../../core'
import { DATA_DELIMITERS, DATA_ENCODINGS, DATA_FILE_MAX_BYTES, type ImportDataFileResult } from '../../../shared/model/data-file'
import { DATA_COLUMN_TYPES, type DataSet } from '../../../shared/model/definition'
import { table } from '../format'
import { createOutput, usageError, type GlobalOptions } from '../output'
import { invoke, projectOf, projectOption, withCore } from '../session'

const DELIMITER_WORDS: Record<string, (typeof DATA_DELIMITERS)[number]> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '\t': '\t' }

/** A data set by exact name (or id) in the project. */
async function findDataSet(core: Core, ref: string, projectId: string): Promise<DataSet> {
  for (let offset = 0; ; offset += 100) {
    const page = await invoke(core, 'dataSets.list', { project_id: projectId, limit: 100, offset })
    const found = page.items.find((d) => d.name === ref || d.id === ref)
    if (found) return found
    if (offset + 100 >= page.total) throw usageError(`No data set named '${ref}' in this project (the app's Library lists them)`)
  }
}

function columnTypes(flags: string[] | undefined): Record<string, string> {
  const types: Record<string, string> = {}
  for (const flag of flags ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(flag)
    if (!match || !(DATA_COLUMN_TYPES as readonly string[]).includes(match[2])) throw usageError(`--type ${flag}: write COLUMN=TYPE, TYPE one of ${DATA_COLUMN_TYPES.join(', ')}`)
    types[match[1]] = match[2]
  }
  return types
}

function showPreview(out: ReturnType<typeof createOutput>, file: string, result: ImportDataFileResult): void {
  const p = result.preview
  const read = p.format === 'xlsx' ? `sheet '${p.sheet}' of ${p.sheets.length} (${p.sheets.join(', ')})` : `${p.encoding}, delimiter ${p.delimiter === '\t' ? 'tab' : `'${p.delimiter}'`}`
  out.line(`${file}: ${p.format.toUpperCase()}, ${read}; ${p.row_count} row${p.row_count === 1 ? '' : 's'}`)
  out.line(
    table(
      p.columns.map((c) => [c.name, c.header === c.name ? '' : c.header, c.type + (c.type !== c.guessed_type ? ` (guessed ${c.guessed_type})` : ''), c.secret ? 'secret' : '', String(p.sample[0]?.[c.name] ?? '')]),
      ['COLUMN', 'HEADER', 'TYPE', 'SECRET', 'FIRST ROW'],
    ),
  )
  for (const warning of p.warnings) out.line(`Note: ${warning}`)
}

export function registerData(program: Command): void {
  const data = program.command('data').description('Data sets from and to CSV and XLSX files')
  data
    .command('import')
    .description('Make a data set from a CSV or XLSX file: the header row names the columns, types are guessed')
    .argument('<file>', 'a .csv (or .tsv, .txt) or .xlsx file')
    .option('--name <name>', 'the data set name (default: the file name, and the sheet of a workbook with several)')
    .option('--replace <data set>', "replace this data set's columns and rows (by name or id) instead of making a new one")
    .option('--sheet <name|number>', 'XLSX: the sheet to read (default: the first)')
    .option('--delimiter <d>', 'CSV: , ; or tab (default: detected)')
    .addOption(new Option('--encoding <encoding>', 'CSV: the text encoding (default: detected)').choices(DATA_ENCODINGS))
    .option('--secret <columns...>', 'columns whose values are secret (masked everywhere, never exported)')
    .option('--type <column=type...>', `a column's type over the guessed one (${DATA_COLUMN_TYPES.join(', ')})`)
    .option('--dry-run', 'only show the columns, types and first row; write nothing')
    .addOption(projectOption())
    .action(async (file: string, opts: { name?: string; replace?: string; sheet?: string; delimiter?: string; encoding?: string; secret?: string[]; type?: string[]; dryRun?: boolean; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const path = resolve(file)
      if (!existsSync(path) || !statSync(path).isFile()) throw usageError(`No file at ${path}`)
      if (statSync(path).size > DATA_FILE_MAX_BYTES) throw usageError(`${path} is larger than ${DATA_FILE_MAX_BYTES / 1024 / 1024} MB`)
      const delimiter = opts.delimiter === undefined ? undefined : DELIMITER_WORDS[opts.delimiter.toLowerCase()]
      if (opts.delimiter !== undefined && !delimiter) throw usageError(`--delimiter ${opts.delimiter}: use , ; or tab`)
      const result = await withCore(globals, async (core) => {
        const project = await projectOf(core, opts.project)
        const replace = opts.replace ? await findDataSet(core, opts.replace, project.id) : null
        return invoke(core, 'dataSets.importFile', {
          content_base64: readFileSync(path).toString('base64'),
          file_name: basename(path),
          project_id: project.id,
          name: opts.name,
          data_set_id: replace?.id,
          sheet: opts.sheet,
          delimiter,
          encoding: opts.encoding,
          secret_columns: opts.secret ?? [],
          column_types: columnTypes(opts.type),
          dry_run: !!opts.dryRun,
        })
      })
      out.result(result)
      showPreview(out, basename(path), result)
      if (result.data_set) out.line(`${opts.replace ? 'Replaced' : 'Created'} data set '${result.data_set.name}' (${result.data_set.row_count} rows, ${result.data_set.columns.length} columns)`)
      else out.line('Dry run: nothing written')
    })
  data
    .command('export')
    .description('Write a data set as a CSV or XLSX file (secret columns are left empty)')
    .argument('<data set>', 'the data set: its name or id')
    .requiredOption('--out <file>', 'where to write; .xlsx writes a workbook, anything else CSV')
    .option('--delimiter <d>', 'CSV: , ; or tab (default: ,)')
    .addOption(projectOption())
    .action(async (ref: string, opts: { out: string; delimiter?: string; project?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const delimiter = opts.delimiter === undefined ? ',' : DELIMITER_WORDS[opts.delimiter.toLowerCase()]
      if (!delimiter) throw usageError(`--delimiter ${opts.delimiter}: use , ; or tab`)
      const target = resolve(opts.out)
      const format = extname(target).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv'
      const exported = await withCore(globals, async (core) => {
        const set = await findDataSet(core, ref, (await projectOf(core, opts.project)).id)
        return invoke(core, 'dataSets.exportFile', { id: set.id, format, delimiter })
      })
      writeFileSync(target, Buffer.from(exported.content_base64, 'base64'))
      const { content_base64: _content, ...shown } = exported
      out.result({ ...shown, path: target })
      out.line(`Wrote ${target}`)
      if (exported.secret_columns_left_empty.length) out.line(`Secret columns left empty: ${exported.secret_columns_left_empty.join(', ')}`)
    })
}
