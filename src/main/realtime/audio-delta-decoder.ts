// Audio deltas decoded once, natively, before the SDK sees them (the main-process CPU budget,
// docs/architecture.md "Budgets").
//
// The SDK's WebSocket transport parses every server message twice (JSON.parse and its zod union
// of server events, once in `_onMessage` and once in the socket listener of
// openaiRealtimeWebsocket.js `#setupWebSocket`), structured-clones it for `'*'` listeners, and
// decodes the audio with `atob` and a byte loop (utils.js `base64ToArrayBuffer`). An audio delta
// is almost all base64 (100 ms of 24 kHz PCM16 is 6,400 characters), so the guarded socket
// (socket-factory.ts) decodes that text once with Node's native decoder and hands the SDK the
// same event with an empty `delta`: every field the SDK keys on (type, event_id, response_id,
// item_id, output_index, content_index) is kept, and the transport puts the decoded bytes back
// into the SDK's `audio` event (playback-aware-transport.ts `_onAudio`).
//
// The decoder checks the whole event as the SDK's schema for it does (openaiRealtimeEvents.js
// `responseAudioDeltaEventSchema`: five strings and two numbers), so a decoded delta is one the SDK
// would have accepted; the transport then emits for it what the SDK's `_onMessage` would, without
// the SDK parsing the same event a second time (playback-aware-transport.ts `_onMessage`).
//
// Anything else is left alone: the SDK then handles the delta exactly as before (its `atob`
// refuses bad characters, and that message is reported as unusable); a delta whose other fields
// are wrong is reported too (`malformedAudioDelta`), where the SDK would drop it silently.

/** The audio delta as the SDK will see it, and the PCM its `delta` carried. */
export interface DecodedAudioDelta {
  /** The event's JSON with `"delta":""`. */
  text: string
  pcm: ArrayBuffer
  /** The event as the SDK's `'*'` listeners get it: every field, with `delta: ''`. */
  raw: { type: typeof AUDIO_DELTA; [key: string]: unknown }
  /** The event as the SDK's schema outputs it (its seven fields), `delta: ''`. */
  parsed: AudioDeltaEvent
}

/** `response.output_audio.delta` as the SDK's schema reads it (unknown keys dropped). */
export interface AudioDeltaEvent {
  type: typeof AUDIO_DELTA
  event_id: string
  item_id: string
  content_index: number
  delta: string
  output_index: number
  response_id: string
}

export const AUDIO_DELTA = 'response.output_audio.delta'

/**
 * The PCM bytes of canonical base64 text (padded to a multiple of 4 characters), in an
 * ArrayBuffer of their own; undefined for anything else. Node's decoder skips characters outside
 * the alphabet and stops at padding, so such text decodes to fewer bytes than its length says,
 * and that is how it is caught (a regular expression over the text cost more than the decoding).
 * Node also takes the URL-safe alphabet, which `atob` refuses: those two characters are looked for.
 */
function decodeCanonicalBase64(text: string): ArrayBuffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0) return undefined
  if (text.includes('-') || text.includes('_')) return undefined
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const expectedBytes = (text.length / 4) * 3 - padding
  // allocUnsafeSlow: never a slice of Node's shared pool, so the ArrayBuffer is exactly the PCM
  // (the SDK's audio event and the IPC payload hand the whole ArrayBuffer on).
  const bytes = Buffer.allocUnsafeSlow(expectedBytes)
  return bytes.write(text, 'base64') === expectedBytes ? bytes.buffer : undefined
}

/** What zod's z.number() accepts: a number, finite (JSON's 1e400 parses as Infinity). */
const isSchemaNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

/**
 * The fields the SDK's schema requires of an audio delta besides `type` and `delta`, as it
 * outputs them; undefined when one is missing or of another type (z.string(), z.number()).
 */
function schemaFields(event: Record<string, unknown>): Omit<AudioDeltaEvent, 'delta'> | undefined {
  const { event_id, item_id, content_index, output_index, response_id } = event
  if (typeof event_id !== 'string' || typeof item_id !== 'string') return undefined
  if (typeof response_id !== 'string') return undefined
  if (!isSchemaNumber(content_index) || !isSchemaNumber(output_index)) return undefined
  return { type: AUDIO_DELTA, event_id, item_id, content_index, output_index, response_id }
}

/** An audio delta the SDK's schema would refuse: the SDK drops it without a word. */
export function malformedAudioDelta(event: Record<string, unknown>): boolean {
  return event['type'] === AUDIO_DELTA && schemaFields(event) === undefined
}

/** Undefined for any other event, and for a delta the SDK should judge itself. */
export function decodeAudioDelta(event: Record<string, unknown>): DecodedAudioDelta | undefined {
  if (event['type'] !== AUDIO_DELTA) return undefined
  const fields = schemaFields(event)
  const delta = event['delta']
  if (fields === undefined || typeof delta !== 'string') return undefined
  const pcm = decodeCanonicalBase64(delta)
  if (pcm === undefined) return undefined
  const raw: DecodedAudioDelta['raw'] = { ...event, type: AUDIO_DELTA, delta: '' }
  return { text: JSON.stringify(raw), pcm, raw, parsed: { ...fields, delta: '' } }
}
