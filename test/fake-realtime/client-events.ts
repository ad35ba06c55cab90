// zod schemas of the GA client events, written from the `openai` package's `RealtimeClientEvent`
// types, and the parser that answers a bad event with the API's error. Objects are strict because
// the API rejects parameters it does not know (`unknown_parameter`). One deliberate difference
// from the package types: history content may carry `audio`/`transcript: null`, because the SDK's
// `updateHistory` sends its items that way.
import { z } from 'zod'
import type { RealtimeClientEvent } from 'openai/resources/realtime/realtime'
import {
  audioFormat,
  functionTool,
  maxOutputTokens,
  nonNegativeInt,
  outputModalities,
  sessionSchema,
  toolChoice
} from './session-schema'
import { invalidRequest, issueToApiError, quoteList } from './validation-errors'
import type { ApiError } from './wire-types'

const eventId = z.string().optional()

const itemBase = {
  id: z.string().optional(),
  object: z.literal('realtime.item').optional(),
  status: z.enum(['completed', 'incomplete', 'in_progress']).optional()
}
const inputText = z.strictObject({ type: z.literal('input_text'), text: z.string() })
const userMessage = z.strictObject({
  ...itemBase,
  type: z.literal('message'),
  role: z.literal('user'),
  content: z.array(
    z.discriminatedUnion('type', [
      inputText,
      z.strictObject({
        type: z.literal('input_audio'),
        audio: z.string().nullable().optional(),
        transcript: z.string().nullable().optional()
      }),
      z.strictObject({
        type: z.literal('input_image'),
        image_url: z.string(),
        detail: z.enum(['auto', 'low', 'high']).optional()
      })
    ])
  )
})
const systemMessage = z.strictObject({
  ...itemBase,
  type: z.literal('message'),
  role: z.literal('system'),
  content: z.array(inputText)
})
// Assistant audio cannot be created by a client; the SDK refuses it too (reference §2
// `updateHistory`), so only `output_text` is accepted here.
const assistantMessage = z.strictObject({
  ...itemBase,
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.array(z.strictObject({ type: z.literal('output_text'), text: z.string() }))
})
const clientItem = z.discriminatedUnion('type', [
  z.discriminatedUnion('role', [userMessage, systemMessage, assistantMessage]),
  z.strictObject({
    ...itemBase,
    type: z.literal('function_call'),
    name: z.string(),
    arguments: z.string(),
    call_id: z.string().optional()
  }),
  z.strictObject({
    ...itemBase,
    type: z.literal('function_call_output'),
    call_id: z.string(),
    output: z.string()
  })
])
export type ClientItem = z.infer<typeof clientItem>

const responseParams = z.strictObject({
  conversation: z.string().optional(),
  instructions: z.string().optional(),
  output_modalities: outputModalities.optional(),
  audio: z
    .strictObject({
      output: z
        .strictObject({
          format: audioFormat.optional(),
          voice: z.union([z.string(), z.strictObject({ id: z.string() })]).optional()
        })
        .optional()
    })
    .optional(),
  tools: z.array(functionTool).optional(),
  tool_choice: toolChoice.optional(),
  max_output_tokens: maxOutputTokens.optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  input: z
    .array(
      z.union([clientItem, z.strictObject({ type: z.literal('item_reference'), id: z.string() })])
    )
    .optional()
})

const clientEventSchemas = {
  'session.update': z.strictObject({
    type: z.literal('session.update'),
    event_id: eventId,
    session: sessionSchema
  }),
  'input_audio_buffer.append': z.strictObject({
    type: z.literal('input_audio_buffer.append'),
    event_id: eventId,
    audio: z.string()
  }),
  'input_audio_buffer.commit': z.strictObject({
    type: z.literal('input_audio_buffer.commit'),
    event_id: eventId
  }),
  'input_audio_buffer.clear': z.strictObject({
    type: z.literal('input_audio_buffer.clear'),
    event_id: eventId
  }),
  'output_audio_buffer.clear': z.strictObject({
    type: z.literal('output_audio_buffer.clear'),
    event_id: eventId
  }),
  'conversation.item.create': z.strictObject({
    type: z.literal('conversation.item.create'),
    event_id: eventId,
    previous_item_id: z.string().optional(),
    item: clientItem
  }),
  'conversation.item.retrieve': z.strictObject({
    type: z.literal('conversation.item.retrieve'),
    event_id: eventId,
    item_id: z.string()
  }),
  'conversation.item.truncate': z.strictObject({
    type: z.literal('conversation.item.truncate'),
    event_id: eventId,
    item_id: z.string(),
    content_index: nonNegativeInt,
    audio_end_ms: nonNegativeInt
  }),
  'conversation.item.delete': z.strictObject({
    type: z.literal('conversation.item.delete'),
    event_id: eventId,
    item_id: z.string()
  }),
  'response.create': z.strictObject({
    type: z.literal('response.create'),
    event_id: eventId,
    response: responseParams.optional()
  }),
  'response.cancel': z.strictObject({
    type: z.literal('response.cancel'),
    event_id: eventId,
    response_id: z.string().optional()
  })
} satisfies Record<RealtimeClientEvent['type'], z.ZodType>

