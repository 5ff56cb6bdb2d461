// Writes a run's report files: HTML (with its images inline or beside it), JUnit XML or JSON,
// each written whole to a temporary name first so a reader never sees half a report.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { REPORT_EXTENSIONS, type ExportedReport, type ReportFormat } from '../../shared/api/reports'
import type { Store } from '../store'
import { collectReportData } from './data'
import { renderHtml } from './html'
import { renderJson } from './json'
import { renderJunit } from './junit'

export interface WriteReportOptions {
  format: ReportFormat
  /** Absolute path of the file to write; its folder must exist. */
  path: string
  images?: 'inline' | 'beside'
}

export function writeReport(store: Store, runId: string, options: WriteReportOptions): ExportedReport {
  const data = collectReportData(store, runId)
  let text: string
  let imagesWritten: number | undefined
  if (options.format === 'html') {
    const folder = `${basename(options.path, extname(options.path))}-files`
    const rendered = renderHtml(data, { images: options.images, imagesFolder: folder })
    text = rendered.html
    if (options.images === 'beside') {
      if (rendered.files.length) mkdirSync(join(dirname(options.path), folder), { recursive: true })
      rendered.files.forEach((file, i) => {
        const target = join(dirname(options.path), file.name)
        // Named by content hash: an existing file of the same size is the same image
        // (files[i] is data.images[i], whose size is already known).
        if (!existsSync(target) || statSync(target).size !== data.images[i].size) copyFileSync(file.source, target)
      })
      imagesWritten = rendered.files.length
    }
  } else {
    text = options.format === 'junit' ? renderJunit(data) : renderJson(data)
  }
  const temp = `${options.path}.${process.pid}.tmp`
  try {
    writeFileSync(temp, text)
    renameSync(temp, options.path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  const bytes = Buffer.byteLength(text)
  return imagesWritten === undefined ? { path: options.path, bytes, format: options.format } : { path: options.path, bytes, format: options.format, images_written: imagesWritten }
}

/** File name a format gets in an output folder. */
export function reportFileName(format: ReportFormat): string {
  return format === 'junit' ? 'junit.xml' : `report.${REPORT_EXTENSIONS[format]}`
}
