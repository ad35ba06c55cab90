// Core events (and the session manager's statuses) → IPC event channels: one case per event type,
// checked exhaustively by the compiler so that a new core event cannot be forgotten silently.
import { redactText } from '../logging/redact'
import type { EventChannel, EventPayload } from '../../shared/ipc'
import type { ConnectionStatus, ErrorCode, RealtimeCoreEvent } from '../../shared/realtime-events'

/** `reconnecting` is the session manager's own state; one controller never reconnects. */
export type SessionStatus = ConnectionStatus | 'reconnecting'
export interface SessionStatusEvent {
  type: 'status'
  status: SessionStatus
  reason?: string
  code?: ErrorCode
}
/** What the session manager reports: the core's events, with its own statuses. */
export type SessionEvent = Exclude<RealtimeCoreEvent, { type: 'status' }> | SessionStatusEvent

export type IpcEventMessage = {
  [C in EventChannel]: { channel: C; payload: EventPayload<C> }
}[EventChannel]

export type IpcEmit = <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void

export function toIpcEvent(event: SessionEvent): IpcEventMessage {
  switch (event.type) {
    case 'status': {
      const payload: EventPayload<'session.status'> = { status: event.status }
      // Reasons and error texts may quote the server: redacted on the way to the window too.
      if (event.reason !== undefined) payload.reason = redactText(event.reason)
      if (event.code !== undefined) payload.code = event.code
      return { channel: 'session.status', payload }
    }
    case 'audio':
      return {
        channel: 'audio.delta',
        payload: { responseId: event.responseId, itemId: event.itemId, pcm: ownBytes(event.pcm) }
      }
    case 'audio_interrupted':
      return { channel: 'audio.flush', payload: { itemId: event.itemId } }
    case 'audio_done':
      return {
        channel: 'audio.done',
        payload: { responseId: event.responseId, itemId: event.itemId }
      }
    case 'transcript_delta':
      return {
        channel: 'transcript.delta',
        payload: { role: event.role, itemId: event.itemId, delta: event.delta }
      }
    case 'transcript_done':
      return {
        channel: 'transcript.done',
        payload: { role: event.role, itemId: event.itemId, text: event.text }
      }
    case 'speech_started':
      return { channel: 'speech.started', payload: { itemId: event.itemId } }
    case 'speech_stopped':
      return { channel: 'speech.stopped', payload: { itemId: event.itemId } }
    case 'history':
      return { channel: 'history.updated', payload: { items: event.items } }
    case 'response_started':
      return { channel: 'response.started', payload: { responseId: event.responseId } }
    case 'response_done':
      return {
        channel: 'response.done',
        payload: { responseId: event.responseId, status: event.status, usage: event.usage }
      }
    case 'tool_call':
      return {
        channel: 'tool.call',
        payload: { callId: event.callId, name: event.name, arguments: event.arguments }
      }
    case 'truncated':
      return {
        channel: 'item.truncated',
        payload: { itemId: event.itemId, audioEndMs: event.audioEndMs }
      }
    case 'turn_metrics': {
      const { type: _type, ...metrics } = event
      return { channel: 'turn.metrics', payload: metrics }
    }
    case 'error':
      return { channel: 'error', payload: { code: event.code, message: redactText(event.message) } }
  }
}

/** Hand a mapped message to a typed emitter (the union does not narrow across two arguments). */
export function emitMessage(emit: IpcEmit, message: IpcEventMessage): void {
  ;(emit as (channel: EventChannel, payload: unknown) => void)(message.channel, message.payload)
}

/** The contract wants ArrayBuffer-backed bytes; copy only in the rare SharedArrayBuffer case. */
function ownBytes(pcm: Uint8Array): Uint8Array<ArrayBuffer> {
  return pcm.buffer instanceof ArrayBuffer ? (pcm as Uint8Array<ArrayBuffer>) : new Uint8Array(pcm)
}
