// The version a report is stamped with; `system.info` and `testdesk --version` show the same one.
import pkg from '../../../package.json'

export const APP_VERSION: string = pkg.version
