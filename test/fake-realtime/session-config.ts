// The server-side session object: what `session.created` announces and what `session.updated`
// echoes after each `session.update`. The SDK reads `audio.output.format` and
// `audio.input.turn_detection.interrupt_response` from the echo (reference §4/§5), so the echo
// carries the defaults the API fills in: with `interrupt_response` absent the SDK would assume
// false and send its own `response.cancel` on every barge-in.
import type { RealtimeAudioInputTurnDetection } from 'openai/resources/realtime/realtime'
import type { SessionUpdate } from './session-schema'
import { invalidRequest } from './validation-errors'
import type { ApiError, WireSession } from './wire-types'

/** How long a Realtime session may live; the API closes it after this (realtime-2026-11 §1). */
export const SESSION_LIFETIME_MS = 60 * 60 * 1000

/** server_vad defaults as documented for the GA API. */
const SERVER_VAD_DEFAULTS = {
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 500,
  idle_timeout_ms: null,
  create_response: true,
  interrupt_response: true
} as const

type TurnDetectionUpdate = NonNullable<
  NonNullable<NonNullable<SessionUpdate['audio']>['input']>['turn_detection']
>

function withTurnDetectionDefaults(td: TurnDetectionUpdate): RealtimeAudioInputTurnDetection {
  if (td.type === 'server_vad') return { ...SERVER_VAD_DEFAULTS, ...td }
  return { eagerness: 'auto', create_response: true, interrupt_response: true, ...td }
}

/** `lifetimeMs`: real milliseconds until the session ends (less with an accelerated clock). */
export function initialSession(
  id: string,
  model: string,
  nowMs: number,
  lifetimeMs = SESSION_LIFETIME_MS
): WireSession {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model,
    output_modalities: ['audio'],
    instructions: '',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    prompt: null,
    expires_at: Math.floor((nowMs + lifetimeMs) / 1000),
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: { type: 'server_vad', ...SERVER_VAD_DEFAULTS }
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 }
    }
  }
}

/**
 * The models that take `session.reasoning` (openai 7.59: "reasoning-capable Realtime models such
 * as `gpt-realtime-2`"; reference §1: the 2.x family). Listed here on purpose rather than shared
 * with Hark's own check, so that a mistake there is caught here.
 */
const REASONING_MODELS = new Set(['gpt-realtime-2', 'gpt-realtime-2.1', 'gpt-realtime-2.1-mini'])

/** The transcription models the typings list (`AudioTranscription.model`). */
const TRANSCRIPTION_MODELS = new Set([
  'whisper-1',
  'gpt-transcribe',
  'gpt-live-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-mini-transcribe-2025-12-15',
  'gpt-4o-transcribe',
  'gpt-4o-transcribe-diarize',
  'gpt-realtime-whisper'
])

function unsupported(message: string, param: string): ApiError {
  return invalidRequest('invalid_value', `${message} (the fake Realtime server)`, param)
}

/**
 * The session after applying `update`, or the error the update earns (then nothing changes).
 * Each top-level field replaces the old one; within `audio.input`/`audio.output` each given key
 * replaces its old value, like the API's partial updates.
 */
export function mergeSession(
  current: WireSession,
  update: SessionUpdate,
  hasAssistantAudio: boolean
): WireSession | ApiError {
  const { audio, ...rest } = update
  for (const [param, format] of [
    ['session.audio.input.format', audio?.input?.format],
    ['session.audio.output.format', audio?.output?.format]
  ] as const) {
    if (format && format.type !== 'audio/pcm')
      return unsupported(`Only audio/pcm at 24000 Hz is implemented, not ${format.type}`, param)
  }
  const model = update.model ?? current.model ?? ''
  if (update.reasoning !== undefined && !REASONING_MODELS.has(model))
    return invalidRequest(
      'invalid_value',
      `The model ${model} does not support reasoning.`,
      'session.reasoning'
    )
  const transcriptionModel = audio?.input?.transcription?.model
  if (transcriptionModel !== undefined && !TRANSCRIPTION_MODELS.has(transcriptionModel))
    return invalidRequest(
      'invalid_value',
      `Invalid value: '${transcriptionModel}'. Unknown transcription model.`,
      'session.audio.input.transcription.model'
    )
  const voice = audio?.output?.voice
  if (
    voice !== undefined &&
    hasAssistantAudio &&
    JSON.stringify(voice) !== JSON.stringify(current.audio.output.voice)
  ) {
    return invalidRequest(
      'cannot_update_voice',
      'Cannot update a conversation\u2019s voice if assistant audio is present.',
      'session.audio.output.voice'
    )
  }
  const input = audio?.input
  const turnDetection =
    input?.turn_detection === undefined
      ? current.audio.input.turn_detection
      : input.turn_detection && withTurnDetectionDefaults(input.turn_detection)
  return {
    ...current,
    ...rest,
    audio: {
      input: {
        ...current.audio.input,
        ...(input?.format ? { format: input.format } : {}),
        ...(input?.transcription !== undefined ? { transcription: input.transcription } : {}),
        ...(input?.noise_reduction !== undefined ? { noise_reduction: input.noise_reduction } : {}),
        turn_detection: turnDetection
      },
      output: { ...current.audio.output, ...audio?.output }
    }
  }
}

export function isApiError(value: WireSession | ApiError): value is ApiError {
  return 'code' in value
}

export interface VadSettings {
  silenceDurationMs: number
  prefixPaddingMs: number
  /** The API's `threshold` (0..1, default 0.5): a speech probability, used to scale the energy gate. */
  threshold: number
  createResponse: boolean
  interruptResponse: boolean
}

/**
 * The fake's reading of the session's turn detection, or null when it is off (push-to-talk).
 * semantic_vad has no silence setting; its eagerness picks how long the fake waits.
 */
export function vadSettings(session: WireSession): VadSettings | null {
  const td = session.audio.input.turn_detection
  if (!td) return null
  if (td.type === 'server_vad') {
    return {
      silenceDurationMs: td.silence_duration_ms ?? SERVER_VAD_DEFAULTS.silence_duration_ms,
      prefixPaddingMs: td.prefix_padding_ms ?? SERVER_VAD_DEFAULTS.prefix_padding_ms,
      threshold: td.threshold ?? SERVER_VAD_DEFAULTS.threshold,
      createResponse: td.create_response ?? true,
      interruptResponse: td.interrupt_response ?? true
    }
  }
  const silenceByEagerness = { low: 1000, medium: 500, auto: 500, high: 250 } as const
  return {
    silenceDurationMs: silenceByEagerness[td.eagerness ?? 'auto'],
    prefixPaddingMs: SERVER_VAD_DEFAULTS.prefix_padding_ms,
    threshold: SERVER_VAD_DEFAULTS.threshold,
    createResponse: td.create_response ?? true,
    interruptResponse: td.interrupt_response ?? true
  }
}
