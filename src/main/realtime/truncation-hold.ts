// The truncate of an interrupt that main learns of before the renderer (the server VAD's
// `speech_started`, an output guardrail), held until the renderer's final played position
// arrives.
//
// Why hold: the renderer reports the played position every ~50 ms of audio, and reports the
// exact final one when it flushes. For Stop and push-to-talk the renderer flushes first and only
// then tells main, so the last report is already exact. For `speech_started` main interrupts
// first: truncating with the last periodic report lands up to one report interval (plus the
// flush's round trip) behind what was heard, while the budget allows one render quantum (docs/architecture.md, "Budgets").
//
// Which report is the final one. The flush reply (playback-worklet.ts, reason 'flush') reaches
// main as `playback.progress` {itemId, playedMs, final: true}; periodic and drain reports are not.
// What ordering does guarantee: the worklet port, the renderer's main thread and the IPC channel
// are each FIFO, and once flushed an item is never reported again (playback-core.ts drops its
// late audio and clears its dirty flag), so the flush reply is the LAST report for the item and
// every report is ≥ the previous one. What ordering does NOT guarantee: that the first report
// after the interrupt is the flush reply. A periodic tick the worklet posted before it saw the
// flush can still be in flight when main interrupts (main → renderer → worklet takes a few ms),
// and it arrives first. Hence, for an unmarked report: keep the highest position and send once no
// further report for the item arrived for `settleMs` (the flush reply follows such a tick within
// one round trip), or at `timeoutMs` after the interrupt at the latest. A report marked `final`
// (the flush reply) is sent at once: the quiet period only covers a renderer that does not mark.
import type { TruncationDecision } from './truncation'
import { decideTruncation } from './truncation'

/** The interrupted item as it stood at the interrupt. */
export interface HeldItem {
  itemId: string
  contentIndex: number
  /** Audio forwarded to the renderer for the item (the SDK's `_audioLengthMs` at the interrupt). */
  generatedMs: number
  /** `response.output_audio.done` had arrived: nothing beyond `generatedMs` exists. */
  generationDone: boolean
  /** The renderer's last report for the item before the interrupt. */
  playedMs: number | undefined
}

/** What a held item resolved to: sent once, at most, per hold. */
export interface HeldOutcome {
  item: HeldItem
  decision: TruncationDecision
  /** What settled it. */
  cause: 'final_report' | 'settled' | 'timeout' | 'superseded'
}

export interface HoldTimers {
  set: (callback: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
}

export interface TruncationHoldOptions {
  /** Sends the `conversation.item.truncate` (only called when the decision is to truncate). */
  onResolved: (outcome: HeldOutcome) => void
  /** The longest a truncate waits for the renderer after the interrupt. */
  timeoutMs?: number
  /** How long after an unmarked report a later one may still come (see the header). */
  settleMs?: number
  timers?: HoldTimers
}

export const DEFAULT_HOLD_TIMEOUT_MS = 150
export const DEFAULT_HOLD_SETTLE_MS = 40

const realTimers: HoldTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

interface Held {
  item: HeldItem
  /** Audio of the item arrived after the interrupt (dropped, never played): the server holds
   * more than generatedMs. */
  moreAudio: boolean
  deadline: unknown
  settle: unknown
}

export class TruncationHold {
  readonly #onResolved: (outcome: HeldOutcome) => void
  readonly #timeoutMs: number
  readonly #settleMs: number
  readonly #timers: HoldTimers
  #held: Held | undefined

  constructor(options: TruncationHoldOptions) {
    this.#onResolved = options.onResolved
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_HOLD_TIMEOUT_MS
    this.#settleMs = options.settleMs ?? DEFAULT_HOLD_SETTLE_MS
    this.#timers = options.timers ?? realTimers
  }

  /** The item whose truncate is held, if any. */
  get itemId(): string | undefined {
    return this.#held?.item.itemId
  }

  /**
   * Hold the truncate of an interrupted item. An item already fully heard needs no report: it
   * resolves at once (to no truncate). One held at a time: an earlier one is resolved first.
   */
  hold(item: HeldItem): void {
    this.resolveNow()
    const decision = decideTruncation(item)
    if (!decision.truncate && decision.reason === 'fully_heard') {
      // Reports only grow, so no later report can change this.
      this.#onResolved({ item, decision, cause: 'final_report' })
      return
    }
    const held: Held = {
      item: { ...item },
      moreAudio: false,
      deadline: undefined,
      settle: undefined
    }
    held.deadline = this.#timers.set(() => this.#resolve(held, 'timeout'), this.#timeoutMs)
    this.#held = held
  }

  /**
   * A renderer report. Returns false when it is not for the held item (the caller then treats it
   * as a report for the current item, or ignores it).
   */
  report(itemId: string, playedMs: number, final = false): boolean {
    const held = this.#held
    if (held?.item.itemId !== itemId) return false
    // Reports of an item only grow (FIFO channel, counter of played frames); max() keeps a
    // stale duplicate from moving the position back.
    held.item.playedMs = Math.max(held.item.playedMs ?? 0, playedMs)
    if (final) {
      this.#resolve(held, 'final_report')
      return true
    }
    if (held.settle !== undefined) this.#timers.clear(held.settle)
    held.settle = this.#timers.set(() => this.#resolve(held, 'settled'), this.#settleMs)
    return true
  }

  /** An audio delta of the held item arrived after the interrupt (and was dropped). */
  noteLateAudio(itemId: string): void {
    if (this.#held?.item.itemId === itemId) this.#held.moreAudio = true
  }

  /** `response.output_audio.done` of the held item: if nothing arrived after the interrupt, the
   * renderer had the whole item. */
  noteGenerationDone(itemId: string): void {
    const held = this.#held
    if (held?.item.itemId === itemId && !held.moreAudio) held.item.generationDone = true
  }

  /**
   * Send what is held now, with the best known position: the conversation moves on (a new
   * response, a new item, a request for one) and the truncate must come before it.
   */
  resolveNow(): void {
    if (this.#held) this.#resolve(this.#held, 'superseded')
  }

  /** Drop what is held without sending: its connection is gone (the item died with it). */
  cancel(): void {
    const held = this.#held
    if (!held) return
    this.#clearTimers(held)
    this.#held = undefined
  }

  #resolve(held: Held, cause: HeldOutcome['cause']): void {
    if (this.#held !== held) return
    this.#clearTimers(held)
    this.#held = undefined
    const item = { ...held.item, generationDone: held.item.generationDone && !held.moreAudio }
    this.#onResolved({ item, decision: decideTruncation(item), cause })
  }

  #clearTimers(held: Held): void {
    this.#timers.clear(held.deadline)
    if (held.settle !== undefined) this.#timers.clear(held.settle)
    held.deadline = undefined
    held.settle = undefined
  }
}
