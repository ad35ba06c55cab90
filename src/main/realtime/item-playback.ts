// What the renderer has played of each assistant audio item, for the truncate after an
// interruption. One response may hold several message items (a spoken preamble, then the
// answer: reference §1, "Several output items per response"), and their audio reaches main far
// faster than it is played, so "the item whose audio arrived last" is not the item being heard.
// Items are played in arrival order (playback-core.ts), so the item being heard is the newest
// one the renderer has reported any played audio of.
import { pcmBytesToMs } from '../../shared/pcm'

export interface TrackedItem {
  responseId: string
  itemId: string
  contentIndex: number
  /** Audio forwarded to the renderer for the item. */
  generatedMs: number
  /** `response.output_audio.done` arrived: nothing beyond `generatedMs` exists. */
  generationDone: boolean
  /** The renderer's last report for the item; undefined before its first. */
  playedMs: number | undefined
}

/** Items older than this many are forgotten (played long ago, or a misbehaving server). */
const MAX_TRACKED_ITEMS = 16

export class ItemPlayback {
  readonly #items: TrackedItem[] = []

  /** The item whose audio arrived last. */
  get newest(): TrackedItem | undefined {
    return this.#items.at(-1)
  }

  /** An audio delta of `itemId` (a new item is tracked from its first delta). */
  noteAudio(responseId: string, itemId: string, contentIndex: number): TrackedItem {
    let item = this.#find(itemId)
    if (item?.contentIndex !== contentIndex) {
      if (item) this.#items.splice(this.#items.indexOf(item), 1)
      item = {
        responseId,
        itemId,
        contentIndex,
        generatedMs: 0,
        generationDone: false,
        playedMs: undefined
      }
      this.#items.push(item)
      if (this.#items.length > MAX_TRACKED_ITEMS) this.#items.shift()
    }
    return item
  }

  /** Audio bytes of the item forwarded to the renderer. */
  addForwarded(itemId: string, byteLength: number): void {
    const item = this.#find(itemId)
    if (item) item.generatedMs += pcmBytesToMs(byteLength)
  }

  noteGenerationDone(itemId: string): void {
    const item = this.#find(itemId)
    if (!item) return
    item.generationDone = true
    this.#forgetIfHeard(item)
  }

  /** A renderer report; false when the item is not tracked (a late report of a forgotten item). */
  report(itemId: string, playedMs: number): boolean {
    const item = this.#find(itemId)
    if (!item) return false
    // Reports only grow (playback-core.ts counts played frames); a stale one must not go back.
    item.playedMs = Math.max(item.playedMs ?? 0, playedMs)
    this.#forgetIfHeard(item)
    return true
  }

  /**
   * The item being heard: the newest with played audio, else the oldest (the next to play,
   * nothing of it heard yet). Fully heard items are no longer tracked, so they are never it.
   * A copy: later reports do not change it.
   */
  playing(): TrackedItem | undefined {
    const heard = this.#items.findLast((item) => (item.playedMs ?? 0) > 0)
    const item = heard ?? this.#items[0]
    return item && { ...item }
  }

  clear(): void {
    this.#items.length = 0
  }

  /** A fully heard item can no longer be interrupted: the server's copy matches what was heard. */
  #forgetIfHeard(item: TrackedItem): void {
    if (item.generationDone && item.playedMs !== undefined && item.playedMs >= item.generatedMs)
      this.#items.splice(this.#items.indexOf(item), 1)
  }

  #find(itemId: string): TrackedItem | undefined {
    return this.#items.find((item) => item.itemId === itemId)
  }
}
