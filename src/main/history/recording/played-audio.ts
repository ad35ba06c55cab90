// Hark's side of a recording is what the user heard, not what the server sent: the answer's
// audio is held as it arrives (references to the received chunks, no copy) and released to the
// timeline only as far as the page reports it played (`playback.progress`, in played frames; see
// docs/architecture.md, "Audio path"). An interrupted answer therefore ends at its last played
// sample, the same point its truncate tells the model (PlaybackAwareTransport).
import { PCM_SAMPLE_RATE } from '../../../shared/pcm'

interface HeldItem {
  /** Received chunks not yet released, oldest first; the first may be partly released. */
  chunks: Uint8Array[]
  /** Bytes of `chunks[0]` already released. */
  headOffset: number
  receivedBytes: number
  releasedBytes: number
  /** Interrupted: later audio for it is not played, and it is dropped once its end is known. */
  interrupted: boolean
}

/** Played milliseconds (fractional: the page reports frames / 24) to whole PCM16 bytes. */
export function playedBytes(playedMs: number): number {
  return Math.round((playedMs * PCM_SAMPLE_RATE) / 1000) * 2
}

export class PlayedAudio {
  readonly #items = new Map<string, HeldItem>()

  constructor(private readonly release: (pieces: Uint8Array[]) => void) {}

  /** Audio received for an item (forwarded to the page for playback). */
  received(itemId: string, pcm: Uint8Array): void {
    let item = this.#items.get(itemId)
    if (!item) {
      item = { chunks: [], headOffset: 0, receivedBytes: 0, releasedBytes: 0, interrupted: false }
      this.#items.set(itemId, item)
    }
    if (item.interrupted) return
    item.chunks.push(pcm)
    item.receivedBytes += pcm.byteLength
  }

  /**
   * The page played `playedMs` of the item. Items before it in the conversation are over (the
   * page plays them in order), so what is left of them is dropped; `final` (a flush) ends it.
   */
  played(itemId: string, playedMs: number, final = false): void {
    const item = this.#items.get(itemId)
    if (!item) return
    for (const [olderId] of this.#items) {
      if (olderId === itemId) break
      this.#items.delete(olderId)
    }
    this.#releaseTo(item, playedBytes(playedMs))
    if (final) this.#items.delete(itemId)
  }

  /** Playback stopped (Stop, a barge-in, a drop): no more of it is played. Null: every item. */
  interrupted(itemId: string | null): void {
    for (const [id, item] of this.#items)
      if (itemId === null || id === itemId) item.interrupted = true
  }

  /** The model was told the user heard `audioEndMs` of the item: that much was played. */
  truncated(itemId: string, audioEndMs: number): void {
    const item = this.#items.get(itemId)
    if (!item) return
    this.#releaseTo(item, playedBytes(audioEndMs))
    this.#items.delete(itemId)
  }

  #releaseTo(item: HeldItem, targetBytes: number): void {
    let missing = Math.min(targetBytes, item.receivedBytes) - item.releasedBytes
    if (missing <= 0) return
    const pieces: Uint8Array[] = []
    while (missing > 0 && item.chunks.length > 0) {
      const head = item.chunks[0]!
      const available = head.byteLength - item.headOffset
      const take = Math.min(available, missing)
      pieces.push(head.subarray(item.headOffset, item.headOffset + take))
      missing -= take
      item.releasedBytes += take
      if (take === available) {
        item.chunks.shift()
        item.headOffset = 0
      } else item.headOffset += take
    }
    this.release(pieces)
  }
}
