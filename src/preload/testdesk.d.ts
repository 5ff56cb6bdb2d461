// `window.testdesk` as the renderer sees it: the contract's types, methods returning envelopes.
import type { Api } from '../shared/api'
import type { Bridge } from '../shared/api/transport'

declare global {
  interface Window {
    testdesk?: Bridge<Api>
  }
}

export {}
