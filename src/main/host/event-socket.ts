// One page's events socket: the subscriptions the page asked for over it (each numbered by the
// page) and the outbox they share. Requests are checked like contract input; a refused one is
// answered with what was wrong and changes nothing.
import type { WebSocket } from 'ws'
import { api, type Api } from '../../shared/api'
import type { Unsubscribe } from '../../shared/api/contract'
import { issuesFromZod, TestDeskError, validationError } from '../../shared/api/errors'
import { latestKey, parseSubscription } from '../../shared/api/subscription'
import { SocketRequest, type SocketMessage } from '../../shared/api/transport'
import type { EventSource } from '../core/events'
import { Outbox, type OutboxLimits } from './outbox'

const MAX_SUBSCRIPTIONS = 200
/** Sent when the page fell too far behind; it reconnects and reads again what it shows. */
export const CLOSE_TOO_SLOW = 4008

export function serveEventSocket(ws: WebSocket, events: EventSource<Api>, limits?: OutboxLimits): void {
  const subscriptions = new Map<number, Unsubscribe>()
  const stop = () => {
    for (const off of subscriptions.values()) off()
    subscriptions.clear()
    outbox.close()
  }
  const outbox = new Outbox(
    { send: (data, done) => ws.send(data, done) },
    () => {
      stop()
      console.warn('[testdesk] a page did not read its events in time; its socket is closed')
      ws.close(CLOSE_TOO_SLOW, 'Events were not read in time')
    },
    limits,
  )
  const post = (message: SocketMessage, key: string | null = null) => outbox.push(JSON.stringify(message), key)
  const refuse = (id: number | null, message: string) => post({ type: 'refused', id, message })

  ws.on('close', stop)
  ws.on('message', (raw) => {
    let request: SocketRequest
    try {
      const parsed = SocketRequest.safeParse(JSON.parse(String(raw)))
      if (!parsed.success) return refuse(null, validationError(issuesFromZod(parsed.error.issues), 'Invalid events request').message)
      request = parsed.data
    } catch {
      return refuse(null, 'Invalid events request: not JSON')
    }
    const { id } = request
    if (request.type === 'unsubscribe') {
      subscriptions.get(id)?.()
      subscriptions.delete(id)
      return
    }
    if (subscriptions.has(id)) return refuse(id, `Subscription ${id} is already in use on this socket`)
    if (subscriptions.size >= MAX_SUBSCRIPTIONS) return refuse(id, `At most ${MAX_SUBSCRIPTIONS} subscriptions per socket`)
    try {
      const subscription = parseSubscription(api, { events: request.events, filter: request.filter })
      subscriptions.set(
        id,
        events.listen(subscription, ({ name, payload }) => {
          const latest = latestKey(api, name, payload)
          post({ type: 'event', id, event: name, payload }, latest === null ? null : `${id}:${latest}`)
        }),
      )
      post({ type: 'subscribed', id })
    } catch (error) {
      refuse(id, error instanceof TestDeskError ? error.message : String(error))
    }
  })
}
