// Real Chromium for UI tests, found the way TestDesk finds it for users.
import { chromium, type Browser } from 'playwright'
import { chromiumArgs, discoverBrowser } from '../../src/main/runner/browsers'

export async function launchTestBrowser(extraArgs: string[] = []): Promise<Browser> {
  const found = await discoverBrowser('chromium')
  if (!found.found || !found.path) {
    throw new Error(`UI tests need Chromium. ${found.hint}\nLooked at: ${found.tried.join(', ')}`)
  }
  return chromium.launch({ executablePath: found.path, headless: true, args: [...chromiumArgs({ headless: true }), ...extraArgs] })
}
