// What the window keeps of each assistant it is not showing (issue 14: several can be connected at
// once): its connection, captions and turn figures, built from its tagged events with the same
// reducers as the shown one's, so switching to it shows exactly what it said meanwhile. Pure.
import type { EventChannel, EventPayload } from '../../../shared/ipc'
import type { ErrorCode } from '../../../shared/realtime-events'
import {
  applyAudioFlush,
  applyHistory,
  applyItemTruncated,
  applyTranscriptDelta,
  applyTranscriptDone,
  emptyConversation,
  type ConversationState
} from './conversation-model'
import { applyTurnMetrics, emptyTurnMetrics, type TurnMetricsState } from './turn-metrics-model'

export interface ConnectionView {
  status: EventPayload<'session.status'>['status']
  reason: string | null
  code: ErrorCode | null
  errorMessage: string | null
}

export interface AssistantView {
  connection: ConnectionView
  conversation: ConversationState
  metrics: TurnMetricsState
  /** Its answer's audio is arriving (the switcher's mark). */
  speaking: boolean
}

export const emptyAssistantView = (): AssistantView => ({
  connection: { status: 'disconnected', reason: null, code: null, errorMessage: null },
  conversation: emptyConversation(),
  metrics: emptyTurnMetrics(),
  speaking: false
})

/**
 * Channels whose events also reach the page's usual listeners when they come from an assistant not
 * shown: its answer is played (one player, items in order) and the player reports by item id.
 */
export const SHARED_CHANNELS: ReadonlySet<EventChannel> = new Set([
  'audio.delta',
  'audio.done',
  'audio.flush'
])

/** The assistant a session event comes from; undefined for every other event. */
export function assistantOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('assistantId' in payload))
    return undefined
  const { assistantId } = payload
  return typeof assistantId === 'string' ? assistantId : undefined
}

/** One tagged event of an assistant not shown, applied to its view. */
export function applyToView(
  view: AssistantView,
  channel: EventChannel,
  payload: unknown
): AssistantView {
  switch (channel) {
    case 'session.status': {
      const { status, reason, code } = payload as EventPayload<'session.status'>
      const errorMessage =
        status === 'connecting' || status === 'reconnecting' ? null : view.connection.errorMessage
      return {
        ...view,
        connection: { status, reason: reason ?? null, code: code ?? null, errorMessage },
        speaking: status === 'connected' && view.speaking
      }
    }
    case 'error': {
      const { code, message } = payload as EventPayload<'error'>
      return { ...view, connection: { ...view.connection, code, errorMessage: message } }
    }
    case 'transcript.delta':
      return {
        ...view,
        conversation: applyTranscriptDelta(
          view.conversation,
          payload as EventPayload<'transcript.delta'>
        )
      }
    case 'transcript.done':
      return {
        ...view,
        conversation: applyTranscriptDone(
          view.conversation,
          payload as EventPayload<'transcript.done'>
        )
      }
    case 'history.updated':
      return {
        ...view,
        conversation: applyHistory(view.conversation, payload as EventPayload<'history.updated'>)
      }
    case 'item.truncated':
      return {
        ...view,
        conversation: applyItemTruncated(
          view.conversation,
          payload as EventPayload<'item.truncated'>
        )
      }
    case 'audio.flush':
      return {
        ...view,
        speaking: false,
        conversation: applyAudioFlush(view.conversation, payload as EventPayload<'audio.flush'>)
      }
    case 'turn.metrics':
      return {
        ...view,
        metrics: applyTurnMetrics(view.metrics, payload as EventPayload<'turn.metrics'>)
      }
    case 'audio.delta':
      return view.speaking ? view : { ...view, speaking: true }
    case 'audio.done':
    case 'response.done':
      return view.speaking ? { ...view, speaking: false } : view
    default:
      return view
  }
}
