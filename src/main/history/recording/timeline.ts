// Places the two sides of a conversation on one timeline and writes them as interleaved stereo
// frames in time order (docs/architecture.md, "Recordings"). Each side is a run of mono PCM16
// pieces, each placed where it ended "now" on the conversation's clock, but never over the same
// side's previous piece: a piece that arrives within the burst tolerance of the previous one
// continues it sample for sample (so the bytes of a burst stay exactly as sent or played, whatever
// the IPC jitter), a later one starts after a silence. Frames older than the look-ahead window
// are final and written; the window is what lets a side whose audio is known late (playback
// reports lag the sound by up to one report interval) still land at its time. Final frames go
// out in blocks of at least 500 ms through one reused buffer: a write(2) per 100 ms and a fresh
// block each time were most of the recording's cost per audio event (README "Speed").
import { PCM_SAMPLE_RATE } from '../../../shared/pcm'
import { FRAME_BYTES } from './wav-stream'

export const LEFT = 0
export const RIGHT = 1
export type Side = typeof LEFT | typeof RIGHT

export interface TimelineOptions {
  /** Milliseconds on a monotonic clock. */
  now: () => number
  /**
   * Receives whole interleaved stereo frames in time order; throws on a failed write. The view
   * is valid only during the call (its buffer is reused for the next block): write or copy it.
   */
  write: (frames: Uint8Array) => void
  /** How far behind "now" frames stay open for late pieces (1 s). */
  lookAheadMs?: number
  /** A piece starting this close after its side's previous piece continues it (250 ms). */
  burstToleranceMs?: number
  /** A pause where neither side spoke is kept at most this long (10 s). */
  maxSilenceMs?: number
  /**
   * Frames are written in blocks of at least this much audio (500 ms). A kill -9 loses what is
   * not yet written: at most the look-ahead window plus one block (README "Recordings").
   */
  minBlockMs?: number
}

interface Piece {
  startFrame: number
  pcm: Uint8Array
}

const framesOf = (ms: number): number => Math.round((ms * PCM_SAMPLE_RATE) / 1000)

/**
 * Each write(2) costs about 7 µs of syscall besides copying its bytes (measured on the bench
 * VM, 2026-12-01): at 100 ms blocks that was half of the per-event cost. 500 ms cuts the calls
 * five-fold and keeps the crash loss (look-ahead + one block) at about 1.5 s.
 */
const MIN_BLOCK_MS = 500

export class RecordingTimeline {
  readonly #now: () => number
  readonly #write: (frames: Uint8Array) => void
  readonly #lookAheadFrames: number
  readonly #toleranceMs: number
  readonly #maxSilenceFrames: number
  readonly #minBlockFrames: number
  #originMs: number | null = null
  /** Timeline frames cut out of long silences. */
  #skippedFrames = 0
  #writtenFrames = 0
  /** The end of the latest placed piece, either side. */
  #contentEndFrame = 0
  readonly #pending: [Piece[], Piece[]] = [[], []]
  readonly #cursor: [number, number] = [0, 0]
  readonly #lastArrivalMs: [number | null, number | null] = [null, null]
  /** The block buffer, reused from one write to the next (grown when a block needs more). */
  #block = new Uint8Array(0)

  constructor(options: TimelineOptions) {
    this.#now = options.now
    this.#write = options.write
    this.#lookAheadFrames = framesOf(options.lookAheadMs ?? 1000)
    this.#toleranceMs = options.burstToleranceMs ?? 250
    this.#maxSilenceFrames = framesOf(options.maxSilenceMs ?? 10_000)
    this.#minBlockFrames = framesOf(options.minBlockMs ?? MIN_BLOCK_MS)
  }

  get writtenFrames(): number {
    return this.#writtenFrames
  }

