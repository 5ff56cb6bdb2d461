// Project files from the app: export downloads the project as one JSON file (a save dialog in
// the desktop app), import reads a file the tester picks and shows what the import said. The
// same import takes Selenium IDE projects and DevTools recordings; the Playwright export is a zip.
import { zipSync, strToU8 } from 'fflate'
import type { StoreApi } from 'zustand/vanilla'
import type { ConversionCounts, Unconverted } from '../../shared/interop/conversion'
import type { ImportSummary } from '../../shared/model/project-file'
import { TestDeskError, type FieldIssue } from '../../shared/api/errors'
import type { AppState } from './store'

export function projectFileName(projectName: string, date = new Date()): string {
  const safe = projectName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project'
  return `${safe}-${date.toISOString().slice(0, 10)}.testdesk.json`
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export async function exportProject(store: StoreApi<AppState>): Promise<void> {
  const { client, toast, outline } = store.getState()
  try {
    const file = await client.projectFiles.export({})
    const name = projectFileName(outline?.project.name ?? 'project')
    download(name, new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' }))
    toast(`Exported ${name}`)
  } catch (error) {
    toast(`Export failed: ${(error as Error).message}`, { tone: 'error' })
  }
}

/**
 * The project as a Playwright Test project in one zip. A download works the same in browser mode
 * and in the desktop app (which asks where to save it), where writing a folder would need a
 * folder picker only the desktop app has.
 */
export async function exportPlaywrightProject(store: StoreApi<AppState>): Promise<void> {
  const { client, toast, outline } = store.getState()
  try {
    const result = await client.interop.exportPlaywright({})
    const folder = (outline?.project.name ?? 'project').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project'
    const zip = zipSync(Object.fromEntries(result.files.map((f) => [`${folder}-playwright/${f.path}`, strToU8(f.text)])))
    const name = `${folder}-playwright.zip`
    download(name, new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }))
    const failing = result.unsupported.length ? `; ${result.unsupported.length} step(s) without a Playwright equivalent fail with a message` : ''
    toast(`Exported ${result.tests} tests in ${result.specs} specs to ${name}${failing}`)
  } catch (error) {
    toast(`Export failed: ${(error as Error).message}`, { tone: 'error' })
  }
}

export type ImportOutcome =
  | { ok: true; summary: ImportSummary; conversion?: { from: string; counts: ConversionCounts; unconverted: Unconverted[] } }
  | { ok: false; message: string; issues: FieldIssue[] }

/** What a picked file is: a Selenium IDE project, a DevTools recording, or a project file. */
export function importKind(fileName: string, text: string): 'side' | 'recording' | 'project' {
  if (/\.side$/i.test(fileName)) return 'side'
  try {
    const data = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>
    if (data && typeof data === 'object' && data.format !== 'testdesk-project') {
      if (typeof data.title === 'string' && Array.isArray(data.steps)) return 'recording'
      if (Array.isArray(data.tests) && (data.tests as { commands?: unknown }[]).some((t) => Array.isArray(t?.commands))) return 'side'
    }
  } catch {
    // Not JSON: the project-file import says where the syntax breaks.
  }
  return 'project'
}

export async function importProjectText(store: StoreApi<AppState>, text: string, fileName = 'project.json'): Promise<ImportOutcome> {
  const { client } = store.getState()
  try {
    const kind = importKind(fileName, text)
    let outcome: ImportOutcome
    if (kind === 'project') {
      outcome = { ok: true, summary: await client.projectFiles.import({ text }) }
    } else {
      const result = kind === 'side' ? await client.interop.importSide({ text, file_name: fileName }) : await client.interop.importRecording({ text, file_name: fileName })
      outcome = { ok: true, summary: result.summary, conversion: { from: kind === 'side' ? 'Selenium IDE' : 'Chrome DevTools Recorder', counts: result.counts, unconverted: result.unconverted } }
    }
    void store.getState().loadOutline()
    return outcome
  } catch (error) {
    if (error instanceof TestDeskError) return { ok: false, message: error.message, issues: error.issues ?? [] }
    return { ok: false, message: String(error), issues: [] }
  }
}
