// Adaptive playout on a fake clock, shared by the playout tests: the worklet's render clock, and
// the output device that decides when the audio thread renders. Every sample sent is distinct and
// ascending, so "nothing lost, nothing reordered" is checked by comparing what came out with what
// went in.
import { PlaybackCore } from './playback-core'
import { RENDER_QUANTUM_FRAMES as Q } from './playout-policy'

export const SAMPLE_RATE = 24_000
export const framesOfMs = (ms: number): number => (ms * SAMPLE_RATE) / 1000
export const msOfFrames = (frames: number): number => (frames * 1000) / SAMPLE_RATE

export interface Delta {
  atFrame: number
  itemId: string
  frames: number
  /** The item's audio is complete after this delta (response.output_audio.done). */
  last?: boolean
}

export interface ItemOutcome {
  /** Render-clock frame of the item's first sample out, minus its first delta's arrival. */
  firstSoundMs: number
  /** Runs of silence between the item's first and last sample out. */
  gaps: number
}

export interface Outcome {
  items: Map<string, ItemOutcome>
  sent: number[]
  played: number[]
}

/** Feeds deltas to a core as the audio thread would take them, and records what came out. */
class Harness {
  readonly #deltas: Delta[]
  readonly #core: PlaybackCore
  readonly #sent: number[] = []
  readonly #itemOf: string[] = []
  readonly #firstArrival = new Map<string, number>()
  readonly #out: { frame: number; value: number }[] = []
  #next = 0
  #value = 1

  constructor(deltas: Delta[], core: PlaybackCore) {
    this.#deltas = deltas
    this.#core = core
  }

  /** Render clock or wall clock (frames) past which nothing is left to play. */
  get endFrame(): number {
    return Math.max(...this.#deltas.map((d) => d.atFrame)) + framesOfMs(3000)
  }

  /** The audio thread takes every delta that arrived by `frame` (between output callbacks). */
  takeArrivals(frame: number): void {
    while (this.#next < this.#deltas.length && (this.#deltas[this.#next]?.atFrame ?? 0) <= frame) {
      const delta = this.#deltas[this.#next++]
      if (!delta) break
      const samples = new Float32Array(delta.frames)
      for (let i = 0; i < samples.length; i++) {
        samples[i] = this.#value / 2 ** 22
        this.#sent.push(samples[i] ?? 0)
        this.#itemOf.push(delta.itemId)
        this.#value++
      }
      if (!this.#firstArrival.has(delta.itemId)) this.#firstArrival.set(delta.itemId, delta.atFrame)
      this.#core.enqueue(delta.itemId, samples)
      if (delta.last) this.#core.markDone(delta.itemId)
    }
  }

  /** One render quantum; its samples are stamped `atFrame` plus their index in it when `spread`. */
  render(atFrame: number, spread: boolean): void {
    const quantum = new Float32Array(Q)
    this.#core.render(quantum)
    quantum.forEach((value, i) => this.#out.push({ frame: atFrame + (spread ? i : 0), value }))
  }

  outcome(): Outcome {
    const out = this.#out
    const played = out.filter((s) => s.value !== 0).map((s) => s.value)
    const items = new Map<string, ItemOutcome>()
    const indexOfValue = new Map(this.#sent.map((v, i) => [v, i]))
    const span = new Map<string, { first: number; last: number }>()
    out.forEach((s, position) => {
      const index = indexOfValue.get(s.value)
      const itemId = index === undefined ? undefined : this.#itemOf[index]
      if (itemId === undefined) return
      const known = span.get(itemId)
      if (known) known.last = position
      else span.set(itemId, { first: position, last: position })
    })
    for (const [itemId, arrivedAt] of this.#firstArrival) {
      const { first, last } = span.get(itemId) ?? { first: 0, last: 0 }
      let gaps = 0
      for (let p = first + 1; p <= last; p++)
        if (out[p]?.value === 0 && out[p - 1]?.value !== 0) gaps++
      items.set(itemId, { firstSoundMs: msOfFrames((out[first]?.frame ?? 0) - arrivedAt), gaps })
    }
    return { items, sent: this.#sent, played }
  }
}

/**
 * Feeds `deltas` to a core and renders quanta until all are played. The audio thread takes
 * messages only between output callbacks of `callbackQuanta` quanta (the output device's period).
 * Times are the render clock: an item's first sound is its first sample's frame.
 */
export function simulate(deltas: Delta[], callbackQuanta = 1, core = newCore()): Outcome {
  const harness = new Harness(deltas, core)
  for (let clock = 0; clock < harness.endFrame; clock += Q) {
    if ((clock / Q) % callbackQuanta === 0) harness.takeArrivals(clock)
    harness.render(clock, true)
  }
  return harness.outcome()
}

/**
 * The same on an output device whose period is `callbackFrames` of wall-clock time, as Chromium
 * drives it: before each callback the audio thread renders whole quanta until it holds the
 * callback's frames, so with a period that is not a whole number of quanta (240 frames: 10 ms at
 * 24 kHz) a callback renders one quantum or two. Times are the wall clock: an item's first sound
 * is the callback that rendered its first sample, as a tap after the worklet sees it.
 */
export function simulateOutput(
  deltas: Delta[],
  callbackFrames: number,
  core = newCore(callbackFrames)
): Outcome {
  const harness = new Harness(deltas, core)
  let heldFrames = 0
  for (let wall = 0; wall < harness.endFrame; wall += callbackFrames) {
    harness.takeArrivals(wall)
    for (; heldFrames < callbackFrames; heldFrames += Q) harness.render(wall, false)
    heldFrames -= callbackFrames
  }
  return harness.outcome()
}

export function newCore(outputCallbackFrames?: number): PlaybackCore {
  return new PlaybackCore({
    sampleRate: SAMPLE_RATE,
    reportIntervalMs: 50,
    ...(outputCallbackFrames !== undefined ? { outputCallbackFrames } : {})
  })
}

/** A reply of `count` chunks of `chunkMs`, the k-th arriving at start + k·intervalMs + delay. */
export function reply(
  itemId: string,
  startMs: number,
  count: number,
  chunkMs: number,
  intervalMs: number,
  delayMs: (k: number) => number = () => 0
): Delta[] {
  const deltas: Delta[] = []
  let previous = 0
  for (let k = 0; k < count; k++) {
    // Deltas keep their order on one socket: a late one holds back the ones behind it.
    const atFrame = Math.max(previous, framesOfMs(startMs + k * intervalMs + delayMs(k)))
    previous = atFrame
    deltas.push({ atFrame, itemId, frames: framesOfMs(chunkMs), last: k === count - 1 })
  }
  return deltas
}

/** Deterministic jitter in [0, maxMs). */
export const jitter = (maxMs: number, seed: number) => (k: number) =>
  (((k + 1) * 7919 * seed) % 1000) * (maxMs / 1000)

export const replies = (
  makeOne: (itemId: string, startMs: number) => Delta[],
  count: number
): Delta[] => Array.from({ length: count }, (_, i) => makeOne(`item_${i}`, 500 + i * 1500)).flat()
