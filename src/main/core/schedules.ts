// The `schedules` namespace: the store keeps schedules and their history, the scheduler checks
// and plans them, previews them and runs them now.
import type { Api } from '../../shared/api'
import type { Implementation } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { Schedule } from '../../shared/model/schedules'
import type { SchedulerService } from '../scheduler'
import type { Store } from '../store'
import { selectFields } from '../store/table'
import { checkFields } from './crud'

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
    bulkDelete: ({ ids }) =>
      store.tx(() => {
        ids.forEach((id, i) => {
          if (!store.t.schedules.exists(id)) throw TestDeskError.validation(`ids.${i}`, `no schedule with id ${id}`)
        })
        for (const id of ids) remove(id)
        return { deleted: ids.length }
      }),
    list: (query) => {
      checkFields(query.fields, [...store.t.schedules.shape.columns, 'description', 'next_run'])
      const page = store.schedules.list(query)
      return selectFields({ ...page, items: page.items.map((s) => scheduler.view(s)) }, query.fields) as Page<Schedule>
    },
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
