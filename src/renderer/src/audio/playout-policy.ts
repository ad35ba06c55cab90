// When the playback worklet may start (or resume) an item: as soon as the queued audio covers the
// wait for the chunks still to come. The clock is the worklet's own render clock (frames rendered,
// silence included): a delta "arrives" at the render quantum where the audio thread takes its
// message, so what is learned here already holds the main → audio-thread hop and the output
// callback's grouping of quanta, which are what decide whether a quantum finds its audio in time.
//
// The delay model: playing from clock `start`, the quantum that first needs chunk k's audio
// (at position M_k of the item) begins at start + 128·⌊M_k / 128⌋, so the chunk is in time when
//   arrival_k − 128·⌊M_k / 128⌋ − arrival_0 ≤ start − arrival_0.
// The left side is how late chunk k came against a real-time schedule anchored at the first chunk:
// at most zero for a burst (faster than real time, as the hosted API usually sends: start at
// once), about the arrival jitter plus a quantum for a real-time-paced stream. Each item starts
// with a margin learned from the items before it, raises it as its own chunks come late, and
// raises it by at least a quantum on every underrun, never lowering it mid-item. After an
// underrun the schedule is anchored anew at the chunk that ends it. The margin is capped so that
// a stall never holds audio back longer than the fixed 60 ms jitter target this replaced did.
//
// What an item starts with: the smaller of two views of the lateness learned so far. One is a
// maximum over all chunks that decays by 1 % per chunk, so recent lateness counts most; the other
// is the largest lateness of each of the last items, less the single worst of them. On a busy
// machine the decaying maximum is the lower one. On a quiet one a single late chunk (a garbage
// collection, a pause of the machine) dominated the decaying maximum for the next reply or two,
// and that was the p95 tail of "first sound, paced 20 ms chunks" in `npm run bench` (the wait
// before the first sound was the start margin to within 2 ms there); the per-item view leaves it
// out, at the price of at most one gap in a reply where it recurs. Lateness that recurs in two of
// the last items is kept by both.
//
// Whatever was learned, an item starts within DEFAULT_MAX_START_MARGIN_MS of its first chunk's
// arrival on the render clock (issue 16: first sound "with a small target, about 20 ms, for a
// paced stream"), and its first sample is rendered no later than the output callback after the
// one that took that chunk (startQuantaWithinOneCallback): the audio thread takes messages
// between callbacks, so the first sound follows the delta within one callback period of waiting
// plus one more. Three quanta is what a paced stream's own lateness needs on a quiet machine with
// callbacks of whole quanta (two quanta gave later replies of a jittery stream a gap each in the
// fake-clock tests) and costs nothing there: the third ends in the same callback. Chromium's
// 10 ms callbacks at 24 kHz (240 frames) render one quantum or two, and there a third quantum
// ended in the third callback in one start of four: 10 ms more, which was the p95 tail of
// "first sound, paced 20 ms chunks" on quiet runs (25.5–30.1 ms; a tap after the worklet saw
// 384 frames of margin take 10–30 ms). What the caps cut is the tail, where the margin carried a
// late chunk or a busy spell of earlier replies into the start of this one. If this item's chunks
// do come that late, it runs dry once, plays silence, and resumes with the whole margin it would
// have started with (and at least the lateness it has now seen, up to the 60 ms cap): a gap,
// never a lost or reordered sample, and no second gap that the learned margin would have avoided.

/** The Web Audio render quantum (frames per `process()` call). */
export const RENDER_QUANTUM_FRAMES = 128
/** The margin's cap: the old fixed jitter target, the worst case of either design. */
export const DEFAULT_MAX_MARGIN_MS = 60
/** The most an item waits before its first sample, whatever was learned (whole quanta below it:
 * three at 24 kHz, 16 ms; two on an output with 240-frame callbacks). */
export const DEFAULT_MAX_START_MARGIN_MS = 16
/** Per arrival, the decaying maximum of lateness shrinks by this factor toward the newest. */
const LATENESS_DECAY = 0.99
/** How many past items' largest lateness the start margin is also learned from. */
export const RECENT_ITEMS = 8

export interface PlayoutPolicyOptions {
  sampleRate: number
  maxMarginMs?: number
  maxStartMarginMs?: number
  /** Frames the output device asks for per callback (AudioContext.baseLatency), when known. */
  outputCallbackFrames?: number
}

/**
 * The most quanta an item may wait before its first, so that its first sample is rendered no
 * later than the output callback after the one that took its first chunk. Before each callback
 * the audio thread renders whole quanta until it holds the callback's P frames, leaving fewer
 * than one quantum over; two callbacks therefore render at least ⌊2P / 128⌋ quanta, the first of
 * them the one the chunk arrived at. With P a whole number of quanta that is no limit below the
 * start cap (256 frames: three quanta still end in the second callback); with Chromium's 10 ms
 * callbacks at 24 kHz (240 frames, one or two quanta each) a third quantum ends in the third
 * callback after the chunk in one start of four, ten more milliseconds before the first sound.
 * Callbacks of at most a quantum render each quantum in its own: no limit either.
 */
export function startQuantaWithinOneCallback(outputCallbackFrames: number | undefined): number {
  if (outputCallbackFrames === undefined || outputCallbackFrames <= RENDER_QUANTUM_FRAMES)
    return Infinity
  return Math.max(1, Math.floor((2 * outputCallbackFrames) / RENDER_QUANTUM_FRAMES) - 1)
}