type Schemas = typeof clientEventSchemas
export type ClientEventType = keyof Schemas
export type ClientEvent = { [K in ClientEventType]: z.infer<Schemas[K]> }[ClientEventType]
export type ClientEventOf<K extends ClientEventType> = z.infer<Schemas[K]>

// Compile-time check that the simple events parse to exactly what the openai package declares.
type Assignable<A extends B, B> = A
type OpenAiEvent<K extends ClientEventType> = Extract<RealtimeClientEvent, { type: K }>
export type _ClientEventTypeChecks = [
  Assignable<ClientEventOf<'input_audio_buffer.append'>, OpenAiEvent<'input_audio_buffer.append'>>,
  Assignable<ClientEventOf<'input_audio_buffer.commit'>, OpenAiEvent<'input_audio_buffer.commit'>>,
  Assignable<
    ClientEventOf<'conversation.item.truncate'>,
    OpenAiEvent<'conversation.item.truncate'>
  >,
  Assignable<
    ClientEventOf<'conversation.item.retrieve'>,
    OpenAiEvent<'conversation.item.retrieve'>
  >,
  Assignable<ClientEventOf<'conversation.item.delete'>, OpenAiEvent<'conversation.item.delete'>>,
  Assignable<ClientEventOf<'response.cancel'>, OpenAiEvent<'response.cancel'>>
]

const supportedTypes = Object.keys(clientEventSchemas) as ClientEventType[]

function isClientEventType(type: string): type is ClientEventType {
  return Object.hasOwn(clientEventSchemas, type)
}

export type ParsedClientEvent =
  | { ok: true; event: ClientEvent; json: Record<string, unknown> }
  | { ok: false; error: ApiError; clientEventId: string | null; json: unknown }

/** Parses one text frame from the client the way the API validates it. */
export function parseClientEvent(text: string): ParsedClientEvent {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    return {
      ok: false,
      json: undefined,
      clientEventId: null,
      error: invalidRequest('invalid_json', `The client event is not valid JSON (${reason}).`, null)
    }
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      ok: false,
      json,
      clientEventId: null,
      error: invalidRequest(
        'invalid_type',
        'Invalid type for the client event: expected an object.',
        null
      )
    }
  }
  const record = json as Record<string, unknown>
  const clientEventId = typeof record['event_id'] === 'string' ? record['event_id'] : null
  const type = record['type']
  if (typeof type !== 'string') {
    const error =
      type === undefined
        ? invalidRequest(
            'missing_required_parameter',
            "Missing required parameter: 'type'.",
            'type'
          )
        : invalidRequest('invalid_type', "Invalid type for 'type': expected a string.", 'type')
    return { ok: false, json, clientEventId, error }
  }
  if (!isClientEventType(type)) {
    // The live API answers an unknown event type like any other bad enum value.
    const message = `Invalid value: '${type}'. Supported values are: ${quoteList(supportedTypes)}.`
    return {
      ok: false,
      json,
      clientEventId,
      error: invalidRequest('invalid_value', message, 'type')
    }
  }
  const result = clientEventSchemas[type].safeParse(json, { reportInput: true })
  if (!result.success) {
    const issue = result.error.issues[0]
    const error = issue
      ? issueToApiError(issue, json)
      : invalidRequest('invalid_value', 'Invalid client event.', null)
    return { ok: false, json, clientEventId, error }
  }
  return { ok: true, event: result.data, json: record }
}
