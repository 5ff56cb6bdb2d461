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
    list: listWithFields(list, fieldNames),
    bulkCreate: ({ items }: { items: C[] }) => store.tx(() => items.map((item, i) => repo.create(item, `items.${i}`))),
    bulkUpdate: ({ items }: { items: U[] }) => store.tx(() => items.map((item, i) => repo.update(item, `items.${i}`))),
    bulkDelete: ({ ids }: { ids: string[] }) =>
      deleteAll(
        store,
        ids,
        (id, field) => {
          try {
            repo.get(id)
          } catch {
            throw TestDeskError.validation(field, `nothing with id ${id}`)
          }
        },
        (id) => repo.delete(id),
      ),
  }
}

/** A list honouring `fields`: names outside `known` are refused (fields.N), the rest select. */
export function listWithFields<Q extends { fields?: string[] }, T extends object>(list: (query: Q) => Page<T>, known: readonly string[]) {
  return (query: Q): Page<T> => {
    checkFields(query.fields, known)
    return selectFields(list(query), query.fields) as Page<T>
  }
}

/**
 * Deletes every id or none, in one transaction: each is checked first (`check` throws naming its
 * field, `ids.3`), then all are removed.
 */
export function deleteAll(store: Store, ids: readonly string[], check: (id: string, field: string) => void, remove: (id: string) => unknown): { deleted: number } {
  return store.tx(() => {
    ids.forEach((id, i) => check(id, `ids.${i}`))
    for (const id of ids) remove(id)
    return { deleted: ids.length }
  })
}

export function checkFields(fields: readonly string[] | undefined, known: readonly string[]): void {
  fields?.forEach((field, i) => {
    if (!known.includes(field)) {
      throw TestDeskError.validation(`fields.${i}`, `unknown field '${field}' (known: ${known.join(', ')})`)
    }
  })
}
