// zod schemas of the GPT-Live client events the fake understands, written from the `openai`
// package's Live `ClientEvent` types (resources/live/live.d.ts), and the parser that answers a
// bad event with a Live `error` (reference §2). Objects are strict: the API rejects parameters it
// does not know (`unknown_parameter`). Every Live client event type is listed, so an event the
// protocol has but the fake does not implement is refused as such, never as "unknown".
import { z } from 'zod'
import type {
  ClientEvent,
  CommentaryAppendEvent,
  InputAudioAppendEvent,
  InputAudioMuteEvent,
  InputAudioUnmuteEvent,
  InstructionsAppendEvent,
  SessionCloseEvent,
  SessionStartEvent,
  ThinkingAppendEvent
} from 'openai/resources/live/live'
import { issueToApiError, quoteList } from '../fake-realtime/validation-errors'
import { liveError, type LiveApiError } from './live-errors'
import { sessionConfigSchema } from './session-schema'

const eventId = z.string().nullable().optional()

// "Required, nullable": a missing delegation_id is an error, null is general context.
const contextFields = {
  event_id: eventId,
  content: z.string().min(1),
  delegation_id: z.string().nullable()
}
const bareFields = { event_id: eventId }

const handledSchemas = {
  'session.start': z.strictObject({
    type: z.literal('session.start'),
    event_id: eventId,
    session: sessionConfigSchema
  }),
  'session.input_audio.append': z.strictObject({
    type: z.literal('session.input_audio.append'),
    event_id: eventId,
    audio: z.string()
  }),
  'session.input_audio.mute': z.strictObject({
    type: z.literal('session.input_audio.mute'),
    ...bareFields
  }),
  'session.input_audio.unmute': z.strictObject({
    type: z.literal('session.input_audio.unmute'),
    ...bareFields
  }),
  'session.commentary.append': z.strictObject({
    type: z.literal('session.commentary.append'),
    ...contextFields
  }),
  'session.thinking.append': z.strictObject({
    type: z.literal('session.thinking.append'),
    ...contextFields
  }),
  'session.instructions.append': z.strictObject({
    type: z.literal('session.instructions.append'),
    ...contextFields
  }),
  'session.close': z.strictObject({ type: z.literal('session.close'), ...bareFields })
}

type HandledSchemas = typeof handledSchemas
export type HandledType = keyof HandledSchemas
export type LiveClientEventOf<K extends HandledType> = z.infer<HandledSchemas[K]>
export type LiveClientEvent = { [K in HandledType]: LiveClientEventOf<K> }[HandledType]

// Compile-time: what the fake accepts is exactly what the openai package declares.
type Assignable<A extends B, B> = A
export type _LiveClientEventTypeChecks = [
  // `session` is checked field by field in session-schema.ts (_SessionConfigCheck).
  Assignable<
    Omit<LiveClientEventOf<'session.start'>, 'session'>,
    Omit<SessionStartEvent, 'session'>
  >,
  Assignable<LiveClientEventOf<'session.input_audio.append'>, InputAudioAppendEvent>,
  Assignable<LiveClientEventOf<'session.input_audio.mute'>, InputAudioMuteEvent>,
  Assignable<LiveClientEventOf<'session.input_audio.unmute'>, InputAudioUnmuteEvent>,
  Assignable<LiveClientEventOf<'session.commentary.append'>, CommentaryAppendEvent>,
  Assignable<LiveClientEventOf<'session.thinking.append'>, ThinkingAppendEvent>,
  Assignable<LiveClientEventOf<'session.instructions.append'>, InstructionsAppendEvent>,
  Assignable<LiveClientEventOf<'session.close'>, SessionCloseEvent>
]

/**
 * Real protocol events the fake does not implement, and why a client of Hark's kind gets an
 * error for them: they need a delegation Hark does not configure, or WebRTC/fixtures.
 */
const unimplemented: Record<Exclude<ClientEvent['type'], HandledType>, string> = {
  'session.update': 'The fake Live server does not implement session.update.',
  'session.output_audio.fixture.play': 'The fake Live server does not play audio fixtures.',
  'decision.create': 'decision.create requires Decisions delegation.',
  'decision.item.create': 'decision.item.create requires Decisions delegation.',
  'decision.item.delete': 'decision.item.delete requires Decisions delegation.',
  'response.item.create': 'response.item.create requires Responses delegation.',
  'response.create': 'response.create requires Responses delegation.'
}

const allTypes = [...Object.keys(handledSchemas), ...Object.keys(unimplemented)]

function isHandled(type: string): type is HandledType {
  return Object.hasOwn(handledSchemas, type)
}

export type ParsedLiveClientEvent =
  | { ok: true; event: LiveClientEvent }
  | { ok: false; error: LiveApiError; clientEventId: string | null }

type JsonObject = { ok: true; record: Record<string, unknown> } | { ok: false; error: LiveApiError }

function asJsonObject(text: string): JsonObject {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, error: liveError('invalid_json', 'The client event is not valid JSON.') }
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return {
      ok: false,
      error: liveError('invalid_type', 'Invalid type for the client event: expected an object.')
    }
  return { ok: true, record: json as Record<string, unknown> }
}

/** Parses one text frame the way the Live API validates it. */
export function parseLiveClientEvent(text: string): ParsedLiveClientEvent {
  const json = asJsonObject(text)
  if (!json.ok) return { ok: false, error: json.error, clientEventId: null }
  const record = json.record
  const clientEventId = typeof record['event_id'] === 'string' ? record['event_id'] : null
  const type = record['type']
  if (typeof type !== 'string')
    return {
      ok: false,
      clientEventId,
      error: liveError('missing_required_parameter', "Missing required parameter: 'type'.", 'type')
    }
  if (!isHandled(type)) {
    const error = Object.hasOwn(unimplemented, type)
      ? liveError('unsupported_event', unimplemented[type as keyof typeof unimplemented], 'type')
      : liveError(
          'invalid_value',
          `Invalid value: '${type}'. Supported values are: ${quoteList(allTypes)}.`,
          'type'
        )
    return { ok: false, clientEventId, error }
  }
  const result = handledSchemas[type].safeParse(record, { reportInput: true })
  if (!result.success) {
    const issue = result.error.issues[0]
    const realtimeShaped = issue ? issueToApiError(issue, record) : null
    const error = realtimeShaped
      ? liveError(realtimeShaped.code, realtimeShaped.message, realtimeShaped.param ?? undefined)
      : liveError('invalid_value', 'Invalid client event.')
    return { ok: false, clientEventId, error }
  }
  return { ok: true, event: result.data }
}
