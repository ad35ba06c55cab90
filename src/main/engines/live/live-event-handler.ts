// What each GPT-Live server event (already checked, live-server-events.ts) does to the
// conversation, the usage meter and the core events: audio and captions go into turns, a
// delegation is handed on, usage figures replace the last (cumulative, SessionUsage), and an
// `error` event is said in words without ending the session.
import type { RealtimeCoreEvent } from '../../../shared/realtime-events'
import type { RealtimeLog } from '../../realtime/event-bus'
import { delegateTask, type DelegationSession, type LiveDelegationHandler } from './delegation'
import { liveErrorEvent } from './live-failures'
import type { LiveConversation } from './live-conversation'
import type { LiveServerEvent } from './live-server-events'
import type { LiveSocketClose, LiveSocketHandlers } from './live-socket'
import type { LiveUsageMeter } from './live-usage'

export interface LiveEventContext {
  conversation: LiveConversation
  usage: LiveUsageMeter
  emit: (event: RealtimeCoreEvent) => void
  log: RealtimeLog
  /** Captions or audio arrived: the open turns stay open until the line is quiet. */
  touch: () => void
  delegation: { handler: LiveDelegationHandler | undefined; session: DelegationSession }
}

export function handleLiveEvent(event: LiveServerEvent, context: LiveEventContext): void {
  switch (event.type) {
    case 'session.output_audio.delta': {
      const pcm = Buffer.from(event.delta, 'base64')
      if (pcm.byteLength % 2 !== 0) {
        context.emit({
          type: 'error',
          code: 'protocol',
          message: `GPT-Live sent ${pcm.byteLength} bytes of audio, not whole 16-bit samples; that piece was skipped.`
        })
        return
      }
      context.conversation.assistantAudio(
        new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength)
      )
      return context.touch()
    }
    case 'session.input_transcript.delta':
    case 'session.output_transcript.delta': {
      const role = event.type === 'session.input_transcript.delta' ? 'user' : 'assistant'
      context.conversation.fragment(role, event.delta, event.start_ms, event.end_ms)
      return context.touch()
    }
    case 'session.delegation.created':
      // Hark starts sessions with client delegation only; any other target is the server's.
      if (event.delegation.target !== 'client') return
      void delegateTask(
        { id: event.delegation.id, offsetMs: event.offset_ms },
        {
          handler: context.delegation.handler,
          book: context.conversation,
          session: context.delegation.session,
          onFailure: (message) => context.emit({ type: 'error', code: 'tool', message })
        }
      )
      return
    case 'session.usage.updated':
      return context.usage.report(event.usage.seconds)
    case 'session.closed':
      if (event.usage) context.usage.report(event.usage.seconds)
      return
    case 'error': {
      const error = liveErrorEvent(event.error)
      context.log('warn', 'GPT-Live error', { code: event.error.code })
      context.emit({ type: 'error', code: error.code, message: error.message })
      return
    }
    case 'session.started':
      return
  }
}

/** One session's socket handlers: a session that was replaced (or closed) is heard no more. */
export function sessionHandlers(
  isCurrent: () => boolean,
  context: LiveEventContext,
  onClose: (close: LiveSocketClose) => void
): LiveSocketHandlers {
  return {
    onEvent: (event) => {
      if (isCurrent()) handleLiveEvent(event, context)
    },
    onProblem: (message) => {
      if (isCurrent()) context.emit({ type: 'error', code: 'protocol', message })
    },
    onClose: (close) => {
      if (isCurrent()) onClose(close)
    }
  }
}
