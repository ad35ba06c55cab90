// The Realtime models Hark knows about: the current generation, which of them reason, and the
// announced shutdowns. Data taken from the `openai` package's typings, version 7.59.0
// (`resources/realtime/realtime.d.ts`, the session `model` and transcription `model` fields);
// see docs/architecture.md and the reference notes, §1. Free text stays allowed: other servers
// name their models as they like.

/** The models Settings offers, newest first. */
export const CURRENT_MODELS = [
  { id: 'gpt-realtime-2.1', label: 'gpt-realtime-2.1' },
  { id: 'gpt-realtime-2.1-mini', label: 'gpt-realtime-2.1-mini (cheaper)' },
  { id: 'gpt-realtime-2', label: 'gpt-realtime-2' },
  { id: 'gpt-realtime-1.5', label: 'gpt-realtime-1.5' }
] as const

/**
 * Input transcription models without an announced shutdown. The default is
 * `gpt-realtime-whisper`: built for Realtime sessions (it streams while the user speaks) and
 * priced per minute, so Hark can show what transcription costs (README, "Models").
 */
export const TRANSCRIPTION_MODELS = [
  'gpt-realtime-whisper',
  'gpt-transcribe',
  'gpt-live-transcribe'
] as const
export const DEFAULT_TRANSCRIPTION_MODEL = 'gpt-realtime-whisper'

export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high', 'xhigh'] as const
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number]
export const DEFAULT_REASONING_EFFORT: ReasoningEffort = 'low'

export interface ModelDeprecation {
  /** The announced shutdown date, `YYYY-MM-DD`. */
  shutdownDate: string
  /** What Hark offers instead. */
  replacement: string
}

const realtimeShutdown = (replacement: string): ModelDeprecation => ({
  shutdownDate: '2027-01-20',
  replacement
})
const transcriptionShutdown: ModelDeprecation = {
  shutdownDate: '2027-02-26',
  replacement: DEFAULT_TRANSCRIPTION_MODEL
}

/** Every model the typings mark with an announced shutdown date. */
const DEPRECATIONS: Readonly<Record<string, ModelDeprecation>> = {
  'gpt-realtime': realtimeShutdown('gpt-realtime-2.1'),
  'gpt-realtime-2025-08-28': realtimeShutdown('gpt-realtime-2.1'),
  'gpt-realtime-mini': realtimeShutdown('gpt-realtime-2.1-mini'),
  'gpt-realtime-mini-2025-12-15': realtimeShutdown('gpt-realtime-2.1-mini'),
  'gpt-audio-mini': realtimeShutdown('gpt-realtime-2.1-mini'),
  'gpt-audio-mini-2025-12-15': realtimeShutdown('gpt-realtime-2.1-mini'),
  'whisper-1': transcriptionShutdown,
  'gpt-4o-mini-transcribe': transcriptionShutdown,
  'gpt-4o-mini-transcribe-2025-12-15': transcriptionShutdown,
  'gpt-4o-transcribe': transcriptionShutdown,
  'gpt-4o-transcribe-diarize': transcriptionShutdown
}

/** The Realtime (not transcription) models with an announced shutdown, for Settings to mark. */
export const DEPRECATED_REALTIME_MODELS = Object.keys(DEPRECATIONS).filter(
  (model) => DEPRECATIONS[model]?.shutdownDate === '2027-01-20'
)

/** The announced shutdown of a model, or null when none is known. */
export function modelDeprecation(model: string): ModelDeprecation | null {
  return Object.hasOwn(DEPRECATIONS, model) ? (DEPRECATIONS[model] ?? null) : null
}

/** A sentence for the user about a deprecated model, or null. */
export function deprecationWarning(model: string): string | null {
  const deprecation = modelDeprecation(model)
  if (!deprecation) return null
  return `The model ${model} shuts down on ${deprecation.shutdownDate}; switch to ${deprecation.replacement}.`
}

/**
 * Whether `session.reasoning` applies: the 2.x family reasons (the typings: "reasoning-capable
 * Realtime models such as `gpt-realtime-2`"); 1.5 and older do not, so the field is left out
 * for them (the fake server refuses it there, as a client mistake).
 */
export function isReasoningModel(model: string): boolean {
  return /^gpt-realtime-2(\.\d+)?(-mini)?(-\d{4}-\d{2}-\d{2})?$/.test(model)
}
