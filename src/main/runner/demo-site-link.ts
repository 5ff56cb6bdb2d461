// Environments whose base URL is `testdesk:demo-site/` run against the demo web app shipped with
// TestDesk: the runner starts it on a free port for the run, so the demo project works anywhere.
import { startDemoSite, type DemoSiteServer } from '../demosite/server'

export const DEMO_SITE_URL = 'testdesk:demo-site/'

export interface DemoSiteHandle {
  url(): Promise<string>
  close(): Promise<void>
}

export function demoSiteHandle(): DemoSiteHandle {
  let server: Promise<DemoSiteServer> | null = null
  return {
    url() {
      server ??= startDemoSite()
      return server.then((s) => s.url)
    },
    async close() {
      const started = server
      server = null
      if (started) await (await started).close()
    },
  }
}
