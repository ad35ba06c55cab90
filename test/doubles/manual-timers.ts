// A clock that only moves when a test says so, for code that takes its timers as an argument
// (e.g. the transport's truncation hold). `active` counts timers set and not yet fired or cleared.
export class ManualTimers {
  #now = 0
  #nextId = 1
  readonly #timers = new Map<number, { at: number; callback: () => void }>()

  get now(): number {
    return this.#now
  }

  get active(): number {
    return this.#timers.size
  }

  set = (callback: () => void, ms: number): unknown => {
    const id = this.#nextId++
    this.#timers.set(id, { at: this.#now + ms, callback })
    return id
  }

  clear = (handle: unknown): void => {
    if (typeof handle === 'number') this.#timers.delete(handle)
  }

  /** Move the clock forward, firing due timers in time order (ties in the order they were set). */
  advance(ms: number): void {
    const target = this.#now + ms
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined
      for (const entry of this.#timers)
        if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry
      if (!due) break
      this.#timers.delete(due[0])
      this.#now = due[1].at
      due[1].callback()
    }
    this.#now = target
  }
}
