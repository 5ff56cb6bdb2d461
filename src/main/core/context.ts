// What every namespace of the core shares: the open database, the data directory, the event bus.
import type { Api } from '../../shared/api'
import type { Store } from '../store'
import type { Db } from '../store/db'
import type { EventBus } from './events'

export interface CoreContext {
  dataDir: string
  databasePath: string
  db: Db
  events: EventBus<Api>
  store: Store
}
