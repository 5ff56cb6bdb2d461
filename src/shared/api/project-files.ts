// `projectFiles`: a project or one suite as one JSON file (export), and back (import).
import { z } from 'zod'
import { Id } from '../model/common'
import { SuitePath } from '../model/definition'
import { PROJECT_FILE_LIMITS, type ImportSummary, type ProjectFile } from '../model/project-file'
import { method, returns, type Namespace } from './contract'

export const projectFiles = {
  export: method(z.object({ project_id: Id.optional(), suite_path: SuitePath.optional() }).strict().default({}), returns<ProjectFile>()),
  /** Give the file as parsed JSON (`file`) or as its text (`text`); everything is checked before anything is written. */
  import: method(
    z
      .object({ file: z.unknown().optional(), text: z.string().max(PROJECT_FILE_LIMITS.bytes, `a project file is at most ${PROJECT_FILE_LIMITS.bytes / 1024 / 1024} MB`).optional(), project: z.string().min(1).optional() })
      .strict()
      .refine((input) => (input.file === undefined) !== (input.text === undefined), { message: 'give either file or text', path: ['file'] }),
    returns<ImportSummary>(),
  ),
  /** The JSON Schema of project files. */
  schema: method(z.object({}).strict().default({}), returns<Record<string, unknown>>()),
} satisfies Namespace
