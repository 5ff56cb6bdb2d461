// `reports`: write a run's report (one self-contained HTML file, JUnit XML for CI, or JSON of the
// whole run) and find the run a tester names by number, name or id.
import { z } from 'zod'
import { Id } from '../model/common'
import type { TestRun } from '../model/execution'
import { method, returns, type Namespace } from './contract'

export const REPORT_FORMATS = ['html', 'junit', 'json'] as const
export const ReportFormat = z.enum(REPORT_FORMATS)
export type ReportFormat = z.infer<typeof ReportFormat>

/** File extension of each format. */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = { html: 'html', junit: 'xml', json: 'json' }

export const ReportPath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'must not contain a NUL character' })

export const ExportReportInput = z
  .object({
    run_id: Id,
    format: ReportFormat.default('html'),
    /** Absolute, or relative to the working directory; default `<dataDir>/reports/Run_<number>/report.<ext>`. */
    path: ReportPath.optional(),
    /** HTML only: screenshots inlined (one file) or written beside it in `<name>-files/`. */
    images: z.enum(['inline', 'beside']).default('inline'),
  })
  .strict()
export type ExportReportInput = z.infer<typeof ExportReportInput>

export interface ExportedReport {
  path: string
  bytes: number
  format: ReportFormat
  /** Screenshots written beside an HTML report (images: 'beside'). */
  images_written?: number
}

export const reports = {
  export: method(ExportReportInput, returns<ExportedReport>()),
  /**
   * The run a reference names: an id (any project), or a run number (12) or run name (Run_012)
   * in `project_id` (default: the default project), since every project numbers its own runs.
   */
  findRun: method(z.object({ ref: z.string().trim().min(1, 'must not be empty').max(255), project_id: Id.optional() }).strict(), returns<TestRun>()),
} satisfies Namespace
