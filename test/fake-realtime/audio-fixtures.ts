// Audio for tests that speak to the fake: synthesized speech, silence, and the ways to send them.
import { CAPTURE_CHUNK_MS, PCM_BYTES_PER_MS, concatBytes, msToPcmBytes } from '../../src/shared/pcm'
import { pcm16ToBytes, synthesizeSpeech } from './speech-synth'

export function speechBytes(text: string): Uint8Array {
  return pcm16ToBytes(synthesizeSpeech(text))
}

export function silenceBytes(durationMs: number): Uint8Array {
  return new Uint8Array(msToPcmBytes(durationMs))
}

export function joinBytes(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts)
}

/** Splits PCM16 bytes into capture-sized chunks (20 ms, like Hark's worklet). */
export function chunked(bytes: Uint8Array, chunkMs = CAPTURE_CHUNK_MS): Uint8Array[] {
  const size = chunkMs * PCM_BYTES_PER_MS
  const chunks: Uint8Array[] = []
  for (let offset = 0; offset < bytes.byteLength; offset += size)
    chunks.push(bytes.subarray(offset, offset + size))
  return chunks
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/** An exact ArrayBuffer copy: `session.sendAudio` needs one (reference §2). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return copy.buffer
}

export function appendEvents(bytes: Uint8Array): { type: string; audio: string }[] {
  return chunked(bytes).map((chunk) => ({
    type: 'input_audio_buffer.append',
    audio: base64(chunk)
  }))
}
