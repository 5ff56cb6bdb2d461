// `system` namespace: facts about this installation.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import { discoverBrowser } from '../runner/browsers'
import { APP_VERSION } from '../report/app-version'
import type { CoreContext } from './context'
import { schemaVersion } from '../store/db'
import { openFolder } from './open-folder'

export function systemNamespace(ctx: CoreContext): Implementation<Api>['system'] {
  return {
    async info() {
      return {
        appName: 'TestDesk' as const,
        appVersion: APP_VERSION,
        dataDir: ctx.dataDir,
        databasePath: ctx.databasePath,
        schemaVersion: schemaVersion(ctx.db),
        platform: `${process.platform}-${process.arch}`,
        nodeVersion: process.versions.node,
        electronVersion: process.versions.electron ?? null,
        browser: await discoverBrowser('chromium'),
      }
    },
    findBrowser: ({ browser }) => discoverBrowser(browser),
    openDataDir: () => openFolder(ctx.dataDir),
  }
}
