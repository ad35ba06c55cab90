// An energy-gate stand-in for the API's voice activity detection. It sees the input audio in
// 20 ms frames on the session's input timeline (ms since the first appended sample), like the
// API's `audio_start_ms`/`audio_end_ms`:
// - `audio_start_ms` is where speech began minus `prefix_padding_ms` ("includes the
//   prefix_padding_ms configured in the Session"),
// - `audio_end_ms` is where the silence window closed ("includes the silence duration").
import { PCM_SAMPLE_RATE, pcm16Rms } from '../../src/shared/pcm'

export const VAD_FRAME_MS = 20
const FRAME_SAMPLES = (PCM_SAMPLE_RATE * VAD_FRAME_MS) / 1000

export interface VadConfig {
  /** A frame at or above this RMS (0..1) is speech. */
  rmsThreshold: number
  silenceDurationMs: number
  prefixPaddingMs: number
}

export type VadEvent =
  | { type: 'speech_started'; audioStartMs: number; speechOnsetMs: number }
  | { type: 'speech_stopped'; audioEndMs: number }

export class EnergyVad {
  private pending = new Int16Array(0)
  /** Samples consumed into frames (or dropped by `reset`) since the session began. */
  private consumedSamples = 0
  private speaking = false
  private silenceMs = 0

  constructor(private config: VadConfig) {}

  get isSpeaking(): boolean {
    return this.speaking
  }

  /** Milliseconds of input seen so far on the session timeline. */
  get timelineMs(): number {
    return ((this.consumedSamples + this.pending.length) * 1000) / PCM_SAMPLE_RATE
  }

  configure(config: VadConfig): void {
    this.config = config
  }

  /** Feeds samples; returns the transitions they caused, in order. */
  push(samples: Int16Array): VadEvent[] {
    const all = new Int16Array(this.pending.length + samples.length)
    all.set(this.pending)
    all.set(samples, this.pending.length)
    const events: VadEvent[] = []
    let offset = 0
    for (; offset + FRAME_SAMPLES <= all.length; offset += FRAME_SAMPLES) {
      const frameStartMs = (this.consumedSamples * 1000) / PCM_SAMPLE_RATE
      this.consumedSamples += FRAME_SAMPLES
      const event = this.onFrame(
        pcm16Rms(all.subarray(offset, offset + FRAME_SAMPLES)),
        frameStartMs
      )
      if (event) events.push(event)
    }
    this.pending = all.slice(offset)
    return events
  }

  /** Back to silence (after `input_audio_buffer.clear` or a config change); time keeps running. */
  reset(): void {
    this.consumedSamples += this.pending.length
    this.pending = new Int16Array(0)
    this.speaking = false
    this.silenceMs = 0
  }

  private onFrame(rms: number, frameStartMs: number): VadEvent | null {
    const isSpeech = rms >= this.config.rmsThreshold
    if (!this.speaking) {
      if (!isSpeech) return null
      this.speaking = true
      this.silenceMs = 0
      return {
        type: 'speech_started',
        speechOnsetMs: frameStartMs,
        audioStartMs: Math.max(0, frameStartMs - this.config.prefixPaddingMs)
      }
    }
    if (isSpeech) {
      this.silenceMs = 0
      return null
    }
    this.silenceMs += VAD_FRAME_MS
    if (this.silenceMs < this.config.silenceDurationMs) return null
    this.speaking = false
    this.silenceMs = 0
    return { type: 'speech_stopped', audioEndMs: frameStartMs + VAD_FRAME_MS }
  }
}
