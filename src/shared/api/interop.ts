// `interop`: tests from other tools in (Selenium IDE `.side` projects, Chrome DevTools Recorder
// JSON) and out (a Playwright Test project). Imports go through the project-file import: checked
// first, written in one transaction, or only previewed with dry_run.
import { z } from 'zod'
import { Id } from '../model/common'
import { SuitePath } from '../model/definition'
import { PROJECT_FILE_LIMITS } from '../model/project-file'
import type { InteropImport } from '../interop/conversion'
import type { PlaywrightExport } from '../interop/playwright-export'
import { method, returns, type Namespace } from './contract'

const ImportInput = z
  .object({
    /** The file's text (JSON). */
    text: z.string().max(PROJECT_FILE_LIMITS.bytes, `a file is at most ${PROJECT_FILE_LIMITS.bytes / 1024 / 1024} MB`),
    /** The file's name, used for the suite and test names when the file names none. */
    file_name: z.string().max(500).optional(),
    /** Import into this project (name or id; default: the default project). */
    project: z.string().min(1).optional(),
    /** Only say what would be created; write nothing. */
    dry_run: z.boolean().default(false),
  })
  .strict()

export const interop = {
  importSide: method(ImportInput, returns<InteropImport>()),
  importRecording: method(ImportInput, returns<InteropImport>()),
  /** A Playwright Test project (files and their text) of the project, one suite or one test. */
  exportPlaywright: method(
    z.object({ project_id: Id.optional(), suite_path: SuitePath.optional(), test: z.string().min(1).max(500).optional() }).strict().default({}),
    returns<PlaywrightExport>(),
  ),
} satisfies Namespace
