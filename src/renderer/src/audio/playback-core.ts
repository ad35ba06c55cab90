// The playback engine's pure part: adaptive playout (playout-policy.ts), per-item frame
// accounting, flush. The worklet wraps it; tests drive it directly, one render quantum at a time,
// which is also its clock.
import { FloatRingBuffer } from './ring-buffer'
import { PlayoutPolicy } from './playout-policy'
import type { PlaybackState, PlayedFrames } from './playback-protocol'

export interface PlaybackCoreOptions {
  sampleRate: number
  /** The most the playout margin may grow to, after underruns (playout-policy.ts). */
  maxMarginMs?: number
  /** Frames the output device asks for per callback, when known (playout-policy.ts). */
  outputCallbackFrames?: number
  /** How often, in played audio, a 'tick' progress report is due. */
  reportIntervalMs: number
  initialCapacityFrames?: number
}

export const DEFAULT_REPORT_INTERVAL_MS = 50
/** How many flushed item ids are remembered to drop their late deltas. */
const MAX_FLUSHED_ITEMS = 64

interface Segment {
  itemId: string
  frames: number
}

export interface RenderResult {
  /** Frames of real audio written (the rest of the quantum is silence). */
  renderedFrames: number
  /** Progress due now: periodic ('tick') or because the buffer ran dry ('drain'). */
  report: { reason: 'tick' | 'drain'; reports: PlayedFrames[] } | null
  stateChanged: boolean
}

export class PlaybackCore {
  readonly #buffer: FloatRingBuffer
  readonly #segments: Segment[] = []
  readonly #playedFrames = new Map<string, number>()
  readonly #doneItems = new Set<string>()
  readonly #flushedItems: string[] = []
  readonly #policy: PlayoutPolicy
  /** The render clock: every frame rendered, silence included. */
  #clockFrames = 0
  readonly #reportIntervalFrames: number
  #state: PlaybackState = 'idle'
  #framesSinceReport = 0
  #dirtyItems = new Set<string>()
  #totalPlayedFrames = 0
  /** The item whose audio played last: an underrun of an unfinished item is not the end. */
  #lastPlayedItemId: string | null = null

