// Reading GPT-Live server frames. The engine acts on a handful of event types; for those, the
// fields it uses are checked against the `openai` package's Live types before use, so a frame the
// engine cannot trust becomes a sentence, never a crash. Other types (and fields) are passed over:
// a client must tolerate events it does not use (`info`, `decision.*`, sideband-only events).
import { z } from 'zod'
import type {
  DelegationCreatedEvent,
  ErrorEvent,
  InputTranscriptDeltaEvent,
  OutputAudioDeltaEvent,
  OutputTranscriptDeltaEvent,
  SessionClosedEvent,
  SessionStartedEvent,
  SessionUsageUpdatedEvent
} from 'openai/resources/live/live'

const ms = z.number().finite().nonnegative()
const transcriptDelta = { delta: z.string(), start_ms: ms, end_ms: ms }
const usage = z.looseObject({ seconds: z.number().finite().nonnegative() })

const schemas = {
  'session.started': z.looseObject({
    type: z.literal('session.started'),
    session: z.looseObject({ id: z.string(), expires_at: z.number() })
  }),
  'session.output_audio.delta': z.looseObject({
    type: z.literal('session.output_audio.delta'),
    delta: z.string()
  }),
  'session.input_transcript.delta': z.looseObject({
    type: z.literal('session.input_transcript.delta'),
    ...transcriptDelta
  }),
  'session.output_transcript.delta': z.looseObject({
    type: z.literal('session.output_transcript.delta'),
    ...transcriptDelta
  }),
  'session.delegation.created': z.looseObject({
    type: z.literal('session.delegation.created'),
    offset_ms: ms,
    delegation: z.looseObject({ id: z.string().min(1), target: z.string() })
  }),
  'session.usage.updated': z.looseObject({ type: z.literal('session.usage.updated'), usage }),
  'session.closed': z.looseObject({
    type: z.literal('session.closed'),
    reason: z.string(),
    usage: usage.optional()
  }),
  error: z.looseObject({
    type: z.literal('error'),
    error: z.looseObject({ code: z.string(), message: z.string(), type: z.string().optional() })
  })
}

/** The events the engine acts on, as the openai package types them (with what was checked). */
export type LiveServerEvent =
  | (Pick<SessionStartedEvent, 'type'> & {
      session: Pick<SessionStartedEvent['session'], 'id' | 'expires_at'>
    })
  | Pick<OutputAudioDeltaEvent, 'type' | 'delta'>
  | Pick<InputTranscriptDeltaEvent, 'type' | 'delta' | 'start_ms' | 'end_ms'>
  | Pick<OutputTranscriptDeltaEvent, 'type' | 'delta' | 'start_ms' | 'end_ms'>
  | (Pick<DelegationCreatedEvent, 'type' | 'offset_ms'> & {
      delegation: Pick<DelegationCreatedEvent['delegation'], 'id'> & { target: string }
    })
  | Pick<SessionUsageUpdatedEvent, 'type' | 'usage'>
  | (Pick<SessionClosedEvent, 'type'> & { reason: string; usage?: { seconds: number } | undefined })
  | (Pick<ErrorEvent, 'type'> & {
      error: Pick<ErrorEvent['error'], 'code' | 'message'> & { type?: string | undefined }
    })

export type ParsedServerFrame =
  | { kind: 'event'; event: LiveServerEvent }
  /** A well-formed event the engine does not use. */
  | { kind: 'other'; type: string }
  | { kind: 'invalid'; problem: string }

function isHandled(type: string): type is keyof typeof schemas {
  return Object.hasOwn(schemas, type)
}

export function parseServerFrame(text: string): ParsedServerFrame {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { kind: 'invalid', problem: 'GPT-Live sent a message that is not JSON; it was skipped.' }
  }
  const type = (json as { type?: unknown } | null)?.type
  if (typeof json !== 'object' || json === null || typeof type !== 'string')
    return {
      kind: 'invalid',
      problem: 'GPT-Live sent a message without an event type; it was skipped.'
    }
  if (!isHandled(type)) return { kind: 'other', type }
  const parsed = schemas[type].safeParse(json)
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '?'
    return {
      kind: 'invalid',
      problem: `GPT-Live sent a ${type} event with a bad '${field}'; it was skipped.`
    }
  }
  return { kind: 'event', event: parsed.data as LiveServerEvent }
}
