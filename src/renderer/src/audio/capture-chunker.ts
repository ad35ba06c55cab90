// The capture worklet's pure core (docs/architecture.md, "Audio path"): Float32 samples → clamped PCM16 in fixed-size
// chunks, sent only while talking, plus an RMS input level every few milliseconds for the meter.
// Plain TypeScript so it runs under vitest; the worklet only feeds it render quanta.

export interface CaptureChunkerOptions {
  /** Samples per chunk: 480 at 24 kHz is 20 ms. */
  chunkSamples: number
  /** Samples per level report: 1200 at 24 kHz is 50 ms. */
  levelWindowSamples: number
  /** A finished chunk. The chunker keeps no reference, so the caller may transfer the buffer. */
  onChunk(buffer: ArrayBuffer): void
  onLevel(rms: number): void
}

export class CaptureChunker {
  readonly #options: CaptureChunkerOptions
  #chunk: Int16Array<ArrayBuffer>
  #filled = 0
  #talking = false
  #levelSumSquares = 0
  #levelSamples = 0

  constructor(options: CaptureChunkerOptions) {
    this.#options = options
    this.#chunk = new Int16Array(options.chunkSamples)
  }

  get talking(): boolean {
    return this.#talking
  }

  /** Begin a turn: chunks flow from the next sample on. */
  startTalking(): void {
    this.#talking = true
  }

  /**
   * End a turn. The partial chunk (under 20 ms, after the last full one) is dropped: the page
   * commits the turn the moment the key goes up, without waiting for a reply from this thread
   * (docs/architecture.md, "Budgets", key up → commit ≤ 5 ms), so anything sent later would land after the commit.
   */
  stopTalking(): void {
    this.#talking = false
    this.#filled = 0
  }

  /**
   * End a turn keeping every sample captured so far: the partial chunk goes out as a short one.
   * For a key-up main saw itself (the global hotkey): main commits on the marker that follows,
   * so these samples land before the commit (src/main/app/talk-relay.ts).
   */
  finishTalking(): void {
    if (this.#talking && this.#filled > 0) {
      const partial = this.#chunk.slice(0, this.#filled)
      this.#options.onChunk(partial.buffer)
    }
    this.stopTalking()
  }

  /** One render quantum (or any run) of mono Float32 samples. */
  push(samples: Float32Array): void {
    const { chunkSamples, levelWindowSamples } = this.#options
    for (let i = 0; i < samples.length; i++) {
      const raw = samples[i] ?? 0
      const s = raw > 1 ? 1 : raw < -1 ? -1 : raw
      this.#levelSumSquares += s * s
      if (++this.#levelSamples === levelWindowSamples) {
        this.#options.onLevel(Math.sqrt(this.#levelSumSquares / levelWindowSamples))
        this.#levelSumSquares = 0
        this.#levelSamples = 0
      }
      if (!this.#talking) continue
      this.#chunk[this.#filled++] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff)
      if (this.#filled === chunkSamples) {
        const full = this.#chunk
        // A fresh buffer at the chunk boundary: the full one is transferred away (detached).
        this.#chunk = new Int16Array(chunkSamples)
        this.#filled = 0
        this.#options.onChunk(full.buffer)
      }
    }
  }
}
