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
// Anything that is not canonical base64 is left alone: the SDK then handles the delta exactly as
// before (its `atob` refuses bad characters, and that message is reported as unusable).

/** The audio delta as the SDK will see it, and the PCM its `delta` carried. */
export interface DecodedAudioDelta {
  /** The event's JSON with `"delta":""`. */
  text: string
  pcm: ArrayBuffer
}

const AUDIO_DELTA = 'response.output_audio.delta'

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

/** Undefined for any other event, and for a delta the SDK should judge itself. */
export function decodeAudioDelta(event: Record<string, unknown>): DecodedAudioDelta | undefined {
  if (event['type'] !== AUDIO_DELTA) return undefined
  const delta = event['delta']
  const pcm = typeof delta === 'string' ? decodeCanonicalBase64(delta) : undefined
  if (pcm === undefined) return undefined
  return { text: JSON.stringify({ ...event, delta: '' }), pcm }
}
