// The `schedules` namespace: the store keeps schedules and their history, the scheduler checks
// and plans them, previews them and runs them now.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import type { Page } from '../../shared/model/common'
import type { Schedule } from '../../shared/model/schedules'
import type { SchedulerService } from '../scheduler'
import type { Store } from '../store'
import { deleteAll, listWithFields } from './crud'

export function schedulesNamespace(store: Store, scheduler: SchedulerService): Implementation<Api>['schedules'] {
  const remove = (id: string) => {
    const deleted = store.schedules.delete(id)
    scheduler.deleted(id)
    return deleted
  }
  return {
    create: (input) => scheduler.create(input),
    get: ({ id }) => scheduler.view(store.schedules.get(id)),
    update: (input) => scheduler.update(input),
    delete: ({ id }) => remove(id),
    bulkDelete: ({ ids }) => deleteAll(store, ids, (id, field) => store.assertExists('schedules', id, field, 'schedule'), remove),
    list: listWithFields((query: Parameters<Implementation<Api>['schedules']['list']>[0]): Page<Schedule> => {
      const page = store.schedules.list(query)
      return { ...page, items: page.items.map((s) => scheduler.view(s)) }
    }, [...store.columnsOf('schedules'), 'description', 'next_run']),
    pause: ({ id }) => scheduler.pause(id),
    resume: ({ id }) => scheduler.resume(id),
    history: ({ id, ...query }) => store.schedules.history(id, query),
    pending: ({ at }) => store.schedules.due((at ? new Date(at) : scheduler.clock.now()).toISOString()).map((s) => scheduler.view(s)),
    preview: (input) => scheduler.preview(input),
    runNow: ({ id }) => scheduler.runNow(id),
    status: () => scheduler.status(),
    settings: () => store.schedulerSettings.get(),
    updateSettings: (input) => store.schedulerSettings.update(input),
  }
}
