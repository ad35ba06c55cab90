// The output of a response that speaks (or writes): an assistant message item with one content
// part, opened, streamed in deltas and closed, in the order of reference §9b. A response of the
// 2.x models may hold several (a spoken preamble, then the answer), each at its own
// `output_index` (reference §1, "Several output items per response").
import type { RealtimeConversationItemAssistantMessage } from 'openai/resources/realtime/realtime'
import type { Conversation } from './conversation'
import type { EventSink } from './event-sink'
import type { ServerEvent } from './wire-types'

export type AssistantItem = RealtimeConversationItemAssistantMessage & { id: string }

export interface MessageOutput {
  readonly sink: EventSink
  /** Null for an out-of-band response, whose item stays out of the conversation. */
  readonly conversation: Conversation | null
  readonly responseId: string
  readonly kind: 'audio' | 'text'
  readonly item: AssistantItem
  readonly previousItemId: string | null
  readonly outputIndex: number
}

function ids(out: MessageOutput): {
  response_id: string
  item_id: string
  output_index: number
  content_index: 0
} {
  return {
    response_id: out.responseId,
    item_id: out.item.id,
    output_index: out.outputIndex,
    content_index: 0
  }
}

/** `output_item.added`, `conversation.item.added`, `content_part.added`. */
export function openMessage(
  sink: EventSink,
  conversation: Conversation | null,
  responseId: string,
  kind: 'audio' | 'text',
  outputIndex = 0
): MessageOutput {
  const item: AssistantItem = {
    id: sink.ids.next('item'),
    object: 'realtime.item',
    type: 'message',
    role: 'assistant',
    status: 'in_progress',
    content: []
  }
  sink.send({
    type: 'response.output_item.added',
    event_id: sink.ids.next('event'),
    response_id: responseId,
    output_index: outputIndex,
    item
  } satisfies ServerEvent<'response.output_item.added'>)
  const previousItemId = conversation ? conversation.insert(item) : null
  if (conversation)
    sink.send({
      type: 'conversation.item.added',
      event_id: sink.ids.next('event'),
      previous_item_id: previousItemId,
      item
    } satisfies ServerEvent<'conversation.item.added'>)
  const out = { sink, conversation, responseId, kind, item, previousItemId, outputIndex }
  sink.send({
    type: 'response.content_part.added',
    event_id: sink.ids.next('event'),
    ...ids(out),
    part: kind === 'audio' ? { type: 'audio', transcript: '' } : { type: 'text', text: '' }
  } satisfies ServerEvent<'response.content_part.added'>)
  return out
}

/** One step of the stream: the text (transcript) delta first, then the audio it goes with. */
export function sendMessageDelta(
  out: MessageOutput,
  textDelta: string,
  audio: Uint8Array | null
): void {
  const { sink } = out
  if (textDelta !== '' && out.kind === 'text')
    sink.send({
      type: 'response.output_text.delta',
      event_id: sink.ids.next('event'),
      ...ids(out),
      delta: textDelta
    } satisfies ServerEvent<'response.output_text.delta'>)
  if (textDelta !== '' && out.kind === 'audio')
    sink.send({
      type: 'response.output_audio_transcript.delta',
      event_id: sink.ids.next('event'),
      ...ids(out),
      delta: textDelta
    } satisfies ServerEvent<'response.output_audio_transcript.delta'>)
  if (audio && audio.byteLength > 0) {
    out.conversation?.appendAudio(out.item.id, audio)
    sink.send({
      type: 'response.output_audio.delta',
      event_id: sink.ids.next('event'),
      ...ids(out),
      delta: Buffer.from(audio).toString('base64')
    } satisfies ServerEvent<'response.output_audio.delta'>)
  }
}

/**
 * The `.done` events with `text`, what was actually said. A cancelled response closes its item
 * as `incomplete`.
 */
export function closeMessage(out: MessageOutput, text: string, isComplete: boolean): AssistantItem {
  const { sink } = out
  const isAudio = out.kind === 'audio'
  if (isAudio) {
    sink.send({
      type: 'response.output_audio.done',
      event_id: sink.ids.next('event'),
      ...ids(out)
    } satisfies ServerEvent<'response.output_audio.done'>)
    sink.send({
      type: 'response.output_audio_transcript.done',
      event_id: sink.ids.next('event'),
      ...ids(out),
      transcript: text
    } satisfies ServerEvent<'response.output_audio_transcript.done'>)
  } else {
    sink.send({
      type: 'response.output_text.done',
      event_id: sink.ids.next('event'),
      ...ids(out),
      text
    } satisfies ServerEvent<'response.output_text.done'>)
  }
  sink.send({
    type: 'response.content_part.done',
    event_id: sink.ids.next('event'),
    ...ids(out),
    part: isAudio ? { type: 'audio', transcript: text } : { type: 'text', text }
  } satisfies ServerEvent<'response.content_part.done'>)
  const done: AssistantItem = {
    ...out.item,
    status: isComplete ? 'completed' : 'incomplete',
    content: [isAudio ? { type: 'output_audio', transcript: text } : { type: 'output_text', text }]
  }
  sink.send({
    type: 'response.output_item.done',
    event_id: sink.ids.next('event'),
    response_id: out.responseId,
    output_index: out.outputIndex,
    item: done
  } satisfies ServerEvent<'response.output_item.done'>)
  if (out.conversation) {
    out.conversation.replace(done)
    sink.send({
      type: 'conversation.item.done',
      event_id: sink.ids.next('event'),
      previous_item_id: out.previousItemId,
      item: done
    } satisfies ServerEvent<'conversation.item.done'>)
  }
  return done
}
