import type { IdFactory } from './ids'
import type { ApiError, WireServerEvent } from './wire-types'

/** What the parts of a connection use to talk to the client. */
export interface EventSink {
  readonly ids: IdFactory
  send(event: WireServerEvent): void
  /**
   * Sends an `error` event for the client event being handled. The API echoes that event's
   * `event_id` in `error.event_id`, which is how the SDK releases a refused `response.create`
   * (reference §4, "Response sequencing").
   */
  sendError(error: ApiError): void
}
