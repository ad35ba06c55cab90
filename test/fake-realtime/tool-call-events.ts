// The output of a response that calls a function tool (reference §9b, "tool turn"): the item is
// added `in_progress` with empty arguments, the arguments stream, and the item is done
// `completed`. The SDK runs the tool only on the completed item that carries a `response_id`
// (reference §6).
import type { RealtimeConversationItemFunctionCall } from 'openai/resources/realtime/realtime'
import type { Conversation } from './conversation'
import type { EventSink } from './event-sink'
import type { RecordedToolCall } from './recorder'
import type { ServerEvent } from './wire-types'

export function sendToolCallEvents(
  sink: EventSink,
  conversation: Conversation | null,
  responseId: string,
  call: RecordedToolCall
): RealtimeConversationItemFunctionCall & { id: string } {
  const id = sink.ids.next('item')
  const common = {
    id,
    object: 'realtime.item',
    type: 'function_call',
    name: call.name,
    call_id: call.callId
  } as const
  const added = { ...common, status: 'in_progress', arguments: '' } as const
  const done = { ...common, status: 'completed', arguments: call.arguments } as const
  const stream = { response_id: responseId, item_id: id, output_index: 0, call_id: call.callId }
  const event = (): string => sink.ids.next('event')

  sink.send({
    type: 'response.output_item.added',
    event_id: event(),
    response_id: responseId,
    output_index: 0,
    item: added
  } satisfies ServerEvent<'response.output_item.added'>)
  const previousItemId = conversation ? conversation.insert(added) : null
  if (conversation)
    sink.send({
      type: 'conversation.item.added',
      event_id: event(),
      previous_item_id: previousItemId,
      item: added
    } satisfies ServerEvent<'conversation.item.added'>)
  const half = Math.ceil(call.arguments.length / 2)
  for (const delta of [call.arguments.slice(0, half), call.arguments.slice(half)]) {
    if (delta === '') continue
    sink.send({
      type: 'response.function_call_arguments.delta',
      event_id: event(),
      ...stream,
      delta
    } satisfies ServerEvent<'response.function_call_arguments.delta'>)
  }
  sink.send({
    type: 'response.function_call_arguments.done',
    event_id: event(),
    ...stream,
    name: call.name,
    arguments: call.arguments
  } satisfies ServerEvent<'response.function_call_arguments.done'>)
  sink.send({
    type: 'response.output_item.done',
    event_id: event(),
    response_id: responseId,
    output_index: 0,
    item: done
  } satisfies ServerEvent<'response.output_item.done'>)
  if (conversation) {
    conversation.replace(done)
    sink.send({
      type: 'conversation.item.done',
      event_id: event(),
      previous_item_id: previousItemId,
      item: done
    } satisfies ServerEvent<'conversation.item.done'>)
  }
  return done
}
