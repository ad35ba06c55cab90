// The input audio buffer of one session: PCM16 bytes appended since the last commit or clear,
// placed on the session's input timeline so that VAD times (`audio_start_ms`, `audio_end_ms`)
// can cut it.
import { PCM_BYTES_PER_SAMPLE, concatBytes, msToPcmBytes, pcmBytesToMs } from '../../src/shared/pcm'

export { concatBytes }
import { invalidRequest } from './validation-errors'
import type { ApiError } from './wire-types'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Decodes `input_audio_buffer.append.audio`: strict base64 of whole PCM16 samples. */
export function decodeAudio(base64: string, param: string): Uint8Array | ApiError {
  if (base64.length % 4 !== 0 || !BASE64.test(base64))
    return invalidRequest(
      'invalid_value',
      `Invalid '${param}': expected base64-encoded audio.`,
      param
    )
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'))
  if (bytes.byteLength === 0)
    return invalidRequest('invalid_value', `Invalid '${param}': the audio is empty.`, param)
  if (bytes.byteLength % PCM_BYTES_PER_SAMPLE !== 0)
    return invalidRequest(
      'invalid_value',
      `Invalid '${param}': ${bytes.byteLength} bytes is not a whole number of PCM16 samples.`,
      param
    )
  return bytes
}

export class InputAudioBuffer {
  // Chunks, not one growing array: a long session appends thousands of 20 ms chunks.
  private chunks: Uint8Array[] = []
  private length = 0
  /** Timeline position (ms since the session's first appended sample) of the first byte. */
  private startMs = 0

  get durationMs(): number {
    return pcmBytesToMs(this.length)
  }

  get byteLength(): number {
    return this.length
  }

  get timelineStartMs(): number {
    return this.startMs
  }

  append(chunk: Uint8Array): void {
    this.chunks.push(chunk)
    this.length += chunk.byteLength
  }

  /** Empties the buffer; the timeline moves on past the dropped audio. */
  clear(): Uint8Array {
    return this.takeUntil(this.startMs + this.durationMs)
  }

  /** Drops audio before timeline `startMs`, then removes and returns audio up to `endMs`. */
  takeRange(startMs: number, endMs: number): Uint8Array {
    this.takeUntil(startMs)
    return this.takeUntil(endMs)
  }

  /** Forgets audio before timeline `timelineMs` (silence the VAD will never commit). */
  dropBefore(timelineMs: number): void {
    this.takeUntil(timelineMs)
  }

  private takeUntil(timelineMs: number): Uint8Array {
    const cut = Math.min(this.length, Math.max(0, msToPcmBytes(timelineMs - this.startMs)))
    if (cut === 0) return new Uint8Array(0)
    const all = concatBytes(this.chunks)
    const rest = all.slice(cut)
    this.chunks = rest.byteLength > 0 ? [rest] : []
    this.length = rest.byteLength
    this.startMs += pcmBytesToMs(cut)
    return all.subarray(0, cut)
  }
}
