// The server events the fake sends, typed against the `openai` package's Realtime types.
//
// The package types are the contract; the fake widens them in exactly two places where the live
// API sends `null` and the package only declares an optional field:
// - a user `input_audio` content part carries `transcript: null` until it is transcribed. The
//   SDK's item schema requires the key (`z.string().nullable()`, reference §7 and §9b): without it
//   the SDK throws a ZodError inside its ws listener, so the fake must send the null.
// - the session's `audio.input.transcription` and `audio.input.noise_reduction` are `null` when
//   disabled (the SDK itself sends them as null in `session.update`, reference §1 and §8 #820),
//   and the session echo carries the server-side `id`, `object` and `expires_at`.
// Every other event is exactly the `RealtimeServerEvent` variant of its type.
import type {
  AudioTranscription,
  ConversationItem,
  RealtimeAudioConfigInput,
  RealtimeAudioConfigOutput,
  RealtimeConversationItemUserMessage,
  RealtimeServerEvent,
  RealtimeSessionCreateRequest
} from 'openai/resources/realtime/realtime'

export type WireUserContent = Omit<RealtimeConversationItemUserMessage.Content, 'transcript'> & {
  transcript?: string | null
}

export type WireUserMessage = Omit<RealtimeConversationItemUserMessage, 'content'> & {
  content: WireUserContent[]
}

/** A conversation item as the fake stores and sends it (always with an `id`). */
export type WireItem =
  Exclude<ConversationItem, RealtimeConversationItemUserMessage> | WireUserMessage

export type WireAudioInput = Omit<RealtimeAudioConfigInput, 'transcription' | 'noise_reduction'> & {
  transcription: AudioTranscription | null
  noise_reduction: RealtimeAudioConfigInput.NoiseReduction | null
}

export interface WireSession extends Omit<RealtimeSessionCreateRequest, 'audio'> {
  id: string
  object: 'realtime.session'
  /** Unix seconds, as in the API's session object. */
  expires_at: number
  audio: { input: WireAudioInput; output: RealtimeAudioConfigOutput }
}

type Widen<E> = E extends { item: ConversationItem }
  ? Omit<E, 'item'> & { item: WireItem }
  : E extends { type: 'session.created' | 'session.updated' }
    ? Omit<E, 'session'> & { session: WireSession }
    : E

/** Every server event the fake can send: `RealtimeServerEvent`, widened as described above. */
export type WireServerEvent = Widen<RealtimeServerEvent>

/** The variant of one event type, for `satisfies` at each place an event is built. */
export type ServerEvent<T extends WireServerEvent['type']> = Extract<WireServerEvent, { type: T }>

/** The `error` payload of an `error` event (`RealtimeError`), minus the echoed client event id. */
export interface ApiError {
  type: 'invalid_request_error' | 'server_error'
  code: string
  message: string
  param: string | null
}
