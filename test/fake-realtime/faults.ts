// Fault injection: the failures Hark must survive, produced on demand. Tests change
// `server.faults` at any time; a mid-response fault fires once and then disarms itself, so a
// reconnect after a dropped socket gets a healthy server.
import type { IdFactory } from './ids'
import type { ServerEvent } from './wire-types'

export type FaultKind =
  /** Terminate the TCP socket with no close frame (the client sees 1006). */
  | 'drop'
  /** Close with 1011, as the API does after an internal error. */
  | 'close-1011'
  /** End the session as its time limit does: a `session_expired` error, then close 1001. */
  | 'expire'
  /** Send a text frame that is not JSON. */
  | 'malformed-json'
  /** Send valid JSON with an `event_id` and a type the protocol does not have. */
  | 'unknown-event'
  /**
   * Send `conversation.item.added` for a user audio message without the `transcript` key. It is
   * valid per the openai types, but the SDK's item schema rejects it and throws inside its ws
   * listener (reference §7), which becomes an uncaught exception in the client process.
   */
  | 'invalid-item'

export interface MidResponseFault {
  kind: FaultKind
  /** Fire in the next audio or text response once this many chunks were sent (0 = before any). */
  afterAudioChunks: number
}

/**
 * A proxy in front of the API that echoes the request's Authorization header (with the key) back
 * in what it sends: in a refused upgrade's body, in an `error` event after the upgrade, or in the
 * close frame's reason. Hark must show and log none of it unredacted (docs/security.md).
 */
export type EchoAuthorization = 'refused-upgrade' | 'error-event' | 'close-reason'

export interface FakeFaults {
  /** Every connection while set. */
  echoAuthorization: EchoAuthorization | null
  /** One-shot: fires once, then resets to null. */
  midResponse: MidResponseFault | null
  /** Wait this long after `response.create` before `response.created`. */
  responseStartDelayMs: number
  /** Wait this long after `response.created` before the output item (time to first audio). */
  firstAudioDelayMs: number
  /**
   * One-shot: the next user message (`conversation.item.create`) is never taken; the socket is
   * dropped as it arrives, so the client cannot know whether the server had it.
   */
  dropAfterUserMessage: boolean
  /** Never answer a WebSocket ping: a dead network path, as the client's keepalive sees it. */
  ignorePings: boolean
  /**
   * What `response.done` says about usage: as the API does, nothing (a server that omits it), or
   * something malformed (negative counts). Usage is optional in the typings, so both are sent.
   */
  usage: 'normal' | 'missing' | 'malformed'
}

export function noFaults(): FakeFaults {
  return {
    echoAuthorization: null,
    midResponse: null,
    responseStartDelayMs: 0,
    firstAudioDelayMs: 0,
    dropAfterUserMessage: false,
    ignorePings: false,
    usage: 'normal'
  }
}

/** Faults that end the connection instead of sending a frame. */
export type EndingFault = Extract<FaultKind, 'drop' | 'close-1011' | 'expire'>

export function isEndingFault(kind: FaultKind): kind is EndingFault {
  return kind === 'drop' || kind === 'close-1011' || kind === 'expire'
}

/** The API's words when a session reaches its time limit (reference realtime-2026-11 §1). */
export const SESSION_EXPIRED_MESSAGE = 'Your session hit the maximum duration of 60 minutes.'

/** The text frame for a fault that sends something. */
export function faultFrame(kind: Exclude<FaultKind, EndingFault>, ids: IdFactory): string {
  switch (kind) {
    case 'malformed-json':
      return `{"type":"response.output_audio.delta","event_id":"${ids.next('event')}","delta":`
    case 'unknown-event':
      return JSON.stringify({ type: 'fake.unknown_event', event_id: ids.next('event'), detail: 1 })
    case 'invalid-item': {
      const event = {
        type: 'conversation.item.added',
        event_id: ids.next('event'),
        previous_item_id: null,
        item: {
          id: ids.next('item'),
          object: 'realtime.item',
          type: 'message',
          role: 'user',
          status: 'completed',
          content: [{ type: 'input_audio' }]
        }
      } satisfies ServerEvent<'conversation.item.added'>
      return JSON.stringify(event)
    }
  }
}

/** What the echoing proxy says, with the header as it arrived. */
export function echoedAuthorization(header: string): string {
  return `Upstream refused the request (Authorization: ${header})`
}
