// Download checkpoints: the last file the test downloaded (waiting, within the step's time, for
// one to arrive and finish) checked for its name, size, SHA-256 and text content.
import { open } from 'node:fs/promises'
import { DownloadCheckpoint, describeDownload, fileNameMatches } from '../../../shared/checkpoint-kinds'
import type { CheckpointResultInput, PropertyVerification } from '../../../shared/model/execution'
import { quoted, toRegExp, truncate } from '../../../shared/patterns'
import { StepFailure } from './failures'
import type { StepRun } from './step-run'
import type { DownloadRecord } from './types'

/** Content checks read at most this much of a file: enough for any report a test downloads. */
const MAX_TEXT_BYTES = 20 * 1024 * 1024

async function readText(path: string): Promise<string> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(Math.min((await file.stat()).size, MAX_TEXT_BYTES))
    await file.read(buffer, 0, buffer.length, 0)
    return buffer.toString('utf8').replace(/^\uFEFF/, '')
  } finally {
    await file.close()
  }
}

async function lastDownload(run: StepRun): Promise<DownloadRecord> {
  const records = run.session.downloads.records
  while (!records.length && run.remaining() > 20) await run.sleep(Math.min(50, run.remaining() - 20))
  if (!records.length) throw new StepFailure(`No file was downloaded within ${run.timeoutMs} ms`)
  await run.pw(() => run.session.downloads.settle(run.remaining()))
  const last = records[records.length - 1]
  if (last.error) throw new StepFailure(`${quoted(last.name)}: ${last.error}`)
  return last
}

export async function runDownloadCheckpoint(run: StepRun, raw: unknown): Promise<void> {
  const c = DownloadCheckpoint.parse(raw)
  const file = await lastDownload(run)
  const checks: PropertyVerification[] = []
  const check = (property_name: string, operator: string, expected_value: unknown, actual_value: unknown, passed: boolean) =>
    checks.push({ property_name, operator, expected_value, actual_value, passed })
  if (c.file_name) check('file_name', 'matches', c.file_name, file.name, fileNameMatches(file.name, c.file_name))
  if (c.min_size !== undefined) check('size', 'at_least', c.min_size, file.size, file.size >= c.min_size)
  if (c.max_size !== undefined) check(c.min_size !== undefined ? 'size#2' : 'size', 'at_most', c.max_size, file.size, file.size <= c.max_size)
  if (c.sha256) check('sha256', 'equals', c.sha256.toLowerCase(), file.sha256, file.sha256 === c.sha256.toLowerCase())
  if (c.contains !== undefined || c.matches !== undefined) {
    const text = await readText(file.path)
    const preview = truncate(text, 500)
    if (c.contains !== undefined) check('content', 'contains', c.contains, preview, text.includes(c.contains))
    if (c.matches !== undefined) check(c.contains !== undefined ? 'content#2' : 'content', 'matches', c.matches, preview, toRegExp(c.matches).test(text))
  }
  const failures = checks.filter((v) => !v.passed).map((v) => {
    if (v.property_name === 'content' || v.property_name === 'content#2') return `Expected ${quoted(file.name)} to ${v.operator === 'contains' ? 'contain' : 'match'} ${quoted(String(v.expected_value))} but it does not (it starts ${quoted(String(v.actual_value), 120)})`
    if (v.property_name === 'file_name') return `Expected the downloaded file's name to match ${quoted(String(v.expected_value))} but it is ${quoted(file.name)}`
    if (v.property_name === 'sha256') return `Expected ${quoted(file.name)} to have SHA-256 ${v.expected_value} but it has ${file.sha256}`
    return `Expected ${quoted(file.name)} to have ${v.operator === 'at_least' ? 'at least' : 'at most'} ${v.expected_value} bytes but it has ${file.size}`
  })
  const failed = failures.length > 0
  const parts = describeDownload(c)
  run.checkpoints.push({
    checkpoint_name: truncate(c.name ?? `Downloaded file ${quoted(file.name)}${parts.length ? ` ${parts.join(' and ')}` : ''}`, 255),
    checkpoint_type: 'download',
    status: failed ? 'failed' : 'passed',
    selector: null,
    profile: 'functional',
    expected_properties: Object.fromEntries(checks.map((v) => [v.property_name, v.expected_value])),
    actual_properties: { file_name: file.name, size: file.size, sha256: file.sha256, url: run.session.mask.clip(file.url, 2000) },
    failed_properties: checks.filter((v) => !v.passed).map((v) => v.property_name),
    property_verifications: run.session.mask.deep(checks),
    error_message: failed ? failures.join('; ') : null,
  } satisfies CheckpointResultInput)
  run.output = `${file.name}: ${file.size} bytes, SHA-256 ${file.sha256}`
  if (failed) throw new StepFailure(failures.join('; '))
}
