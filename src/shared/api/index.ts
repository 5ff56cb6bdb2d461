// The contract: every namespace TestDesk's UI, CLI and host speak. Add a namespace here and the
// core must implement it (compile error otherwise); every transport picks it up by itself.
import { system } from './system'

export const api = {
  system,
}

export type Api = typeof api
export * from './contract'
export * from './errors'
export type * from './system'