  /**
   * Pieces of one side that ended now, in order (held by reference, not copied). Writes the
   * frames that became final; throws when that write fails.
   */
  add(side: Side, pieces: readonly Uint8Array[]): void {
    let samples = 0
    for (const pcm of pieces) samples += pcm.byteLength >> 1
    if (samples === 0) return
    const nowMs = this.#now()
    // The timeline begins where the first piece began.
    this.#originMs ??= nowMs - (samples * 1000) / PCM_SAMPLE_RATE
    let start = this.#frameAt(nowMs) - samples
    const cursor = this.#cursor[side]
    const last = this.#lastArrivalMs[side]
    this.#lastArrivalMs[side] = nowMs
    // A piece arriving soon after the side's previous one continues it, wherever the clock says
    // it ended: IPC jitter and a sender a little slower than real time must not cut a burst.
    if (last !== null && nowMs - last <= this.#toleranceMs) start = cursor
    else start = this.#capSilence(start)
    start = Math.max(start, cursor, this.#writtenFrames)
    for (const pcm of pieces) {
      if (pcm.byteLength < 2) continue
      this.#pending[side].push({ startFrame: start, pcm })
      start += pcm.byteLength >> 1
    }
    this.#cursor[side] = start
    this.#contentEndFrame = Math.max(this.#contentEndFrame, start)
    const finalFrame = Math.min(this.#frameAt(nowMs) - this.#lookAheadFrames, this.#contentEndFrame)
    if (finalFrame - this.#writtenFrames >= this.#minBlockFrames) this.#flushTo(finalFrame)
  }

  /** Writes everything placed so far (the conversation ended). */
  finish(): void {
    this.#flushTo(this.#contentEndFrame)
  }

  #frameAt(nowMs: number): number {
    return framesOf(nowMs - (this.#originMs ?? nowMs)) - this.#skippedFrames
  }

  /**
   * A piece after a long pause where neither side spoke: the pause is shortened to the cap. Only
   * later pieces move (everything placed ends at or before the content's end).
   */
  #capSilence(start: number): number {
    const latest = this.#contentEndFrame + this.#maxSilenceFrames
    if (start <= latest) return start
    this.#skippedFrames += start - latest
    return latest
  }

  #flushTo(endFrame: number): void {
    const from = this.#writtenFrames
    if (endFrame <= from) return
    const bytes = (endFrame - from) * FRAME_BYTES
    // Twice the minimum block: a block is usually just over it (the last chunk's overshoot).
    if (this.#block.byteLength < bytes)
      this.#block = new Uint8Array(Math.max(bytes, 2 * this.#minBlockFrames * FRAME_BYTES))
    const frames = this.#block.subarray(0, bytes)
    // The buffer still holds the previous block: a side silent here must write zeros.
    frames.fill(0)
    for (const side of [LEFT, RIGHT] as const) {
      const pending = this.#pending[side]
      while (pending.length > 0 && pending[0]!.startFrame < endFrame) {
        const piece = pending[0]!
        const count = Math.min(piece.pcm.byteLength >> 1, endFrame - piece.startFrame)
        interleave(frames, piece.startFrame - from, side, piece.pcm, count)
        if (count === piece.pcm.byteLength >> 1) pending.shift()
        else pending[0] = { startFrame: endFrame, pcm: piece.pcm.subarray(count * 2) }
      }
    }
    this.#write(frames)
    this.#writtenFrames = endFrame
  }
}

/**
 * Copies `samples` mono samples into one side of a stereo block. Sample by sample through 16-bit
 * views (the same byte order on both sides, so the bytes are unchanged); byte by byte only for a
 * piece at an odd offset in its buffer.
 */
function interleave(
  frames: Uint8Array,
  firstFrame: number,
  side: Side,
  pcm: Uint8Array,
  samples: number
): void {
  if ((pcm.byteOffset & 1) === 0) {
    const out = new Int16Array(frames.buffer, frames.byteOffset, frames.byteLength >> 1)
    const source = new Int16Array(pcm.buffer, pcm.byteOffset, samples)
    for (let i = 0, o = firstFrame * 2 + side; i < samples; i++, o += 2) out[o] = source[i]!
    return
  }
  for (let i = 0, o = firstFrame * FRAME_BYTES + side * 2; i < samples; i++, o += FRAME_BYTES) {
    frames[o] = pcm[2 * i]!
    frames[o + 1] = pcm[2 * i + 1]!
  }
}
