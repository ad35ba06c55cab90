// PCM16 facts Hark relies on. The Realtime API's default input and output format is
// `{type:'audio/pcm', rate:24000}`: 16-bit little-endian mono at 24 kHz, i.e. 48 bytes per ms
// (reference/agents-realtime-sdk.md §4, "Audio format").

export const PCM_SAMPLE_RATE = 24_000
export const PCM_BYTES_PER_SAMPLE = 2
export const PCM_BYTES_PER_MS = (PCM_SAMPLE_RATE * PCM_BYTES_PER_SAMPLE) / 1000 // 48

/** The capture worklet sends 20 ms chunks (480 samples, 960 bytes). */
export const CAPTURE_CHUNK_MS = 20
export const CAPTURE_CHUNK_SAMPLES = (PCM_SAMPLE_RATE * CAPTURE_CHUNK_MS) / 1000

/**
 * Largest chunk the core accepts in one append: 1 s of audio. The window sends 20 ms chunks and
 * the CLI sends 100 ms ones; anything bigger is a bug or an abuse of the IPC channel.
 */
export const MAX_APPEND_BYTES = PCM_SAMPLE_RATE * PCM_BYTES_PER_SAMPLE

export function pcmBytesToMs(byteLength: number, sampleRate = PCM_SAMPLE_RATE): number {
  return (byteLength / PCM_BYTES_PER_SAMPLE / sampleRate) * 1000
}

export function msToPcmBytes(durationMs: number, sampleRate = PCM_SAMPLE_RATE): number {
  return Math.round((durationMs * sampleRate) / 1000) * PCM_BYTES_PER_SAMPLE
}

/**
 * What the IPC contract's `audio.append` schema accepts (ipc.ts `pcmBytes`: a Uint8Array, even and
 * non-zero, at most MAX_APPEND_BYTES), as one plain check: the microphone's chunks arrive 50 times
 * a second, and main's CPU budget is 2 % of a core (docs/architecture.md, "Budgets").
 */
export function isPcmChunk(value: unknown): value is Uint8Array<ArrayBuffer> {
  // pcmChunkProblem builds no sentence for a good chunk: three comparisons.
  return value instanceof Uint8Array && pcmChunkProblem(value.byteLength) === null
}

/** Why a chunk cannot be appended, or null when it can. */
export function pcmChunkProblem(byteLength: number, maxBytes = MAX_APPEND_BYTES): string | null {
  if (byteLength === 0) return 'The audio chunk is empty.'
  if (byteLength % PCM_BYTES_PER_SAMPLE !== 0)
    return `The audio chunk has ${byteLength} bytes; PCM16 needs an even number.`
  if (byteLength > maxBytes)
    return `The audio chunk has ${byteLength} bytes; the limit is ${maxBytes} (${pcmBytesToMs(maxBytes)} ms).`
  return null
}

/** Float samples in [-1, 1] to PCM16, clamping anything outside. */
export function floatToPcm16(
  samples: Float32Array,
  out = new Int16Array(samples.length)
): Int16Array {
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0))
    out[i] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff)
  }
  return out
}

export function pcm16ToFloat(
  samples: Int16Array,
  out = new Float32Array(samples.length)
): Float32Array {
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0
    out[i] = s < 0 ? s / 0x8000 : s / 0x7fff
  }
  return out
}

/** View little-endian PCM16 bytes as samples without copying when aligned. */
export function bytesAsPcm16(bytes: Uint8Array): Int16Array {
  if (bytes.byteOffset % 2 === 0)
    return new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 2))
  return new Int16Array(bytes.slice().buffer, 0, Math.floor(bytes.byteLength / 2))
}

/** Root-mean-square level of PCM16 samples, 0..1. */
export function pcm16Rms(samples: Int16Array): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (const s of samples) sum += (s / 0x8000) ** 2
  return Math.sqrt(sum / samples.length)
}

/** Concatenate byte chunks in order (audio arrives in deltas; files and checks want one run). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
