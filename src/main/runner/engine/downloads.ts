// Files the pages download (links, attachments, generated blobs): saved into the caller's
// downloads folder with their size and SHA-256, without holding up the step that started them.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContext, Download } from 'playwright'
import type { StepClock } from './step-clock'
import type { DownloadRecord } from './types'
import { withinMs } from './within'

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function safeFileName(name: string): string {
  return name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').slice(0, 200) || 'download'
}

export class Downloads {
  readonly records: DownloadRecord[] = []
  private readonly pending = new Set<Promise<void>>()
  private count = 0

  constructor(
    private readonly context: BrowserContext,
    private readonly dir: string | null,
    private readonly clock: StepClock,
  ) {}

  attach(): void {
    this.context.on('download', this.onDownload)
  }

  detach(): void {
    this.context.off('download', this.onDownload)
  }

  /** Waits for downloads under way, at most `boundMs`; unfinished ones are recorded with an error. */
  async settle(boundMs: number): Promise<void> {
    if (!this.pending.size) return
    await withinMs(Promise.allSettled([...this.pending]), boundMs, [])
  }

  private readonly onDownload = (download: Download) => {
    const record: DownloadRecord = {
      name: download.suggestedFilename(),
      size: 0,
      sha256: '',
      path: '',
      url: download.url(),
      step_index: this.clock.current,
      error: 'The download had not finished when the test ended',
    }
    this.records.push(record)
    const work = this.save(download, record, ++this.count)
      .catch((error: unknown) => void (record.error = `The download failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`))
      .finally(() => this.pending.delete(work))
    this.pending.add(work)
  }

  private async save(download: Download, record: DownloadRecord, n: number): Promise<void> {
    let path: string
    if (this.dir) {
      await mkdir(this.dir, { recursive: true })
      path = join(this.dir, `${n}-${safeFileName(record.name)}`)
      await download.saveAs(path)
    } else {
      path = await download.path()
    }
    const failure = await download.failure()
    if (failure) throw new Error(failure)
    const [info, sha256] = await Promise.all([stat(path), sha256Of(path)])
    Object.assign(record, { path, size: info.size, sha256 })
    delete record.error
  }
}
