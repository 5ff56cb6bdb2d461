// `interop`: Selenium IDE and DevTools Recorder files in, a Playwright Test project out. The
// importers turn a file into a project file and hand it to the project-file import, so it is
// checked the same way and written in one transaction; a dry run does the same import and rolls
// it back, so its summary is exactly what a real import would say.
import { createHash } from 'node:crypto'
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import type { Conversion, IdOf, InteropImport, ProjectRef } from '../../shared/interop/conversion'
import { playwrightProject } from '../../shared/interop/playwright-export'
import { convertRecording } from '../../shared/interop/recording'
import { convertSide } from '../../shared/interop/side'
import type { ImportSummary, ProjectFile } from '../../shared/model/project-file'
import type { Store } from '../store'
import type { StepValidator } from '../store/tests'
import { exportProject } from './project-files'
import { importProject, parseProjectText } from './project-import'

/** A UUID (version 8) from a key: importing the same file again finds the same rows. */
export const stableId: IdOf = (key) => {
  const hex = createHash('sha256').update(`testdesk-interop:${key}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

type Converter = (raw: unknown, project: ProjectRef, idOf: IdOf, fileName?: string) => Conversion

const ROLLBACK = Symbol('dry run')

function importConverted(store: Store, convert: Converter, input: { text: string; file_name?: string; project?: string; dry_run: boolean }, validateStep?: StepValidator): InteropImport {
  // The file is read and converted before the project is looked up, so a broken file changes
  // nothing (not even the default project a first call would create).
  const raw = parseProjectText(input.text)
  const placeholder = { id: stableId('placeholder'), name: 'placeholder', description: null }
  const conversion = convert(raw, placeholder, stableId, input.file_name)
  const projectId = input.project ? store.projects.find(input.project).id : store.defaultProjectId
  const project = store.projects.get(projectId)
  conversion.file.project = { id: project.id, name: project.name, description: project.description }
  let summary: ImportSummary | null = null
  const run = () => importProject(store, conversion.file, { project: projectId, validateStep })
  if (input.dry_run) {
    try {
      store.tx(() => {
        summary = run()
        throw ROLLBACK
      })
    } catch (error) {
      if (error !== ROLLBACK) throw error
    }
  } else {
    summary = run()
  }
  const suiteOf = new Map<string, string[]>()
  for (const suite of conversion.file.suites ?? []) for (const id of suite.tests ?? []) if (!suiteOf.has(id)) suiteOf.set(id, suite.path)
  return {
    summary: summary!,
    dry_run: input.dry_run,
    counts: conversion.counts,
    unconverted: conversion.unconverted,
    tests: (conversion.file.tests ?? []).map((t) => ({
      name: t.name,
      suite: suiteOf.get(t.id) ?? [],
      steps: t.steps?.length ?? 0,
      disabled: (t.steps ?? []).filter((s) => s.disabled).length,
    })),
  }
}

export function interopNamespace(store: Store, validateStep?: StepValidator): Implementation<Api>['interop'] {
  return {
    importSide: (input) => importConverted(store, convertSide, input, validateStep),
    importRecording: (input) => importConverted(store, convertRecording, input, validateStep),
    exportPlaywright: ({ project_id, suite_path, test }) => {
      const file: ProjectFile = exportProject(store, { project_id, suite_path })
      try {
        return playwrightProject(file, { testName: test })
      } catch (error) {
        throw TestDeskError.validation('test', (error as Error).message)
      }
    },
  }
}
