// What both UI benchmarks start: a production build of the UI in a folder of its own (so a test
// run's development build in out/ cannot skew the figures), a core on a fresh data folder, browser
// mode serving both, and Chromium. `close` takes it all down and removes both folders.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchTestBrowser } from '../e2e/support/browser'
import { openCore } from '../src/main/core'
import { startHost } from '../src/main/host/server'
import { ensureBrowserUi } from '../src/main/host/ui-build'

const note = (text: string) => process.stderr.write(`${text}\n`)

export async function startBenchApp(dataPrefix: string) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'td-bench-ui-build-'))
  const started = Date.now()
  await ensureBrowserUi({ dir: rendererDir })
  note(`built the UI for production in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  const dataDir = mkdtempSync(join(tmpdir(), dataPrefix))
  const core = await openCore({ dataDir, execution: 'manual' })
  const call = async (name: string, input: unknown) => {
    const envelope = await core.dispatcher.call(name, input, { transport: 'direct' })
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`)
    return envelope.value as any
  }
  const host = await startHost({ dispatcher: core.dispatcher, events: core.events, rendererDir })
  const browser = await launchTestBrowser()
  const close = async () => {
    await browser.close()
    await host.close()
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(rendererDir, { recursive: true, force: true })
  }
  return { core, call, host, browser, close }
}
