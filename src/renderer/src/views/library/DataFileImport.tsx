// Import a data set from a CSV or XLSX file: the file is read by main (dataSets.importFile), its
// columns shown with their guessed types and a secret box each, then imported as a new data set.
import { useRef, useState } from 'react'
import { DATA_COLUMN_TYPES, type DataColumnType } from '../../../../shared/model/definition'
import type { DataFilePreview } from '../../../../shared/model/data-file'
import { Modal } from '../../components/Modal'
import { route } from '../../routes'
import { messageOf } from '../../store/docsSlice'
import { useAppStore } from '../../StoreContext'

interface Chosen {
  file: string
  content: string
  sheet: string | undefined
  preview: DataFilePreview
  types: Record<string, DataColumnType>
  secret: Set<string>
}

/** The file's bytes as base64, in chunks (a large file would overflow one String.fromCharCode call). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function DataFileImport() {
  const store = useAppStore()
  const input = useRef<HTMLInputElement>(null)
  const [chosen, setChosen] = useState<Chosen | null>(null)
  const [error, setError] = useState<string | null>(null)
  const client = store.getState().client

  const preview = async (file: string, content: string, sheet: string | undefined) => {
    try {
      const { preview } = await client.dataSets.importFile({ content_base64: content, file_name: file, sheet, dry_run: true })
      setError(null)
      setChosen({ file, content, sheet: preview.sheet ?? undefined, preview, types: Object.fromEntries(preview.columns.map((c) => [c.name, c.type])), secret: new Set() })
    } catch (e) {
      setChosen(null)
      setError(messageOf(e))
    }
  }

  const pick = async (files: FileList | null) => {
    const file = files?.[0]
    if (input.current) input.current.value = ''
    if (file) await preview(file.name, await base64Of(file), undefined)
  }

  const importNow = async () => {
    if (!chosen) return
    const { toast, navigate, loadList } = store.getState()
    try {
      const { data_set } = await client.dataSets.importFile({
        content_base64: chosen.content,
        file_name: chosen.file,
        sheet: chosen.sheet,
        secret_columns: [...chosen.secret],
        column_types: chosen.types,
      })
      setChosen(null)
      await loadList('dataSet')
      navigate(route('data-sets', data_set!.id))
      toast(`Imported data set '${data_set!.name}': ${data_set!.row_count} rows`)
    } catch (e) {
      setError(messageOf(e))
    }
  }

  const p = chosen?.preview
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import CSV or XLSX…
      </button>
      <input ref={input} type="file" accept=".csv,.tsv,.txt,.xlsx" aria-label="CSV or XLSX file to import" hidden onChange={(e) => void pick(e.target.files)} />
      {error && !chosen ? (
        <Modal title="The file cannot be imported" onClose={() => setError(null)}>
          <p role="alert">{error}</p>
          <div className="buttons">
            <button type="button" onClick={() => setError(null)} autoFocus>
              Close
            </button>
          </div>
        </Modal>
      ) : null}
      {chosen && p ? (
        <Modal
          wide
          title={`Import ${chosen.file}`}
          description={`${p.format.toUpperCase()}, ${p.format === 'xlsx' ? `sheet '${p.sheet}'` : `${p.encoding}, delimiter ${p.delimiter === '\t' ? 'tab' : `'${p.delimiter}'`}`}; ${p.row_count} rows. Types are guessed from the values: change them here or later.`}
          onClose={() => setChosen(null)}
        >
          {p.sheets.length > 1 ? (
            <div className="field">
              <label htmlFor="import-sheet">Sheet</label>
              <select id="import-sheet" value={chosen.sheet} onChange={(e) => void preview(chosen.file, chosen.content, e.target.value)}>
                {p.sheets.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </div>
          ) : null}
          <table aria-label="Columns to import">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Type</th>
                <th scope="col">Secret</th>
                <th scope="col">First row</th>
              </tr>
            </thead>
            <tbody>
              {p.columns.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <select aria-label={`Type of ${c.name}`} value={chosen.types[c.name]} onChange={(e) => setChosen({ ...chosen, types: { ...chosen.types, [c.name]: e.target.value as DataColumnType } })}>
                      {DATA_COLUMN_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {t === c.guessed_type ? `${t} (guessed)` : t}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${c.name} is secret`}
                      checked={chosen.secret.has(c.name)}
                      onChange={(e) => {
                        const secret = new Set(chosen.secret)
                        if (e.target.checked) secret.add(c.name)
                        else secret.delete(c.name)
                        setChosen({ ...chosen, secret })
                      }}
                    />
                  </td>
                  <td>{chosen.secret.has(c.name) && p.sample[0]?.[c.name] ? '••••••' : (p.sample[0]?.[c.name] ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.warnings.length ? (
            <ul aria-label="Notes">
              {p.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
          {error ? <p role="alert">{error}</p> : null}
          <div className="buttons">
            <button type="button" onClick={() => setChosen(null)}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void importNow()}>
              Import {p.row_count} rows
            </button>
          </div>
        </Modal>
      ) : null}
    </>
  )
}
