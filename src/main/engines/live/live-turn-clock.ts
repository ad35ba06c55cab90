// GPT-Live sends no "done" and no turn events (reference §2): a turn is finished once the line
// has been quiet (no captions, no audio) for a while. This is that quiet-time timer.

export interface LiveTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: LiveTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

export const DEFAULT_TURN_IDLE_MS = 1200

export class TurnIdleClock {
  readonly #timers: LiveTimers
  readonly #idleMs: number
  readonly #onQuiet: () => void
  #timer: unknown = null

  constructor(timers: LiveTimers, idleMs: number, onQuiet: () => void) {
    this.#timers = timers
    this.#idleMs = idleMs
    this.#onQuiet = onQuiet
  }

  /** Something was said or played: the quiet time starts again. */
  touch(): void {
    this.#cancel()
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null
      this.#onQuiet()
    }, this.#idleMs)
  }

  /** The session ended: finish the open turns now. */
  finishNow(): void {
    this.#cancel()
    this.#onQuiet()
  }

  #cancel(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer)
    this.#timer = null
  }
}
