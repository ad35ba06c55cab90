// Hands-free on speakers where the echo check heard Hark (echo-detector.ts): while Hark speaks,
// and for the echo's delay after, the microphone is ignored unless the user is clearly louder
// than the echo could be. Otherwise the server's voice activity detection would hear Hark's own
// answer as the user barging in and cut it off (reference/realtime-2026-11.md, "Echo").
// Pure: chunks, playback and time are handed in, so every case is unit-tested.
import { bytesAsPcm16, pcm16Rms } from '../../../../shared/pcm'

/** "Clearly louder": the user's level must beat the loudest possible echo by this much. */
export const CLEARLY_LOUDER_DB = 10
/** Room reverberation after the direct echo: the gate stays closed this long past the delay. */
export const ECHO_TAIL_MS = 250

export interface EchoGateSettings {
  /** From the stored echo check; false (or no check) leaves the microphone alone. */
  echoDetected: boolean
  /** The echo's level relative to the playback (dB, ≤ 0 in practice). */
  echoLevelDb: number
  /** The echo's delay (ms): how long after the playback stops the echo still arrives. */
  echoDelayMs: number
  /** The gate applies in hands-free mode only: push-to-talk is the user's own choice to speak. */
  handsFree: boolean
}

/** RMS of a PCM16 chunk, 0…1. */
const chunkRms = (bytes: Uint8Array): number => pcm16Rms(bytesAsPcm16(bytes))

export class EchoGate {
  readonly #now: () => number
  #settings: EchoGateSettings = {
    echoDetected: false,
    echoLevelDb: 0,
    echoDelayMs: 0,
    handsFree: false
  }
  /** The loudest chunk of the answer now playing; what the echo could be at most. */
  #loudestPlaybackRms = 0
  #playing = false
  /** When the playback went idle; the echo tail lasts from here. */
  #stoppedAt = Number.NEGATIVE_INFINITY

  constructor(now: () => number) {
    this.#now = now
  }

  configure(settings: EchoGateSettings): void {
    this.#settings = settings
  }

  /** Audio Hark is about to play (audio.delta). */
  onPlayback(pcm: Uint8Array): void {
    this.#loudestPlaybackRms = Math.max(this.#loudestPlaybackRms, chunkRms(pcm))
  }

  /** The playback worklet's state: playing until it goes idle (drained or flushed). */
  onPlaybackState(playing: boolean): void {
    if (this.#playing && !playing) this.#stoppedAt = this.#now()
    this.#playing = playing
  }

  #echoPossible(): boolean {
    const { echoDetected, echoDelayMs, handsFree } = this.#settings
    if (!echoDetected || !handsFree) return false
    if (this.#playing) return true
    const inTail = this.#now() - this.#stoppedAt < echoDelayMs + ECHO_TAIL_MS
    if (!inTail) this.#loudestPlaybackRms = 0
    return inTail
  }

  /** Whether this microphone chunk goes to the server. */
  admits(chunk: Uint8Array): boolean {
    if (!this.#echoPossible() || this.#loudestPlaybackRms === 0) return true
    const loudestEchoRms = this.#loudestPlaybackRms * 10 ** (this.#settings.echoLevelDb / 20)
    return chunkRms(chunk) >= loudestEchoRms * 10 ** (CLEARLY_LOUDER_DB / 20)
  }
}