  constructor(options: PlaybackCoreOptions) {
    this.#buffer = new FloatRingBuffer(options.initialCapacityFrames ?? options.sampleRate * 10)
    this.#policy = new PlayoutPolicy({
      sampleRate: options.sampleRate,
      ...(options.maxMarginMs !== undefined ? { maxMarginMs: options.maxMarginMs } : {}),
      ...(options.outputCallbackFrames !== undefined
        ? { outputCallbackFrames: options.outputCallbackFrames }
        : {})
    })
    this.#reportIntervalFrames = Math.max(
      1,
      Math.round((options.reportIntervalMs * options.sampleRate) / 1000)
    )
  }

  get state(): PlaybackState {
    return this.#state
  }

  get bufferedFrames(): number {
    return this.#buffer.length
  }

  get totalPlayedFrames(): number {
    return this.#totalPlayedFrames
  }

  playedFrames(itemId: string): number {
    return this.#playedFrames.get(itemId) ?? 0
  }

  /** Queue an item's audio. Returns false (and drops it) when the item was flushed. */
  enqueue(itemId: string, samples: Float32Array): boolean {
    if (this.#flushedItems.includes(itemId)) return false
    if (samples.length === 0) return true
    this.#policy.onArrival(itemId, samples.length, this.#clockFrames)
    this.#buffer.write(samples)
    const last = this.#segments[this.#segments.length - 1]
    if (last && last.itemId === itemId) last.frames += samples.length
    else this.#segments.push({ itemId, frames: samples.length })
    if (!this.#playedFrames.has(itemId)) this.#playedFrames.set(itemId, 0)
    if (this.#state === 'idle') this.#state = 'buffering'
    return true
  }

  /** The item's audio is complete: play what is buffered without waiting for more. */
  markDone(itemId: string): void {
    this.#doneItems.add(itemId)
    if (this.#doneItems.size > MAX_FLUSHED_ITEMS) {
      const oldest = this.#doneItems.values().next().value
      if (oldest !== undefined) this.#doneItems.delete(oldest)
    }
  }

  /**
   * Fill one render quantum. Starts only once the buffer covers the wait for the next chunk (or
   * every buffered item is done), counts frames per item, and reports progress on schedule and
   * on drain. An underrun plays silence and resumes with the same samples, none dropped.
   */
  render(out: Float32Array): RenderResult {
    const before = this.#state
    if (this.#state === 'buffering' && this.#readyToStart()) this.#state = 'playing'
    let rendered = 0
    if (this.#state === 'playing') {
      rendered = this.#buffer.read(out, 0, out.length)
      this.#account(rendered)
    }
    out.fill(0, rendered)
    this.#clockFrames += out.length

    let report: RenderResult['report'] = null
    if (this.#state === 'playing' && this.#buffer.length === 0) {
      const last = this.#lastPlayedItemId
      const finished = last === null || this.#doneItems.has(last)
      this.#state = finished ? 'idle' : 'buffering'
      if (!finished) this.#policy.onUnderrun()
      report = { reason: 'drain', reports: this.#takeDirty() }
      this.#framesSinceReport = 0
    } else if (this.#framesSinceReport >= this.#reportIntervalFrames && this.#dirtyItems.size > 0) {
      report = { reason: 'tick', reports: this.#takeDirty() }
      this.#framesSinceReport = 0
    }
    return { renderedFrames: rendered, report, stateChanged: before !== this.#state }
  }

  /**
   * Stop at once: empty the buffer and return the final played position of every item that was
   * queued or playing (and of `itemId`). Late audio of those items is dropped from now on.
   */
  flush(itemId: string | null): PlayedFrames[] {
    const affected = new Set<string>(this.#segments.map((segment) => segment.itemId))
    for (const id of this.#dirtyItems) affected.add(id)
    if (itemId !== null) affected.add(itemId)
    this.#buffer.clear()
    this.#segments.length = 0
    this.#dirtyItems.clear()
    this.#framesSinceReport = 0
    this.#state = 'idle'
    this.#lastPlayedItemId = null
    for (const id of affected) this.#rememberFlushed(id)
    return [...affected].map((id) => ({ itemId: id, playedFrames: this.playedFrames(id) }))
  }

  #readyToStart(): boolean {
    return this.#allBufferedDone() || this.#policy.mayStart(this.#buffer.length, this.#clockFrames)
  }

  #allBufferedDone(): boolean {
    return this.#segments.every((segment) => this.#doneItems.has(segment.itemId))
  }

  #account(frames: number): void {
    let remaining = frames
    while (remaining > 0) {
      const segment = this.#segments[0]
      if (!segment) break
      const taken = Math.min(remaining, segment.frames)
      segment.frames -= taken
      remaining -= taken
      this.#playedFrames.set(segment.itemId, this.playedFrames(segment.itemId) + taken)
      this.#lastPlayedItemId = segment.itemId
      this.#dirtyItems.add(segment.itemId)
      if (segment.frames === 0) this.#segments.shift()
    }
    this.#totalPlayedFrames += frames
    this.#framesSinceReport += frames
  }

  #takeDirty(): PlayedFrames[] {
    const reports = [...this.#dirtyItems].map((id) => ({
      itemId: id,
      playedFrames: this.playedFrames(id)
    }))
    this.#dirtyItems.clear()
    this.#forgetFinishedItems()
    return reports
  }

  /** Keep the per-item map small: items neither buffered nor recently flushed are forgotten. */
  #forgetFinishedItems(): void {
    if (this.#playedFrames.size <= MAX_FLUSHED_ITEMS) return
    const live = new Set(this.#segments.map((segment) => segment.itemId))
    for (const id of this.#playedFrames.keys()) {
      if (this.#playedFrames.size <= MAX_FLUSHED_ITEMS / 2) break
      if (!live.has(id)) this.#playedFrames.delete(id)
    }
  }

  #rememberFlushed(itemId: string): void {
    if (this.#flushedItems.includes(itemId)) return
    this.#flushedItems.push(itemId)
    if (this.#flushedItems.length > MAX_FLUSHED_ITEMS) this.#flushedItems.shift()
  }
}
