// Project files from the app: export downloads the project as one JSON file (a save dialog in
// the desktop app), import reads a file the tester picks and shows what the import said.
import type { StoreApi } from 'zustand/vanilla'
import type { ImportSummary } from '../../shared/model/project-file'
import { TestDeskError, type FieldIssue } from '../../shared/api/errors'
import type { AppState } from './store'

export function projectFileName(projectName: string, date = new Date()): string {
  const safe = projectName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project'
  return `${safe}-${date.toISOString().slice(0, 10)}.testdesk.json`
}

export async function exportProject(store: StoreApi<AppState>): Promise<void> {
  const { client, toast, outline } = store.getState()
  try {
    const file = await client.projectFiles.export({})
    const name = projectFileName(outline?.project.name ?? 'project')
    const blob = new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = name
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    toast(`Exported ${name}`)
  } catch (error) {
    toast(`Export failed: ${(error as Error).message}`, { tone: 'error' })
  }
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; message: string; issues: FieldIssue[] }

export async function importProjectText(store: StoreApi<AppState>, text: string): Promise<ImportOutcome> {
  try {
    const summary = await store.getState().client.projectFiles.import({ text })
    void store.getState().loadOutline()
    return { ok: true, summary }
  } catch (error) {
    if (error instanceof TestDeskError) return { ok: false, message: error.message, issues: error.issues ?? [] }
    return { ok: false, message: String(error), issues: [] }
  }
}
