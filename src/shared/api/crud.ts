// The methods every editable collection has, declared once: create, get, update, delete, list,
// and bulk create/update/delete that succeed or fail as a whole.
import { z } from 'zod'
import { ById, ByIds, type BulkDeleted, type Deleted, type Page } from '../model/common'
import { method, returns } from './contract'

export const MAX_BULK = 1000

export function crud<C extends z.ZodType, U extends z.ZodType, L extends z.ZodType, T, Full = T>(
  create: C,
  update: U,
  list: L,
  _item: T,
  _full?: Full,
) {
  return {
    create: method(create, returns<Full>()),
    get: method(ById, returns<Full>()),
    update: method(update, returns<Full>()),
    delete: method(ById, returns<Deleted>()),
    /** Pages of items; with `fields`, each item carries only those fields (and id). */
    list: method(list, returns<Page<T>>()),
    bulkCreate: method(z.object({ items: z.array(create).min(1).max(MAX_BULK) }).strict(), returns<Full[]>()),
    bulkUpdate: method(z.object({ items: z.array(update).min(1).max(MAX_BULK) }).strict(), returns<Full[]>()),
    bulkDelete: method(ByIds, returns<BulkDeleted>()),
  }
}
