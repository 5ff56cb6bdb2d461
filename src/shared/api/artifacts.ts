// `artifacts`: the files an execution kept (screenshots, traces), for windows that cannot read
// the data folder themselves (browser mode): an image's bytes, and where a trace is with the
// command that opens it.
import { z } from 'zod'
import { Id } from '../model/common'
import { method, returns, type Namespace } from './contract'

/** A path as results store it: relative to the data folder, never climbing out of it. */
export const ArtifactPath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500)
  .refine((p) => !/^([\\/]|[a-zA-Z]:)/.test(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\0'), {
    message: 'must be a path inside the data folder, as a result names it',
  })

/** The largest image sent whole; screenshots are far smaller. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024

export interface ArtifactImage {
  path: string
  mime: string
  bytes: number
  /** The image, base64-encoded. */
  data: string
}

export interface TraceLocation {
  /** Absolute path of the trace.zip on this machine. */
  file: string
  /** The command that opens it in Playwright's trace viewer. */
  command: string
}

export const artifacts = {
  /** A screenshot an execution kept, by the path its result names. */
  image: method(z.object({ path: ArtifactPath }).strict(), returns<ArtifactImage>()),
  /** The Playwright trace kept for a result; null when none was kept. */
  trace: method(z.object({ test_run_result_id: Id }).strict(), returns<TraceLocation | null>()),
  /** Where files that results name are on this machine (absolute paths), in the order asked. */
  files: method(z.object({ paths: z.array(ArtifactPath).max(10_000) }).strict(), returns<string[]>()),
} satisfies Namespace
