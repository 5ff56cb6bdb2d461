// The generic half of the contract's collections: bulk operations in one transaction with
// errors naming the item (`items.3.name`), and field selection checked against what exists.
import { TestDeskError } from '../../shared/api/errors'
import type { Page } from '../../shared/model/common'
import type { Store } from '../store'
import { selectFields } from '../store/table'

export interface Editable<T, C, U> {
  create(input: C, prefix?: string): T
  get(id: string): T
  update(input: U, prefix?: string): T
  delete(id: string): { id: string; deleted: true }
}

export function crudMethods<T, C, U, L extends { fields?: string[] }, Item extends object>(
  store: Store,
  repo: Editable<T, C, U>,
  list: (query: L) => Page<Item>,
  /** Names a `fields` selection may use. */
  fieldNames: readonly string[],
) {
  return {
    create: (input: C) => repo.create(input),
    get: ({ id }: { id: string }) => repo.get(id),
    update: (input: U) => repo.update(input),
    delete: ({ id }: { id: string }) => repo.delete(id),
    list: (query: L) => {
      checkFields(query.fields, fieldNames)
      return selectFields(list(query), query.fields) as Page<Item>
    },
    bulkCreate: ({ items }: { items: C[] }) => store.tx(() => items.map((item, i) => repo.create(item, `items.${i}`))),
    bulkUpdate: ({ items }: { items: U[] }) => store.tx(() => items.map((item, i) => repo.update(item, `items.${i}`))),
    bulkDelete: ({ ids }: { ids: string[] }) =>
      store.tx(() => {
        ids.forEach((id, i) => {
          try {
            repo.get(id)
          } catch {
            throw TestDeskError.validation(`ids.${i}`, `nothing with id ${id}`)
          }
        })
        for (const id of ids) repo.delete(id)
        return { deleted: ids.length }
      }),
  }
}

export function checkFields(fields: readonly string[] | undefined, known: readonly string[]): void {
  fields?.forEach((field, i) => {
    if (!known.includes(field)) {
      throw TestDeskError.validation(`fields.${i}`, `unknown field '${field}' (known: ${known.join(', ')})`)
    }
  })
}
