// SDK session and transport events → Hark's RealtimeCoreEvent stream. Attached once, before the
// first connect(): events can arrive before connect() resolves (reference §8, #1020), and the
// session's `error` listener is mandatory (reference §7).
import type { RealtimeSession } from '@openai/agents-realtime'
import type { ConnectionStatus, RealtimeCoreEvent } from '../../shared/realtime-events'
import { flattenHistory } from './history'
import type { PlaybackAwareTransport, TransportHooks } from './playback-aware-transport'
import { arrayField, recordField, stringField } from './wire'

export interface SessionEventSink {
  emit(event: RealtimeCoreEvent): void
  /** Every server event that the SDK could parse as an event (readiness). */
  onServerEvent(type: string): void
  /** The session's `error` event: server error events, connect failures, tool failures. */
  onSdkError(error: unknown): void
  onConnectionChange(status: ConnectionStatus): void
  /** The server committed the input buffer by itself (VAD). */
  onInputCommitted(): void
}

export interface SessionEventMapper {
  /** Forget per-connection state (a new server session starts from an empty conversation). */
  reset(): void
}

export interface TransportHookSink {
  emit(event: RealtimeCoreEvent): void
  /** The server sent something unusable; the session carries on. */
  onProtocolProblem(message: string, data: Record<string, unknown>): void
  onInternalError(error: unknown): void
}

/** What the playback-aware transport and its guarded socket report, as core events. */
export function transportHooks(sink: TransportHookSink): TransportHooks {
  return {
    onAudio: ({ responseId, itemId, data }) =>
      sink.emit({ type: 'audio', responseId, itemId, pcm: new Uint8Array(data) }),
    onInterrupted: (itemId) => sink.emit({ type: 'audio_interrupted', itemId }),
    onTruncated: (itemId, audioEndMs) => sink.emit({ type: 'truncated', itemId, audioEndMs }),
    onMalformedMessage: (preview) =>
      sink.onProtocolProblem(
        'The Realtime server sent a message that is not a JSON event; it was ignored.',
        { preview }
      ),
    onListenerError: (error, eventType) =>
      sink.onProtocolProblem(
        `The Realtime server sent a ${eventType ?? 'message'} event Hark could not use; it was ignored.`,
        { error: String(error) }
      ),
    onUnusableEvent: (eventType) =>
      sink.onProtocolProblem(
        `The Realtime server sent a ${eventType} event Hark could not use; it was ignored.`,
        { eventType }
      ),
    onInternalError: (error) => sink.onInternalError(error)
  }
}

/** The text of a user message item as the server echoes it (`conversation.item.added/done`). */
function typedUserText(item: Record<string, unknown> | undefined): string | undefined {
  if (stringField(item, 'type') !== 'message' || stringField(item, 'role') !== 'user') return
  const texts = (arrayField(item, 'content') ?? [])
    .filter((part) => stringField(part, 'type') === 'input_text')
    .map((part) => stringField(part, 'text') ?? '')
  return texts.length > 0 ? texts.join(' ') : undefined
}

export function attachSessionEvents(
  session: RealtimeSession,
  transport: PlaybackAwareTransport,
  sink: SessionEventSink
): SessionEventMapper {
  const typedTextEmitted = new Set<string>()
  const responseStatus = new Map<string, string>()
  const emit = (event: RealtimeCoreEvent): void => sink.emit(event)

  session.on('error', (error: unknown) => sink.onSdkError(error))
  transport.on('connection_change', (status) => sink.onConnectionChange(status))
  transport.on('*', (event: unknown) => {
    const type = stringField(event, 'type')
    if (type !== undefined) sink.onServerEvent(type)
  })

  session.on('history_updated', (items) => emit({ type: 'history', items: flattenHistory(items) }))

  transport.on('turn_started', (event) => {
    const responseId = stringField(recordField(event.providerData, 'response'), 'id')
    if (responseId !== undefined) emit({ type: 'response_started', responseId })
  })
  // `turn_done` carries usage but not the status; the wire event before it has the status.
  transport.on('response.done', (event: unknown) => {
    const response = recordField(event, 'response')
    const responseId = stringField(response, 'id')
    if (responseId !== undefined)
      responseStatus.set(responseId, stringField(response, 'status') ?? 'completed')
  })
  transport.on('turn_done', (event) => {
    const { id, usage } = event.response
    const status = responseStatus.get(id) ?? 'completed'
    responseStatus.delete(id)
    emit({
      type: 'response_done',
      responseId: id,
      status,
      usage: {
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        totalTokens: usage.totalTokens
      }
    })
  })

  // Assistant captions (reference §3c).
  transport.on('audio_transcript_delta', (event) =>
    emit({ type: 'transcript_delta', role: 'assistant', itemId: event.itemId, delta: event.delta })
  )
  transport.on('response.output_audio_transcript.done', (event: unknown) => {
    const itemId = stringField(event, 'item_id')
    const text = stringField(event, 'transcript')
    if (itemId !== undefined && text !== undefined)
      emit({ type: 'transcript_done', role: 'assistant', itemId, text })
  })
  transport.on('response.output_audio.done', (event: unknown) => {
    const responseId = stringField(event, 'response_id')
    const itemId = stringField(event, 'item_id')
    // An interrupted response's audio was flushed; its end is not news to the player.
    if (responseId === undefined || itemId === undefined || transport.wasInterrupted(responseId))
      return
    emit({ type: 'audio_done', responseId, itemId })
  })

  // User captions: input transcription (reference §3c) and the server's echo of typed text.
  transport.on('conversation.item.input_audio_transcription.delta', (event: unknown) => {
    const itemId = stringField(event, 'item_id')
    const delta = stringField(event, 'delta')
    if (itemId !== undefined && delta)
      emit({ type: 'transcript_delta', role: 'user', itemId, delta })
  })
  transport.on('conversation.item.input_audio_transcription.completed', (event: unknown) => {
    const itemId = stringField(event, 'item_id')
    const text = stringField(event, 'transcript')
    if (itemId !== undefined && text !== undefined)
      emit({ type: 'transcript_done', role: 'user', itemId, text })
  })
  const onItemEcho = (event: unknown): void => {
    const item = recordField(event, 'item')
    const itemId = stringField(item, 'id')
    const text = typedUserText(item)
    if (itemId === undefined || text === undefined || typedTextEmitted.has(itemId)) return
    typedTextEmitted.add(itemId)
    emit({ type: 'transcript_done', role: 'user', itemId, text })
  }
  transport.on('conversation.item.added', onItemEcho)
  transport.on('conversation.item.done', onItemEcho)

  transport.on('input_audio_buffer.speech_started', (event: unknown) =>
    emit({ type: 'speech_started', itemId: stringField(event, 'item_id') ?? null })
  )
  transport.on('input_audio_buffer.speech_stopped', (event: unknown) =>
    emit({ type: 'speech_stopped', itemId: stringField(event, 'item_id') ?? null })
  )
  transport.on('input_audio_buffer.committed', () => sink.onInputCommitted())

  transport.on('function_call', (event) =>
    emit({ type: 'tool_call', callId: event.callId, name: event.name, arguments: event.arguments })
  )

  return {
    reset(): void {
      typedTextEmitted.clear()
      responseStatus.clear()
    }
  }
}
