// The whole run as one JSON document, for scripts and other tools: the same data the HTML report
// shows, with screenshots named by content hash and path instead of embedded.
import type { ReportData } from './types'

export const JSON_REPORT_FORMAT = 'testdesk-run-report'
export const JSON_REPORT_VERSION = 1

export function renderJson(data: ReportData): string {
  const document = {
    format: JSON_REPORT_FORMAT,
    version: JSON_REPORT_VERSION,
    generated_at: data.generated_at,
    app_version: data.app_version,
    run: data.run,
    tests: data.tests,
    /** Indexes used by `screenshot`, `error_screenshot` and checkpoint `images` fields. */
    images: data.images.map((image, index) => ({ index, sha256: image.sha256, mime: image.mime, size: image.size, file: image.file })),
  }
  return JSON.stringify(document, null, 2) + '\n'
}