export class PlayoutPolicy {
  readonly #maxMarginFrames: number
  readonly #maxStartMarginFrames: number
  /** A slowly decaying maximum of how late chunks came (frames), across items. */
  #learnedFrames = 0
  /** The largest lateness of each of the last items (frames), oldest first. */
  readonly #recentLatenessFrames: number[] = []
  /** The largest lateness of the current item so far (frames; stalls past the cap excluded). */
  #itemLatenessFrames = 0
  #itemId: string | null = null
  /** Audio of the current item queued so far. */
  #itemFrames = 0
  /** The earliest any chunk of the item came against its real-time schedule. */
  #earliestDelayFrames = 0
  /** Render clock of the chunk the start is anchored at (the item's first, or a resume). */
  #anchorFrame = 0
  #marginFrames = 0
  /** The margin learned for this item before the start cap: what a resume waits for at least. */
  #learnedStartFrames = 0
  /** The item ran dry: its next chunk anchors the resume, with a raised margin. */
  #underrun = false

  constructor(options: PlayoutPolicyOptions) {
    const maxMarginMs = options.maxMarginMs ?? DEFAULT_MAX_MARGIN_MS
    this.#maxMarginFrames = Math.round((maxMarginMs * options.sampleRate) / 1000)
    const maxStartMs = options.maxStartMarginMs ?? DEFAULT_MAX_START_MARGIN_MS
    // Playback starts on a quantum boundary: a cap between two boundaries means the lower one.
    const startFrames = Math.round((maxStartMs * options.sampleRate) / 1000)
    const startQuanta = Math.min(
      Math.floor(startFrames / RENDER_QUANTUM_FRAMES),
      startQuantaWithinOneCallback(options.outputCallbackFrames)
    )
    this.#maxStartMarginFrames = Math.min(
      this.#maxMarginFrames,
      startQuanta * RENDER_QUANTUM_FRAMES
    )
  }

  /** How long after the anchor playback may start (frames); only raised within an item. */
  get marginFrames(): number {
    return this.#marginFrames
  }

  /** A non-empty chunk of `itemId` reached the worklet at render clock `nowFrame`. */
  onArrival(itemId: string, frames: number, nowFrame: number): void {
    // When this chunk came against the item's schedule: its arrival minus the start of the
    // quantum that first needs it, were the item playing from clock 0.
    const delayFrames =
      nowFrame - Math.floor(this.#itemFrames / RENDER_QUANTUM_FRAMES) * RENDER_QUANTUM_FRAMES
    if (itemId !== this.#itemId) {
      // Between items lies the user's turn, not jitter: a new schedule, the learned margin.
      if (this.#itemId !== null) this.#remember(this.#itemLatenessFrames)
      this.#itemId = itemId
      this.#itemFrames = 0
      this.#itemLatenessFrames = 0
      this.#earliestDelayFrames = nowFrame
      this.#learnedStartFrames = this.#cap(this.#roundUp(this.#startLatenessFrames()))
      this.#marginFrames = Math.min(this.#maxStartMarginFrames, this.#learnedStartFrames)
      this.#underrun = false
      this.#anchorFrame = nowFrame
    } else {
      const latenessFrames = Math.max(0, delayFrames - this.#earliestDelayFrames)
      this.#earliestDelayFrames = Math.min(this.#earliestDelayFrames, delayFrames)
      // A stall beyond the cap is an outage, not jitter: it raises this item's margin only.
      if (latenessFrames <= this.#maxMarginFrames) {
        this.#learnedFrames = Math.max(latenessFrames, this.#learnedFrames * LATENESS_DECAY)
        this.#itemLatenessFrames = Math.max(this.#itemLatenessFrames, latenessFrames)
      }
      let margin = Math.max(this.#marginFrames, this.#roundUp(latenessFrames))
      if (this.#underrun) {
        this.#underrun = false
        margin = Math.max(
          margin,
          this.#marginFrames + RENDER_QUANTUM_FRAMES,
          this.#learnedStartFrames
        )
        this.#anchorFrame = nowFrame
      }
      this.#marginFrames = this.#cap(margin)
    }
    this.#itemFrames += frames
  }

  /** The item's audio ran out before its next chunk came. */
  onUnderrun(): void {
    this.#underrun = true
  }

  /**
   * Whether playback may start at render clock `nowFrame`: a full quantum is queued and the
   * margin has passed since the anchor, so the chunks still to come are expected in time.
   */
  mayStart(bufferedFrames: number, nowFrame: number): boolean {
    return (
      bufferedFrames >= RENDER_QUANTUM_FRAMES && nowFrame >= this.#anchorFrame + this.#marginFrames
    )
  }

  #remember(latenessFrames: number): void {
    this.#recentLatenessFrames.push(latenessFrames)
    if (this.#recentLatenessFrames.length > RECENT_ITEMS) this.#recentLatenessFrames.shift()
  }

  /** The lower of the decaying maximum and the recent items' worst but one (see the top). */
  #startLatenessFrames(): number {
    const sorted = [...this.#recentLatenessFrames].sort((a, b) => a - b)
    const recent = sorted.length < 2 ? (sorted[0] ?? 0) : (sorted[sorted.length - 2] ?? 0)
    return Math.min(this.#learnedFrames, recent)
  }

  #roundUp(frames: number): number {
    return Math.ceil(frames / RENDER_QUANTUM_FRAMES) * RENDER_QUANTUM_FRAMES
  }

  #cap(frames: number): number {
    return Math.min(this.#maxMarginFrames, frames)
  }
}
