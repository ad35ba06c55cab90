// The `session` of `session.start` on a primary WebSocket, as a strict zod schema written from the
// `openai` package's Live `SessionConfig`, plus the checks the API makes beyond shapes: a known
// model, a built-in voice, at most 128 history messages (reference §2). What the fake does not
// simulate (Responses/Decisions delegation, transcript triggers, other audio formats) is refused
// with `unsupported_by_fake`, so a test never passes on something the fake only pretends to do.
import { z } from 'zod'
import type { BuiltInVoice, SessionConfig } from 'openai/resources/live/live'
import { liveError, type LiveApiError } from './live-errors'

export const LIVE_MODELS = ['gpt-live-1', 'gpt-live-1-mini', 'gpt-live-1.1'] as const
export const MAX_INITIAL_MESSAGES = 128

const builtInVoices = [
  'alloy',
  'ash',
  'ballad',
  'beacon',
  'bossa',
  'cedar',
  'cinder',
  'coral',
  'delta',
  'echo',
  'gleam',
  'marin',
  'meridian',
  'quartz',
  'ripple',
  'sage',
  'shida',
  'shimmer',
  'stone',
  'tempo',
  'verse',
  'vesper',
  'willow'
] as const satisfies readonly BuiltInVoice[]

const audioFormat = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('audio/pcm'),
    rate: z.union([z.literal(16000), z.literal(24000)])
  }),
  z.strictObject({ type: z.literal('audio/pcmu'), rate: z.number() }),
  z.strictObject({ type: z.literal('audio/pcma'), rate: z.number() })
])

const inputTextPart = z.strictObject({ text: z.string(), type: z.literal('input_text').optional() })
const historyBase = {
  id: z.string().nullable().optional(),
  status: z.enum(['incomplete', 'completed']).nullable().optional(),
  type: z.literal('message').optional()
}
// "Supply exactly one text part" for each history message.
const initialItem = z.discriminatedUnion('role', [
  z.strictObject({
    ...historyBase,
    role: z.literal('developer'),
    content: z.array(inputTextPart).length(1)
  }),
  z.strictObject({
    ...historyBase,
    role: z.literal('user'),
    content: z.array(inputTextPart).length(1)
  }),
  z.strictObject({
    ...historyBase,
    role: z.literal('assistant'),
    content: z
      .array(
        z.union([
          z.strictObject({ text: z.string(), type: z.literal('text').optional() }),
          z.strictObject({ text: z.string(), type: z.literal('output_text') })
        ])
      )
      .length(1)
  })
])

export const sessionConfigSchema = z.strictObject({
  model: z.string(),
  audio: z
    .strictObject({
      format: audioFormat.optional(),
      output: z
        .strictObject({
          voice: z.union([z.string(), z.strictObject({ id: z.string() })]).optional()
        })
        .optional()
    })
    .optional(),
  client: z.unknown().optional(),
  delegation: z
    .union([
      z.strictObject({
        type: z.literal('client'),
        acknowledgement_delay_ms: z.number().int().nonnegative().optional()
      }),
      z.looseObject({ type: z.enum(['responses', 'decisions']) })
    ])
    .nullable()
    .optional(),
  input: z.array(initialItem).max(MAX_INITIAL_MESSAGES).optional(),
  instructions: z.string().nullable().optional(),
  safety_identifier: z.string().nullable().optional(),
  store: z.boolean().optional(),
  triggers: z.array(z.unknown()).optional()
})

export type LiveSessionConfig = z.infer<typeof sessionConfigSchema>
type Assignable<A extends B, B> = A
export type _SessionConfigCheck = Assignable<
  Omit<LiveSessionConfig, 'client' | 'delegation' | 'triggers'>,
  Omit<SessionConfig, 'client' | 'delegation' | 'triggers'>
>

/** The API's own checks after the shape is right; null when the fake can run this session. */
export function sessionConfigProblem(session: LiveSessionConfig): LiveApiError | null {
  if (!(LIVE_MODELS as readonly string[]).includes(session.model))
    return liveError(
      'model_not_found',
      `The model '${session.model}' does not exist or you do not have access to it.`,
      'session.model'
    )
  const voice = session.audio?.output?.voice
  if (typeof voice === 'string' && !(builtInVoices as readonly string[]).includes(voice))
    return liveError('invalid_value', `Invalid value: '${voice}'.`, 'session.audio.output.voice')
  if (typeof voice === 'object')
    return liveError(
      'unsupported_by_fake',
      'The fake has no custom voices.',
      'session.audio.output.voice'
    )
  const format = session.audio?.format
  if (format && (format.type !== 'audio/pcm' || format.rate !== 24000))
    return liveError(
      'unsupported_by_fake',
      `The fake Live server speaks audio/pcm at 24000 Hz only, not ${format.type} at ${format.rate} Hz.`,
      'session.audio.format'
    )
  if (session.delegation && session.delegation.type !== 'client')
    return liveError(
      'unsupported_by_fake',
      `The fake Live server only simulates client delegation, not ${session.delegation.type}.`,
      'session.delegation'
    )
  if (session.triggers && session.triggers.length > 0)
    return liveError(
      'unsupported_by_fake',
      'The fake has no transcript triggers.',
      'session.triggers'
    )
  if (session.client !== undefined)
    return liveError(
      'invalid_request',
      'session.client is only for WebRTC sessions.',
      'session.client'
    )
  return null
}
